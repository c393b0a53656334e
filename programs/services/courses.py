"""Writes for courses in a programme: add (new or from the catalogue), edit the place, remove."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from programs.models import Activity, Course, Program, ProgramCourse
from programs.services.records import record_delete, record_save, record_update


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


@transaction.atomic
def course_place_update(
    *,
    place: ProgramCourse,
    user: User | None,
    expected_version: int | None = None,
    year: int,
    term: int | None,
    kind: str,
    name_sv: str,
    credits: Decimal,
    name_en: str = "",
) -> ProgramCourse:
    """Change a course's place in the programme and the course's names and credits.

    The course is shared by every programme it serves, so a corrected name or credit
    value shows everywhere; the place's version guards the whole form.
    """
    place.year, place.term, place.kind = year, term, kind
    record_save(place, user=user, expected_version=expected_version)
    course = place.course
    if (course.name_sv, course.name_en, course.credits) != (name_sv, name_en, credits):
        course.name_sv, course.name_en, course.credits = name_sv, name_en, credits
        record_save(course, user=user)
    return place


@transaction.atomic
def course_place_remove(*, place: ProgramCourse, user: User | None) -> None:
    """Take a course out of the programme; its activities there keep going, without a course.

    The course itself stays in the catalogue: other programmes may still use it.
    """
    activities = Activity.objects.filter(program_id=place.program_id, course_id=place.course_id)
    for activity in activities:
        record_update(activity, user=user, course=None)
    record_delete(place, user=user)
