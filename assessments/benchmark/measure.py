"""The benchmark's measurements: medians over repeated runs, each beside its floor.

The floor of a measure is the time to run the same SELECT statements it ran, as plain SQL
with no ORM, no scoring and no rendering: what no Python code above the database can beat.
The statements are captured from a warm-up run (CaptureQueriesContext), so the floor always
matches what the code really reads. Timed runs are not captured (capturing costs time).

Server time of a page is the time Django's test Client takes to handle the request in
process: middleware, view, template and response, without a network or a web server.

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

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from assessments import selectors as compass_selectors
from assessments.benchmark.generator import BenchUniversity, bench_programs

MB = 1024 * 1024
TARGET_SCORE_ALL = 3.0
TARGET_DASHBOARD = 1.0
TARGET_PAGE = 0.150
TARGET_MEMORY_MB = 500.0


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


def median_time(function: Callable[[], object], *, repeat: int) -> float:
    """Median wall-clock seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def captured_selects(function: Callable[[], object]) -> list[str]:
    """Run `function` once and return the SQL of the SELECT statements it ran."""
    with CaptureQueriesContext(connection) as context:
        function()
    return [query["sql"] for query in context.captured_queries if _is_select(query["sql"])]


def query_count(function: Callable[[], object]) -> int:
    """Number of SQL statements `function` runs."""
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


def peak_python_mb(function: Callable[[], object]) -> float:
    """Peak Python allocations (tracemalloc) while `function` runs, in MB."""
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


def measure(
    *, university: BenchUniversity, repeat: int, today: datetime.date
) -> tuple[list[Measurement], dict[str, object]]:
    """Run every measure; returns the table rows and facts for the report's notes."""
    programs = bench_programs()

    def score_all() -> object:
        return compass_selectors.compass_all(programs=programs, reference_date=today)

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

    # testserver is not in production's ALLOWED_HOSTS; the requests never leave the process.
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(university.sam_user)
        dashboard = _get(client, reverse("assessments:dashboard"))

        def dashboard_cold() -> object:
            cache.clear()
            return dashboard()

        statements = captured_selects(dashboard_cold)
        floor = median_time(lambda: run_statements(statements), repeat=repeat)
        rows.append(
            Measurement(
                key="dashboard_cold",
                label="SAM dashboard, scores computed (cold cache)",
                median=median_time(dashboard_cold, repeat=repeat),
                unit="s",
                floor=floor,
                queries=len(statements),
                target=TARGET_DASHBOARD,
            )
        )
        dashboard()  # fill the cache
        warm_statements = captured_selects(dashboard)
        rows.append(
            Measurement(
                key="dashboard_warm",
                label="SAM dashboard, scores cached (warm cache)",
                median=median_time(dashboard, repeat=repeat),
                unit="s",
                floor=median_time(lambda: run_statements(warm_statements), repeat=repeat),
                queries=len(warm_statements),
                target=TARGET_DASHBOARD,
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
                    floor=median_time(lambda s=statements: run_statements(s), repeat=repeat),
                    queries=query_count(page),
                    target=TARGET_PAGE,
                )
            )

        # ru_maxrss first: tracemalloc's own bookkeeping would inflate the process's peak.
        process_peak = process_peak_mb()
        memory_dashboard = peak_python_mb(dashboard_cold)
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
    facts = {
        "is_compass_page": is_compass_page,
        "page_queries_equal": large.queries == small.queries,
    }
    return rows, facts
