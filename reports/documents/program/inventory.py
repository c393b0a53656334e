"""The programme's inventory for the report's annex and cover: live, or as it was at freezing.

Choices made here:
- A frozen round's annex and completeness figure show the inventory **as it was when the
  round was frozen** (`CompassRound.frozen_at`), read from django-simple-history with
  `Model.history.as_of(frozen_at)` for the programme, its activities and their partner links,
  partner names, the council with its members and meetings, learning outcomes and agreements
  (with their programme links from the historical many-to-many table). Regenerating the
  report later gives the same annex, whatever was edited since.
- If the history does not hold the activities the frozen inputs list (rows created without
  history, e.g. by a bulk load), the snapshot is not trusted and the annex shows the live
  inventory instead, saying so (`InventorySnapshot.as_of` is then None and `fallback` True).
- An open round's annex is the live inventory (`programs.selectors.program_inventory`).
- Activity types have no history (a seeded taxonomy); their current names are shown.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from assessments.models import CompassRound
from programs import selectors as program_selectors
from programs.completeness import Completeness, completeness
from programs.models import (
    Activity,
    ActivityPartner,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    LearningOutcome,
    Partner,
    Program,
)

# django-simple-history builds its historical models at run time: no static type fits them.
HistoricalRow = Any


@dataclass(frozen=True)
class AnnexActivity:
    pk: int
    number: str  # "A1", "A2" … in the annex's order, for references from the axis pages
    title: str
    year: int | None
    type_name: str
    status: str
    reach: int
    hp: float
    hours: float
    partners: tuple[tuple[str, str], ...]  # (organisation, role)


@dataclass(frozen=True)
class AnnexCouncil:
    name: str
    is_formal: bool
    last_curriculum_review: datetime.date | None
    members: tuple[tuple[str, str], ...]  # (organisation, role)
    meetings: tuple[tuple[datetime.date, int, str], ...]  # (date, participants, decisions)


@dataclass(frozen=True)
class AnnexAgreement:
    title: str
    partner: str
    kind: str
    level: str
    start_date: datetime.date
    end_date: datetime.date | None
    next_follow_up: datetime.date | None


@dataclass(frozen=True)
class InventorySnapshot:
    """The annex's inventory and the completeness figure computed from the same rows."""

    as_of: datetime.datetime | None  # None: the live inventory at generation
    fallback: bool  # a frozen round whose history was incomplete: live inventory shown
    activity_years: list[tuple[int | None, list[AnnexActivity]]]
    council: AnnexCouncil | None
    agreements: list[AnnexAgreement]
    completeness: Completeness
    activities: dict[int, AnnexActivity] = field(default_factory=dict)


def inventory_snapshot(*, compass_round: CompassRound) -> InventorySnapshot:
    """The frozen round's inventory as of freezing, else (or failing that) the live one."""
    if compass_round.is_frozen and compass_round.frozen_at is not None:
        frozen_ids = {a["id"] for a in (compass_round.inputs or {}).get("activities", [])}
        snapshot = _as_of(program=compass_round.program, moment=compass_round.frozen_at)
        if snapshot is not None and frozen_ids <= set(snapshot.activities):
            return snapshot
        return _live(program=compass_round.program, fallback=True)
    return _live(program=compass_round.program, fallback=False)


def _by_year(activities: Iterable[AnnexActivity]) -> list[tuple[int | None, list[AnnexActivity]]]:
    """Activities grouped by programme year (none last), by title within a year, numbered."""
    groups: dict[int | None, list[AnnexActivity]] = defaultdict(list)
    for activity in sorted(activities, key=lambda a: (a.title.casefold(), a.pk)):
        groups[activity.year].append(activity)
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or 0))
    numbered: list[tuple[int | None, list[AnnexActivity]]] = []
    count = 0
    for year, items in ordered:
        group = []
        for activity in items:
            count += 1
            group.append(dataclasses.replace(activity, number=f"A{count}"))
        numbered.append((year, group))
    return numbered


def _index(years: list[tuple[int | None, list[AnnexActivity]]]) -> dict[int, AnnexActivity]:
    return {activity.pk: activity for _year, items in years for activity in items}


def _annex_activity(activity: Activity, partners: tuple[tuple[str, str], ...]) -> AnnexActivity:
    return AnnexActivity(
        pk=activity.pk,
        number="",
        title=activity.title,
        year=activity.year,
        type_name=activity.type.name,
        status=activity.get_status_display(),
        reach=activity.reach,
        hp=float(activity.hp),
        hours=float(activity.hours),
        partners=partners,
    )


def _annex_agreement(agreement: Agreement, partner_name: str) -> AnnexAgreement:
    return AnnexAgreement(
        title=agreement.title,
        partner=partner_name,
        kind=agreement.get_kind_display(),
        level=agreement.get_level_display(),
        start_date=agreement.start_date,
        end_date=agreement.end_date,
        next_follow_up=agreement.next_follow_up,
    )


def _member_name(member: CouncilMember, partner_names: dict[int, str]) -> str:
    if member.partner_id is not None:
        return partner_names.get(member.partner_id, member.organisation_name)
    return member.organisation_name


