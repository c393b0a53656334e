"""Build the demo university through the same services the users' pages call.

Idempotent by natural keys: users by username, faculties by code, departments by name,
partners by organisation number, support offers by Swedish title, agreements by title and
partner, programmes by code. A programme that already exists is left alone with everything
in it (courses, outcomes, activities, council, compass round), so a second run writes
nothing. Existing demo accounts keep their password and flags; only missing role
assignments (SAM group, coordinator, board member) are added.

Every history row is attributed to the demo `admin`: rows saved through the services carry
it explicitly, and rows written without a user argument (faculty creation, many-to-many
changes) get it from simple-history's request context, as the middleware does on the web.
Dates are relative to `today`, so deadlines and meetings always look current.
"""

import datetime
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments import services as assessment_services
from assessments.models import SupportOffer
from programs import services
from programs.demo import data
from programs.demo.specs import ActivitySpec, CouncilSpec, ProgramSpec, RoundSpec
from programs.models import (
    SAM_GROUP,
    Activity,
    ActivityType,
    Agreement,
    Course,
    Department,
    Faculty,
    LearningOutcome,
    Partner,
    Program,
)

SUPPORT_ITEMS = {
    "prep": "support_preparation",
    "agreement": "support_agreement",
    "supervisor": "support_workplace_supervisor",
    "contact": "support_university_contact",
    "debrief": "support_debriefing",
}
# What SAM keeps in the admin: the partner register, agreements and the support catalogue.
SAM_PERMISSIONS = {
    "programs": ("partner", "agreement"),
    "assessments": ("supportoffer",),
}
SAM_ACTIONS = ("view", "add", "change")
SUPPORT_CONTACT = f"samverkan@{data.DEMO_EMAIL_DOMAIN}"


@dataclass
class DemoResult:
    """What one run created, by kind, and which programmes it left alone."""

    created: Counter[str] = field(default_factory=Counter)
    skipped_programs: list[str] = field(default_factory=list)


def demo_login_lines() -> list[str]:
    """One line per demo login: "username — role (Swedish)"."""
    return [f"{spec.username} — {spec.description}" for spec in data.USERS]


def demo_build(*, today: datetime.date | None = None) -> DemoResult:
    """Create whatever of the demo university is missing; a second run changes nothing."""
    today = today or timezone.localdate()
    result = DemoResult()
    with transaction.atomic():
        users = _users_ensure(result=result)
        admin = users["admin"]
        with _history_attributed_to(admin):
            faculties, departments = _faculties_ensure(result=result)
            partners = _partners_ensure(user=admin, result=result)
            offers = _offers_ensure(user=admin, result=result)
            context = _ProgramContext(
                user=admin,
                users=users,
                faculties=faculties,
                departments=departments,
                partners=partners,
                offers=offers,
                types={t.key: t for t in ActivityType.objects.all()},
                today=today,
            )
            for spec in data.PROGRAMMES:
                _program_ensure(spec, context=context, result=result)
            _roles_ensure(users=users, faculties=faculties)
            _agreements_ensure(user=admin, partners=partners, today=today, result=result)
    return result


