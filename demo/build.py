"""Build the demo university, read from data/*.toml, through the services the pages call.

Idempotent by natural keys: users by username, faculties by code, departments by name,
partners by organisation number, support offers by Swedish title, agreements by title and
partner, programmes by code. A programme that already exists is left alone with everything
in it (courses, outcomes, activities, council, compass round), so a second run writes
nothing. Existing demo accounts keep their password and flags; only missing role
assignments (SAM group, coordinator, board member) are added.

Every history row is attributed to the demo `admin`: rows saved through the services carry
it explicitly, and rows written without a user argument (faculty creation, many-to-many
changes) get it from simple-history's request context, as the middleware does on the web.
Dates are relative to `today`, so deadlines and meetings always look current. The
programmes are built by `build_programs.py`.
"""

import datetime
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments import services as assessment_services
from assessments.models import SupportOffer
from demo.build_programs import ProgramContext, program_ensure
from demo.loading import UNIVERSITY_FILE, refused_as_data_error, university_load
from demo.specs import University
from programs import selectors, services
from programs.models import (
    SAM_GROUP,
    ActivityType,
    Agreement,
    Department,
    Faculty,
    Partner,
    Program,
)

# Not a secret: the shared password of the demo logins, printed by scripts/run.
DEMO_PASSWORD = "ala-demo-2026"
DEMO_EMAIL_DOMAIN = "alvstad.example"  # .example is reserved: mail never leaves the demo
# What SAM keeps in the admin: the partner register, agreements and the support catalogue.
SAM_PERMISSIONS = {
    "programs": ("partner", "agreement"),
    "assessments": ("supportoffer",),
}
SAM_ACTIONS = ("view", "add", "change")
SUPPORT_CONTACT = f"samverkan@{DEMO_EMAIL_DOMAIN}"


@dataclass
class DemoResult:
    """What one run created, by kind, and which programmes it left alone."""

    created: Counter[str] = field(default_factory=Counter)
    skipped_programs: list[str] = field(default_factory=list)


def demo_login_lines() -> list[str]:
    """One line per demo login: "username — role (Swedish)"."""
    return [f"{spec.username} — {spec.description}" for spec in university_load().users]


def demo_build(*, today: datetime.date | None = None, data_dir: Path | None = None) -> DemoResult:
    """Create whatever of the demo university is missing; a second run changes nothing."""
    today = today or timezone.localdate()
    demo = university_load(data_dir=data_dir)
    result = DemoResult()
    with transaction.atomic():
        users = _users_ensure(demo=demo, result=result)
        admin = users["admin"]
        with _history_attributed_to(admin):
            faculties, departments = _faculties_ensure(demo=demo, result=result)
            partners = _partners_ensure(demo=demo, user=admin, result=result)
            offers = _offers_ensure(demo=demo, user=admin, result=result)
            context = ProgramContext(
                user=admin,
                user_specs=demo.users,
                users=users,
                faculties=faculties,
                departments=departments,
                partners=partners,
                offers=offers,
                types={t.key: t for t in ActivityType.objects.all()},
                today=today,
            )
            for spec in demo.programs:
                created = program_ensure(spec, context=context)
                if created is None:
                    result.skipped_programs.append(spec.code)
                else:
                    result.created.update(created)
            _roles_ensure(demo=demo, users=users, faculties=faculties)
            _agreements_ensure(demo=demo, user=admin, partners=partners, today=today, result=result)
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


def _users_ensure(*, demo: University, result: DemoResult) -> dict[str, User]:
    sam_group, _created = Group.objects.get_or_create(name=SAM_GROUP)
    _sam_permissions_ensure(group=sam_group)
    users = {}
    password_hash = ""  # hashed once, only if a user is missing: hashing is slow on purpose
    for spec in demo.users:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User(
                username=spec.username,
                first_name="Demo",
                last_name=spec.last_name,
                email=f"{spec.username}@{DEMO_EMAIL_DOMAIN}",
                is_superuser=spec.is_superuser,
                is_staff=spec.is_staff,
                password=password_hash,
            )
            user.save()
            result.created["users"] += 1
        if spec.sam_group and not user.groups.filter(pk=sam_group.pk).exists():
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
    *, demo: University, result: DemoResult
) -> tuple[dict[str, Faculty], dict[tuple[str, str], Department]]:
    faculties, departments = {}, {}
    for spec in demo.faculties:
        if not Faculty.objects.filter(code=spec.code).exists():
            result.created["faculties"] += 1
        with refused_as_data_error(f"{UNIVERSITY_FILE}: faculties {spec.code!r}"):
            faculty = services.faculty_get_or_create(
                code=spec.code, name_sv=spec.name_sv, name_en=spec.name_en
            )
        faculties[spec.code] = faculty
        for department in spec.departments:
            departments[(spec.code, department.name_sv)] = services.department_get_or_create(
                faculty=faculty, name_sv=department.name_sv, name_en=department.name_en
            )
    return faculties, departments


def _partners_ensure(*, demo: University, user: User, result: DemoResult) -> dict[str, Partner]:
    partners = {}
    for spec in demo.partners:
        partner = selectors.partner_find_duplicate(org_number=spec.org_number)
        if partner is None:
            with refused_as_data_error(f"{UNIVERSITY_FILE}: partners {spec.key!r}"):
                partner = services.partner_create(
                    user=user,
                    name=spec.name,
                    org_number=spec.org_number,
                    sector=spec.sector,
                    region=spec.region,
                    is_strategic=spec.is_strategic,
                )
            result.created["partners"] += 1
        partners[spec.key] = partner
    return partners


def _offers_ensure(*, demo: University, user: User, result: DemoResult) -> dict[str, SupportOffer]:
    offers = {}
    for spec in demo.support_offers:
        offer = SupportOffer.objects.filter(title_sv=spec.title_sv).first()
        if offer is None:
            with refused_as_data_error(f"{UNIVERSITY_FILE}: support_offers {spec.title_sv!r}"):
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


def _roles_ensure(
    *, demo: University, users: dict[str, User], faculties: dict[str, Faculty]
) -> None:
    """Add demo coordinators and board members that are missing (never remove anyone)."""
    for spec in demo.users:
        user = users[spec.username]
        programs = Program.objects.filter(code__in=spec.coordinator_of)
        for program in programs.exclude(coordinators=user):
            program.coordinators.add(user)
        for code in spec.board_member_of:
            faculty = faculties[code]
            if not faculty.board_members.filter(pk=user.pk).exists():
                faculty.board_members.add(user)


def _agreements_ensure(
    *,
    demo: University,
    user: User,
    partners: dict[str, Partner],
    today: datetime.date,
    result: DemoResult,
) -> None:
    for spec in demo.agreements:
        partner = partners[spec.partner]
        if Agreement.objects.filter(partner=partner, title=spec.title).exists():
            continue
        with refused_as_data_error(f"{UNIVERSITY_FILE}: agreements {spec.title!r}"):
            services.agreement_create(
                user=user,
                partner=partner,
                programs=Program.objects.filter(code__in=spec.programs),
                title=spec.title,
                kind=spec.kind,
                level=spec.level,
                start_date=today + datetime.timedelta(days=spec.start_date_in_days),
                end_date=_days_from(today, spec.end_date_in_days),
                next_follow_up=_days_from(today, spec.next_follow_up_in_days),
                notes=spec.notes,
            )
        result.created["agreements"] += 1


def _days_from(today: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else today + datetime.timedelta(days=days)
