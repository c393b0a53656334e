"""The outputs of the compass, their JSON form for frozen rounds, and display rounding."""

import math
from dataclasses import dataclass
from typing import Any, overload

from .constants import (
    DISPLAY_NOISE_DECIMALS,
    SURVEY_MIN_RESPONSES,
    SURVEY_SCALE_MAX,
    SURVEY_SCALE_MIN,
    Axis,
)


@dataclass(frozen=True)
class SubIndicator:
    """One sub-indicator with the arithmetic behind it, checkable by hand."""

    key: str  # "R1", "R2", ..., "E3"
    axis: Axis
    value: float | None  # None: N/A, left out of the axis mean
    arithmetic: str  # numbers and symbols only, so it reads the same in every language
    activity_ids: tuple[int, ...]  # the inventory rows used, sorted and unique


@dataclass(frozen=True)
class AxisScore:
    axis: Axis
    value: float | None  # mean of the applicable sub-indicators; None when all are N/A
    indicators: tuple[SubIndicator, ...]


@dataclass(frozen=True)
class CompassResult:
    model_version: str
    axes: tuple[AxisScore, ...]  # always the eight axes, in Axis order

    def axis(self, axis: Axis) -> AxisScore:
        for score in self.axes:
            if score.axis == axis:
                return score
        raise KeyError(axis)

    def indicator(self, key: str) -> SubIndicator:
        for score in self.axes:
            for indicator in score.indicators:
                if indicator.key == key:
                    return indicator
        raise KeyError(key)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy, read back by result_from_dict."""
        return {
            "model_version": self.model_version,
            "axes": {
                score.axis.value: {
                    "value": score.value,
                    "indicators": {
                        indicator.key: {
                            "value": indicator.value,
                            "arithmetic": indicator.arithmetic,
                            "activity_ids": list(indicator.activity_ids),
                        }
                        for indicator in score.indicators
                    },
                }
                for score in self.axes
            },
        }


def result_from_dict(data: dict[str, Any]) -> CompassResult:
    """Rebuild a CompassResult from CompassResult.as_dict() (e.g. a frozen round's JSON)."""
    axes = []
    for axis in Axis:
        stored = data["axes"][axis.value]
        indicators = tuple(
            SubIndicator(
                key=key,
                axis=axis,
                value=_optional_float(item["value"]),
                arithmetic=item["arithmetic"],
                activity_ids=tuple(item["activity_ids"]),
            )
            for key, item in stored["indicators"].items()
        )
        axes.append(
            AxisScore(axis=axis, value=_optional_float(stored["value"]), indicators=indicators)
        )
    return CompassResult(model_version=data["model_version"], axes=tuple(axes))


def _optional_float(value: float | None) -> float | None:
    return None if value is None else float(value)


@overload
def display_round(value: float) -> int: ...
@overload
def display_round(value: None) -> None: ...
@overload
def display_round(value: float | None) -> int | None: ...
def display_round(value: float | None) -> int | None:
    """Round half up to an integer for display (43.75 -> 44, 0.5 -> 1); None stays None.

    Python's round() rounds half to even (round(0.5) == 0), which is not what the contract says.
    The value is first rounded to 9 decimals so that float noise (62.49999999999999 for a mean
    that is 62.5 on paper) rounds the way the hand calculation does.
    """
    if value is None:
        return None
    return math.floor(round(value, DISPLAY_NOISE_DECIMALS) + 0.5)


def survey_score(mean: float, responses: int) -> float | None:
    """A 1-5 survey mean on the 0-100 scale, (mean - 1) / 4 * 100; None below 5 responses."""
    if responses < SURVEY_MIN_RESPONSES:
        return None
    if not SURVEY_SCALE_MIN <= mean <= SURVEY_SCALE_MAX:
        raise ValueError(f"survey mean {mean} is not in 1..5")
    span = SURVEY_SCALE_MAX - SURVEY_SCALE_MIN
    return (mean - SURVEY_SCALE_MIN) / span * 100
