"""The benchmark's measurements: medians over repeated runs, each beside its floor.

The floor of a measure is the time to run the same SELECT statements it ran, as plain SQL
with no ORM, no scoring and no rendering: what no Python code above the database can beat.
The statements are captured from a warm-up run (CaptureQueriesContext), so the floor always
matches what the code really reads. Timed runs are not captured (capturing costs time).

Server time of a page is the time Django's test Client takes to handle the request in
process: middleware, view, template and response, without a network or a web server.

Stored scores: the dashboard reads each programme's axes from assessments.ProgramScore and
recomputes only rows that are missing, stale or computed for another day. The benchmark
measures it with the store fresh, after EDITED_PROGRAMS programmes had an activity edited
(their rows stale, as when the worker has not caught up yet), and cold (no stored rows: every
programme scored, the old path, for information), plus the nightly refresh of every row and
the save of one activity with its programme's refresh run in-process (eager Celery).

Memory: ru_maxrss is the process's peak resident set (interpreter, libraries, the database
driver's result buffers and Python objects), read before tracemalloc starts, because
tracemalloc's own bookkeeping would inflate it; tracemalloc then gives the peak of Python
allocations during one score-all and one cold dashboard request.
"""

import datetime
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from celery import current_app as celery_app
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from assessments import selectors as compass_selectors
from assessments import services as compass_services
from assessments.models import ProgramScore
from demo.benchmark.generator import BenchUniversity, bench_programs
from programs import services as program_services
from programs.models import Activity

MB = 1024 * 1024
TARGET_SCORE_ALL = 3.0
TARGET_DASHBOARD = 1.0
TARGET_PAGE = 0.150
TARGET_MEMORY_MB = 500.0
EDITED_PROGRAMS = 10  # programmes that get one activity edited before the "edited" dashboard


@dataclass(frozen=True)
class Measurement:
    """One line of the benchmark table; times in seconds, memory in MB."""

    key: str
    label: str
    median: float
    unit: str  # "s" or "MB"
    floor: float | None = None
    queries: int | None = None
    target: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.median / self.floor

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.median <= self.target


@dataclass(frozen=True)
class MeasureFacts:
    """What the report's notes say beside the table."""

    is_compass_page: bool
    page_queries_equal: bool
    edited_programs: int
    edits: int


def median_time(
    function: Callable[[], object],
    *,
    repeat: int,
    setup: Callable[[], object] | None = None,
) -> float:
    """Median wall-clock seconds of `repeat` calls; `setup` runs untimed before each call."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def captured_selects(
    function: Callable[[], object], *, setup: Callable[[], object] | None = None
) -> list[str]:
    """Run `function` once (after `setup`) and return the SQL of the SELECTs it ran."""
    if setup is not None:
        setup()
    with CaptureQueriesContext(connection) as context:
        function()
    return [query["sql"] for query in context.captured_queries if _is_select(query["sql"])]


def query_count(
    function: Callable[[], object], *, setup: Callable[[], object] | None = None
) -> int:
    """Number of SQL statements `function` runs (after `setup`)."""
    if setup is not None:
        setup()
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def _is_select(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SELECT", "WITH"))


def run_statements(statements: list[str]) -> None:
    """Execute SQL as captured (parameters already inlined) and fetch every row."""
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()


def peak_python_mb(
    function: Callable[[], object], *, setup: Callable[[], object] | None = None
) -> float:
    """Peak Python allocations (tracemalloc) while `function` runs (after `setup`), in MB."""
    if setup is not None:
        setup()
    tracemalloc.start()
    try:
        function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / MB


def process_peak_mb() -> float:
    """The process's peak resident set size so far (ru_maxrss), in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def program_page_url(pk: int) -> tuple[str, bool]:
    """The programme compass page, or the programme page if the compass page does not exist."""
    try:
        return reverse("assessments:program_compass", kwargs={"pk": pk}), True
    except NoReverseMatch:
        return reverse("programs:program_detail", kwargs={"pk": pk}), False


def _get(client: Client, url: str) -> Callable[[], object]:
    def request() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response

    return request


