"""Writes for a programme's council (branschråd/programråd), its members and meetings."""

import datetime
from typing import Any

from django.contrib.auth.models import User

from programs import selectors
from programs.models import Council, CouncilMeeting, CouncilMember, Program
from programs.services.records import apply_fields, record_delete, record_save, record_update


def council_save(
    *, program: Program, user: User | None, expected_version: int | None = None, **fields: Any
) -> Council:
    """Create or update the programme's council."""
    council = selectors.council_for_program(program=program) or Council(program=program)
    return record_save(apply_fields(council, fields), user=user, expected_version=expected_version)


def council_member_add(*, council: Council, user: User | None, **fields: Any) -> CouncilMember:
    """Add an external member (organisation and role)."""
    return record_save(CouncilMember(council=council, **fields), user=user)


def council_member_update(
    *,
    member: CouncilMember,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> CouncilMember:
    """Change an external council member's organisation or role."""
    return record_update(member, user=user, expected_version=expected_version, **fields)


def council_meeting_add(
    *, council: Council, user: User | None, date: datetime.date, **fields: Any
) -> CouncilMeeting:
    """Record a council meeting."""
    return record_save(CouncilMeeting(council=council, date=date, **fields), user=user)


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
