"""Who may change a course's shared facts, and how submitted facts differ from the saved ones.

A course (code, names, credits) is one row shared by every programme that uses it; its place
in a programme (year, term, mandatory/elective) is that programme's own. The shared facts may
be changed by SAM and administrators, and by a coordinator who coordinates every programme
that uses the course (a course no other programme uses is its coordinator's own). Anyone
else who adds the course links it as it is. `user=None` is a trusted caller with no request
(the demo loader, a management command) and may change them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alakompass.types import AnyUser
from programs.models import Course, Program, ProgramCourse, concrete_field
from programs.selectors.access import user_is_sam

SHARED_FACTS = ("name_sv", "name_en", "credits")  # the code is the key: it never changes


@dataclass(frozen=True)
class FactDifference:
    """A shared fact whose submitted value differs from the course's saved one."""

    field: str
    saved: str | Decimal
    submitted: str | Decimal

    @property
    def label(self) -> str:
        return capfirst(str(concrete_field(Course, self.field).verbose_name))

    def __str__(self) -> str:
        return _("%(field)s: %(submitted)s (the course keeps %(saved)s)") % {
            "field": self.label,
            "submitted": _shown(self.submitted),
            "saved": _shown(self.saved),
        }


def _shown(value: str | Decimal) -> str:
    if isinstance(value, Decimal):
        return str(formats.localize(value))
    return value or "–"


def course_facts_differences(
    *, course: Course, name_sv: str, name_en: str, credits: Decimal
) -> list[FactDifference]:
    """The shared facts that differ between `course` and the submitted values."""
    submitted: dict[str, str | Decimal] = {
        "name_sv": name_sv,
        "name_en": name_en,
        "credits": credits,
    }
    return [
        FactDifference(name, getattr(course, name), submitted[name])
        for name in SHARED_FACTS
        if getattr(course, name) != submitted[name]
    ]


def course_codes_with_locked_facts(
    *, user: AnyUser | None, program: Program, codes: Iterable[str]
) -> set[str]:
    """Which of `codes` name courses whose shared facts `user` may not change."""
    codes = set(codes)
    if user is None or not codes:
        return set()
    if not user.is_authenticated:
        return codes
    if user_is_sam(user=user):
        return set()
    if not program.coordinators.filter(pk=user.pk).exists():
        return codes
    return set(
        ProgramCourse.objects.filter(course__code__in=codes)
        .exclude(program__coordinators=user)
        .values_list("course__code", flat=True)
    )


def course_facts_editable(*, user: AnyUser | None, course: Course, program: Program) -> bool:
    """True if `user`, working on `program`, may change `course`'s shared facts."""
    return not course_codes_with_locked_facts(user=user, program=program, codes=[course.code])


def course_other_programs_count(*, user: User, course: Course) -> int:
    """How many programmes using `course` the user does not coordinate."""
    return (
        Program.objects.filter(program_courses__course=course)
        .exclude(coordinators=user)
        .distinct()
        .count()
    )


def course_facts_locked_reason(*, count: int) -> str:
    """Why a coordinator may not change a shared course's facts (for the edit form)."""
    return ngettext(
        "This course is also used by %(count)s other programme that you do not coordinate. "
        "Its code, names and credits are shared, so only SAM, an administrator or a "
        "coordinator of every programme that uses the course may change them.",
        "This course is also used by %(count)s other programmes that you do not coordinate. "
        "Its code, names and credits are shared, so only SAM, an administrator or a "
        "coordinator of every programme that uses the course may change them.",
        count,
    ) % {"count": count}


def course_link_notice(*, course: Course, kept: list[FactDifference], done: bool = False) -> str:
    """The plain sentence that an existing course is linked as it is, with what is not applied."""
    values = {
        "code": course.code,
        "credits": formats.localize(course.credits),
        "name": course.name_sv,
    }
    if done:
        text = _(
            "%(code)s already existed (%(credits)s hp, “%(name)s”); it was linked to the "
            "programme without changing the course's details."
        )
    else:
        text = _(
            "%(code)s already exists (%(credits)s hp, “%(name)s”); it is linked to the "
            "programme without changing the course's details."
        )
    sentences = [text % values]
    if kept:
        sentences.append(
            _("Not applied: %(facts)s.") % {"facts": "; ".join(str(fact) for fact in kept)}
        )
    return " ".join(sentences)
