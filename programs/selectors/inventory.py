"""Reads of a programme's whole inventory, in a fixed number of queries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, DateTimeField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from programs.completeness import ActivityFacts, Completeness, ProgramFacts, completeness
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
    ProgramCourse,
)
from programs.selectors.access import AnyUser, program_list_for_user


@dataclass
class YearGroup:
    """Rows of one programme year (`year` None: not tied to a year)."""

    year: int | None
    items: list = field(default_factory=list)


@dataclass
class PartnerUse:
    """A partner organisation as used by one programme's activities."""

    partner: Partner
    roles: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


@dataclass
class AgreementRow:
    agreement: Agreement
    ends_soon: bool
    follow_up_due: bool


@dataclass
class ProgramInventory:
    """Everything the programme page shows, loaded up front."""

    program: Program
    course_years: list[YearGroup]
    activity_years: list[YearGroup]
    activity_count: int
    outcomes: list[LearningOutcome]
    council: Council | None
    partners: list[PartnerUse]
    agreements: list[AgreementRow]
    completeness: Completeness
    last_change: datetime.datetime | None


@dataclass
class ProgramOverview:
    """One row of "Mina program": the programme, its completeness and its last change."""

    program: Program
    completeness: Completeness
    last_change: datetime.datetime | None
    can_edit: bool


def _latest(queryset: QuerySet) -> Subquery:
    return Subquery(
        queryset.order_by("-history_date").values("history_date")[:1],
        output_field=DateTimeField(),
    )


def _last_change_expression() -> Greatest:
    """The newest history row of the programme or any of its inventory rows."""
    program = OuterRef("pk")
    sources = [
        Program.history.filter(id=program),
        Activity.history.filter(program_id=program),
        ProgramCourse.history.filter(program_id=program),
        LearningOutcome.history.filter(program_id=program),
        Council.history.filter(program_id=program),
        CouncilMember.history.filter(council__program_id=program),
        CouncilMeeting.history.filter(council__program_id=program),
        ActivityPartner.history.filter(activity__program_id=program),
    ]
    # SQLite's MAX() of several values is NULL if any is NULL: coalesce each one.
    return Greatest(*[Coalesce(_latest(qs), "updated_at") for qs in sources])


def _activity_facts(activity: Activity, partner_count: int) -> ActivityFacts:
    return ActivityFacts(
        type_key=activity.type.key,
        year=activity.year,
        depth=activity.depth,
        support_count=activity.support_count,
        partner_count=partner_count,
    )


def completeness_facts(
    *,
    program: Program,
    activities: list[tuple[Activity, int]],
    outcomes: list[LearningOutcome],
    council: Council | None,
    council_members: int,
    council_meetings: int,
) -> ProgramFacts:
    """Turn loaded rows into the plain facts `programs.completeness` checks."""
    work_life = [outcome for outcome in outcomes if outcome.is_work_life]
    return ProgramFacts(
        activities=tuple(_activity_facts(a, count) for a, count in activities),
        work_life_outcomes=len(work_life),
        program_work_life_outcomes=sum(
            1 for o in work_life if o.level == LearningOutcome.Level.PROGRAM
        ),
        has_council=council is not None,
        council_members=council_members,
        council_meetings=council_meetings,
        alumni_follow_up=program.alumni_follow_up,
        gender_analysis=program.gender_analysis,
    )


def _group_by_year(
    rows: list, *, key: Callable[[Any], int | None] = lambda row: row.year
) -> list[YearGroup]:
    groups: dict[int | None, YearGroup] = {}
    for row in rows:
        groups.setdefault(key(row), YearGroup(year=key(row))).items.append(row)
    return sorted(groups.values(), key=lambda g: (g.year is None, g.year or 0))


def _partner_uses(activities: list[Activity]) -> list[PartnerUse]:
    uses: dict[int, PartnerUse] = {}
    for activity in activities:
        for link in activity.partner_links.all():
            use = uses.setdefault(link.partner_id, PartnerUse(partner=link.partner))
            role = link.get_role_display()
            if role not in use.roles:
                use.roles.append(role)
            if activity not in use.activities:
                use.activities.append(activity)
    return sorted(uses.values(), key=lambda use: use.partner.name.lower())