@contextmanager
def _history_attributed_to(user: User) -> Iterator[None]:
    """Attribute history rows written without an explicit user to `user`."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


def _users_ensure(*, result: DemoResult) -> dict[str, User]:
    sam_group, _created = Group.objects.get_or_create(name=SAM_GROUP)
    _sam_permissions_ensure(group=sam_group)
    users = {}
    password_hash = ""  # hashed once, only if a user is missing: hashing is slow on purpose
    for spec in data.USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            password_hash = password_hash or make_password(data.DEMO_PASSWORD)
            user = User(
                username=spec.username,
                first_name="Demo",
                last_name=spec.last_name,
                email=f"{spec.username}@{data.DEMO_EMAIL_DOMAIN}",
                is_superuser=spec.superuser,
                is_staff=spec.staff,
                password=password_hash,
            )
            user.save()
            result.created["users"] += 1
        if spec.sam and not user.groups.filter(pk=sam_group.pk).exists():
            user.groups.add(sam_group)
        users[spec.username] = user
    return users


def _sam_permissions_ensure(*, group: Group) -> None:
    """Let SAM keep the partner register and the support catalogue in the admin."""
    wanted = Permission.objects.none()
    for app_label, models in SAM_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for model in models for action in SAM_ACTIONS]
        wanted |= Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    missing = list(wanted.exclude(group=group))
    if missing:
        group.permissions.add(*missing)


def _faculties_ensure(
    *, result: DemoResult
) -> tuple[dict[str, Faculty], dict[tuple[str, str], Department]]:
    faculties, departments = {}, {}
    for spec in data.FACULTIES:
        if not Faculty.objects.filter(code=spec.code).exists():
            result.created["faculties"] += 1
        faculty = services.faculty_get_or_create(
            code=spec.code, name_sv=spec.name_sv, name_en=spec.name_en
        )
        faculties[spec.code] = faculty
        for name_sv, name_en in spec.departments:
            departments[(spec.code, name_sv)] = services.department_get_or_create(
                faculty=faculty, name_sv=name_sv, name_en=name_en
            )
    return faculties, departments


def _partners_ensure(*, user: User, result: DemoResult) -> dict[str, Partner]:
    partners = {}
    for spec in data.PARTNERS:
        partner = services.partner_find_duplicate(org_number=spec.org_number)
        if partner is None:
            partner = services.partner_create(
                user=user,
                name=spec.name,
                org_number=spec.org_number,
                sector=spec.sector,
                region=spec.region,
                is_strategic=spec.strategic,
            )
            result.created["partners"] += 1
        partners[spec.key] = partner
    return partners


def _offers_ensure(*, user: User, result: DemoResult) -> dict[str, SupportOffer]:
    offers = {}
    for spec in data.OFFERS:
        offer = SupportOffer.objects.filter(title_sv=spec.title_sv).first()
        if offer is None:
            offer = assessment_services.support_offer_create(
                user=user,
                title_sv=spec.title_sv,
                title_en=spec.title_en,
                description_sv=spec.description_sv,
                description_en=spec.description_en,
                indicators=list(spec.indicators),
                contact=SUPPORT_CONTACT,
            )
            result.created["support offers"] += 1
        offers[spec.title_sv] = offer
    return offers


@dataclass(frozen=True)
class _ProgramContext:
    """What every programme's build needs: the user to attribute, lookups and today."""

    user: User
    users: dict[str, User]
    faculties: dict[str, Faculty]
    departments: dict[tuple[str, str], Department]
    partners: dict[str, Partner]
    offers: dict[str, SupportOffer]
    types: dict[str, ActivityType]
    today: datetime.date


def _program_ensure(spec: ProgramSpec, *, context: _ProgramContext, result: DemoResult) -> None:
    """Create the programme with all its contents, unless its code already exists."""
    if Program.objects.filter(code=spec.code).exists():
        result.skipped_programs.append(spec.code)
        return
    user = context.user
    coordinators = [context.users[u.username] for u in data.USERS if spec.code in u.coordinates]
    program = services.program_create(
        user=user,
        coordinators=coordinators,
        code=spec.code,
        name_sv=spec.name_sv,
        name_en=spec.name_en,
        credits=_decimal(spec.credits),
        years=spec.years,
        profile=spec.profile,
        has_distance_students=spec.distance,
        faculty=context.faculties[spec.faculty],
        department=context.departments[(spec.faculty, spec.department)],
        alumni_follow_up=spec.alumni_follow_up,
        gender_analysis=spec.gender_analysis,
    )
    result.created["programmes"] += 1
    courses: dict[str, Course] = {}
    for course in spec.courses:
        place = services.course_add_to_program(
            program=program,
            user=user,
            code=course.code,
            name_sv=course.name_sv,
            name_en=course.name_en,
            credits=_decimal(course.credits),
            year=course.year,
            term=course.term,
            kind=course.kind,
        )
        courses[course.code] = place.course
    outcomes: dict[str, LearningOutcome] = {}
    for outcome in spec.outcomes:
        outcomes[outcome.ref] = services.outcome_create(
            program=program,
            user=user,
            level=LearningOutcome.Level.COURSE if outcome.course else LearningOutcome.Level.PROGRAM,
            course=courses[outcome.course] if outcome.course else None,
            code=outcome.ref,
            text=outcome.text,
            is_work_life=outcome.work_life,
        )
    for activity in spec.activities:
        services.activity_create(
            program=program,
            user=user,
            type=context.types[activity.type],
            outcomes=[outcomes[ref] for ref in activity.outcomes],
            partner_links=[
                (context.partners[key], role, feedback) for key, role, feedback in activity.partners
            ],
            **_activity_fields(activity, courses=courses),
        )
    if spec.council is not None:
        _council_build(spec.council, program=program, context=context)
    if data.ROUND.program == spec.code:
        _round_build(data.ROUND, program=program, context=context)
        result.created["compass rounds"] += 1


