"""A programme's change history: who changed what in its inventory, and when.

The history rows of every inventory model (django-simple-history) are merged into one
feed, newest first, and paginated in the database. Each page is then loaded and diffed
in a fixed number of queries per model, whatever the page or the programme's size.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import CharField, Value
from django.utils import formats
from django.utils.translation import gettext as _

from programs.models import (
    Activity,
    ActivityPartner,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Course,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
    TrackedModel,
    concrete_field,
)

HISTORY_PAGE_SIZE = 25
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One saved change: when, by whom, to which record, and the fields that changed."""

    when: datetime.datetime
    who: str
    action: str
    kind: str
    label: str
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)


def _sources(program: Program) -> dict[str, tuple[type[TrackedModel], models.QuerySet]]:
    """Each inventory model's history rows that belong to `program`."""
    pk = program.pk
    activity_ids = Activity.history.filter(program_id=pk).values("id")
    council_ids = Council.history.filter(program_id=pk).values("id")
    agreement_m2m = _m2m_history_model(Agreement, "programs")
    return {
        "program": (Program, Program.history.filter(id=pk)),
        "activity": (Activity, Activity.history.filter(program_id=pk)),
        "course_place": (ProgramCourse, ProgramCourse.history.filter(program_id=pk)),
        "course": (
            Course,
            Course.history.filter(
                id__in=ProgramCourse.history.filter(program_id=pk).values("course_id")
            ),
        ),
        "outcome": (LearningOutcome, LearningOutcome.history.filter(program_id=pk)),
        "council": (Council, Council.history.filter(program_id=pk)),
        "member": (CouncilMember, CouncilMember.history.filter(council_id__in=council_ids)),
        "meeting": (CouncilMeeting, CouncilMeeting.history.filter(council_id__in=council_ids)),
        "partner_link": (
            ActivityPartner,
            ActivityPartner.history.filter(activity_id__in=activity_ids),
        ),
        "agreement": (
            Agreement,
            Agreement.history.filter(
                history_id__in=agreement_m2m._default_manager.filter(program_id=pk).values(
                    "history_id"
                )
            ),
        ),
    }


def _m2m_history_model(model: type[TrackedModel], name: str) -> type[models.Model]:
    """simple_history's table of the m2m rows as they were at each history row."""
    return apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{name}")


def _feed(program: Program) -> models.QuerySet:
    parts = [
        queryset.order_by()
        .annotate(source=Value(key, output_field=CharField()))
        .values_list("history_id", "history_date", "source")
        for key, (_model, queryset) in _sources(program).items()
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")


def _display(value: Any, model_field: models.Field | None, related: dict) -> str:
    if value is None or value == "":
        return "—"
    if model_field is not None and model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        return str(obj) if obj is not None else _("(deleted #%(pk)s)") % {"pk": value}
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "Y-m-d")
    return formats.localize(value) if not isinstance(value, str) else value


def _plain_fields(model: type[TrackedModel]) -> list[models.Field]:
    """Fields worth showing in a diff: not the key, not the parent the feed is about."""
    parents = set() if model is Program else {"program", "council"}
    history_model = model.history.model
    return [
        f
        for f in history_model.tracked_fields
        if f.editable and f.name != "id" and f.name not in parents
    ]


def _previous_records(records: list, model: type[TrackedModel]) -> dict[int, Any]:
    """Map each record's history_id to the same object's previous history row."""
    if not records:
        return {}
    latest = max(r.history_date for r in records)
    rows = model.history.filter(id__in={r.id for r in records}, history_date__lte=latest).order_by(
        "id", "history_date", "history_id"
    )
    by_object: dict[int, list] = defaultdict(list)
    for row in rows:
        by_object[row.id].append(row)
    previous = {}
    for record in records:
        here = (record.history_date, record.history_id)
        older = [r for r in by_object[record.id] if (r.history_date, r.history_id) < here]
        previous[record.history_id] = older[-1] if older else None
    return previous


def _m2m_values(model: type[TrackedModel], history_ids: set[int]) -> dict[tuple[str, int], set]:
    """{(m2m field name, history_id): set of related pks} from simple_history's m2m tables."""
    values: dict[tuple[str, int], set] = defaultdict(set)
    history_model = model.history.model
    for m2m_field in history_model._history_m2m_fields:
        through = _m2m_history_model(model, m2m_field.name)
        target = m2m_field.m2m_reverse_field_name()
        for history_id, pk in through._default_manager.filter(
            history_id__in=history_ids
        ).values_list("history_id", f"{target}_id"):
            values[(m2m_field.name, history_id)].add(pk)
    return values


