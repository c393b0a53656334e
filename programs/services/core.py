"""Writes to the inventory. Every write records who made it (django-simple-history)."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from programs import selectors
from programs.models import (
    Activity,
    ActivityPartner,
    ActivityType,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Course,
    Department,
    Faculty,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
    TrackedModel,
)
from programs.validators import normalise_org_number

User = AbstractBaseUser


class EditConflict(ValidationError):
    """Somebody else saved the record after this form was opened."""

    def __init__(self, current: models.Model) -> None:
        self.current = current
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. "
                "Your input is kept below; compare it with the saved values and save again."
            ),
            code="edit_conflict",
        )


def record_save(
    instance: models.Model, *, user: User | None, expected_version: int | None = None
) -> models.Model:
    """Validate and save `instance`, attributing the history row to `user`.

    For tracked rows, `expected_version` (the version the form was opened with) guards
    against lost updates: a stale version raises EditConflict and nothing is written.
    """
    with transaction.atomic():
        if isinstance(instance, TrackedModel) and instance.pk:
            current = type(instance).objects.select_for_update().get(pk=instance.pk)
            if expected_version is not None and current.version != expected_version:
                raise EditConflict(current)
            instance.version = current.version + 1
        instance.full_clean()
        instance._history_user = user  # read by simple_history when it writes the row
        instance.save()
    return instance


def record_delete(instance: models.Model, *, user: User | None) -> None:
    """Delete a row, attributing the history row to `user`."""
    instance._history_user = user
    instance.delete()


def _apply(instance: models.Model, fields: dict[str, Any]) -> models.Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def record_update(
    instance: models.Model,
    *,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> models.Model:
    """Set `fields` on `instance` and save it with the version check of record_save."""
    return record_save(_apply(instance, fields), user=user, expected_version=expected_version)


def faculty_get_or_create(*, code: str, name_sv: str, name_en: str = "") -> Faculty:
    """The faculty with this code, created if missing."""
    faculty, _created = Faculty.objects.get_or_create(
        code=code, defaults={"name_sv": name_sv, "name_en": name_en}
    )
    return faculty


def department_get_or_create(*, faculty: Faculty, name_sv: str, name_en: str = "") -> Department:
    """The department of this name in the faculty, created if missing."""
    department, _created = Department.objects.get_or_create(
        faculty=faculty, name_sv=name_sv, defaults={"name_en": name_en}
    )
    return department


@transaction.atomic
def program_create(
    *, user: User | None, coordinators: Iterable[User] = (), **fields: Any
) -> Program:
    """Create a programme and name its coordinators."""
    program = record_save(Program(**fields), user=user)
    program.coordinators.set(list(coordinators))
    return program


def program_update(
    *, program: Program, user: User | None, expected_version: int | None = None, **fields: Any
) -> Program:
    """Change a programme's own fields."""
    return record_save(_apply(program, fields), user=user, expected_version=expected_version)


@transaction.atomic
def course_add_to_program(
    *,
    program: Program,
    user: User | None,
    code: str,
    name_sv: str,
    credits: Decimal,
    year: int,
    name_en: str = "",
    term: int | None = None,
    kind: str = ProgramCourse.Kind.MANDATORY,
) -> ProgramCourse:
    """Create the course if its code is new (else update its names and credits) and
    place it in the programme."""
    code = code.strip().upper()
    course = Course.objects.filter(code=code).first() or Course(code=code)
    changed = (course.name_sv, course.name_en, course.credits) != (name_sv, name_en, credits)
    if course.pk is None or changed:
        course.name_sv, course.name_en, course.credits = name_sv, name_en or course.name_en, credits
        record_save(course, user=user)
    place = ProgramCourse.objects.filter(program=program, course=course).first()
    place = place or ProgramCourse(program=program, course=course)
    place.year, place.term, place.kind = year, term, kind
    return record_save(place, user=user)


def outcome_create(*, program: Program, user: User | None, **fields: Any) -> LearningOutcome:
    """Add a programme- or course-level learning outcome."""
    return record_save(LearningOutcome(program=program, **fields), user=user)


def activity_defaults(*, activity_type: ActivityType) -> dict[str, Any]:
    """Field values a new activity of this type starts with (A, P, typical support)."""
    defaults: dict[str, Any] = {
        "authenticity": activity_type.default_authenticity,
        "proximity": activity_type.default_proximity,
    }
    for item in activity_type.typical_support:
        defaults[item] = True
    return defaults


@transaction.atomic
def activity_create(
    *,
    program: Program,
    user: User | None,
    type: ActivityType,
    outcomes: Iterable[LearningOutcome] = (),
    partner_links: Iterable[tuple[Partner, str, bool]] = (),
    **fields: Any,
) -> Activity:
    """Create an activity; A and P default from its type; link outcomes and partners."""
    values = activity_defaults(activity_type=type) | fields
    if values.get("status") == Activity.Status.MANDATORY:
        values["reach"] = 100
    activity = record_save(Activity(program=program, type=type, **values), user=user)
    activity.outcomes.set(list(outcomes))
    for partner, role, feedback in partner_links:
        activity_partner_add(
            activity=activity, partner=partner, role=role, feedback_collected=feedback, user=user
        )
    return activity


def activity_partner_add(
    *,
    activity: Activity,
    partner: Partner,
    role: str,
    user: User | None,
    feedback_collected: bool = False,
) -> ActivityPartner:
    """Link a partner organisation to an activity in a role."""
    link = ActivityPartner(
        activity=activity, partner=partner, role=role, feedback_collected=feedback_collected
    )
    return record_save(link, user=user)


def partner_find_duplicate(*, org_number: str) -> Partner | None:
    """The registered partner with this organisation number, if any."""
    org_number = normalise_org_number(org_number)
    if not org_number:
        return None
    return Partner.objects.filter(org_number=org_number).first()


def partner_create(*, user: User | None, name: str, org_number: str = "", **fields: Any) -> Partner:
    """Register a partner; the org number is normalised and must be unique."""
    partner = Partner(name=name.strip(), org_number=normalise_org_number(org_number), **fields)
    return record_save(partner, user=user)


@transaction.atomic
def agreement_create(
    *, user: User | None, partner: Partner, programs: Iterable[Program] = (), **fields: Any
) -> Agreement:
    """Record a formal agreement or letter of intent."""
    agreement = record_save(Agreement(partner=partner, **fields), user=user)
    agreement.programs.set(list(programs))
    return agreement


def council_save(
    *, program: Program, user: User | None, expected_version: int | None = None, **fields: Any
) -> Council:
    """Create or update the programme's council."""
    council = selectors.council_for_program(program=program) or Council(program=program)
    return record_save(_apply(council, fields), user=user, expected_version=expected_version)


def council_member_add(*, council: Council, user: User | None, **fields: Any) -> CouncilMember:
    """Add an external member (organisation and role)."""
    return record_save(CouncilMember(council=council, **fields), user=user)


def council_meeting_add(
    *, council: Council, user: User | None, date: datetime.date, **fields: Any
) -> CouncilMeeting:
    """Record a council meeting."""
    return record_save(CouncilMeeting(council=council, date=date, **fields), user=user)
