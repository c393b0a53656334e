"""The beat schedule: every entry names a real task at the time its comment says, and an
administrator's change in the admin survives a restart of beat."""

import datetime
import zoneinfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django_celery_beat import schedulers
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from alakompass.beat import CodeDefaultScheduler
from alakompass.celery import app as celery_app

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
SCHEDULE = celery_app.conf.beat_schedule
MINE = [
    "weekly-sam-digest",
    "monthly-coordinator-reminder",
    "termly-university-overview-autumn",
    "termly-university-overview-spring",
]


def next_runs(name: str, after: datetime.datetime, count: int) -> list[str]:
    schedule = SCHEDULE[name]["schedule"]
    runs = []
    for _ in range(count):
        start, delta, _now = schedule.remaining_delta(after, STOCKHOLM)
        after = start + delta
        runs.append(after.astimezone(STOCKHOLM).strftime("%a %Y-%m-%d %H:%M"))
    return runs


@pytest.mark.parametrize("name", sorted(SCHEDULE))
def test_every_beat_entry_names_a_registered_task(name):
    celery_app.loader.import_default_modules()  # what a worker does at start
    assert SCHEDULE[name]["task"] in celery_app.tasks


@pytest.mark.parametrize("name", MINE)
def test_periodic_mail_entries_are_crontabs_in_stockholm_time(name):
    schedule = SCHEDULE[name]["schedule"]
    assert isinstance(schedule, crontab)
    assert str(schedule.tz) == "Europe/Stockholm" == settings.CELERY_TIMEZONE


AFTER = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=STOCKHOLM)  # a Tuesday


def test_the_digest_goes_out_on_monday_mornings():
    assert next_runs("weekly-sam-digest", AFTER, 3) == [
        "Mon 2026-12-07 06:30",
        "Mon 2026-12-14 06:30",
        "Mon 2026-12-21 06:30",
    ]


def test_the_reminder_goes_out_on_the_first_monday_of_each_month():
    assert next_runs("monthly-coordinator-reminder", AFTER, 4) == [
        "Mon 2026-12-07 07:00",
        "Mon 2027-01-04 07:00",
        "Mon 2027-02-01 07:00",
        "Mon 2027-03-01 07:00",
    ]


def test_the_overview_runs_after_each_term_ends():
    assert next_runs("termly-university-overview-autumn", AFTER, 2) == [
        "Fri 2027-01-22 06:00",
        "Sat 2028-01-22 06:00",
    ]
    assert next_runs("termly-university-overview-spring", AFTER, 1) == ["Fri 2027-06-11 06:00"]


def test_beat_uses_the_scheduler_that_keeps_admin_changes():
    assert settings.CELERY_BEAT_SCHEDULER == "alakompass.beat:CodeDefaultScheduler"
    assert issubclass(CodeDefaultScheduler, DatabaseScheduler)


@pytest.fixture(autouse=True)
def _keep_the_test_transaction(monkeypatch):
    # The scheduler closes stale connections before each sync, as a long-running beat should;
    # inside a test's transaction that would close the test's own connection.
    monkeypatch.setattr(schedulers, "close_old_connections", lambda: None)


def start_beat(scheduler_class=CodeDefaultScheduler):
    """What `celery beat` does at start: set up the schedule from the code and the database."""
    return scheduler_class(app=celery_app, lazy=False)


def admin_sets(name: str, *, hour: str | None = None, enabled: bool | None = None) -> None:
    """An administrator edits the periodic task in the admin (a new crontab or the flag)."""
    task = PeriodicTask.objects.get(name=name)
    if hour is not None:
        crontab_row, _ = CrontabSchedule.objects.get_or_create(
            minute="15", hour=hour, day_of_week="1", timezone="Europe/Stockholm"
        )
        task.crontab = crontab_row
    if enabled is not None:
        task.enabled = enabled
    task.save()


@pytest.mark.django_db
def test_stock_database_scheduler_puts_the_code_time_back_at_restart():
    # Why alakompass.beat exists (celery/django-celery-beat#153): if this starts failing, the
    # library stopped overwriting admin edits and the subclass may go.
    start_beat(DatabaseScheduler)
    admin_sets("weekly-sam-digest", hour="9")
    start_beat(DatabaseScheduler)
    assert PeriodicTask.objects.get(name="weekly-sam-digest").crontab.hour == "6"


@pytest.mark.django_db
def test_the_code_schedule_is_installed_when_the_admin_has_none():
    start_beat()
    for name in SCHEDULE:
        task = PeriodicTask.objects.get(name=name)
        assert task.task == SCHEDULE[name]["task"]
        assert task.enabled
    digest = PeriodicTask.objects.get(name="weekly-sam-digest").crontab
    assert (digest.minute, digest.hour, digest.day_of_week, str(digest.timezone)) == (
        "30",
        "6",
        "mon",
        "Europe/Stockholm",
    )


@pytest.mark.django_db
def test_an_admins_time_and_enabled_flag_survive_a_restart():
    start_beat()
    admin_sets("weekly-sam-digest", hour="9")
    admin_sets("monthly-coordinator-reminder", enabled=False)
    beat = start_beat()
    digest = PeriodicTask.objects.get(name="weekly-sam-digest")
    assert (digest.crontab.hour, digest.crontab.minute) == ("9", "15")
    assert not PeriodicTask.objects.get(name="monthly-coordinator-reminder").enabled
    assert "monthly-coordinator-reminder" not in beat.schedule
    assert beat.schedule["weekly-sam-digest"].schedule.hour == {9}


@pytest.mark.django_db
def test_deleting_the_row_in_the_admin_restores_the_code_default():
    start_beat()
    admin_sets("weekly-sam-digest", hour="9")
    PeriodicTask.objects.get(name="weekly-sam-digest").delete()
    start_beat()
    assert PeriodicTask.objects.get(name="weekly-sam-digest").crontab.hour == "6"


@pytest.mark.django_db
def test_the_task_name_still_follows_the_code():
    start_beat()
    PeriodicTask.objects.filter(name="weekly-sam-digest").update(task="reports.tasks.old_name")
    start_beat()
    assert (
        PeriodicTask.objects.get(name="weekly-sam-digest").task == "reports.tasks.sam_digest_send"
    )
