"""Stored programme scores: invalidated by inventory writes, refreshed per programme, read by
the dashboard, recomputed when stale or of another day, and refreshed nightly."""

import contextlib
import datetime
import os
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
import redis
import time_machine
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alakompass.celery import app as celery_app
from assessments import dashboard, selectors, services, tasks
from assessments.models import ProgramScore
from assessments.scoring import MODEL_VERSION, Axis
from programs import services as program_services
from programs.models import ActivityType, LearningOutcome, Program
from tests import factories
from tests.conftest import require_service
from tests.reports.test_worker import redis_answers

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 1)
MORNING = datetime.datetime(2026, 10, 1, 8, tzinfo=datetime.UTC)
NOON = datetime.datetime(2026, 10, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    """A fixed clock on TODAY (08:00 UTC) that the test can move to noon."""
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed: on_commit callbacks (the eager refresh) run.

    Setup goes in a block of its own, so the later block's refresh covers only what it changed
    (within one transaction every change joins one refresh batch).
    """

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def queued(monkeypatch):
    """The refreshes queued (their keyword arguments), instead of running them."""
    calls: list[dict] = []
    monkeypatch.setattr(tasks.program_scores_refresh, "delay", lambda **kw: calls.append(kw))
    return calls


def live_axes(program: Program, day: datetime.date = TODAY) -> dict[str, float | None]:
    result = selectors.compass_for_program(program=program, reference_date=day)
    return {axis.value: result.axis(axis).value for axis in Axis}


def stored(program: Program) -> ProgramScore:
    return ProgramScore.objects.get(program=program)


def activity_type(key: str) -> ActivityType:
    return ActivityType.objects.get(key=key)


def guest_lecture(program: Program):
    return factories.ActivityFactory(program=program, type=activity_type("guest_lecture"))


@pytest.fixture
def scored(clock, committed):
    """Two programmes with an activity each, both scored and stored in the morning."""
    with committed():
        first = factories.ProgramFactory()
        second = factories.ProgramFactory()
        activities = [guest_lecture(first), guest_lecture(second)]
    services.program_scores_refresh(program_ids=[first.pk, second.pk], reference_date=TODAY)
    clock.move_to(NOON)
    return first, second, activities[0]


# ---------------------------------------------------------------- invalidation and refresh


def test_editing_an_activity_marks_its_programme_stale_before_the_commit(scored):
    program, other, activity = scored
    program_services.activity_update(activity=activity, user=None, reflection=True)
    assert stored(program).stale  # the test transaction never commits: no refresh ran
    assert not stored(other).stale


def test_editing_an_activity_rescores_its_programme_on_commit(scored, committed):
    program, _other, activity = scored
    before = stored(program).axes
    with committed():
        program_services.activity_update(
            activity=activity,
            user=None,
            type=activity_type("placement"),
            authenticity=2,
            proximity=2,
            hp=Decimal("15"),
        )
    row = stored(program)
    assert not row.stale
    assert row.axes != before
    assert row.axes == live_axes(program)
    assert row.computed_at == NOON
    assert (row.reference_date, row.model_version) == (TODAY, MODEL_VERSION)


def test_other_programmes_keep_their_stored_scores_untouched(scored, committed):
    program, other, activity = scored
    untouched = stored(other)
    with committed():
        program_services.activity_update(activity=activity, user=None, reflection=True)
    assert stored(program).computed_at == NOON
    again = stored(other)
    assert again.computed_at == untouched.computed_at == MORNING
    assert again.generation == untouched.generation


def test_deleting_an_activity_rescores_its_programme(scored, committed):
    program, _other, activity = scored
    with committed():
        program_services.activity_delete(activity=activity, user=None)
    row = stored(program)
    assert (row.stale, row.computed_at) == (False, NOON)
    assert row.axes == live_axes(program)
    assert row.axes["integration"] == 0  # no activities left: I1, I2, I4 N/A, I3 = 0


def test_linking_a_work_life_outcome_to_an_activity_rescores_its_programme(scored, committed):
    program, _other, activity = scored
    outcome = factories.LearningOutcomeFactory(
        program=program,
        level=LearningOutcome.Level.COURSE,
        course=factories.CourseFactory(),
        is_work_life=True,
    )
    with committed():
        program_services.activity_update(activity=activity, user=None, outcomes=[outcome])
    row = stored(program)
    assert row.computed_at == NOON
    assert row.axes == live_axes(program)
    assert row.axes["integration"] > 0  # I1: the only activity is now linked


def test_unlinking_an_outcome_from_its_side_rescores_the_activitys_programme(committed, clock):
    with committed():
        program = factories.ProgramFactory()
        activity = guest_lecture(program)
        outcome = factories.LearningOutcomeFactory(
            program=program, level=LearningOutcome.Level.PROGRAM, is_work_life=True
        )
        activity.outcomes.add(outcome)
    linked = stored(program).axes
    clock.move_to(NOON)
    with committed():
        outcome.activities.remove(activity)  # the reverse side of the m2m relation
    row = stored(program)
    assert row.computed_at == NOON
    assert row.axes == live_axes(program) != linked


def test_a_council_meeting_rescores_the_partnership_axis(committed, clock):
    with committed():
        program = factories.ProgramFactory()
        council = factories.CouncilFactory(program=program, is_formal=True)
        factories.CouncilMemberFactory.create_batch(3, council=council)
    assert stored(program).axes["partnership"] == pytest.approx(50 / 3)  # P1 = 50
    clock.move_to(NOON)
    with committed():
        program_services.council_meeting_add(
            council=council, user=None, date=TODAY - datetime.timedelta(days=30)
        )
    row = stored(program)
    assert row.axes["partnership"] == pytest.approx(75 / 3)  # P1 = 75: met within 12 months
    assert row.axes == live_axes(program)


def test_an_action_and_a_programme_field_rescore_the_follow_up_axis(committed, clock):
    with committed():
        program = factories.ProgramFactory()
        compass_round = factories.CompassRoundFactory(program=program, date=TODAY)
    before = stored(program).axes["follow_up"]
    clock.move_to(NOON)
    with committed():
        services.action_create(
            compass_round=compass_round,
            user=None,
            axis="partnership",
            description="Starta ett branschråd",
            owner="Programansvarig",
            due_date=TODAY,
        )
        program_services.program_update(
            program=program, user=None, alumni_follow_up=Program.AlumniFollowUp.PROGRAM
        )
    row = stored(program)
    assert row.axes["follow_up"] > before  # F4: 0 → 50, F3: 0 → 100
    assert row.axes == live_axes(program)


def test_one_transaction_queues_one_refresh_for_every_programme_it_changed(
    scored, committed, queued
):
    program, other, activity = scored
    partner = factories.PartnerFactory()
    with committed(), transaction.atomic():
        program_services.activity_update(
            activity=activity, user=None, partner_links=[(partner, "host", True)]
        )
        program_services.activity_create(
            program=program, user=None, type=activity_type("study_visit"), title="Besök", hours=4
        )
        council = factories.CouncilFactory(program=other)
        factories.CouncilMeetingFactory(council=council)
    assert queued == [{"program_ids": sorted([program.pk, other.pk])}]


def test_a_rolled_back_edit_queues_nothing_and_joins_no_later_refresh(scored, committed, queued):
    program, other, activity = scored
    with committed():
        try:
            with transaction.atomic():
                program_services.activity_update(activity=activity, user=None, reflection=True)
                raise RuntimeError("the form failed later")
        except RuntimeError:
            pass
        program_services.program_update(program=other, user=None, name_en="Other")
    assert queued == [{"program_ids": [other.pk]}]  # not the rolled-back programme
    assert not stored(program).stale


def _save_queries(committed, *, activities: int) -> int:
    with committed():
        program = factories.ProgramFactory()
        edited = guest_lecture(program)
        for _ in range(activities - 1):
            guest_lecture(program)
    with CaptureQueriesContext(connection) as queries, committed():
        program_services.activity_update(activity=edited, user=None, reflection=True)
    return len(queries)


def test_the_write_path_rescores_in_a_fixed_number_of_queries(committed, clock, monkeypatch):
    small = _save_queries(committed, activities=1)
    large = _save_queries(committed, activities=25)
    assert small == large
    monkeypatch.setattr(tasks.program_scores_refresh, "delay", lambda **kwargs: None)
    without_refresh = _save_queries(committed, activities=1)
    # The rescoring: 9 queries (generations, compass_all's 6, upsert, check) in a savepoint.
    assert 0 < large - without_refresh <= 11


def test_a_new_programme_gets_a_stale_placeholder_until_it_is_scored(clock, committed):
    program = program_services.program_create(
        user=None,
        code="NYTT1",
        name_sv="Nytt program",
        credits=Decimal("180"),
        faculty=factories.FacultyFactory(),
    )
    placeholder = stored(program)
    assert placeholder.stale
    assert placeholder.computed_at is None
    with committed():
        program_services.program_update(program=program, user=None, name_en="New programme")
    assert not stored(program).stale
    assert stored(program).axes == live_axes(program)


def test_deleting_a_programme_deletes_its_stored_score(scored, committed):
    program, other, _activity = scored
    with committed():
        program_services.record_delete(Program.objects.get(pk=program.pk), user=None)
    assert not ProgramScore.objects.filter(program_id=program.pk).exists()
    assert stored(other).computed_at == MORNING


def test_an_edit_committed_during_a_refresh_leaves_the_row_stale(scored, monkeypatch):
    program, _other, _activity = scored
    real = selectors.compass_all

    def scored_while_someone_edits(**kwargs):
        results = real(**kwargs)
        # An edit commits after the refresh read the inventory but before it stores the axes.
        services.program_scores_mark_stale(program_ids=[program.pk], queue_refresh=False)
        return results

    monkeypatch.setattr(selectors, "compass_all", scored_while_someone_edits)
    services.program_scores_refresh(program_ids=[program.pk], reference_date=TODAY)
    row = stored(program)
    assert row.stale  # its own refresh (queued by the edit) will store it
    assert row.computed_at == NOON
    assert row.generation > row.computed_generation


def test_bulk_writes_that_bypass_signals_can_mark_programmes_explicitly(scored):
    program, other, _activity = scored
    Program.objects.filter(pk=program.pk).update(years=2)  # no signal
    assert not stored(program).stale
    marked = services.program_scores_mark_stale(program_ids=[program.pk], queue_refresh=False)
    assert marked == 1
    assert stored(program).stale
    assert not stored(other).stale


# ---------------------------------------------------------------- refresh service and task


def test_refresh_in_batches_stores_what_single_programme_scoring_gives(clock, monkeypatch):
    from tests.assessments.compass_builders import build_varied_program

    programs = [build_varied_program(seed) for seed in range(5)]
    monkeypatch.setattr(services.scores, "REFRESH_BATCH", 2)
    stored_axes = services.program_scores_refresh(reference_date=TODAY)
    assert set(stored_axes) == {p.pk for p in programs}
    for program in programs:
        assert stored(program).axes == stored_axes[program.pk] == live_axes(program)


def test_the_task_refreshes_only_the_programmes_it_is_given(clock):
    first, second = factories.ProgramFactory(), factories.ProgramFactory()
    assert tasks.program_scores_refresh.delay(program_ids=[first.pk]).get() == 1
    assert not stored(first).stale
    assert stored(first).reference_date == TODAY
    assert stored(second).stale  # the placeholder from its creation, not scored


def test_the_task_without_ids_refreshes_every_programme_and_skips_missing_ones(clock):
    programs = [factories.ProgramFactory() for _ in range(3)]
    assert tasks.program_scores_refresh.delay().get() == 3
    assert tasks.program_scores_refresh.delay(program_ids=[999999]).get() == 0
    assert all(not stored(program).stale for program in programs)


def test_the_task_retries_on_database_errors_with_backoff():
    assert tasks.program_scores_refresh.autoretry_for
    assert tasks.program_scores_refresh.retry_backoff


def test_the_beat_schedule_refreshes_every_stored_score_at_half_past_two_every_night():
    entry = celery_app.conf.beat_schedule["nightly-program-scores-refresh"]
    assert entry["task"] == tasks.program_scores_refresh.name
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert (schedule.hour, schedule.minute) == ({0}, {5})
    assert schedule.day_of_week == set(range(7))
    assert "kwargs" not in entry  # no ids: every programme
    assert "args" not in entry


def test_services_never_import_the_tasks_module_so_the_dependency_runs_one_way():
    """tasks import services; services queue the refresh by its registered name instead."""
    import ast

    imported = set()
    for path in (BASE_DIR / "assessments" / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                imported |= {f"{node.module}.{alias.name}" for alias in node.names}
                imported.add(node.module or "")
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    assert not {name for name in imported if "tasks" in name.split(".")}
    assert tasks.program_scores_refresh.name == services.REFRESH_TASK


def test_a_process_that_never_imports_the_tasks_module_can_still_queue_the_refresh():
    """The web process queues by name: Django's start-up must register the task."""
    code = (
        "import django; django.setup(); from celery import current_app; "
        f"print({services.REFRESH_TASK!r} in current_app.tasks)"
    )
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "alakompass.settings", "DJANGO_DEBUG": "true"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "True", done.stderr


def test_each_transaction_queues_its_own_refresh_with_only_its_own_programmes(
    scored, committed, queued
):
    program, other, activity = scored
    with committed():
        program_services.activity_update(activity=activity, user=None, reflection=True)
    with committed():
        program_services.program_update(program=other, user=None, name_en="Other")
    assert queued == [{"program_ids": [program.pk]}, {"program_ids": [other.pk]}]


# ---------------------------------------------------------------- the dashboard reads them


def scope_median(axis: str = "scope") -> int | None:
    built = dashboard.dashboard_build(
        programs=dashboard.dashboard_programs(), today=TODAY, whole_university=True
    )
    return next(d for d in built.distributions if d.axis == axis).median


@pytest.fixture
def spy(monkeypatch):
    """Records the programme ids compass_all scores (through the refresh service)."""
    calls: list[set[int]] = []
    real = selectors.compass_all

    def recording(**kwargs):
        calls.append(set(kwargs["programs"].values_list("pk", flat=True)))
        return real(**kwargs)

    monkeypatch.setattr(selectors, "compass_all", recording)
    return calls


def tamper(program: Program, **fields) -> None:
    """Give the stored row a scope value the live compass would never give (42)."""
    row = stored(program)
    ProgramScore.objects.filter(pk=row.pk).update(axes=row.axes | {"scope": 42.0}, **fields)


def test_the_dashboard_uses_fresh_stored_scores_without_scoring(clock, spy):
    program = factories.ProgramFactory()
    services.program_scores_refresh(reference_date=TODAY)
    spy.clear()
    tamper(program)
    assert scope_median() == 42
    assert spy == []


def test_the_dashboard_recomputes_a_stale_row_and_stores_it(clock, spy):
    program, other = factories.ProgramFactory(), factories.ProgramFactory()
    services.program_scores_refresh(reference_date=TODAY)
    spy.clear()
    tamper(program, stale=True)
    tamper(other)
    scope_median()
    assert spy == [{program.pk}]  # only the stale one is scored again
    assert stored(program).axes == live_axes(program)
    assert not stored(program).stale
    assert stored(other).axes["scope"] == 42


@pytest.mark.parametrize(
    "outdated",
    [
        {"reference_date": TODAY - datetime.timedelta(days=1)},
        {"model_version": "v0"},
    ],
    ids=["computed-yesterday", "older-model-version"],
)
def test_the_dashboard_recomputes_a_row_of_another_day_or_model_version(clock, spy, outdated):
    program = factories.ProgramFactory()
    services.program_scores_refresh(reference_date=TODAY)
    spy.clear()
    tamper(program, **outdated)
    assert scope_median() == 0
    assert spy == [{program.pk}]
    row = stored(program)
    assert (row.reference_date, row.model_version) == (TODAY, MODEL_VERSION)
    assert row.axes == live_axes(program)


def test_a_programme_without_a_stored_row_is_scored_by_the_dashboard(clock, spy):
    program = factories.ProgramFactory()
    ProgramScore.objects.all().delete()
    scope_median()
    assert spy == [{program.pk}]
    assert stored(program).axes == live_axes(program)


def _dashboard_queries(faculty) -> int:
    with CaptureQueriesContext(connection) as queries:
        dashboard.dashboard_build(
            programs=dashboard.dashboard_programs(faculty=faculty),
            today=TODAY,
            whole_university=False,
        )
    return len(queries)


def test_the_dashboard_query_count_with_stored_scores_does_not_grow_with_programmes(clock):
    small, large = factories.FacultyFactory(), factories.FacultyFactory()
    for faculty, n in ((small, 2), (large, 12)):
        for _ in range(n):
            guest_lecture(factories.ProgramFactory(faculty=faculty))
    services.program_scores_refresh(reference_date=TODAY)
    fresh = (_dashboard_queries(small), _dashboard_queries(large))
    assert fresh[0] == fresh[1] <= 10  # the dashboard's reads plus one for the stored scores
    ProgramScore.objects.update(stale=True)
    recomputed = (_dashboard_queries(small), _dashboard_queries(large))
    # One batched rescoring: 9 queries in a savepoint.
    assert recomputed[0] == recomputed[1] <= fresh[0] + 11


# ---------------------------------------------------------------- a real worker


@contextlib.contextmanager
def real_worker(queue: str, database_url: str):
    """A Celery worker subprocess on the Redis broker, consuming only `queue`."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "alakompass",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "warning",
    ]
    env = os.environ | {"DATABASE_URL": database_url}
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield worker, log
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=10)


def shared_database_url() -> str:
    """The URL of the test database, for a worker process to share it."""
    settings = connection.settings_dict
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{settings['NAME']}"


@pytest.mark.integration
# Serialized rollback: a plain transactional test ends with a flush that re-creates the content
# types under new ids, and the browser tests after it could not restore the seed data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_rescores_the_programme_an_edit_queued(monkeypatch):
    broker = django_settings.CELERY_BROKER_URL
    require_service(redis_answers(broker), f"Redis (CELERY_BROKER_URL={broker or 'unset'})")
    require_service(
        connection.vendor == "postgresql", "PostgreSQL (a database two processes share)"
    )
    program = factories.ProgramFactory()
    activity = guest_lecture(program)  # committed: the eager refresh stored it
    before = stored(program)
    assert not before.stale

    token = uuid.uuid4().hex[:12]
    queue = f"test-scores-{token}"
    # The service queues with .delay(): send it to this test's own queue, so no other worker
    # (a developer's, a parallel run's) takes the message.
    task = tasks.program_scores_refresh
    apply_async = task.apply_async
    monkeypatch.setattr(task, "delay", lambda **kw: apply_async(kwargs=kw, queue=queue))
    celery_app.conf.task_always_eager = False  # tests/conftest.py restores it afterwards
    try:
        with real_worker(queue, shared_database_url()) as (worker, log):
            program_services.activity_update(
                activity=activity,
                user=None,
                type=activity_type("placement"),
                authenticity=2,
                proximity=2,
                hp=Decimal("15"),
            )
            assert stored(program).stale  # committed; the worker has the message
            deadline = time.monotonic() + 60
            while stored(program).stale and worker.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
            if stored(program).stale:
                log.seek(0)
                pytest.fail(f"The worker did not rescore the programme; its log:\n{log.read()}")
    finally:
        celery_app.conf.task_always_eager = True
        client = redis.Redis.from_url(broker, socket_connect_timeout=2)
        for key in client.scan_iter(match=f"*{token}*"):
            client.delete(key)
    row = stored(program)
    assert row.axes != before.axes
    assert row.axes == live_axes(program, timezone.localdate())
    assert row.reference_date == timezone.localdate()
