"""What the faculty report shows: the dashboard's building blocks, never a league table.

Everything cross-programme comes from `assessments.dashboard` (dashboard_build, axis_scores,
its constants): programme lists are in code order and per-axis values leave it only as
distributions. Reading the stored scores may refresh outdated ones (the score cache the
dashboard also fills); nothing else is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments import dashboard
from assessments.models import AxisChoice
from assessments.scoring import Axis, display_round
from programs.models import Faculty


@dataclass(frozen=True)
class ProgramSummary:
    """One programme's page: its axis scores as shown (Axis order)."""

    row: dashboard.ProgramRow
    scores: tuple[int | None, ...]


@dataclass(frozen=True)
class FacultyReport:
    faculty: Faculty | None
    today: datetime.date
    board: dashboard.Dashboard
    axis_labels: tuple[str, ...]
    programs: tuple[ProgramSummary, ...]  # in code order, never ranked


def faculty_report_data(
    *, faculty: Faculty | None, today: datetime.date | None = None
) -> FacultyReport:
    """Read the faculty's (or, for None, the university's) programmes and their summaries."""
    today = today or timezone.localdate()
    programs = dashboard.dashboard_programs(faculty=faculty)
    board = dashboard.dashboard_build(
        programs=programs, today=today, whole_university=faculty is None
    )
    ids = [row.pk for row in board.programs]
    scores = dashboard.axis_scores(programs=programs, program_ids=ids, today=today)
    labels = dict(AxisChoice.choices)
    return FacultyReport(
        faculty=faculty,
        today=today,
        board=board,
        axis_labels=tuple(str(labels[axis.value]) for axis in Axis),
        programs=tuple(
            ProgramSummary(
                row=row,
                scores=tuple(display_round(v) for v in scores.get(row.pk, (None,) * len(Axis))),
            )
            for row in board.programs
        ),
    )
