"""Scoring inputs as JSON and back, as a frozen round stores them."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from assessments.scoring import (
    ActionPlanInput,
    ActivityInput,
    CouncilInput,
    PartnerLink,
    ProgramInput,
)


def program_input_as_dict(*, program_input: ProgramInput) -> dict[str, Any]:
    """A JSON-serialisable copy of a ProgramInput (dates as ISO strings)."""
    data = dataclasses.asdict(program_input)
    data["reference_date"] = program_input.reference_date.isoformat()
    if program_input.council is not None:
        for field in ("last_meeting", "last_curriculum_review"):
            value = getattr(program_input.council, field)
            data["council"][field] = value.isoformat() if value else None
    return data


def program_input_from_dict(*, data: dict[str, Any]) -> ProgramInput:
    """Rebuild a ProgramInput from program_input_as_dict() (e.g. a frozen round's inputs)."""
    council = data.get("council")
    return ProgramInput(
        id=data["id"],
        credits=data["credits"],
        years=data["years"],
        reference_date=datetime.date.fromisoformat(data["reference_date"]),
        has_distance_students=data["has_distance_students"],
        has_program_worklife_outcome=data["has_program_worklife_outcome"],
        council=None
        if council is None
        else CouncilInput(
            formal=council["formal"],
            external_members=council["external_members"],
            last_meeting=_date_or_none(council["last_meeting"]),
            last_curriculum_review=_date_or_none(council["last_curriculum_review"]),
        ),
        alumni_follow_up=data["alumni_follow_up"],
        gender_analysis=data["gender_analysis"],
        action_plan=ActionPlanInput(**data["action_plan"]),
        activities=tuple(
            ActivityInput(
                **{key: value for key, value in item.items() if key != "partners"},
                partners=tuple(PartnerLink(**link) for link in item["partners"]),
            )
            for item in data["activities"]
        ),
    )


def _date_or_none(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
