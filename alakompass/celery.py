"""The Celery app and the beat schedule (in code, each crontab described in words)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alakompass.settings")

app = Celery("alakompass")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic reports are added here by the reports issue; the schedule lives in code so
# that it is reviewed like code. django-celery-beat's DatabaseScheduler also lets an
# administrator add one-off schedules in the admin.
app.conf.beat_schedule = {
    # Every day at 03:00 (Europe/Stockholm): a heartbeat that proves beat and worker run.
    "daily-heartbeat": {
        "task": "reports.tasks.heartbeat",
        "schedule": crontab(hour=3, minute=0),
    },
    # Every night at 00:05 (Europe/Stockholm): rescore every programme's stored compass for
    # the new day, because P1 (the council's meeting and review windows) depends on the date.
    # Just after midnight, so the first dashboard of the day finds the scores fresh; edits
    # refresh their own programme as they happen.
    "nightly-program-scores-refresh": {
        "task": "assessments.tasks.program_scores_refresh",
        "schedule": crontab(hour=0, minute=5),
    },
}
