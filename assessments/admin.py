"""Admin for compass rounds, targets, actions, support offers and survey results."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments import models


class FrozenRoundReadOnly:
    """A frozen (fastställd) round never changes, in the admin either: its rows are read-only.

    Following up actions stays possible through the app's own follow-up page."""

    def _frozen(self, obj) -> bool:
        compass_round = obj if isinstance(obj, models.CompassRound) else getattr(obj, "round", None)
        return bool(compass_round and compass_round.is_frozen)

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        if self._frozen(obj):
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class TargetInline(FrozenRoundReadOnly, admin.TabularInline):
    model = models.Target
    extra = 0


class ActionInline(FrozenRoundReadOnly, admin.StackedInline):
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

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
