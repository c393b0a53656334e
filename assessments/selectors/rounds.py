"""Compass rounds and actions: who may open them, and what a round holds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from alakompass.types import AnyUser
from assessments.models import Action, CompassRound, Target
from assessments.scoring import CompassResult, compass, result_from_dict
from assessments.selectors.inputs import program_input
from programs import selectors as program_selectors
from programs.models import Program


def round_get_for_user(*, user: AnyUser, pk: int, for_edit: bool = False) -> CompassRound:
    """The round if `user` may see its programme: 404 if not, 403 if editing is denied."""
    visible = program_selectors.program_list_for_user(user=user)
    compass_round = get_object_or_404(
        CompassRound.objects.select_related("program", "program__faculty", "frozen_by"),
        pk=pk,
        program__in=visible,
    )
    if for_edit and not program_selectors.program_can_edit(
        user=user, program=compass_round.program
    ):
        raise PermissionDenied
    return compass_round


def action_get_for_user(*, user: AnyUser, pk: int, for_edit: bool = False) -> Action:
    """The action if `user` may see its programme: 404 if not, 403 if editing is denied."""
    visible = program_selectors.program_list_for_user(user=user)
    action = get_object_or_404(
        Action.objects.select_related("round", "round__program"),
        pk=pk,
        round__program__in=visible,
    )
    if for_edit and not program_selectors.program_can_edit(user=user, program=action.round.program):
        raise PermissionDenied
    return action


def round_list_for_program(*, program: Program) -> QuerySet[CompassRound]:
    """The programme's rounds, newest first."""
    return CompassRound.objects.filter(program=program).order_by("-date", "-pk")


def round_open_for_program(*, program: Program) -> CompassRound | None:
    """The programme's open (not yet frozen) round, if any."""
    return (
        CompassRound.objects.filter(program=program)
        .exclude(status=CompassRound.Status.FROZEN)
        .order_by("-date", "-pk")
        .first()
    )


def round_previous_frozen(
    *, program: Program, before: CompassRound | None = None
) -> CompassRound | None:
    """The latest frozen round of the programme, or the latest one before `before`."""
    rounds = CompassRound.objects.filter(program=program, status=CompassRound.Status.FROZEN)
    if before is not None:
        rounds = rounds.filter(Q(date__lt=before.date) | Q(date=before.date, pk__lt=before.pk))
    return rounds.order_by("-date", "-pk").first()


def round_result(*, compass_round: CompassRound) -> CompassResult:
    """A round's scores: the stored ones once frozen, else computed live on the round's date."""
    if compass_round.is_frozen and compass_round.scores:
        return result_from_dict(compass_round.scores)
    return compass(
        program_input(
            program=compass_round.program,
            reference_date=compass_round.date,
            compass_round=compass_round,
        )
    )


def round_targets(*, compass_round: CompassRound | None) -> dict[str, Target]:
    """The round's målbild keyed by axis value (empty without a round)."""
    if compass_round is None:
        return {}
    return {target.axis: target for target in compass_round.targets.all()}


def round_actions(*, compass_round: CompassRound) -> QuerySet[Action]:
    """The round's actions in due-date order, with their support offer."""
    return compass_round.actions.select_related("support_offer").order_by("due_date", "pk")
