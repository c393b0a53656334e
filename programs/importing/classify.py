"""Comparing a course list with the database: duplicates in the file, then create, update,
link or unchanged for every row, keeping the shared-course rule (services/courses.py)."""

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alakompass.types import AnyUser
from programs import selectors
from programs.importing.results import Reason, RowResult, RowStatus
from programs.models import Course, Program, ProgramCourse, concrete_field

PLACE_FIELDS = ("year", "term", "kind")


def mark_duplicates(rows: list[RowResult]) -> None:
    """Reject every row whose course code is on another row too, naming the other rows.

    A file that says two things about one course is ambiguous: neither row is written
    (and, the import being all or nothing, nothing else is either).
    """
    lines: dict[str, list[int]] = {}
    for row in rows:
        if code := row.values.get("code"):
            lines.setdefault(code, []).append(row.line)
    for row in rows:
        code = row.values.get("code")
        others = [line for line in lines.get(code, []) if line != row.line] if code else []
        if others:
            row.reject(
                "duplicate_code",
                ngettext(
                    "Course code %(code)s is also on row %(lines)s.",
                    "Course code %(code)s is also on rows %(lines)s.",
                    len(others),
                )
                % {"code": code, "lines": ", ".join(str(line) for line in others)},
            )


def classify(rows: list[RowResult], program: Program, user: AnyUser | None) -> None:
    """Create, update, link or unchanged, from what the database already holds.

    An existing course whose shared facts `user` may not change is linked as it is: the
    row's changes list only its place in the programme, and a note says which of the
    file's facts are not applied (the service keeps them too).
    """
    codes = [row.values["code"] for row in rows if row.values.get("code")]
    courses = {course.code: course for course in Course.objects.filter(code__in=codes)}
    places = {
        place.course.code: place
        for place in ProgramCourse.objects.filter(
            program=program, course__code__in=codes
        ).select_related("course")
    }
    shared = set(
        ProgramCourse.objects.filter(course__code__in=codes)
        .exclude(program=program)
        .values_list("course__code", flat=True)
    )
    locked = selectors.course_codes_with_locked_facts(
        user=user, program=program, codes=courses.keys()
    )
    for row in rows:
        if row.status == RowStatus.REJECT:
            continue
        values = row.values
        course = courses.get(values["code"])
        place = places.get(values["code"])
        values["name_en"] = values["name_en"] or (course.name_en if course else "")
        values.setdefault("term", place.term if place else None)
        values.setdefault("kind", place.kind if place else ProgramCourse.Kind.MANDATORY)
        if course is None:
            row.status = RowStatus.CREATE
            continue
        differences = selectors.course_facts_differences(
            course=course,
            name_sv=values["name_sv"],
            name_en=values["name_en"],
            credits=values["credits"],
        )
        kept = bool(differences) and course.code in locked
        row.changes = _place_changes(place, values)
        if differences and not kept:
            row.changes = [
                _change(Course, d.field, d.saved, d.submitted) for d in differences
            ] + row.changes
        row.status = (
            RowStatus.LINK
            if place is None
            else (RowStatus.UPDATE if row.changes else RowStatus.UNCHANGED)
        )
        if kept:
            notice = selectors.course_link_notice(course=course, kept=differences)
            row.notes.append(Reason("existing_course_kept", notice))
        elif differences and course.code in shared:
            row.notes.append(
                Reason(
                    "shared_course",
                    _(
                        "This course is also in other programmes: its name and credits "
                        "change there too."
                    ),
                )
            )


def _show(value: Any) -> str:
    if value in (None, ""):
        return "–"
    if value in ProgramCourse.Kind.values:
        return str(ProgramCourse.Kind(value).label)
    return str(formats.localize(value))


def _change(model: type[Course | ProgramCourse], name: str, old: object, new: object) -> str:
    label = str(concrete_field(model, name).verbose_name)
    return f"{label[:1].upper()}{label[1:]}: {_show(old)} → {_show(new)}"


def _place_changes(place: ProgramCourse | None, values: dict[str, Any]) -> list[str]:
    if place is None:
        return []
    return [
        _change(ProgramCourse, name, getattr(place, name), values[name])
        for name in PLACE_FIELDS
        if getattr(place, name) != values[name]
    ]
