"""What the faculty report shows: the dashboard's building blocks, never a league table.

Choices made here:
- Scope: `assessments.dashboard.dashboard_programs(faculty=…)`, the active programmes of
  the faculty (None: of the whole university), always in programme-code order. Nothing is
  sorted by a score; per-axis figures across programmes are distributions only.
- The cross-programme tables are `assessments.dashboard.dashboard_build`'s (distributions,
  activity-type coverage, overdue actions, agreements ending within
  `AGREEMENT_EXPIRY_WARNING_DAYS`), not recomputed here.
- Each programme's page shows its **latest adopted (frozen) round**: the round's frozen
  scores, its målbild and its actions. A programme without one shows its **live state**
  instead, marked as such: the stored live scores (`assessments.dashboard.axis_scores`,
  assessments.ProgramScore), the målbild and actions of its open round if any.
- "No adopted round in the last 24 months": the latest frozen round is dated before
  `years_before(today, CURRENT_ROUND_YEARS)` (the dashboard's definition of a current
  round), or there is none.
- Reading the stored scores may refresh outdated ones, the same score cache the dashboard
  fills on a GET; nothing else is written.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from assessments import charts, dashboard
from assessments.models import Action, AxisChoice, CompassRound, Target
from assessments.scoring import Axis, display_round, result_from_dict
from programs.models import Faculty

ACTION_STATUSES = tuple(Action.Status)


@dataclass(frozen=True)
class AxisLine:
    label: str
    value: float | None
    shown: int | None
    target: int | None
    gap: int | None  # target − shown, as on the compass page


@dataclass(frozen=True)
class ProgramSummary:
    """One programme's page: its adopted round, or its live state, with målbild and actions."""

    row: dashboard.ProgramRow
    frozen_round: CompassRound | None  # None: the live state is shown
    open_round: CompassRound | None
    axes: tuple[AxisLine, ...]
    action_counts: tuple[tuple[str, str, int], ...]  # (status value, label, count)
    overdue: int
    figure: dict[str, Any] = field(repr=False)

    @property
    def is_live(self) -> bool:
        return self.frozen_round is None

    @property
    def has_targets(self) -> bool:
        return any(line.target is not None for line in self.axes)

    @property
    def action_total(self) -> int:
        return sum(count for _key, _label, count in self.action_counts)


@dataclass(frozen=True)
class RoundGap:
    """A programme with no adopted round in the last 24 months."""

    row: dashboard.ProgramRow
    latest_frozen: datetime.date | None
    has_open_round: bool


@dataclass(frozen=True)
class FacultyReport:
    faculty: Faculty | None
    today: datetime.date
    board: dashboard.Dashboard
    axis_labels: tuple[str, ...]
    programs: tuple[ProgramSummary, ...]  # in code order, never ranked
    round_gaps: tuple[RoundGap, ...]  # in code order
    rounds_since: datetime.date


def _latest_rounds(
    program_ids: list[int],
) -> tuple[dict[int, CompassRound], dict[int, CompassRound]]:
    """Each programme's latest frozen round and its open round (one query)."""
    frozen: dict[int, CompassRound] = {}
    open_rounds: dict[int, CompassRound] = {}
    rounds = CompassRound.objects.filter(program_id__in=program_ids).order_by(
        "program_id", "-date", "-pk"
    )
    for compass_round in rounds.only("pk", "program_id", "date", "status", "scores", "frozen_at"):
        chosen = frozen if compass_round.is_frozen else open_rounds
        chosen.setdefault(compass_round.program_id, compass_round)
    return frozen, open_rounds


def _targets(round_ids: list[int]) -> dict[int, dict[str, int]]:
    targets: dict[int, dict[str, int]] = defaultdict(dict)
    for round_id, axis, score in Target.objects.filter(round_id__in=round_ids).values_list(
        "round_id", "axis", "score"
    ):
        targets[round_id][axis] = score
    return targets


def _action_counts(
    round_ids: list[int], today: datetime.date
) -> tuple[dict[int, Counter[str]], Counter[int]]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        Action.objects.filter(round_id__in=round_ids)
        .order_by()
        .values_list("round_id", "status")
        .annotate(n=Count("pk"))
    )
    for round_id, status, n in rows:
        counts[round_id][status] += n
    overdue = Counter(
        Action.objects.filter(round_id__in=round_ids, due_date__lt=today)
        .exclude(status=Action.Status.DONE)
        .values_list("round_id", flat=True)
    )
    return counts, overdue


