"""Learning outcomes of a programme: add, edit, delete."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alakompass.types import AuthedRequest
from programs import forms, services
from programs.models import LearningOutcome
from programs.views.common import child_or_404, delete_page, form_page, program_for


@require_http_methods(["GET", "POST"])
def outcome_create(request: AuthedRequest, program_pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    initial = {"level": LearningOutcome.Level.PROGRAM, "is_work_life": True}
    form = forms.OutcomeForm(request.POST or None, program=program, initial=initial)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.outcome_create(
            program=program, user=request.user, **form.service_data()
        ),
        title=_("Add a learning outcome"),
        anchor="outcomes",
        saved_message=_("Learning outcome saved."),
    )


@require_http_methods(["GET", "POST"])
def outcome_edit(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    outcome = child_or_404(LearningOutcome, program, pk)
    form = forms.OutcomeForm(request.POST or None, program=program, instance=outcome)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.outcome_update(
            outcome=outcome,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        title=_("Edit learning outcome"),
        anchor="outcomes",
        saved_message=_("Learning outcome saved."),
        delete_url=reverse(
            "programs:outcome_delete", kwargs={"program_pk": program.pk, "pk": outcome.pk}
        ),
    )


@require_http_methods(["GET", "POST"])
def outcome_delete(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    outcome = child_or_404(LearningOutcome, program, pk)
    return delete_page(
        request,
        program=program,
        obj=outcome,
        kind=_("learning outcome"),
        delete=lambda: services.outcome_delete(outcome=outcome, user=request.user),
        anchor="outcomes",
    )
