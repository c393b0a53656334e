"""Writes for courses in a programme: add (new or from the catalogue), edit the place, remove.

**Shared course facts.** A course's code, names and credits are one row shared by every
programme that uses it; its place in a programme (year, term, mandatory/elective) is that
programme's own. The shared facts may be changed by SAM and administrators, or by a
coordinator who coordinates every programme that uses the course (a course no other
programme uses is its coordinator's own); `user=None` is a trusted caller without a request
(the demo loader, a management command). Anyone else who adds a course whose code exists
links the existing course to the programme as it is: the place is set, the facts are kept,
and the differing facts that were not applied are returned (`CourseAdded.kept`) so the form
and the import can say so. Editing a place may not change the facts of a course the user may
not change: that is refused. The rule itself is `selectors.course_codes_with_locked_facts`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from programs import selectors
from programs.models import Activity, Course, Program, ProgramCourse
from programs.selectors import FactDifference
from programs.services.records import record_delete, record_save, record_update


@dataclass(frozen=True)
class CourseAdded:
    """What adding a course did: the place, whether the course is new, facts not applied."""

    place: ProgramCourse
    created: bool
    kept: list[FactDifference] = field(default_factory=list)


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
) -> CourseAdded:
    """Create the course if its code is new, else link it (changing its shared facts only if
    `user` may), and set its place in the programme."""
    code = code.strip().upper()
    course = Course.objects.select_for_update().filter(code=code).first()
    created = course is None
    kept: list[FactDifference] = []
    if course is None:
        course = Course(code=code, name_sv=name_sv, name_en=name_en, credits=credits)
        record_save(course, user=user)
    else:
        name_en = name_en or course.name_en  # an empty English name keeps the saved one
        differences = selectors.course_facts_differences(
            course=course, name_sv=name_sv, name_en=name_en, credits=credits
        )
        if differences and selectors.course_facts_editable(
            user=user, course=course, program=program
        ):
            course.name_sv, course.name_en, course.credits = name_sv, name_en, credits
            record_save(course, user=user)
        else:
            kept = differences
    place = ProgramCourse.objects.filter(program=program, course=course).first()
    place = place or ProgramCourse(program=program, course=course)
    place.year, place.term, place.kind = year, term, kind
    return CourseAdded(place=record_save(place, user=user), created=created, kept=kept)


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
    """Change a course's place in the programme and, if `user` may, the course's facts.

    The course is shared by every programme it serves, so a corrected name or credit
    value shows everywhere; a change of facts the user may not make is refused. The
    place's version guards the whole form.
    """
    course = Course.objects.select_for_update().get(pk=place.course_id)
    differences = selectors.course_facts_differences(
        course=course, name_sv=name_sv, name_en=name_en, credits=credits
    )
    if differences and not selectors.course_facts_editable(
        user=user, course=course, program=place.program
    ):
        count = selectors.course_other_programs_count(user=user, course=course) if user else 0
        raise ValidationError(
            selectors.course_facts_locked_reason(count=count), code="shared_course_facts"
        )
    place.year, place.term, place.kind = year, term, kind
    record_save(place, user=user, expected_version=expected_version)
    if differences:
        course.name_sv, course.name_en, course.credits = name_sv, name_en, credits
        record_save(course, user=user)
    place.course = course
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
