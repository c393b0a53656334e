"""What the compass page, the round page and the PDF show: table rows and recommendations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assessments.indicators import AXES, INDICATORS
from assessments.models import CompassRound, SupportOffer, Target
from assessments.scoring import CompassResult, display_round
from programs.models import Activity, Program

# ---------------------------------------------------------------------------
# Recommendations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    """A weak sub-indicator and the support offers that improve it."""

    key: str
    axis: str
    name: Any  # lazy translated label of the sub-indicator
    axis_name: Any
    value: float
    shown: int
    offers: tuple[SupportOffer, ...]


def recommendations(*, result: CompassResult, limit: int = 3) -> list[Recommendation]:
    """The `limit` weakest applicable sub-indicators below 100, with matching active offers.

    Ties keep the model's axis and indicator order; one query loads the active catalogue,
    which is small, and the match is done in Python (JSON containment is not portable).
    """
    weakest = sorted(
        (
            (indicator.value, position, indicator)
            for position, indicator in enumerate(_indicators(result))
            if indicator.value is not None and indicator.value < 100
        ),
        key=lambda item: (item[0], item[1]),
    )[:limit]
    if not weakest:
        return []
    offers = list(SupportOffer.objects.filter(is_active=True).order_by("title_sv", "pk"))
    return [
        Recommendation(
            key=indicator.key,
            axis=indicator.axis.value,
            name=INDICATORS[indicator.key].name,
            axis_name=AXES[indicator.axis].name,
            value=indicator.value,
            shown=display_round(indicator.value),
            offers=tuple(o for o in offers if indicator.key in (o.indicators or [])),
        )
        for _value, _position, indicator in weakest
    ]


def _indicators(result: CompassResult) -> Iterable:
    for axis in result.axes:
        yield from axis.indicators


def activity_titles(*, program: Program, ids: Iterable[int]) -> dict[int, str]:
    """Titles of the programme's activities with these ids (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(Activity.objects.filter(program=program, pk__in=wanted).values_list("pk", "title"))


# ---------------------------------------------------------------------------
# What the compass page, the round page and the PDF show
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """One sub-indicator as shown in "How is this computed?"."""

    key: str
    name: Any  # lazy translated label
    description: Any
    value: float | None
    shown: int | None  # rounded half up; None is N/A
    arithmetic: str
    activities: tuple[tuple[int, str], ...]  # (id, title) of the rows used


@dataclass(frozen=True)
class AxisRow:
    """One axis of the compass with its målbild, gap and previous round."""

    axis: str
    name: Any
    description: Any
    current: float | None
    current_shown: int | None
    target: int | None
    gap: int | None  # target − current as shown; None when either is missing
    previous: float | None
    previous_shown: int | None
    indicators: tuple[IndicatorRow, ...]


def compass_rows(
    *,
    result: CompassResult,
    targets: dict[str, Target] | None = None,
    previous: CompassResult | None = None,
    titles: dict[int, str] | None = None,
) -> list[AxisRow]:
    """The table and drill-down rows of a compass, in radar order.

    The gap is the målbild minus the current state *as shown* (rounded half up), so the
    numbers in a row add up by hand. An activity no longer in `titles` shows as "#id".
    """
    targets = targets or {}
    titles = titles or {}
    rows = []
    for score in result.axes:
        target = targets.get(score.axis.value)
        target_score = target.score if target is not None else None
        shown = display_round(score.value)
        previous_value = previous.axis(score.axis).value if previous is not None else None
        rows.append(
            AxisRow(
                axis=score.axis.value,
                name=AXES[score.axis].name,
                description=AXES[score.axis].description,
                current=score.value,
                current_shown=shown,
                target=target_score,
                gap=None if target_score is None or shown is None else target_score - shown,
                previous=previous_value,
                previous_shown=display_round(previous_value),
                indicators=tuple(
                    IndicatorRow(
                        key=item.key,
                        name=INDICATORS[item.key].name,
                        description=INDICATORS[item.key].description,
                        value=item.value,
                        shown=display_round(item.value),
                        arithmetic=item.arithmetic,
                        activities=tuple(
                            (pk, titles.get(pk, f"#{pk}")) for pk in item.activity_ids
                        ),
                    )
                    for item in score.indicators
                ),
            )
        )
    return rows


def result_activity_ids(*, result: CompassResult) -> set[int]:
    """Every activity id any sub-indicator of `result` used."""
    return {pk for indicator in _indicators(result) for pk in indicator.activity_ids}


def frozen_activity_titles(*, compass_round: CompassRound) -> dict[int, str]:
    """The activity titles stored when the round was frozen."""
    stored = (compass_round.inputs or {}).get("activity_titles", {})
    return {int(pk): title for pk, title in stored.items()}
