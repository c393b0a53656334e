"""Writes for compass rounds: start, status steps, målbild, actions, freezing.

A frozen (fastställd) round refuses every write to itself, its targets and its action plan:
the services raise ValidationError. One thing stays open after freezing, by design: the
follow-up of an action (traffic light, follow-up note, date), through `action_follow_up`.
Actions are reviewed twice a year *after* the plan is adopted, and F4 of the next round asks
whether every action of the previous (by then frozen) round has a recorded follow-up, so the
follow-up must be recordable on a frozen round. It changes neither the frozen inputs nor the
frozen scores, nor the plan itself (axis, indicator, description, owner, due date).
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.models import (
    Action,
    AxisChoice,
    CompassRound,
    ProgramScore,
    SupportOffer,
    Target,
)
from assessments.scoring import MODEL_VERSION, Axis, compass
from programs.models import Program
from programs.services import record_delete, record_save

User = AbstractBaseUser

# The workshop steps a coordinator may move between; freezing is round_freeze's alone.
OPEN_STATUSES = (
    CompassRound.Status.DRAFT,
    CompassRound.Status.WORKSHOP_1,
    CompassRound.Status.WORKSHOP_2,
)
ROUND_FIELDS = ("date", "results_communicated", "registry_number", "horizontal_perspectives")
ACTION_FIELDS = (
    "axis",
    "indicator",
    "description",
    "owner",
    "due_date",
    "status",
    "follow_up_note",
    "followed_up_at",
    "support_offer",
)
FOLLOW_UP_FIELDS = ("status", "follow_up_note", "followed_up_at")


def _ensure_open(compass_round: CompassRound) -> None:
    if compass_round.is_frozen:
        raise ValidationError(_("This compass round is adopted (frozen) and cannot change."))


def _lock_open(compass_round: CompassRound) -> CompassRound:
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
    _lock_open(compass_round)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"round_update: not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(compass_round, name, value)
    return record_save(compass_round, user=user, expected_version=expected_version)


@transaction.atomic
def round_set_status(
    *, compass_round: CompassRound, user: User | None, status: str
) -> CompassRound:
    """Move an open round between draft, workshop 1 done and workshop 2 done (either way)."""
    _lock_open(compass_round)
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
    given, compass_round = compass_round, _lock_open(compass_round)
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


@transaction.atomic
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
    _lock_open(compass_round)
    target = Target.objects.filter(round=compass_round, axis=axis).first()
    target = target or Target(round=compass_round, axis=axis)
    target.score = score
    target.motivation = motivation
    target.target_year = target_year or compass_round.date.year + 2
    return record_save(target, user=user)


@transaction.atomic
def targets_set(
    *, compass_round: CompassRound, user: User | None, targets: Iterable[dict[str, Any]]
) -> list[Target]:
    """Set the målbild of several axes at once (all or none): dicts of target_set's fields."""
    return [target_set(compass_round=compass_round, user=user, **item) for item in targets]


@transaction.atomic
def action_create(
    *,
    compass_round: CompassRound,
    user: User | None,
    axis: str,
    description: str,
    **fields: object,
) -> Action:
    """Add an action to the round's action plan."""
    _lock_open(compass_round)
    action = Action(round=compass_round, axis=axis, description=description, **fields)
    return record_save(action, user=user)


@transaction.atomic
def action_update(
    *, action: Action, user: User | None, expected_version: int | None = None, **fields: Any
) -> Action:
    """Change an action of an open round (any of its fields)."""
    _lock_open(action.round)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"action_update: unknown fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(action, name, value)
    return record_save(action, user=user, expected_version=expected_version)


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
    _lock_open(action.round)
    record_delete(action, user=user)


def support_offer_create(*, user: User | None, title_sv: str, **fields: object) -> SupportOffer:
    """Add an offer to SAM's support catalogue."""
    return record_save(SupportOffer(title_sv=title_sv, **fields), user=user)


# ---------------------------------------------------------------- stored programme scores
# ProgramScore keeps each programme's live axes so the dashboards need not score them all.
# Writes to the inventory mark rows stale (assessments/signals.py calls
# program_scores_mark_stale) and queue their refresh for when the transaction commits.

REFRESH_BATCH = 500  # programmes per compass_all call (6 queries each): bounds the memory peak
SCORE_FIELDS = (
    "reference_date",
    "model_version",
    "axes",
    "stale",
    "computed_at",
    "computed_generation",
)


