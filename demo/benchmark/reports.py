"""The benchmark's report measures: one programme report (warm), a 30-programme faculty
report, and the memory they take (issue 8, section 6).

Choices made here:
- Warm: the process's kaleido server (reports.documents.svg) and WeasyPrint's fonts and
  stylesheet are warmed by one untimed report first, as in a worker that has generated a
  report before; the first report of a fresh worker costs about 2 s more (Chromium starting).
- The programme report is that of the benchmark programme with the median number of
  activities, for a round adopted (frozen) through the services with a målbild on every
  axis: the official record, the common case. The largest programme's report is timed once
  for information (no target): its annex and per-axis lists grow with the inventory.
- The faculty report covers REPORT_FACULTY_PROGRAMS benchmark programmes (the first in code
  order) moved into a faculty of their own. Everything these measures write (the round, its
  målbild, the faculty, the moves, refreshed stored scores) is rolled back afterwards.
- Fresh process: the measures run in a process of their own (multiprocessing "spawn",
  demo/benchmark/report_worker.py), so its ru_maxrss is a report worker's peak and not the
  benchmark's other measures' (which load every programme's inventory). Inside the test
  suite's transaction another process cannot see the data: there they run in-process.
- Memory: the worker's ru_maxrss after the timed reports (the target applies to it, as to
  the benchmark's other process figures), the proportional set size (PSS) of the Chromium
  processes kaleido runs beside it, summed (no target: a browser of its own, about 0.5 GB),
  their sum, and tracemalloc's peak of Python allocations during one more faculty report
  (read last: tracemalloc's bookkeeping inflates the resident set). All are read before the
  largest programme's report, which is timed once for information.
- Times are medians over `repeat` runs for the programme report and over at most
  FACULTY_REPEAT runs for the faculty report (each takes seconds).
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from assessments import services as compass_services
from assessments.models import AxisChoice, CompassRound
from demo.benchmark import report_worker
from demo.benchmark.generator import bench_programs
from demo.benchmark.measure import (
    MB,
    TARGET_MEMORY_MB,
    Measurement,
    median_time,
    process_peak_mb,
)
from programs.models import Faculty, Program
from reports import documents

REPORT_FACULTY_PROGRAMS = 30
FACULTY_REPEAT = 3
TARGET_PROGRAM_REPORT = 1.5
TARGET_FACULTY_REPORT = 20.0
TARGET_SCORE = 70  # the målbild set on every axis of the timed round


class _Rollback(Exception):
    """Raised to undo everything the report measures wrote."""


def _median_program(programs: list[tuple[int, int]]) -> tuple[int, int]:
    """(pk, activities) of the programme with the median activity count."""
    return programs[len(programs) // 2]


def _adopted_round(program: Program, today: datetime.date) -> CompassRound:
    """A round adopted through the services, with a målbild on every axis."""
    open_round = program.compass_rounds.exclude(status=CompassRound.Status.FROZEN).first()
    compass_round = open_round or compass_services.round_start(
        program=program, user=None, date=today
    )
    compass_services.targets_set(
        compass_round=compass_round,
        user=None,
        targets=[{"axis": axis, "score": TARGET_SCORE} for axis in AxisChoice.values],
    )
    return compass_services.round_freeze(compass_round=compass_round, user=None)


def _program_report(compass_round: CompassRound) -> object:
    return documents.program_report(
        compass_round=compass_round,
        language="sv",
        generated_by=None,
        generated_at=timezone.now(),
    )


def _faculty_report(faculty: Faculty) -> object:
    return documents.faculty_report(
        faculty=faculty, language="sv", generated_by=None, generated_at=timezone.now()
    )


def _descendants(pid: int) -> list[int]:
    """Process ids below `pid` (Linux /proc; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def browser_memory_mb() -> float | None:
    """Proportional set size (PSS) of this process's Chromium children, summed, in MB.

    PSS shares each shared page among the processes using it, so the sum is what the
    browser as a whole holds (Chromium runs a handful of processes that share libraries);
    None when there is no /proc or no browser.
    """
    total_kb = 0
    seen = False
    for pid in _descendants(os.getpid()):
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        if "chrom" not in name:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total_kb += int(line.split()[1])
                seen = True
    return total_kb / 1024 if seen else None


@dataclass(frozen=True)
class _Timed:
    rows: list[Measurement]
    process_mb: float  # ru_maxrss after the timed reports, before tracemalloc starts
    browser_mb: float | None
    python_peak: float  # bytes, tracemalloc's peak during one faculty report
    largest: tuple[int, int]  # (pk, activities) of the largest programme
    median_activities: int


def _timed_rows(*, repeat: int, today: datetime.date) -> _Timed:
    """The timings and memory readings, inside a transaction that is rolled back."""
    rows: list[Measurement] = []
    programs = list(
        bench_programs()
        .annotate(n=Count("activities"))
        .order_by("n", "code")
        .values_list("pk", "n")
    )
    median_pk, median_n = _median_program(programs)
    python_peak = 0
    process_mb, browser_mb = 0.0, None
    try:
        with transaction.atomic():
            compass_round = _adopted_round(Program.objects.get(pk=median_pk), today)
            _program_report(compass_round)  # warm-up: kaleido's browser, fonts, templates
            rows.append(
                Measurement(
                    key="program_report",
                    label=f"programme report PDF, {median_n} activities (warm)",
                    median=median_time(lambda: _program_report(compass_round), repeat=repeat),
                    unit="s",
                    target=TARGET_PROGRAM_REPORT,
                )
            )
            faculty = Faculty.objects.create(code="bench-report", name_sv="Benchmarkfakulteten")
            chosen = list(
                bench_programs()
                .order_by("code")
                .values_list("pk", flat=True)[:REPORT_FACULTY_PROGRAMS]
            )
            Program.objects.filter(pk__in=chosen).update(faculty=faculty)
            rows.append(
                Measurement(
                    key="faculty_report",
                    label=f"faculty report PDF + Excel, {len(chosen)} programmes",
                    median=median_time(
                        lambda: _faculty_report(faculty), repeat=min(repeat, FACULTY_REPEAT)
                    ),
                    unit="s",
                    target=TARGET_FACULTY_REPORT,
                )
            )
            # ru_maxrss first: tracemalloc's own bookkeeping would inflate the resident set.
            process_mb, browser_mb = process_peak_mb(), browser_memory_mb()
            tracemalloc.start()
            try:
                _faculty_report(faculty)
                _current, python_peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            raise _Rollback
    except _Rollback:
        pass
    return _Timed(
        rows=rows,
        process_mb=process_mb,
        browser_mb=browser_mb,
        python_peak=python_peak,
        largest=programs[-1],
        median_activities=median_n,
    )


def _largest_report(*, pk: int, activities: int, today: datetime.date) -> Measurement:
    """The largest programme's report, once, for information (rolled back)."""
    try:
        with transaction.atomic():
            compass_round = _adopted_round(Program.objects.get(pk=pk), today)
            seconds = median_time(lambda: _program_report(compass_round), repeat=1)
            raise _Rollback
    except _Rollback:
        pass
    return Measurement(
        key="program_report_large",
        label=f"programme report PDF, {activities} activities (once)",
        median=seconds,
        unit="s",
    )


def _memory_rows(timed: _Timed, *, fresh: bool) -> list[Measurement]:
    where = "report worker" if fresh else "process, all measures"
    rows = [
        Measurement(
            key="memory_reports_python",
            label="peak Python memory, faculty report (tracemalloc)",
            median=timed.python_peak / MB,
            unit="MB",
            target=TARGET_MEMORY_MB,
        ),
        Measurement(
            key="memory_reports_process",
            label=f"peak memory of the {where} (ru_maxrss)",
            median=timed.process_mb,
            unit="MB",
            target=TARGET_MEMORY_MB if fresh else None,
        ),
    ]
    if timed.browser_mb is not None:
        rows += [
            Measurement(
                key="memory_reports_browser",
                label="kaleido's Chromium beside it (PSS, summed)",
                median=timed.browser_mb,
                unit="MB",
            ),
            Measurement(
                key="memory_reports_worker",
                label=f"{where} + Chromium",
                median=timed.process_mb + timed.browser_mb,
                unit="MB",
            ),
        ]
    return rows


def measure_in_this_process(*, repeat: int, today: datetime.date, fresh: bool) -> list[Measurement]:
    """Every report measure, run in the calling process."""
    timed = _timed_rows(repeat=repeat, today=today)
    rows = [*timed.rows, *_memory_rows(timed, fresh=fresh)]
    large_pk, large_n = timed.largest
    if large_n > timed.median_activities:  # for information, after the memory readings
        rows.insert(1, _largest_report(pk=large_pk, activities=large_n, today=today))
    return rows


def measure_reports(*, repeat: int, today: datetime.date) -> list[Measurement]:
    """Time the reports on the benchmark data in a fresh process, like a report worker.

    Inside an open transaction (the test suite's) another process would not see the data,
    so the measures run in this process instead and the memory lines say so.
    """
    if connection.in_atomic_block:
        return measure_in_this_process(repeat=repeat, today=today, fresh=False)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(report_worker.run, (repeat, today))
