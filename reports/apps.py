from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Register the tasks in every process, not only in the worker: the services queue
        # report generation by its registered name (reports.services.jobs).
        from reports import tasks  # noqa: F401
