"""Writes for a round's målbild: one target per axis, set alone or all eight at once."""

from collections.abc import Iterable
from typing import NotRequired, TypedDict

from django.contrib.auth.models import User
from django.db import transaction

from assessments.models import CompassRound, Target
from assessments.services.rounds import round_lock_open
from programs.services import record_save

# The version a målbild form sends for an axis that had no target when it was opened: a
# target saved meanwhile (version 1 or more) then makes the save an EditConflict.
NO_TARGET_YET = 0


class TargetInput(TypedDict):
    """One axis of a målbild save: target_set's fields."""

    axis: str
    score: int
    motivation: NotRequired[str]
    target_year: NotRequired[int | None]
    expected_version: NotRequired[int | None]


@transaction.atomic
def target_set(
    *,
    compass_round: CompassRound,
    user: User | None,
    axis: str,
    score: int,
    motivation: str = "",
    target_year: int | None = None,
    expected_version: int | None = None,
) -> Target:
    """Set (or change) the målbild for one axis; target year defaults to round year + 2.

    `expected_version` is the target's version when the form was opened (NO_TARGET_YET if it
    had none): a target saved by someone else since then raises EditConflict.
    """
    round_lock_open(compass_round)
    target = Target.objects.filter(round=compass_round, axis=axis).first()
    target = target or Target(round=compass_round, axis=axis)
    target.score = score
    target.motivation = motivation
    target.target_year = target_year or compass_round.date.year + 2
    return record_save(target, user=user, expected_version=expected_version)


@transaction.atomic
def targets_set(
    *, compass_round: CompassRound, user: User | None, targets: Iterable[TargetInput]
) -> list[Target]:
    """Set the målbild of several axes at once, all or none (a conflict on one saves none)."""
    return [target_set(compass_round=compass_round, user=user, **item) for item in targets]