def _entry_label(source: str, record: Any, related: dict) -> str:
    def rel(model: type[models.Model], pk: Any) -> str:
        obj = related.get((model, pk))
        return str(obj) if obj is not None else ""

    if source == "course_place":
        return rel(Course, record.course_id)
    if source == "meeting":
        return formats.date_format(record.date, "Y-m-d")
    if source == "member":
        return record.organisation_name or rel(Partner, record.partner_id)
    if source == "partner_link":
        return f"{rel(Activity, record.activity_id)} – {rel(Partner, record.partner_id)}"
    if source == "outcome":
        return f"{record.code} {record.text[:80]}".strip()
    return str(record.instance)


def _diff(
    record: Any, previous: Any, model: type[TrackedModel], m2m: dict, related: dict
) -> list[FieldChange]:
    changes = []
    for model_field in _plain_fields(model):
        new = getattr(record, model_field.attname)
        old = getattr(previous, model_field.attname) if previous is not None else None
        empty_size = isinstance(new, Decimal) and new == 0  # hp or hours not used
        if previous is None and (new is None or new == "" or new is False or empty_size):
            continue
        if old != new or previous is None:
            real_field = concrete_field(model, model_field.name)
            changes.append(
                FieldChange(
                    label=str(real_field.verbose_name).capitalize(),
                    old=_display(old, real_field, related) if previous is not None else "—",
                    new=_display(new, real_field, related),
                )
            )
    for m2m_field in model.history.model._history_m2m_fields:
        new_set = m2m.get((m2m_field.name, record.history_id), set())
        old_set = m2m.get((m2m_field.name, previous.history_id), set()) if previous else set()
        if new_set != old_set:
            target = m2m_field.related_model

            def names(pks: set, target: type[models.Model] = target) -> str:
                labels = sorted(str(related.get((target, pk), pk)) for pk in pks)
                return "; ".join(labels) or "—"

            changes.append(
                FieldChange(
                    label=str(m2m_field.verbose_name).capitalize(),
                    old=names(old_set),
                    new=names(new_set),
                )
            )
    return changes


def _load_related(wanted: dict[type[models.Model], set]) -> dict:
    related = {}
    for model, pks in wanted.items():
        for pk, obj in model._default_manager.in_bulk(pks - {None}).items():
            related[(model, pk)] = obj
    return related


def program_history(*, program: Program, page: int | str = 1) -> Page:
    """One page of the programme's change feed, newest first, as HistoryEntry rows."""
    paginator = Paginator(_feed(program), HISTORY_PAGE_SIZE)
    page_obj = paginator.get_page(page)
    sources = _sources(program)
    wanted_ids: dict[str, list[int]] = defaultdict(list)
    for history_id, _date, source in page_obj.object_list:
        wanted_ids[source].append(history_id)
    records: dict[tuple[str, int], Any] = {}
    previous: dict[str, dict] = {}
    m2m: dict[str, dict] = {}
    wanted_related: dict[type[models.Model], set] = defaultdict(set)
    for source, ids in wanted_ids.items():
        model = sources[source][0]
        rows = list(model.history.filter(history_id__in=ids).select_related("history_user"))
        for row in rows:
            records[(source, row.history_id)] = row
        previous[source] = _previous_records(rows, model)
        all_ids = {r.history_id for r in rows} | {
            p.history_id for p in previous[source].values() if p is not None
        }
        m2m[source] = _m2m_values(model, all_ids)
        for row in [*rows, *(p for p in previous[source].values() if p is not None)]:
            for model_field in _plain_fields(model):
                if model_field.is_relation:
                    target = concrete_field(model, model_field.name).related_model
                    if not isinstance(target, type):  # "self" or none: nothing to load
                        continue
                    wanted_related[target].add(getattr(row, model_field.attname))
        for m2m_field in model.history.model._history_m2m_fields:
            for (_name, _hid), pks in m2m[source].items():
                if _name == m2m_field.name:
                    wanted_related[m2m_field.related_model].update(pks)
    related = _load_related(wanted_related)
    entries = []
    for history_id, _date, source in page_obj.object_list:
        record = records[(source, history_id)]
        model = sources[source][0]
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else _("(system)"),
                action=ACTIONS.get(record.history_type, "changed"),
                kind=str(model._meta.verbose_name).capitalize(),
                label=_entry_label(source, record, related),
                reason=record.history_change_reason or "",
                changes=[]
                if record.history_type == "-"
                else _diff(record, previous[source].get(history_id), model, m2m[source], related),
            )
        )
    page_obj.object_list = entries
    return page_obj
