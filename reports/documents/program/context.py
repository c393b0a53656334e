"""What the programme report shows, read through the selectors into plain template values.

Choices made here:
- A frozen round is the official record: its scores come from the round's frozen JSON
  (`assessments.selectors.round_result`), the activities behind each figure from the frozen
  inputs (year, type) and the titles stored at freezing (`frozen_activity_titles`), and the
  annex and completeness from the inventory as of `frozen_at` (see .inventory). Regenerating
  the report later gives the same content, except the actions' follow-up, which stays open
  after freezing (assessments.services) and is shown as it stands on the generation date.
- An open round is a draft of the live inventory on the round's reference date.
- The previous round is the latest frozen round before this one
  (`round_previous_frozen`), with its stored scores and its actions' follow-up.
- The per-axis rows and arithmetic are `assessments.selectors.compass_rows`, the rows the
  compass page's "How is this computed?" panel shows, so both read the same.
- The radar is `assessments.charts.radar_figure_data` with the same series as the compass
  page. No user text enters the figure: its labels are the model's translated axis names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from assessments import charts, selectors
from assessments.indicators import AXIS_UKA_AREA, SURVEY_UKA_AREA, UKA_AREAS, UkaArea
from assessments.models import Action, CompassRound, SurveyResult
from assessments.scoring import Axis, CompassResult, result_from_dict
from assessments.selectors import AxisRow, IndicatorRow
from programs import completeness_text
from programs.completeness import Completeness
from programs.models import ActivityType, Program
from programs.models.i18n import localised
from reports.documents.program.inventory import InventorySnapshot, inventory_snapshot

# A sub-indicator's activities are listed by title, year and type up to this many; a longer
# list gives each activity's number in the annex (A1, A2 …), where its title, year and type
# stand. Listing every title under every sub-indicator made a 65-activity programme's report
# 32 pages (497 references) and a 1,000-activity one several hundred.
NAMED_ACTIVITIES_MAX = 6


@dataclass(frozen=True)
class ActivityRef:
    """An activity behind a figure: its annex number, title, programme year and type."""

    pk: int
    number: str  # "A12"; empty when the annex does not list it
    title: str
    year: int | None
    type_name: str


@dataclass(frozen=True)
class IndicatorSection:
    row: IndicatorRow
    activities: tuple[ActivityRef, ...]

    @property
    def named(self) -> bool:
        """Short lists name each activity; longer ones give the annex numbers only."""
        return len(self.activities) <= NAMED_ACTIVITIES_MAX


@dataclass(frozen=True)
class AxisSection:
    number: int
    row: AxisRow
    uka_area: Promise
    indicators: tuple[IndicatorSection, ...]


@dataclass(frozen=True)
class ActionLine:
    """An action as the report lists it; `overdue` on the generation date."""

    action: Action
    overdue: bool


@dataclass(frozen=True)
class UkaSection:
    area: UkaArea
    name: Promise
    axes: tuple[AxisSection, ...]
    surveys: tuple[SurveyResult, ...]


@dataclass(frozen=True)
class ProgramReport:
    """Every value the programme report's template reads."""

    program: Program
    faculty_name: str
    department_name: str
    compass_round: CompassRound
    previous_round: CompassRound | None
    result: CompassResult
    rows: list[AxisRow]
    axes: list[AxisSection]
    figure: dict[str, Any]
    has_targets: bool
    actions: list[ActionLine]
    previous_actions: list[ActionLine]
    uka: list[UkaSection]
    inventory: InventorySnapshot
    missing: list[str]  # what the inventory still lacks, as sentences
    frozen_by: str
    generated_by: str
    generated_at: datetime.datetime

    @property
    def is_draft(self) -> bool:
        return not self.compass_round.is_frozen

    @property
    def completeness(self) -> Completeness:
        return self.inventory.completeness


def user_display_name(user: AbstractBaseUser | None) -> str:
    """A user's full name, else their login; empty for a system run."""
    if user is None:
        return ""
    full_name = getattr(user, "get_full_name", None)
    return (full_name() if callable(full_name) else "") or user.get_username()


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


