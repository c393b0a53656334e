"""Stored programme scores (assessments.ProgramScore): mark stale, refresh, queue refreshes.

ProgramScore keeps each programme's live axes so the dashboards need not score them all.
Writes to the inventory mark rows stale (assessments/signals.py calls
program_scores_mark_stale) and queue their refresh for when the transaction commits.

Queueing, and why this module never imports assessments.tasks: the tasks module imports this
one (a task takes ids and calls a service), so the dependency runs one way only. The refresh
is queued by its registered name through Celery's app registry (`current_app.tasks[name]`):
the same task object `assessments.tasks` defines, so eager mode (tests, the embedded default
without a broker) runs it in-process right after the commit, and a broker gets one message.
Queueing stays in the service, where the style guide puts it, rather than in the signals,
which only invalidate.
"""

import datetime
import weakref
from collections.abc import Iterable

from celery import current_app
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F
from django.utils import timezone

from assessments import selectors
from assessments.models import ProgramScore
from assessments.scoring import MODEL_VERSION, Axis
from programs.models import Program

REFRESH_TASK = "assessments.tasks.program_scores_refresh"
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


# ---------------------------------------------------------------- one refresh per transaction


class _RefreshBatch:
    """The programmes one transaction changed, queued as one refresh when it commits.

    Every invalidation registers `queue` with transaction.on_commit (so a rolled-back
    savepoint drops only its own registrations, and a test capturing on_commit callbacks sees
    one), and all registrations of one transaction share one batch: the first to run queues
    the task with every programme id, the rest do nothing.
    """

    def __init__(self) -> None:
        self.program_ids: set[int] = set()
        self.queued = False

    def queue(self) -> None:
        if self.queued:
            return
        self.queued = True
        current_app.tasks[REFRESH_TASK].delay(program_ids=sorted(self.program_ids))


# The open batch of each database connection, held weakly. Its only strong references are
# the callbacks registered with transaction.on_commit, so the batch lives exactly as long as
# its transaction has callbacks pending: a rollback discards them (and with them the batch),
# a commit runs them (and marks it queued). Either way the next transaction starts a new one.
# Django offers no public handle on "the current transaction"; this is the public way to
# share state between the callbacks of one transaction without reading its private list.
_open_batches: weakref.WeakKeyDictionary[BaseDatabaseWrapper, weakref.ref[_RefreshBatch]] = (
    weakref.WeakKeyDictionary()
)


def _refresh_on_commit(*, program_ids: Iterable[int]) -> None:
    """Queue a refresh of `program_ids` when the current transaction commits (now if none)."""
    connection = transaction.get_connection()
    held = _open_batches.get(connection)
    batch = held() if held is not None else None
    if batch is None or batch.queued:
        batch = _RefreshBatch()
        _open_batches[connection] = weakref.ref(batch)
    batch.program_ids.update(program_ids)
    # robust: the edit is committed whatever happens to the refresh; a failed refresh is
    # logged, the row stays stale and the dashboard (or the nightly run) recomputes it.
    transaction.on_commit(batch.queue, robust=True)
