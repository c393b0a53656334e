"""Writes for compass rounds: start, målbild, actions. A frozen round refuses every write."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Action, CompassRound, SupportOffer, Target
from programs.models import Program
from programs.services import record_save

User = AbstractBaseUser


def _ensure_open(compass_round: CompassRound) -> None:
    if compass_round.is_frozen:
        raise ValidationError(_("This compass round is adopted (frozen) and cannot change."))


@transaction.atomic
def round_start(
    *, program: Program, user: User | None, date: datetime.date | None = None
) -> CompassRound:
    """Start a new draft round; only one unfrozen round per programme at a time."""
    if program.compass_rounds.exclude(status=CompassRound.Status.FROZEN).exists():
        raise ValidationError(
            _("The programme already has an open compass round: finish or freeze it first.")
        )
    compass_round = CompassRound(program=program, date=date or timezone.localdate())
    return record_save(compass_round, user=user)


def target_set(
    *,
    compass_round: CompassRound,
    user: User | None,
    axis: str,
    score: int,
    motivation: str = "",
    target_year: int | None = None,
) -> Target:
    """Set (or change) the målbild for one axis; target year defaults to round year + 2."""
    _ensure_open(compass_round)
    target = Target.objects.filter(round=compass_round, axis=axis).first()
    target = target or Target(round=compass_round, axis=axis)
    target.score = score
    target.motivation = motivation
    target.target_year = target_year or compass_round.date.year + 2
    return record_save(target, user=user)


def action_create(
    *,
    compass_round: CompassRound,
    user: User | None,
    axis: str,
    description: str,
    **fields: object,
) -> Action:
    """Add an action to the round's action plan."""
    _ensure_open(compass_round)
    action = Action(round=compass_round, axis=axis, description=description, **fields)
    return record_save(action, user=user)


def support_offer_create(*, user: User | None, title_sv: str, **fields: object) -> SupportOffer:
    """Add an offer to SAM's support catalogue."""
    return record_save(SupportOffer(title_sv=title_sv, **fields), user=user)