def _live(*, program: Program, fallback: bool) -> InventorySnapshot:
    inventory = program_selectors.program_inventory(program=program)
    activities = [
        _annex_activity(
            activity,
            tuple(
                (link.partner.name, link.get_role_display())
                for link in activity.partner_links.all()
            ),
        )
        for group in inventory.activity_years
        for activity in group.items
    ]
    council = None
    if inventory.council is not None:
        members = list(inventory.council.members.all())
        council = AnnexCouncil(
            name=inventory.council.name,
            is_formal=inventory.council.is_formal,
            last_curriculum_review=inventory.council.last_curriculum_review,
            members=tuple(
                (m.partner.name if m.partner else m.organisation_name, m.role) for m in members
            ),
            meetings=tuple(
                (m.date, m.participants, m.decisions)
                for m in sorted(inventory.council.meetings.all(), key=lambda m: m.date)
            ),
        )
    years = _by_year(activities)
    return InventorySnapshot(
        as_of=None,
        fallback=fallback,
        activity_years=years,
        council=council,
        agreements=[
            _annex_agreement(row.agreement, row.agreement.partner.name)
            for row in inventory.agreements
        ],
        completeness=inventory.completeness,
        activities=_index(years),
    )


def _as_of(*, program: Program, moment: datetime.datetime) -> InventorySnapshot | None:
    """The inventory from the history as of `moment`; None if the programme had no history."""
    try:
        program_then = program.history.as_of(moment)
    except Program.DoesNotExist:
        return None
    activities = list(
        Activity.history.as_of(moment).filter(program_id=program.pk).select_related("type")
    )
    activity_ids = [a.pk for a in activities]
    links = list(ActivityPartner.history.as_of(moment).filter(activity_id__in=activity_ids))
    council = Council.history.as_of(moment).filter(program_id=program.pk).first()
    members = (
        list(CouncilMember.history.as_of(moment).filter(council_id=council.pk))
        if council is not None
        else []
    )
    meetings = (
        list(CouncilMeeting.history.as_of(moment).filter(council_id=council.pk))
        if council is not None
        else []
    )
    agreements = _agreements_as_of(program=program, moment=moment)
    partner_ids = (
        {link.partner_id for link in links}
        | {m.partner_id for m in members if m.partner_id}
        | {a.partner_id for a in agreements}
    )
    partner_names = dict(
        Partner.history.as_of(moment).filter(id__in=partner_ids).values_list("id", "name")
    )
    # A partner row older than its history (no record yet) keeps its current name.
    missing = partner_ids - set(partner_names)
    if missing:
        partner_names |= dict(Partner.objects.filter(pk__in=missing).values_list("pk", "name"))
    links_by_activity: dict[int, list[ActivityPartner]] = defaultdict(list)
    for link in links:
        links_by_activity[link.activity_id].append(link)
    annex = [
        _annex_activity(
            activity,
            tuple(
                (partner_names.get(link.partner_id, f"#{link.partner_id}"), link.get_role_display())
                for link in sorted(
                    links_by_activity[activity.pk],
                    key=lambda link: (partner_names.get(link.partner_id, "").casefold(), link.role),
                )
            ),
        )
        for activity in activities
    ]
    outcomes = list(LearningOutcome.history.as_of(moment).filter(program_id=program.pk))
    facts = program_selectors.completeness_facts(
        program=program_then,
        activities=[(a, len(links_by_activity[a.pk])) for a in activities],
        outcomes=outcomes,
        council=council,
        council_members=len(members),
        council_meetings=len(meetings),
    )
    years = _by_year(annex)
    return InventorySnapshot(
        as_of=moment,
        fallback=False,
        activity_years=years,
        council=None
        if council is None
        else AnnexCouncil(
            name=council.name,
            is_formal=council.is_formal,
            last_curriculum_review=council.last_curriculum_review,
            members=tuple(
                (_member_name(m, partner_names), m.role)
                for m in sorted(members, key=lambda m: m.pk)
            ),
            meetings=tuple(
                (m.date, m.participants, m.decisions)
                for m in sorted(meetings, key=lambda m: m.date)
            ),
        ),
        agreements=[
            _annex_agreement(a, partner_names.get(a.partner_id, f"#{a.partner_id}"))
            for a in sorted(
                agreements,
                key=lambda a: (a.end_date is None, a.end_date or datetime.date.max, a.title),
            )
        ],
        completeness=completeness(facts),
        activities=_index(years),
    )


def _agreements_as_of(*, program: Program, moment: datetime.datetime) -> list[Agreement]:
    """Agreements as of `moment` that were then linked to the programme.

    The programme links live in the historical many-to-many table, one set per historical
    agreement row: the latest row of each agreement before `moment` says which programmes
    it covered then.
    """
    links = _agreement_program_links()._default_manager
    ever_linked = links.filter(program_id=program.pk).values("agreement_id")
    latest: dict[int, HistoricalRow] = {}
    for record in Agreement.history.filter(history_date__lte=moment, id__in=ever_linked).order_by(
        "history_date", "history_id"
    ):
        latest[record.id] = record  # a later row of the same agreement replaces the earlier
    kept = [r for r in latest.values() if r.history_type != "-"]
    linked = set(
        links.filter(
            history_id__in=[r.history_id for r in kept], program_id=program.pk
        ).values_list("history_id", flat=True)
    )
    return [record.instance for record in kept if record.history_id in linked]


def _agreement_program_links() -> type[models.Model]:
    """The historical many-to-many model of Agreement.programs (one row per link per version)."""
    field = Agreement.history.model._meta.get_field("historicalagreement_programs")
    model = field.related_model
    if not (isinstance(model, type) and issubclass(model, models.Model)):
        raise TypeError("Agreement.programs has no historical many-to-many model")
    return model
