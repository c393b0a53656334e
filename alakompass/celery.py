"""The Celery app and the beat schedule (in code, each crontab described in words)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alakompass.settings")

app = Celery("alakompass")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The schedule lives in code so that it is reviewed like code; every time is Europe/Stockholm
# (CELERY_TIMEZONE). Beat runs alakompass.beat.CodeDefaultScheduler (django-celery-beat's
# DatabaseScheduler, settings.CELERY_BEAT_SCHEDULER): an entry below is written to the admin's
# "Periodic tasks" only when missing, so an administrator's change of time or of the enabled
# flag sticks across restarts; deleting the row there restores the default below.
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
    # Every 10 minutes, day and night: queue again report jobs stuck queued or rendering for
    # over 15 minutes (a killed worker, a lost message), so no requested report is lost.
    "report-jobs-sweep": {
        "task": "reports.tasks.report_jobs_sweep",
        "schedule": crontab(minute="*/10"),
    },
    # Mondays at 06:30: the weekly digest to SAM (stale inventories, overdue actions,
    # agreements ending within 90 days, rounds adopted in the past week, programmes with no
    # adopted round in 24 months), in each reader's inbox before the working week starts.
    "weekly-sam-digest": {
        "task": "reports.tasks.sam_digest_send",
        "schedule": crontab(hour=6, minute=30, day_of_week="mon"),
    },
    # The first Monday of every month at 07:00 (day 1–7 and a Monday: Celery requires both):
    # each coordinator's reminder of their own programmes' open items, unless turned off.
    "monthly-coordinator-reminder": {
        "task": "reports.tasks.coordinator_reminders_send",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon", day_of_month="1-7"),
    },
    # 22 January at 06:00, the day after the latest possible end of the autumn term (the
    # Swedish academic year's autumn term ends on the Sunday of week 3, 15–21 January): the
    # termly university overview (PDF + Excel) into the archive, announced to SAM.
    "termly-university-overview-autumn": {
        "task": "reports.tasks.termly_overview_send",
        "schedule": crontab(hour=6, minute=0, day_of_month="22", month_of_year="1"),
    },
    # 11 June at 06:00, the day after the latest possible end of the spring term (the Sunday
    # of week 23, 4–10 June): the same overview for the spring term.
    "termly-university-overview-spring": {
        "task": "reports.tasks.termly_overview_send",
        "schedule": crontab(hour=6, minute=0, day_of_month="11", month_of_year="6"),
    },
}
