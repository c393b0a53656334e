"""Inventory pages. Views parse, call selectors/services and render; nothing more."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alakompass.types import AuthedRequest
from programs import forms, selectors, services
from programs.models import AGREEMENT_EXPIRY_WARNING_DAYS
from programs.views.common import completeness_view, form_page, program_for


@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """ "Mina program": the user's programmes with completeness and last change."""
    rows = selectors.program_overview_for_user(user=request.user)
    overview = [{"row": row, "completeness": completeness_view(row.completeness)} for row in rows]
    context = {"overview": overview, "roles": selectors.user_roles(user=request.user)}
    return render(request, "programs/program_list.html", context)


@require_GET
def program_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One programme's inventory, read-only unless the user coordinates it."""
    program = program_for(request, pk)
    inventory = selectors.program_inventory(program=program)
    context = {
        "program": program,
        "inventory": inventory,
        "completeness": completeness_view(inventory.completeness),
        "can_edit": selectors.program_can_edit(user=request.user, program=program),
        "activity_types": selectors.activity_types(),
        "quick_form": forms.ActivityForm(program=program, auto_id="quick_%s"),
        "agreement_warning_days": AGREEMENT_EXPIRY_WARNING_DAYS,
    }
    return render(request, "programs/program_detail.html", context)


@require_http_methods(["GET", "POST"])
def program_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The programme's own fields: names, credits, years, profile, F3 and E3."""
    program = program_for(request, pk, edit=True)
    form = forms.ProgramForm(request.POST or None, instance=program)
    return form_page(
        request,
        program=program,
        form=form,
        save=lambda: services.program_update(
            program=program,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        title=_("Edit programme"),
        anchor="facts",
        saved_message=_("Programme saved."),
    )


@require_GET
def program_history(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every change to the programme's inventory: who, when, what; newest first."""
    program = program_for(request, pk)
    number = forms.PageParams(request.GET).number("page")
    page = selectors.program_history(program=program, page=number or 1)
    return render(request, "programs/program_history.html", {"program": program, "page": page})
