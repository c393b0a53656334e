"""What the programme report shows, read through the selectors into plain template values.

A frozen round is the official record: its scores come from the round's frozen JSON
(`assessments.selectors.round_result`) and the activity titles from the titles stored at
freezing (`frozen_activity_titles`), so regenerating the report later gives the same content.
An open round is a draft of the live inventory on the round's reference date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from assessments import charts, selectors
from assessments.models import CompassRound
from assessments.scoring import CompassResult, result_from_dict
from assessments.selectors import AxisRow
from programs import selectors as program_selectors
from programs.completeness import Completeness
from programs.models import Program


@dataclass(frozen=True)
class ProgramReport:
    """Every value the programme report's template reads."""

    program: Program
    compass_round: CompassRound
    previous_round: CompassRound | None
    result: CompassResult
    rows: list[AxisRow]
    figure: dict[str, Any]
    completeness: Completeness
    generated_by: str
    generated_at: datetime.datetime

    @property
    def is_draft(self) -> bool:
        return not self.compass_round.is_frozen


def user_display_name(user: AbstractBaseUser | None) -> str:
    """A user's full name, else their login; empty for a system run."""
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return full or user.get_username()


def radar_data(*, rows: list[AxisRow], has_targets: bool, has_previous: bool) -> dict[str, Any]:
    """The compass page's radar figure (same function, same series) for these rows."""
    return charts.radar_figure_data(
        labels=[str(row.name) for row in rows],
        current=[row.current for row in rows],
        target=[row.target for row in rows] if has_targets else None,
        previous=[row.previous for row in rows] if has_previous else None,
        current_name=_("Current state"),
        target_name=_("Target (målbild)"),
        previous_name=_("Previous round"),
        not_applicable=_("N/A"),
    )


def program_report_data(
    *,
    compass_round: CompassRound,
    generated_by: AbstractBaseUser | None,
    generated_at: datetime.datetime,
) -> ProgramReport:
    """Read everything the report of `compass_round` shows (no writes)."""
    program = compass_round.program
    result = selectors.round_result(compass_round=compass_round)
    previous_round = selectors.round_previous_frozen(program=program, before=compass_round)
    previous = (
        result_from_dict(previous_round.scores)
        if previous_round is not None and previous_round.scores
        else None
    )
    if compass_round.is_frozen:
        titles = selectors.frozen_activity_titles(compass_round=compass_round)
    else:
        titles = selectors.activity_titles(
            program=program, ids=selectors.result_activity_ids(result=result)
        )
    targets = selectors.round_targets(compass_round=compass_round)
    rows = selectors.compass_rows(result=result, targets=targets, previous=previous, titles=titles)
    inventory = program_selectors.program_inventory(program=program)
    return ProgramReport(
        program=program,
        compass_round=compass_round,
        previous_round=previous_round,
        result=result,
        rows=rows,
        figure=radar_data(rows=rows, has_targets=bool(targets), has_previous=previous is not None),
        completeness=inventory.completeness,
        generated_by=user_display_name(generated_by),
        generated_at=generated_at,
    )
