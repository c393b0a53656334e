"""Admin for compass rounds, targets, actions, support offers and survey results."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin, InlineModelAdmin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from assessments import models


def _frozen(obj: Model | None) -> bool:
    compass_round = obj if isinstance(obj, models.CompassRound) else getattr(obj, "round", None)
    return bool(compass_round and compass_round.is_frozen)


class FrozenRoundReadOnly(BaseModelAdmin[Any]):
    """A frozen (fastställd) round never changes, in the admin either: its rows are read-only.

    Following up actions stays possible through the app's own follow-up page. A new round is
    never frozen, so adding one stays as Django decides."""

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _frozen(obj) and super().has_delete_permission(request, obj)


class FrozenRoundInline(InlineModelAdmin[Any, Any]):
    """Inline rows of a frozen round: read-only, and nothing may be added to it either."""

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _frozen(obj) and super().has_delete_permission(request, obj)

    # Django's inlines take the parent object here, unlike ModelAdmin; django-stubs marks its
    # own declaration the same way.
    def has_add_permission(self, request: HttpRequest, obj: Model | None) -> bool:  # type: ignore[override]
        return not _frozen(obj) and super().has_add_permission(request, obj)


class TargetInline(FrozenRoundInline, admin.TabularInline):
    model = models.Target
    extra = 0


class ActionInline(FrozenRoundInline, admin.StackedInline):
    model = models.Action
    extra = 0


@admin.register(models.CompassRound)
class CompassRoundAdmin(FrozenRoundReadOnly, SimpleHistoryAdmin):
    list_display = ["program", "date", "status", "model_version", "results_communicated"]
    list_filter = ["status", "model_version"]
    search_fields = ["program__code", "program__name_sv", "registry_number"]
    readonly_fields = ["inputs", "scores", "frozen_at", "frozen_by"]
    inlines = [TargetInline, ActionInline]


@admin.register(models.Target)
class TargetAdmin(FrozenRoundReadOnly, SimpleHistoryAdmin):
    list_display = ["round", "axis", "score", "target_year"]
    list_filter = ["axis"]


@admin.register(models.Action)
class ActionAdmin(FrozenRoundReadOnly, SimpleHistoryAdmin):
    list_display = ["description", "round", "axis", "owner", "due_date", "status"]
    list_filter = ["status", "axis"]


@admin.register(models.SupportOffer)
class SupportOfferAdmin(SimpleHistoryAdmin):
    list_display = ["title_sv", "title_en", "is_active"]
    search_fields = ["title_sv", "title_en"]


@admin.register(models.SurveyResult)
class SurveyResultAdmin(admin.ModelAdmin):
    list_display = ["round", "axis", "series", "mean", "responses"]
    list_filter = ["series", "axis"]


@admin.register(models.ProgramScore)
class ProgramScoreAdmin(admin.ModelAdmin):
    """Stored scores are derived data, refreshed by tasks: readable, never edited by hand."""

    list_display = ["program", "reference_date", "model_version", "stale", "computed_at"]
    list_filter = ["stale", "model_version"]
    search_fields = ["program__code", "program__name_sv"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
