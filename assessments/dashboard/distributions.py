"""Per-axis distributions across programmes in scope, from the stored (or refreshed) scores."""

import datetime
from collections.abc import Sequence
from typing import Final

import pandas as pd
from django.db.models import QuerySet

from assessments import services as compass_services
from assessments.dashboard.results import AxisDistribution
from assessments.models import AxisChoice, ProgramScore
from assessments.scoring import MODEL_VERSION, Axis, display_round
from programs.models import Program

QUARTILE_METHOD: Final = "linear"  # pandas' default, the same as Excel's QUARTILE.INC


def _distributions(
    *, programs: QuerySet[Program], program_ids: list[int], today: datetime.date
) -> tuple[AxisDistribution, ...]:
    scores = axis_scores(programs=programs, program_ids=program_ids, today=today)
    labels = dict(AxisChoice.choices)
    return tuple(
        axis_distribution(
            axis=axis.value,
            label=str(labels[axis.value]),
            values=[scores[pk][index] for pk in program_ids if pk in scores],
            total=len(program_ids),
        )
        for index, axis in enumerate(Axis)
    )


def axis_distribution(
    *, axis: str, label: str, values: Sequence[float | None], total: int
) -> AxisDistribution:
    """Summarise one axis: n scored, N/A count, min, quartiles and max, rounded for display."""
    scored = pd.Series([v for v in values if v is not None], dtype="float64")
    n = int(scored.size)
    shown: list[int | None] = [None] * 5  # minimum, q1, median, q3, maximum
    if n:
        quartiles = scored.quantile([0.25, 0.5, 0.75], interpolation=QUARTILE_METHOD)
        summary = [scored.min(), *quartiles, scored.max()]
        shown = [display_round(float(v)) for v in summary]
    minimum, q1, median, q3, maximum = shown
    return AxisDistribution(
        axis=axis,
        label=label,
        values=tuple(sorted(float(v) for v in scored)),
        n=n,
        not_applicable=total - n,
        minimum=minimum,
        q1=q1,
        median=median,
        q3=q3,
        maximum=maximum,
    )


def axis_scores(
    *, programs: QuerySet[Program], program_ids: list[int], today: datetime.date
) -> dict[int, tuple[float | None, ...]]:
    """Live axis values (Axis order) per programme in scope: stored ones, recomputed if outdated.

    A stored row is used when it is fresh (not stale), of the current model version and
    computed for `today`; the others are scored in one batched call and stored.
    """
    if not program_ids:
        return {}
    rows = ProgramScore.objects.filter(program__in=programs.values("pk")).values_list(
        "program_id", "stale", "model_version", "reference_date", "axes"
    )
    scores = {
        pk: _axis_tuple(axes)
        for pk, stale, version, reference_date, axes in rows
        if not stale and version == MODEL_VERSION and reference_date == today
    }
    outdated = [pk for pk in program_ids if pk not in scores]
    if outdated:
        computed = compass_services.program_scores_refresh(
            program_ids=outdated, reference_date=today
        )
        scores.update((pk, _axis_tuple(axes)) for pk, axes in computed.items())
    return scores


def _axis_tuple(axes: dict[str, float | None]) -> tuple[float | None, ...]:
    return tuple(axes.get(axis.value) for axis in Axis)
