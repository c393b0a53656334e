"""The programme's council (branschråd/programråd), its external members and meetings."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alakompass.types import AuthedRequest
from programs import forms, selectors, services
from programs.models import Council, CouncilMeeting, CouncilMember, Program
from programs.views.common import child_or_404, delete_page, form_page, program_for


def _council(program: Program) -> Council:
    """The programme's council; 404 until one is recorded."""
    council = selectors.council_for_program(program=program)
    if council is None:
        raise Http404
    return council


@require_http_methods(["GET", "POST"])
def council_edit(request: AuthedRequest, program_pk: int) -> HttpResponse:
    """Record the council, or change its name, formal status and last curriculum review."""
    program = program_for(request, program_pk, edit=True)
    council = selectors.council_for_program(program=program)
    initial = {} if council else {"name": _("Programme council")}
    form = forms.CouncilForm(
        request.POST or None, instance=council or Council(program=program), initial=initial
    )
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.council_save(
            program=program,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        title=_("Edit council") if council else _("Record a council"),
        anchor="council",
        saved_message=_("Council saved."),
    )


@require_http_methods(["GET", "POST"])
def member_create(request: AuthedRequest, program_pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    council = _council(program)
    form = forms.CouncilMemberForm(request.POST or None, council=council)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.council_member_add(
            council=council, user=request.user, **form.service_data()
        ),
        title=_("Add an external council member"),
        anchor="council",
        saved_message=_("Council member saved."),
    )


@require_http_methods(["GET", "POST"])
def member_edit(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    member = child_or_404(CouncilMember, program, pk, council__program=program)
    form = forms.CouncilMemberForm(request.POST or None, council=member.council, instance=member)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.council_member_update(
            member=member,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        title=_("Edit council member"),
        anchor="council",
        saved_message=_("Council member saved."),
        delete_url=reverse(
            "programs:member_delete", kwargs={"program_pk": program.pk, "pk": member.pk}
        ),
    )


@require_http_methods(["GET", "POST"])
def member_delete(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    member = child_or_404(CouncilMember, program, pk, council__program=program)
    return delete_page(
        request,
        program=program,
        obj=member,
        kind=_("council member"),
        delete=lambda: services.council_row_delete(row=member, user=request.user),
        anchor="council",
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthedRequest, program_pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    council = _council(program)
    form = forms.CouncilMeetingForm(request.POST or None, council=council)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.council_meeting_add(
            council=council, user=request.user, **form.service_data()
        ),
        title=_("Record a council meeting"),
        anchor="council",
        saved_message=_("Meeting saved."),
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    meeting = child_or_404(CouncilMeeting, program, pk, council__program=program)
    form = forms.CouncilMeetingForm(request.POST or None, council=meeting.council, instance=meeting)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.council_meeting_update(
            meeting=meeting,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        title=_("Edit council meeting"),
        anchor="council",
        saved_message=_("Meeting saved."),
        delete_url=reverse(
            "programs:meeting_delete", kwargs={"program_pk": program.pk, "pk": meeting.pk}
        ),
    )


@require_http_methods(["GET", "POST"])
def meeting_delete(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    meeting = child_or_404(CouncilMeeting, program, pk, council__program=program)
    return delete_page(
        request,
        program=program,
        obj=meeting,
        kind=_("council meeting"),
        delete=lambda: services.council_row_delete(row=meeting, user=request.user),
        anchor="council",
    )
