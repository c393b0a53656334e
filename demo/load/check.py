"""After the load: every save that was answered with success is stored exactly once.

Runs inside `manage.py loadtest --internal-check` on the load database. The locustfile wrote
one line per save attempt and one with its outcome (demo/load/locustfile.py); each save put a
marker of its own into one field. This counts the markers where the saves left them:

- an activity created: rows of the activity table whose title is the marker (duplicated
  creations would be two rows);
- an activity, action or målbild edited: rows of the model's history (django-simple-history
  writes one per save), since a later edit replaces the field's text; and the row's current
  text must be its last successful edit (or an edit after it that got no answer), else that
  update was lost.

A marker with a success answer must be counted exactly once (0: lost, 2 or more:
duplicated); a marker that was refused must be counted 0 times; a marker that got no answer
(the request was cut off) may be 0 or 1. Markers found in the database that no line of the
file names are reported too.
"""

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assessments.models import Action, Target
from demo.load.plan import EDITED_AXIS
from programs.models import Activity

MARKER = re.compile(r"loadtest-[0-9a-f]{32}")
KINDS = ("activity_create", "activity_edit", "action_edit", "target_edit")
LABELS = {
    "activity_create": "activity created",
    "activity_edit": "activity edited",
    "action_edit": "action edited",
    "target_edit": "målbild edited",
}


@dataclass
class Save:
    kind: str
    marker: str
    object_id: int | None
    outcome: str  # attempt (never answered) | success | failure | unknown
    order: int


@dataclass
class KindCheck:
    """The write check of one kind of save."""

    kind: str
    label: str
    succeeded: int = 0
    stored_once: int = 0
    lost: int = 0
    duplicated: int = 0
    refused: int = 0
    stored_though_refused: int = 0
    unanswered: int = 0
    unanswered_stored: int = 0
    latest_lost: int = 0  # rows whose current text is not their last successful edit
    unrecorded: int = 0  # markers in the database that the file does not name
    examples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.duplicated
            or self.stored_though_refused
            or self.latest_lost
            or self.unrecorded
        )


def saves_read(path: Path) -> list[Save]:
    """The last outcome of each marker in the markers file, in the order first attempted."""
    saves: dict[str, Save] = {}
    for order, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        known = saves.get(row["marker"])
        if known is None:
            saves[row["marker"]] = Save(
                kind=row["kind"],
                marker=row["marker"],
                object_id=row["object"],
                outcome=row["outcome"],
                order=order,
            )
        else:
            known.outcome = row["outcome"]
    return list(saves.values())


def _count(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(MARKER.findall(text or ""))
    return counts


def _stored(kind: str) -> Counter[str]:
    """How many rows carry each marker, where this kind of save leaves it."""
    if kind == "activity_create":
        rows = Activity.objects.filter(title__contains="loadtest-").values_list("title", flat=True)
    elif kind == "activity_edit":
        rows = Activity.history.filter(description__contains="loadtest-").values_list(
            "description", flat=True
        )
    elif kind == "action_edit":
        rows = Action.history.filter(description__contains="loadtest-").values_list(
            "description", flat=True
        )
    else:
        rows = Target.history.filter(motivation__contains="loadtest-").values_list(
            "motivation", flat=True
        )
    return _count(rows)


def _current(kind: str, object_ids: set[int]) -> dict[int, str]:
    """The current text of each edited row (activity, action, or the round's edited axis)."""
    if kind == "activity_edit":
        return dict(Activity.objects.filter(pk__in=object_ids).values_list("pk", "description"))
    if kind == "action_edit":
        return dict(Action.objects.filter(pk__in=object_ids).values_list("pk", "description"))
    return dict(
        Target.objects.filter(round_id__in=object_ids, axis=EDITED_AXIS).values_list(
            "round_id", "motivation"
        )
    )


def _latest_lost(kind: str, saves: list[Save], check: KindCheck) -> None:
    by_object: dict[int, list[Save]] = defaultdict(list)
    for save in sorted(saves, key=lambda s: s.order):
        if save.object_id is not None and save.outcome != "failure":
            by_object[save.object_id].append(save)
    current = _current(kind, set(by_object))
    for object_id, history in by_object.items():
        last_success = max(
            (i for i, s in enumerate(history) if s.outcome == "success"), default=None
        )
        if last_success is None:
            continue
        allowed = {s.marker for s in history[last_success:]}
        if not allowed & set(MARKER.findall(current.get(object_id, ""))):
            check.latest_lost += 1
            check.examples.append(f"{kind} #{object_id}: its last successful edit is not stored")


def writes_check(saves: list[Save]) -> list[KindCheck]:
    """Count every marker of every kind of save in the database."""
    checks = []
    for kind in KINDS:
        of_kind = [save for save in saves if save.kind == kind]
        check = KindCheck(kind=kind, label=LABELS[kind])
        stored = _stored(kind)
        for save in of_kind:
            count = stored.get(save.marker, 0)
            if save.outcome == "success":
                check.succeeded += 1
                if count == 1:
                    check.stored_once += 1
                elif count == 0:
                    check.lost += 1
                    check.examples.append(f"lost: {save.marker}")
                else:
                    check.duplicated += 1
                    check.examples.append(f"stored {count} times: {save.marker}")
            elif save.outcome == "failure":
                check.refused += 1
                if count:
                    check.stored_though_refused += 1
                    check.examples.append(f"refused but stored: {save.marker}")
            else:
                check.unanswered += 1
                check.unanswered_stored += min(count, 1)
                if count > 1:
                    check.duplicated += 1
        check.unrecorded = len(set(stored) - {save.marker for save in saves})
        if kind != "activity_create":
            _latest_lost(kind, of_kind, check)
        check.examples = check.examples[:5]
        checks.append(check)
    return checks


def checks_json(checks: list[KindCheck]) -> str:
    return json.dumps([{**asdict(check), "ok": check.ok} for check in checks])
