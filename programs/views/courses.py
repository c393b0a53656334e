"""Courses in a programme: add (new or from the catalogue), edit the place, remove."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alakompass.types import AuthedRequest
from programs import forms, services
from programs.models import ProgramCourse
from programs.views.common import child_or_404, delete_page, form_page, program_for


@require_http_methods(["GET", "POST"])
def course_add(request: AuthedRequest, program_pk: int) -> HttpResponse:
    """Add a course by code; an existing course code is reused (and its names updated)."""
    program = program_for(request, program_pk, edit=True)
    initial = {"year": request.GET.get("year")} if request.GET.get("year") else {}
    form = forms.CourseAddForm(request.POST or None, program=program, initial=initial)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.course_add_to_program(
            program=program, user=request.user, **form.cleaned_data
        ),
        title=_("Add a course"),
        anchor="courses",
        saved_message=_("Course saved."),
    )


@require_http_methods(["GET", "POST"])
def course_place_edit(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    place = child_or_404(ProgramCourse.objects.select_related("course", "program"), program, pk)
    form = forms.CoursePlaceForm(request.POST or None, instance=place)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.course_place_update(
            place=place,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        title=_("Edit course %(code)s") % {"code": place.course.code},
        anchor="courses",
        saved_message=_("Course saved."),
        delete_url=reverse(
            "programs:course_place_delete", kwargs={"program_pk": program.pk, "pk": place.pk}
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