def program_scores_mark_stale(
    *, program_ids: Iterable[int], queue_refresh: bool = True, create_missing: bool = False
) -> int:
    """Mark the programmes' stored scores stale (one UPDATE) and queue their refresh on commit.

    Call it after any write to the inventory that bypasses the model signals (a queryset
    update(), bulk_create, raw SQL); the signals call it for every ordinary save. Without
    `queue_refresh` the rows are only marked: the dashboard recomputes them when it next
    needs them. `create_missing` adds a stale placeholder for a programme without a row, so
    that a refresh running at the same time cannot store axes read before this write as fresh
    (see ProgramScore); it must not be used while the programme may be being deleted.
    Returns the number of existing rows marked.
    """
    ids = sorted({int(pk) for pk in program_ids})
    if not ids:
        return 0
    marked = ProgramScore.objects.filter(program_id__in=ids).update(
        stale=True, generation=F("generation") + 1
    )
    if create_missing and marked < len(ids):
        today = timezone.localdate()
        placeholders = [
            ProgramScore(program_id=pk, reference_date=today, stale=True, generation=1)
            for pk in ids
        ]
        ProgramScore.objects.bulk_create(placeholders, ignore_conflicts=True)
    if queue_refresh:
        _refresh_on_commit(program_ids=ids)
    return marked


def program_scores_refresh(
    *, program_ids: Iterable[int] | None = None, reference_date: datetime.date
) -> dict[int, dict[str, float | None]]:
    """Score the programmes (all when None) on `reference_date`, store and return their axes.

    Programmes are scored REFRESH_BATCH at a time, each batch in one transaction: 9 queries
    per batch (generations, compass_all's 6, the upsert, the concurrent-edit check). Ids of
    programmes that no longer exist are skipped.
    """
    if program_ids is None:
        ids = list(Program.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted({int(pk) for pk in program_ids})
    stored: dict[int, dict[str, float | None]] = {}
    for start in range(0, len(ids), REFRESH_BATCH):
        batch = ids[start : start + REFRESH_BATCH]
        stored |= _program_scores_store(program_ids=batch, reference_date=reference_date)
    return stored


@transaction.atomic
def _program_scores_store(
    *, program_ids: list[int], reference_date: datetime.date
) -> dict[int, dict[str, float | None]]:
    """Score one batch and upsert its rows; rows invalidated meanwhile end up stale again."""
    generations = dict(
        ProgramScore.objects.filter(program_id__in=program_ids).values_list(
            "program_id", "generation"
        )
    )
    results = selectors.compass_all(
        programs=Program.objects.filter(pk__in=program_ids), reference_date=reference_date
    )
    axes = {
        pk: {axis.value: result.axis(axis).value for axis in Axis} for pk, result in results.items()
    }
    if not axes:
        return {}
    now = timezone.now()
    rows = [
        ProgramScore(
            program_id=pk,
            reference_date=reference_date,
            model_version=MODEL_VERSION,
            axes=values,
            stale=False,
            computed_at=now,
            generation=generations.get(pk, 0),
            computed_generation=generations.get(pk, 0),
        )
        for pk, values in axes.items()
    ]
    # INSERT … ON CONFLICT DO UPDATE (PostgreSQL; SQLite >= 3.24, which Django 5.2 requires).
    # The generation itself is never overwritten: only invalidations bump it.
    ProgramScore.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["program"], update_fields=SCORE_FIELDS
    )
    # An edit that committed after the generations were read bumped its row's generation;
    # its data may be missing from these axes, so the row stays stale (its own refresh follows).
    ProgramScore.objects.filter(
        program_id__in=list(axes), generation__gt=F("computed_generation")
    ).update(stale=True)
    return axes


class _RefreshBatch:
    """The programmes one transaction changed, queued as one refresh when it commits.

    Every invalidation registers `queue` with on_commit (so a rolled-back savepoint drops
    only its own registrations, and tests capturing on_commit callbacks see one), but all
    registrations of a transaction share one batch: the first to run queues the task with
    every programme id, the rest do nothing.
    """

    def __init__(self) -> None:
        self.program_ids: set[int] = set()
        self.queued = False

    def queue(self) -> None:
        if self.queued:
            return
        self.queued = True
        from assessments import tasks  # tasks import this module

        tasks.program_scores_refresh.delay(program_ids=sorted(self.program_ids))


def _refresh_on_commit(*, program_ids: Iterable[int]) -> None:
    """Queue a refresh of `program_ids` when the current transaction commits (now if none)."""
    connection = transaction.get_connection()
    batch = None
    for _sids, func, _robust in reversed(connection.run_on_commit):
        owner = getattr(func, "__self__", None)
        if isinstance(owner, _RefreshBatch):
            batch = owner
            break
    if batch is None or batch.queued:
        batch = _RefreshBatch()
    batch.program_ids.update(program_ids)
    # robust: the edit is committed whatever happens to the refresh; a failed refresh is
    # logged, the row stays stale and the dashboard (or the nightly run) recomputes it.
    transaction.on_commit(batch.queue, robust=True)
