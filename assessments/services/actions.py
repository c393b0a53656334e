"""Writes for a round's action plan: add, change, follow up (also once frozen), remove."""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from assessments.models import Action, CompassRound
from assessments.services.rounds import round_lock_open
from programs.services import record_delete, record_save, record_update

ACTION_FIELDS = Action.EDITABLE_FIELDS  # defined once, on the model; the form reads it too
FOLLOW_UP_FIELDS = ("status", "follow_up_note", "followed_up_at")


@transaction.atomic
def action_create(
    *,
    compass_round: CompassRound,
    user: User | None,
    axis: str,
    description: str,
    **fields: Any,
) -> Action:
    """Add an action to the round's action plan."""
    round_lock_open(compass_round)
    action = Action(round=compass_round, axis=axis, description=description, **fields)
    return record_save(action, user=user)


@transaction.atomic
def action_update(
    *, action: Action, user: User | None, expected_version: int | None = None, **fields: Any
) -> Action:
    """Change an action of an open round (any of its fields)."""
    round_lock_open(action.round)
    return record_update(
        action, user=user, expected_version=expected_version, editable=ACTION_FIELDS, **fields
    )


@transaction.atomic
def action_follow_up(
    *,
    action: Action,
    user: User | None,
    status: str,
    follow_up_note: str,
    followed_up_at: datetime.date | None = None,
    expected_version: int | None = None,
) -> Action:
    """Record a follow-up (traffic light and note), also on a frozen round's action.

    The date defaults to today when a note is given; the plan itself does not change.
    """
    action.status = status
    action.follow_up_note = follow_up_note
    if follow_up_note.strip() and followed_up_at is None:
        followed_up_at = timezone.localdate()
    action.followed_up_at = followed_up_at
    return record_save(action, user=user, expected_version=expected_version)


@transaction.atomic
def action_delete(*, action: Action, user: User | None) -> None:
    """Remove an action from an open round's plan."""
    round_lock_open(action.round)
    record_delete(action, user=user)