def _axis_lines(
    labels: tuple[str, ...], values: tuple[float | None, ...], targets: dict[str, int]
) -> tuple[AxisLine, ...]:
    lines = []
    for axis, label, value in zip(Axis, labels, values, strict=True):
        shown = display_round(value)
        target = targets.get(axis.value)
        lines.append(
            AxisLine(
                label=label,
                value=value,
                shown=shown,
                target=target,
                gap=None if target is None or shown is None else target - shown,
            )
        )
    return tuple(lines)


def small_radar(
    *, lines: tuple[AxisLine, ...], current_name: str, target_name: str, na: str
) -> dict[str, Any]:
    """The compass page's radar (same function) for one programme's page."""
    has_targets = any(line.target is not None for line in lines)
    return charts.radar_figure_data(
        labels=[line.label for line in lines],
        current=[line.value for line in lines],
        target=[line.target for line in lines] if has_targets else None,
        current_name=current_name,
        target_name=target_name,
        not_applicable=na,
    )


def faculty_report_data(
    *,
    faculty: Faculty | None,
    today: datetime.date,
    current_name: str,
    live_name: str,
    target_name: str,
    na: str,
) -> FacultyReport:
    """Read the faculty's (or, for None, the university's) programmes and their summaries."""
    programs = dashboard.dashboard_programs(faculty=faculty)
    board = dashboard.dashboard_build(
        programs=programs, today=today, whole_university=faculty is None
    )
    ids = [row.pk for row in board.programs]
    frozen, open_rounds = _latest_rounds(ids)
    live_ids = [pk for pk in ids if pk not in frozen]
    live = dashboard.axis_scores(
        programs=programs.filter(pk__in=live_ids), program_ids=live_ids, today=today
    )
    shown_rounds = {pk: frozen.get(pk) or open_rounds.get(pk) for pk in ids}
    round_ids = [r.pk for r in shown_rounds.values() if r is not None]
    targets = _targets(round_ids)
    counts, overdue = _action_counts(round_ids, today)
    labels_by_axis = dict(AxisChoice.choices)
    labels = tuple(str(labels_by_axis[axis.value]) for axis in Axis)
    status_labels = {value: str(label) for value, label in Action.Status.choices}
    summaries = []
    for row in board.programs:
        frozen_round = frozen.get(row.pk)
        if frozen_round is not None and frozen_round.scores:
            result = result_from_dict(frozen_round.scores)
            values = tuple(score.value for score in result.axes)
        else:
            frozen_round = None
            values = live.get(row.pk, (None,) * len(Axis))
        shown = shown_rounds[row.pk] if frozen_round is None else frozen_round
        lines = _axis_lines(labels, values, targets.get(shown.pk, {}) if shown else {})
        round_counts = counts.get(shown.pk, Counter()) if shown else Counter()
        summaries.append(
            ProgramSummary(
                row=row,
                frozen_round=frozen_round,
                open_round=open_rounds.get(row.pk),
                axes=lines,
                action_counts=tuple(
                    (status.value, status_labels[status.value], round_counts[status.value])
                    for status in ACTION_STATUSES
                ),
                overdue=overdue[shown.pk] if shown else 0,
                figure=small_radar(
                    lines=lines,
                    current_name=live_name if frozen_round is None else current_name,
                    target_name=target_name,
                    na=na,
                ),
            )
        )
    since = dashboard.years_before(today, dashboard.CURRENT_ROUND_YEARS)
    gaps = tuple(
        RoundGap(
            row=row,
            latest_frozen=frozen[row.pk].date if row.pk in frozen else None,
            has_open_round=row.pk in open_rounds,
        )
        for row in board.programs
        if row.pk not in frozen or frozen[row.pk].date < since
    )
    return FacultyReport(
        faculty=faculty,
        today=today,
        board=board,
        axis_labels=labels,
        programs=tuple(summaries),
        round_gaps=gaps,
        rounds_since=since,
    )