def program_inventory(*, program: Program, today: datetime.date | None = None) -> ProgramInventory:
    """The programme's courses, activities, outcomes, council, partners and agreements.

    The number of queries is fixed: it does not grow with the number of rows.
    """
    today = today or timezone.localdate()
    places = list(
        ProgramCourse.objects.filter(program=program)
        .select_related("course")
        .order_by("year", "term", "course__code")
    )
    activities = list(
        Activity.objects.filter(program=program)
        .select_related("type", "course")
        .prefetch_related(
            "outcomes",
            Prefetch("partner_links", ActivityPartner.objects.select_related("partner")),
        )
        .order_by("year", "title", "pk")
    )
    outcomes = list(LearningOutcome.objects.filter(program=program).select_related("course"))
    council = (
        Council.objects.filter(program=program)
        .prefetch_related(
            Prefetch("members", CouncilMember.objects.select_related("partner")), "meetings"
        )
        .first()
    )
    agreements = [
        AgreementRow(
            agreement=agreement,
            ends_soon=agreement.ends_soon(today),
            follow_up_due=bool(agreement.next_follow_up and agreement.next_follow_up <= today),
        )
        for agreement in program.agreements.select_related("partner").order_by("end_date", "title")
    ]
    members = list(council.members.all()) if council else []
    meetings = list(council.meetings.all()) if council else []
    facts = completeness_facts(
        program=program,
        activities=[(a, len(a.partner_links.all())) for a in activities],
        outcomes=outcomes,
        council=council,
        council_members=len(members),
        council_meetings=len(meetings),
    )
    last_change = (
        Program.objects.filter(pk=program.pk)
        .annotate(last_change=_last_change_expression())
        .values_list("last_change", flat=True)
        .first()
    )
    return ProgramInventory(
        program=program,
        course_years=_group_by_year(places),
        activity_years=_group_by_year(activities),
        activity_count=len(activities),
        outcomes=outcomes,
        council=council,
        partners=_partner_uses(activities),
        agreements=agreements,
        completeness=completeness(facts),
        last_change=last_change,
    )


def council_for_program(*, program: Program) -> Council | None:
    """The programme's council, or None while none is recorded."""
    return Council.objects.filter(program=program).first()


def program_course_years(*, program: Program) -> dict[str, int]:
    """Each course's programme year in `program`, keyed by course id as text (for inventory.js)."""
    places = ProgramCourse.objects.filter(program=program).values_list("course_id", "year")
    return {str(course_pk): year for course_pk, year in places}


def program_overview_for_user(*, user: AnyUser) -> list[ProgramOverview]:
    """ "Mina program": the user's programmes, editable ones first, each with its
    completeness and last change, in a fixed number of queries."""
    editable_ids = set(Program.objects.editable_by(user).values_list("pk", flat=True))
    activities = Activity.objects.select_related("type").annotate(
        partner_count=Count("partner_links")
    )
    councils = Council.objects.annotate(
        member_count=Count("members", distinct=True),
        meeting_count=Count("meetings", distinct=True),
    )
    programs = (
        program_list_for_user(user=user)
        .annotate(last_change=_last_change_expression())
        .prefetch_related(
            Prefetch("activities", activities, to_attr="overview_activities"),
            Prefetch(
                "learning_outcomes",
                LearningOutcome.objects.filter(is_work_life=True),
                to_attr="overview_outcomes",
            ),
            Prefetch("council", councils),
        )
    )
    rows = []
    for program in programs:
        # A missing reverse one-to-one raises a subclass of AttributeError.
        council = getattr(program, "council", None)
        facts = completeness_facts(
            program=program,
            # Prefetch(to_attr=…) lists, typed by django-stubs as the base model's rows.
            activities=[(a, a.partner_count) for a in cast(list[Any], program.overview_activities)],
            outcomes=cast(list[LearningOutcome], program.overview_outcomes),
            council=council,
            council_members=council.member_count if council else 0,
            council_meetings=council.meeting_count if council else 0,
        )
        rows.append(
            ProgramOverview(
                program=program,
                completeness=completeness(facts),
                last_change=program.last_change,
                can_edit=program.pk in editable_ids,
            )
        )
    rows.sort(key=lambda row: (not row.can_edit, row.program.name_sv))
    return rows