class Editor:
    """Edits one activity in each of EDITED_PROGRAMS programmes through the services.

    Each edit toggles the activity's reflection flag with `activity_update`, so the model
    signals fire as for a coordinator's save; with eager Celery the programme's refresh runs
    in-process when the edit commits, and each edit's time includes it. `stale()` then marks
    the edited programmes' stored scores stale without a refresh, as they are between an edit
    and the worker's refresh, so the next dashboard has exactly those to recompute.
    """

    def __init__(self, program_ids: list[int]) -> None:
        step = max(1, len(program_ids) // EDITED_PROGRAMS)
        chosen = program_ids[::step][:EDITED_PROGRAMS]
        first = {}
        for activity_id, program_id in (
            Activity.objects.filter(program_id__in=chosen)
            .order_by("-pk")
            .values_list("pk", "program_id")
        ):
            first[program_id] = activity_id
        self.activity_ids = sorted(first.values())
        self.program_ids = sorted(first)
        self.edit_times: list[float] = []

    def edit(self) -> None:
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        try:
            for activity in Activity.objects.filter(pk__in=self.activity_ids).select_related(
                "program", "type"
            ):
                start = time.perf_counter()
                program_services.activity_update(
                    activity=activity, user=None, reflection=not activity.reflection
                )
                self.edit_times.append(time.perf_counter() - start)
        finally:
            celery_app.conf.task_always_eager = eager

    def edit_and_leave_stale(self) -> None:
        self.edit()
        compass_services.program_scores_mark_stale(
            program_ids=self.program_ids, queue_refresh=False
        )


def measure(
    *, university: BenchUniversity, repeat: int, today: datetime.date
) -> tuple[list[Measurement], MeasureFacts]:
    """Run every measure; returns the table rows and facts for the report's notes."""
    programs = bench_programs()
    program_ids = list(programs.order_by("code").values_list("pk", flat=True))

    def score_all() -> object:
        return compass_selectors.compass_all(programs=programs, reference_date=today)

    def refresh_all() -> object:
        return compass_services.program_scores_refresh(
            program_ids=program_ids, reference_date=today
        )

    def forget_scores() -> None:
        ProgramScore.objects.filter(program__in=programs.values("pk")).delete()

    rows: list[Measurement] = []
    statements = captured_selects(score_all)  # also the warm-up
    rows.append(
        Measurement(
            key="score_all",
            label="score all programmes (compass_all)",
            median=median_time(score_all, repeat=repeat),
            unit="s",
            floor=median_time(lambda: run_statements(statements), repeat=repeat),
            queries=len(statements),
            target=TARGET_SCORE_ALL,
        )
    )
    statements = captured_selects(refresh_all)
    rows.append(
        Measurement(
            key="refresh_all",
            label="refresh all stored scores (nightly task)",
            median=median_time(refresh_all, repeat=repeat),
            unit="s",
            floor=median_time(lambda: run_statements(statements), repeat=repeat),
            queries=query_count(refresh_all),
            target=TARGET_SCORE_ALL,
        )
    )

    editor = Editor(program_ids)
    # testserver is not in production's ALLOWED_HOSTS; the requests never leave the process.
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(university.sam_user)
        dashboard = _get(client, reverse("assessments:dashboard"))

        for key, label, setup, target in (
            ("dashboard_fresh", "SAM dashboard, stored scores fresh", None, TARGET_DASHBOARD),
            (
                "dashboard_edited",
                f"SAM dashboard, {len(editor.program_ids)} programmes edited (recomputed)",
                editor.edit_and_leave_stale,
                TARGET_DASHBOARD,
            ),
            ("dashboard_cold", "SAM dashboard, no stored scores (cold)", forget_scores, None),
        ):
            statements = captured_selects(dashboard, setup=setup)  # also the warm-up
            rows.append(
                Measurement(
                    key=key,
                    label=label,
                    median=median_time(dashboard, repeat=repeat, setup=setup),
                    unit="s",
                    floor=median_time(partial(run_statements, statements), repeat=repeat),
                    queries=query_count(dashboard, setup=setup),
                    target=target,
                )
            )
        rows.append(
            Measurement(
                key="edit_activity",
                label="save an activity, its programme rescored (eager)",
                median=statistics.median(editor.edit_times),
                unit="s",
                target=TARGET_PAGE,
            )
        )

        is_compass_page = True
        for key, pk, size in (
            ("page_large", university.large_program_id, university.large_activities),
            ("page_small", university.small_program_id, university.small_activities),
        ):
            url, is_compass_page = program_page_url(pk)
            page = _get(client, url)
            statements = captured_selects(page)
            rows.append(
                Measurement(
                    key=key,
                    label=f"programme compass page, {size} activities",
                    median=median_time(page, repeat=repeat),
                    unit="s",
                    floor=median_time(partial(run_statements, statements), repeat=repeat),
                    queries=query_count(page),
                    target=TARGET_PAGE,
                )
            )

        # ru_maxrss first: tracemalloc's own bookkeeping would inflate the process's peak.
        process_peak = process_peak_mb()
        memory_dashboard = peak_python_mb(dashboard, setup=forget_scores)
    memory_score = peak_python_mb(score_all)
    rows += [
        Measurement(
            key="memory_score_all",
            label="peak Python memory, score all (tracemalloc)",
            median=memory_score,
            unit="MB",
            target=TARGET_MEMORY_MB,
        ),
        Measurement(
            key="memory_dashboard",
            label="peak Python memory, dashboard cold (tracemalloc)",
            median=memory_dashboard,
            unit="MB",
            target=TARGET_MEMORY_MB,
        ),
        Measurement(
            key="memory_process",
            label="peak process memory (ru_maxrss)",
            median=process_peak,
            unit="MB",
            target=TARGET_MEMORY_MB,
        ),
    ]
    large = next(row for row in rows if row.key == "page_large")
    small = next(row for row in rows if row.key == "page_small")
    facts = MeasureFacts(
        is_compass_page=is_compass_page,
        page_queries_equal=large.queries == small.queries,
        edited_programs=len(editor.program_ids),
        edits=len(editor.edit_times),
    )
    return rows, facts
