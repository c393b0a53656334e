"""Courses in a programme: add (new or from the catalogue), edit the place, remove.

A course's shared facts (code, names, credits) change only as services/courses.py allows;
these pages say so: the add form before saving an existing course it will link as it is,
the message after saving, the edit form by showing the facts read-only with the reason.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alakompass import forms as shared_forms
from alakompass.types import AuthedRequest
from programs import forms, selectors, services
from programs.models import Program, ProgramCourse
from programs.views.common import child_or_404, delete_page, program_for, to_program

TEMPLATE = "programs/course_form.html"


def _context(program: Program, title: str, delete_url: str = "") -> dict[str, object]:
    return {"program": program, "title": title, "anchor": "courses", "delete_url": delete_url}


def _added_message(added: services.CourseAdded) -> str:
    if added.kept:
        return selectors.course_link_notice(course=added.place.course, kept=added.kept, done=True)
    return _("Course saved.")


@require_http_methods(["GET", "POST"])
def course_add(request: AuthedRequest, program_pk: int) -> HttpResponse:
    """Add a course by code; an existing course is linked (its facts kept unless the user
    may change them, and then the page says so before saving)."""
    program = program_for(request, program_pk, edit=True)
    year = forms.CourseAddParams(request.GET).number("year")
    initial = {"year": year} if year else {}
    form = forms.CourseAddForm(
        request.POST or None, program=program, user=request.user, initial=initial
    )
    return shared_forms.form_page(
        request,
        form=form,
        valid=form.is_valid() and not form.needs_confirmation,
        save=lambda: services.course_add_to_program(
            program=program, user=request.user, **form.service_data()
        ),
        done=lambda _added: to_program(program, "courses"),
        saved_message=_added_message,
        template=TEMPLATE,
        context=_context(program, _("Add a course")),
    )


@require_http_methods(["GET", "POST"])
def course_place_edit(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    place = child_or_404(ProgramCourse.objects.select_related("course", "program"), program, pk)
    reason = ""
    if not selectors.course_facts_editable(user=request.user, course=place.course, program=program):
        count = selectors.course_other_programs_count(user=request.user, course=place.course)
        reason = selectors.course_facts_locked_reason(count=count)
    form = forms.CoursePlaceForm(request.POST or None, instance=place, facts_locked_reason=reason)
    delete_url = reverse(
        "programs:course_place_delete", kwargs={"program_pk": program.pk, "pk": place.pk}
    )
    return shared_forms.form_page(
        request,
        form=form,
        save=lambda: services.course_place_update(
            place=place,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        done=lambda _place: to_program(program, "courses"),
        saved_message=_("Course saved."),
        template=TEMPLATE,
        context=_context(
            program, _("Edit course %(code)s") % {"code": place.course.code}, delete_url
        ),
    )


@require_http_methods(["GET", "POST"])
def course_place_delete(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    """Take the course out of this programme (the course stays for other programmes)."""
    program = program_for(request, program_pk, edit=True)
    place = child_or_404(ProgramCourse.objects.select_related("course"), program, pk)
    return delete_page(
        request,
        program=program,
        obj=place.course,
        kind=_("course"),
        delete=lambda: services.course_place_remove(place=place, user=request.user),
        anchor="courses",
    )
