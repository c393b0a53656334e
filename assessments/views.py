"""Compass pages."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alakompass.types import AuthedRequest
from assessments.models import CompassRound
from programs import selectors as program_selectors


@require_GET
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A compass round of a programme the user may see (404 otherwise)."""
    visible = program_selectors.program_list_for_user(user=request.user)
    compass_round = get_object_or_404(
        CompassRound.objects.select_related("program"), pk=pk, program__in=visible
    )
    return render(request, "assessments/round_detail.html", {"round": compass_round})
