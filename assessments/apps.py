from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = _("Compass")

    def ready(self) -> None:
        # Register the tasks in every process, not only in the worker: the services queue the
        # score refresh by its registered name (assessments.services.scores).
        from assessments import signals, tasks  # noqa: F401

        signals.connect()