def _activity_fields(spec: ActivitySpec, *, courses: dict[str, Course]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": spec.title,
        "description": spec.description,
        "course": courses[spec.course] if spec.course else None,
        "status": spec.status,
        "reach": spec.reach,
        "hp": _decimal(spec.hp),
        "hours": _decimal(spec.hours),
        "year": spec.year,
        "assessed": spec.assessed,
        "reflection": spec.reflection,
        "host_arranged_by": (
            Activity.HostArrangedBy.STUDENT
            if spec.arranged_by_student
            else Activity.HostArrangedBy.PROGRAM
        ),
        "open_to_distance": spec.distance,
        "evaluated_by_students": spec.evaluated,
        "alumni_take_part": spec.alumni,
    }
    if spec.support is not None:  # otherwise the type's typical support items apply
        for short, name in SUPPORT_ITEMS.items():
            fields[name] = short in spec.support
    if spec.ap is not None:
        fields["authenticity"], fields["proximity"] = spec.ap
        fields["depth_motivation"] = spec.motivation
    return fields


def _council_build(spec: CouncilSpec, *, program: Program, context: _ProgramContext) -> None:
    council = services.council_save(
        program=program,
        user=context.user,
        name=spec.name,
        is_formal=spec.formal,
        last_curriculum_review=_days_ago(context.today, spec.review_days_ago),
    )
    for key, organisation_name, role in spec.members:
        services.council_member_add(
            council=council,
            user=context.user,
            partner=context.partners[key] if key else None,
            organisation_name=organisation_name,
            role=role,
        )
    for meeting in spec.meetings:
        services.council_meeting_add(
            council=council,
            user=context.user,
            date=context.today - datetime.timedelta(days=meeting.days_ago),
            participants=meeting.participants,
            minutes=meeting.minutes,
            decisions=meeting.decisions,
        )


def _round_build(spec: RoundSpec, *, program: Program, context: _ProgramContext) -> None:
    """Start the round, set a målbild per axis, add the action plan, move it to its status."""
    compass_round = assessment_services.round_start(
        program=program,
        user=context.user,
        date=context.today - datetime.timedelta(days=spec.days_ago),
    )
    for target in spec.targets:
        assessment_services.target_set(
            compass_round=compass_round,
            user=context.user,
            axis=target.axis,
            score=target.score,
            motivation=target.motivation,
        )
    for action in spec.actions:
        assessment_services.action_create(
            compass_round=compass_round,
            user=context.user,
            axis=action.axis,
            description=action.description,
            indicator=action.indicator,
            owner=action.owner,
            due_date=context.today + datetime.timedelta(days=action.due),
            status=action.status,
            support_offer=context.offers.get(action.offer),
        )
    compass_round = assessment_services.round_update(
        compass_round=compass_round,
        user=context.user,
        horizontal_perspectives=spec.horizontal_perspectives,
    )
    assessment_services.round_set_status(
        compass_round=compass_round, user=context.user, status=spec.status
    )


def _roles_ensure(*, users: dict[str, User], faculties: dict[str, Faculty]) -> None:
    """Add demo coordinators and board members that are missing (never remove anyone)."""
    for spec in data.USERS:
        user = users[spec.username]
        for program in Program.objects.filter(code__in=spec.coordinates).exclude(coordinators=user):
            program.coordinators.add(user)
        for code in spec.board:
            faculty = faculties[code]
            if not faculty.board_members.filter(pk=user.pk).exists():
                faculty.board_members.add(user)


def _agreements_ensure(
    *, user: User, partners: dict[str, Partner], today: datetime.date, result: DemoResult
) -> None:
    for spec in data.AGREEMENTS:
        partner = partners[spec.partner]
        if Agreement.objects.filter(partner=partner, title=spec.title).exists():
            continue
        services.agreement_create(
            user=user,
            partner=partner,
            programs=Program.objects.filter(code__in=spec.programs),
            title=spec.title,
            kind=spec.kind,
            level=spec.level,
            start_date=today + datetime.timedelta(days=spec.start),
            end_date=_days_from(today, spec.end),
            next_follow_up=_days_from(today, spec.follow_up),
            notes=spec.notes,
        )
        result.created["agreements"] += 1


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


def _days_ago(today: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else today - datetime.timedelta(days=days)


def _days_from(today: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else today + datetime.timedelta(days=days)