def _activity_refs(
    *, compass_round: CompassRound, titles: dict[int, str], inventory: InventorySnapshot
) -> dict[int, ActivityRef]:
    """Title, year and type of every activity the round's figures may name."""
    if compass_round.is_frozen:
        type_names = {t.key: t.name for t in ActivityType.objects.all()}
        return {
            item["id"]: ActivityRef(
                pk=item["id"],
                number=annex.number if (annex := inventory.activities.get(item["id"])) else "",
                title=titles.get(item["id"], f"#{item['id']}"),
                year=item.get("year"),
                type_name=type_names.get(item["type_key"], item["type_key"]),
            )
            for item in (compass_round.inputs or {}).get("activities", [])
        }
    return {
        pk: ActivityRef(pk=pk, number=a.number, title=a.title, year=a.year, type_name=a.type_name)
        for pk, a in inventory.activities.items()
    }


def _axis_sections(rows: list[AxisRow], refs: dict[int, ActivityRef]) -> list[AxisSection]:
    axes = list(Axis)
    return [
        AxisSection(
            number=number,
            row=row,
            uka_area=UKA_AREAS[AXIS_UKA_AREA[axes[number - 1]]],
            indicators=tuple(
                IndicatorSection(
                    row=indicator,
                    activities=tuple(
                        refs.get(
                            pk, ActivityRef(pk=pk, number="", title=title, year=None, type_name="")
                        )
                        for pk, title in indicator.activities
                    ),
                )
                for indicator in row.indicators
            ),
        )
        for number, row in enumerate(rows, start=1)
    ]


def _uka_sections(axes: list[AxisSection], compass_round: CompassRound) -> list[UkaSection]:
    surveys = tuple(SurveyResult.objects.filter(round=compass_round).order_by("series", "axis"))
    by_area = {
        area: [a for a in axes if AXIS_UKA_AREA[Axis(a.row.axis)] == area] for area in UkaArea
    }
    return [
        UkaSection(
            area=area,
            name=UKA_AREAS[area],
            axes=tuple(by_area[area]),
            surveys=surveys if area == SURVEY_UKA_AREA else (),
        )
        for area in UkaArea
    ]


def _action_lines(compass_round: CompassRound | None, today: datetime.date) -> list[ActionLine]:
    if compass_round is None:
        return []
    return [
        ActionLine(
            action=action,
            overdue=bool(
                action.due_date and action.due_date < today and action.status != Action.Status.DONE
            ),
        )
        for action in selectors.round_actions(compass_round=compass_round)
    ]


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
    inventory = inventory_snapshot(compass_round=compass_round)
    if compass_round.is_frozen:
        titles = selectors.frozen_activity_titles(compass_round=compass_round)
    else:
        titles = {pk: a.title for pk, a in inventory.activities.items()}
    targets = selectors.round_targets(compass_round=compass_round)
    rows = selectors.compass_rows(result=result, targets=targets, previous=previous, titles=titles)
    axes = _axis_sections(
        rows, _activity_refs(compass_round=compass_round, titles=titles, inventory=inventory)
    )
    today = (
        timezone.localdate(generated_at) if timezone.is_aware(generated_at) else generated_at.date()
    )
    return ProgramReport(
        program=program,
        faculty_name=localised(program.faculty.name_sv, program.faculty.name_en),
        department_name=localised(program.department.name_sv, program.department.name_en)
        if program.department is not None
        else "",
        compass_round=compass_round,
        previous_round=previous_round,
        result=result,
        rows=rows,
        axes=axes,
        figure=radar_data(rows=rows, has_targets=bool(targets), has_previous=previous is not None),
        has_targets=bool(targets),
        actions=_action_lines(compass_round, today),
        previous_actions=_action_lines(previous_round, today),
        uka=_uka_sections(axes, compass_round),
        inventory=inventory,
        missing=[completeness_text.missing_text(m) for m in inventory.completeness.missing],
        frozen_by=user_display_name(compass_round.frozen_by),
        generated_by=user_display_name(generated_by),
        generated_at=generated_at,
    )
