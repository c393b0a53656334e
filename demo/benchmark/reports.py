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
- Memory: tracemalloc's peak of Python allocations during one faculty report, the process's
  ru_maxrss after the reports, and the peak resident set (VmHWM) of the Chromium processes
  kaleido runs beside the worker, summed over its processes (shared pages counted in each,
  so an upper bound). A worker's peak is about the process's plus the browser's.
- Times are medians over `repeat` runs for the programme report and over at most
  FACULTY_REPEAT runs for the faculty report (each takes seconds).
"""

from __future__ import annotations

import datetime
import os
import tracemalloc
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from assessments import services as compass_services
from assessments.models import AxisChoice, CompassRound
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


def browser_peak_mb() -> float | None:
    """Summed peak resident set (VmHWM) of this process's Chromium children, in MB."""
    total_kb = 0
    seen = False
    for pid in _descendants(os.getpid()):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            name = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        if "chrom" not in name:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total_kb += int(line.split()[1])
                seen = True
    return total_kb / 1024 if seen else None


def measure_reports(*, repeat: int, today: datetime.date) -> list[Measurement]:
    """Time the reports on the benchmark data and undo what the timing wrote."""
    rows: list[Measurement] = []
    programs = list(
        bench_programs()
        .annotate(n=Count("activities"))
        .order_by("n", "code")
        .values_list("pk", "n")
    )
    median_pk, median_n = _median_program(programs)
    large_pk, large_n = programs[-1]
    python_peak = 0
    try:
        with transaction.atomic():
            program = Program.objects.get(pk=median_pk)
            compass_round = _adopted_round(program, today)
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
            if large_pk != median_pk:
                large_round = _adopted_round(Program.objects.get(pk=large_pk), today)
                rows.append(
                    Measurement(
                        key="program_report_large",
                        label=f"programme report PDF, {large_n} activities (once)",
                        median=median_time(lambda: _program_report(large_round), repeat=1),
                        unit="s",
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
            tracemalloc.start()
            try:
                _faculty_report(faculty)
                _current, python_peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            raise _Rollback
    except _Rollback:
        pass
    rows.append(
        Measurement(
            key="memory_reports_python",
            label="peak Python memory, faculty report (tracemalloc)",
            median=python_peak / MB,
            unit="MB",
            target=TARGET_MEMORY_MB,
        )
    )
    process = process_peak_mb()
    browser = browser_peak_mb()
    rows.append(
        Measurement(
            key="memory_reports_process",
            label="peak process memory after the reports (ru_maxrss)",
            median=process,
            unit="MB",
        )
    )
    if browser is not None:
        rows += [
            Measurement(
                key="memory_reports_browser",
                label="peak memory of kaleido's Chromium (VmHWM, summed)",
                median=browser,
                unit="MB",
            ),
            Measurement(
                key="memory_reports_worker",
                label="report worker peak (process + Chromium)",
                median=process + browser,
                unit="MB",
                target=TARGET_MEMORY_MB,
            ),
        ]
    return rows
