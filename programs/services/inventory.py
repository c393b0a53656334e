"""Edits and removals of courses, outcomes, council rows and agreements."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from programs.models import (
    Activity,
    Agreement,
    CouncilMeeting,
    CouncilMember,
    LearningOutcome,
    Program,
    ProgramCourse,
)
from programs.services.core import User, record_delete, record_save, record_update


@transaction.atomic
def course_place_update(
    *,
    place: ProgramCourse,
    user: User | None,
    expected_version: int | None = None,
    year: int,
    term: int | None,
    kind: str,
    name_sv: str,
    credits: Decimal,
    name_en: str = "",
) -> ProgramCourse:
    """Change a course's place in the programme and the course's names and credits.

    The course is shared by every programme it serves, so a corrected name or credit
    value shows everywhere; the place's version guards the whole form.
    """
    place.year, place.term, place.kind = year, term, kind
    record_save(place, user=user, expected_version=expected_version)
    course = place.course
    if (course.name_sv, course.name_en, course.credits) != (name_sv, name_en, credits):
        course.name_sv, course.name_en, course.credits = name_sv, name_en, credits
        record_save(course, user=user)
    return place


@transaction.atomic
def course_place_remove(*, place: ProgramCourse, user: User | None) -> None:
    """Take a course out of the programme; its activities there keep going, without a course.

    The course itself stays in the catalogue: other programmes may still use it.
    """
    activities = Activity.objects.filter(program_id=place.program_id, course_id=place.course_id)
    for activity in activities:
        record_update(activity, user=user, course=None)
    record_delete(place, user=user)


def outcome_update(
    *,
    outcome: LearningOutcome,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> LearningOutcome:
    """Change a learning outcome."""
    return record_update(outcome, user=user, expected_version=expected_version, **fields)


def outcome_delete(*, outcome: LearningOutcome, user: User | None) -> None:
    """Delete a learning outcome (its links to activities go with it)."""
    record_delete(outcome, user=user)


def council_member_update(
    *,
    member: CouncilMember,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> CouncilMember:
    """Change an external council member's organisation or role."""
    return record_update(member, user=user, expected_version=expected_version, **fields)


def council_meeting_update(
    *,
    meeting: CouncilMeeting,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> CouncilMeeting:
    """Change a council meeting's date, participants, minutes or decisions."""
    return record_update(meeting, user=user, expected_version=expected_version, **fields)


def council_row_delete(*, row: CouncilMember | CouncilMeeting, user: User | None) -> None:
    """Delete a council member or meeting."""
    record_delete(row, user=user)


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    user: User | None,
    expected_version: int | None = None,
    programs: Iterable[Program] | None = None,
    **fields: Any,
) -> Agreement:
    """Change an agreement (and, if given, the programmes it covers)."""
    record_update(agreement, user=user, expected_version=expected_version, **fields)
    if programs is not None:
        agreement.programs.set(list(programs))
    return agreement


@transaction.atomic
def agreement_remove_from_program(
    *, agreement: Agreement, program: Program, user: User | None
) -> bool:
    """Detach the agreement from `program`; delete it if no programme is left.

    An agreement may cover several programmes, and one coordinator must not delete
    another programme's agreement. Returns True if the agreement was deleted.
    """
    agreement._history_user = user
    agreement.programs.remove(program)
    if agreement.programs.exists():
        return False
    record_delete(agreement, user=user)
    return True
