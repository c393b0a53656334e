"""Agreements (formalised collaboration) of a programme: add, edit, remove."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alakompass.types import AuthedRequest
from programs import forms, services
from programs.models import Agreement
from programs.views.common import child_or_404, delete_page, form_page, program_for


@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthedRequest, program_pk: int) -> HttpResponse:
    """Record an agreement covering this programme."""
    program = program_for(request, program_pk, edit=True)
    form = forms.AgreementForm(request.POST or None)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.agreement_create(
            user=request.user, programs=[program], **form.service_data()
        ),
        title=_("Add an agreement"),
        anchor="agreements",
        saved_message=_("Agreement saved."),
    )


@require_http_methods(["GET", "POST"])
def agreement_edit(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    agreement = child_or_404(Agreement, program, pk, programs=program)
    form = forms.AgreementForm(request.POST or None, instance=agreement)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.agreement_update(
            agreement=agreement,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        title=_("Edit agreement"),
        anchor="agreements",
        saved_message=_("Agreement saved."),
        delete_url=reverse(
            "programs:agreement_delete", kwargs={"program_pk": program.pk, "pk": agreement.pk}
        ),
    )


@require_http_methods(["GET", "POST"])
def agreement_delete(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    """Remove the agreement from this programme; it is deleted when no programme is left."""
    program = program_for(request, program_pk, edit=True)
    agreement = child_or_404(Agreement, program, pk, programs=program)
    return delete_page(
        request,
        program=program,
        obj=agreement,
        kind=_("agreement"),
        delete=lambda: services.agreement_remove_from_program(
            agreement=agreement, program=program, user=request.user
        ),
        anchor="agreements",
    )
