"""Requesting a report ("Create report") and following its job until the download."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alakompass.types import AuthedRequest
from reports import selectors, services
from reports.forms import ReportRequestForm
from reports.models import ReportJob

# Seconds between the progress page's own reloads while the job is queued or rendering.
REFRESH_SECONDS = 2


@require_POST
def job_create(request: AuthedRequest) -> HttpResponse:
    """Queue a report of a scope the user may see (404 otherwise), then show its progress."""
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The report could not be requested: the request was incomplete."))
        return redirect("reports:archive")
    data = form.cleaned_data
    scope = selectors.report_scope_get_for_user(
        user=request.user,
        kind=data["kind"],
        compass_round_id=data.get("compass_round"),
        faculty_id=data.get("faculty_id"),
    )
    job = services.report_request(
        kind=scope.kind,
        language=data["language"],
        requested_by=request.user,
        program=scope.program,
        faculty=scope.faculty,
        compass_round=scope.compass_round,
    )
    return redirect(job)


@require_GET
def job_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A job's progress (queued → rendering → done or failed); reloads itself until finished."""
    job = selectors.report_job_get_for_user(user=request.user, pk=pk)
    order = [ReportJob.Status.QUEUED, ReportJob.Status.RENDERING, ReportJob.Status.DONE]
    reached = order.index(ReportJob.Status(job.status)) if job.status in order else -1
    steps = [
        {
            "label": status.label,
            "done": i < reached or job.status == ReportJob.Status.DONE,
            "current": i == reached,
        }
        for i, status in enumerate(order)
    ]
    context = {
        "job": job,
        "steps": steps,
        "reports": list(job.reports.order_by("format")),
        "refresh_seconds": None if job.is_finished else REFRESH_SECONDS,
    }
    return render(request, "reports/job_detail.html", context)
