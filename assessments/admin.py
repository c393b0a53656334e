"""Admin for compass rounds, targets, actions, support offers and survey results."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments import models


class TargetInline(admin.TabularInline):
    model = models.Target
    extra = 0


class ActionInline(admin.StackedInline):
    model = models.Action
    extra = 0


@admin.register(models.CompassRound)
class CompassRoundAdmin(SimpleHistoryAdmin):
    list_display = ["program", "date", "status", "model_version", "results_communicated"]
    list_filter = ["status", "model_version"]
    search_fields = ["program__code", "program__name_sv", "registry_number"]
    readonly_fields = ["inputs", "scores", "frozen_at", "frozen_by"]
    inlines = [TargetInline, ActionInline]


@admin.register(models.Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["round", "axis", "score", "target_year"]
    list_filter = ["axis"]


@admin.register(models.Action)
class ActionAdmin(SimpleHistoryAdmin):
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
