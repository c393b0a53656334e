"""Writes for compass rounds (start, details, workflow steps, freezing) and the workflow itself.

A frozen (fastställd) round refuses every write to itself, its targets and its action plan:
the services raise ValidationError. One thing stays open after freezing, by design: the
follow-up of an action (traffic light, follow-up note, date), through `action_follow_up`.
Actions are reviewed twice a year *after* the plan is adopted, and F4 of the next round asks
whether every action of the previous (by then frozen) round has a recorded follow-up, so the
follow-up must be recordable on a frozen round. It changes neither the frozen inputs nor the
frozen scores, nor the plan itself (axis, indicator, description, owner, due date).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.models import AxisChoice, CompassRound
from assessments.scoring import MODEL_VERSION, compass
from programs.models import Program
from programs.services import record_save, record_update

# The workshop steps a coordinator may move between; freezing is round_freeze's alone.
OPEN_STATUSES = (
    CompassRound.Status.DRAFT,
    CompassRound.Status.WORKSHOP_1,
    CompassRound.Status.WORKSHOP_2,
)
ROUND_FIELDS = ("date", "results_communicated", "registry_number", "horizontal_perspectives")


@dataclass(frozen=True)
class RoundStep:
    """One step of a round's cycle as the round page shows it."""

    status: CompassRound.Status
    done: bool
    current: bool

    @property
    def label(self) -> str:
        return str(self.status.label)


def round_steps(*, compass_round: CompassRound) -> list[RoundStep]:
    """Every step of the cycle in order (draft … adopted), marked done or current."""
    order = list(CompassRound.Status)
    reached = order.index(CompassRound.Status(compass_round.status))
    return [
        RoundStep(status=status, done=i < reached, current=i == reached)
        for i, status in enumerate(order)
    ]


def round_next_status(*, compass_round: CompassRound) -> CompassRound.Status | None:
    """The workshop step that comes next, if any (adopting has its own confirmation page)."""
    if compass_round.status not in OPEN_STATUSES:
        return None
    index = OPEN_STATUSES.index(CompassRound.Status(compass_round.status))
    return OPEN_STATUSES[index + 1] if index + 1 < len(OPEN_STATUSES) else None


def _ensure_open(compass_round: CompassRound) -> None:
    if compass_round.is_frozen:
        raise ValidationError(_("This compass round is adopted (frozen) and cannot change."))


def round_lock_open(compass_round: CompassRound) -> CompassRound:
    """Lock the round's row and check, from the database, that it is still open.

    Call inside a transaction: a freeze running at the same time waits for this write to end
    (or this write sees the frozen status), so nothing is added to a round as it freezes.
    """
    _ensure_open(compass_round)
    current = CompassRound.objects.select_for_update().get(pk=compass_round.pk)
    _ensure_open(current)
    return current


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


@transaction.atomic
def round_update(
    *,
    compass_round: CompassRound,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> CompassRound:
    """Change an open round's date, registry number, "results communicated" and text."""
    round_lock_open(compass_round)
    return record_update(
        compass_round,
        user=user,
        expected_version=expected_version,
        editable=ROUND_FIELDS,
        **fields,
    )


@transaction.atomic
def round_set_status(
    *, compass_round: CompassRound, user: User | None, status: str
) -> CompassRound:
    """Move an open round between draft, workshop 1 done and workshop 2 done (either way)."""
    round_lock_open(compass_round)
    if status not in OPEN_STATUSES:
        raise ValidationError(_("A round is adopted (frozen) only through the freeze step."))
    compass_round.status = status
    return record_save(compass_round, user=user)


@transaction.atomic
def round_freeze(*, compass_round: CompassRound, user: User | None) -> CompassRound:
    """Adopt the round: store its inputs and scores (on the round's date) for good.

    Every axis needs a målbild first (an axis may be left deliberately low, but not unset).
    The stored inputs are the ProgramInput as JSON plus the titles of the activities, so the
    frozen page shows the inventory as it was, whatever is edited later.
    """
    given, compass_round = compass_round, round_lock_open(compass_round)
    missing = set(AxisChoice.values) - set(compass_round.targets.values_list("axis", flat=True))
    if missing:
        names = ", ".join(str(label) for value, label in AxisChoice.choices if value in missing)
        raise ValidationError(
            _("Set a target (målbild) for every axis before adopting the round. Missing: %(axes)s")
            % {"axes": names}
        )
    item = selectors.program_input(
        program=compass_round.program,
        reference_date=compass_round.date,
        compass_round=compass_round,
    )
    inputs = selectors.program_input_as_dict(program_input=item)
    inputs["activity_titles"] = {
        str(pk): title
        for pk, title in selectors.activity_titles(
            program=compass_round.program, ids=[a.id for a in item.activities]
        ).items()
    }
    compass_round.inputs = inputs
    compass_round.scores = compass(item).as_dict()
    compass_round.model_version = MODEL_VERSION
    compass_round.frozen_at = timezone.now()
    compass_round.frozen_by = user if user is not None and user.is_authenticated else None
    compass_round.status = CompassRound.Status.FROZEN
    record_save(compass_round, user=user)
    given.refresh_from_db()  # the caller's instance shows the frozen state too
    return given
