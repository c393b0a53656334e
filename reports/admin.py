"""Admin for the report archive (read-only), report jobs (read-only) and preferences."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from reports import models


class ReadOnlyAdmin(admin.ModelAdmin[Model]):
    """Rows written by the services only: the admin may look, never add, change or delete."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(models.Report)
class ReportAdmin(ReadOnlyAdmin):
    """The archive is immutable: no change form, no delete, no bulk action."""

    list_display = ["filename", "kind", "format", "language", "version", "created_at", "sha256"]
    list_filter = ["kind", "format", "language", "is_draft"]
    search_fields = ["filename", "sha256", "title"]
    date_hierarchy = "created_at"
    list_select_related = ["program", "faculty"]
    actions = None


@admin.register(models.ReportJob)
class ReportJobAdmin(ReadOnlyAdmin):
    list_display = ["pk", "kind", "scope_key", "language", "status", "attempts", "created_at"]
    list_filter = ["status", "kind", "language"]
    actions = None


@admin.register(models.UserPreference)
class UserPreferenceAdmin(admin.ModelAdmin[models.UserPreference]):
    list_display = ["user", "language", "monthly_reminder"]
    list_filter = ["language", "monthly_reminder"]
    raw_id_fields = ["user"]
