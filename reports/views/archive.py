"""The report archive: the list a user may see, and downloads (404 for what they may not)."""

import base64
import logging

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from alakompass.query import PageParams, query_string
from alakompass.types import AuthedRequest
from reports import selectors
from reports.forms import ArchiveFilterForm

logger = logging.getLogger(__name__)

REPORTS_PER_PAGE = 25


@require_GET
def archive(request: AuthedRequest) -> HttpResponse:
    """The archived reports the user may see, filtered, newest first, a page at a time."""
    form = ArchiveFilterForm(request.GET or None, user=request.user)
    reports = form.filter(selectors.report_list_for_user(user=request.user))
    number = PageParams(request.GET).number("page")
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(number)
    context = {"form": form, "page": page, "query": query_string(form)}
    return render(request, "reports/archive.html", context)


@require_GET
def download(request: AuthedRequest, pk: int) -> FileResponse:
    """The archived file as an attachment under its safe name; never cached."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    try:
        handle = report.file.open("rb")
    except OSError as error:  # the archive row outlived its file: say so in the logs
        logger.error("Archived report %s has no file at %s", report.pk, report.file.name)
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=report.filename, content_type=report.content_type
    )
    patch_cache_control(response, private=True, no_store=True)
    # RFC 9530: the client may verify the body against the archived checksum.
    digest = base64.b64encode(bytes.fromhex(report.sha256)).decode("ascii")
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    return response
