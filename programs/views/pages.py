"""Inventory pages. Views parse, call selectors/services and render; nothing more."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alakompass.types import AuthedRequest
from programs import selectors


@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """ "Mina program": the programmes the user may see."""
    programs = selectors.program_list_for_user(user=request.user)
    context = {"programs": programs, "roles": selectors.user_roles(user=request.user)}
    return render(request, "programs/program_list.html", context)


@require_GET
def program_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One programme's inventory, read-only unless the user coordinates it."""
    program = selectors.program_get_for_user(user=request.user, pk=pk)
    context = {
        "program": program,
        "can_edit": selectors.program_can_edit(user=request.user, program=program),
    }
    return render(request, "programs/program_detail.html", context)
