"""The SAM dashboard (whole university) and the faculty view for board members.

Who sees what: SAM and administrators open the university dashboard and any faculty view;
a faculty board member opens the view of the faculties whose board they sit on; everybody else
gets 404, so the pages do not reveal that they exist. Both pages export to Excel.
"""

import json
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from plotly import graph_objects as go

from alakompass import spreadsheets
from alakompass.query import query_string
from alakompass.types import AuthedRequest
from assessments import dashboard, dashboard_charts, dashboard_export, forms_params
from assessments.dashboard_forms import DashboardFilterForm
from programs.models import AGREEMENT_EXPIRY_WARNING_DAYS, Faculty, Program

ROWS_PER_PAGE = 100  # programmes per page in the coverage and programme tables
LIST_LIMIT = 100  # rows shown of the stale and overdue lists; the Excel export has them all


@require_GET
def university_dashboard(request: AuthedRequest) -> HttpResponse:
    """The whole university, filterable by faculty and programme profile (SAM and admins)."""
    if not dashboard.dashboard_can_view(user=request.user):
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    faculty, profile = form.filters()
    data = _build(faculty=faculty, profile=profile, whole_university=not (faculty or profile))
    context = _context(
        request,
        data=data,
        form=form,
        title=_("Work integration across the university"),
        export_url=reverse("assessments:dashboard_export"),
    )
    return render(request, "assessments/dashboard.html", context)


@require_GET
def university_dashboard_export(request: AuthedRequest) -> HttpResponse:
    """The university dashboard's tables as an Excel workbook."""
    if not dashboard.dashboard_can_view(user=request.user):
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    faculty, profile = form.filters()
    data = _build(faculty=faculty, profile=profile, whole_university=not (faculty or profile))
    return _workbook_response(
        data=data,
        title=_("Work integration across the university"),
        filters=_filter_labels(faculty=faculty, profile=profile),
        slug="oversikt",
    )


@require_GET
def faculty_dashboard(request: AuthedRequest, faculty_pk: int) -> HttpResponse:
    """One faculty's programmes, for its board (and SAM), filterable by profile."""
    faculty = dashboard.dashboard_faculty_get(user=request.user, pk=faculty_pk)
    form = DashboardFilterForm(request.GET or None, with_faculty=False)
    _none, profile = form.filters()
    data = _build(faculty=faculty, profile=profile, whole_university=False)
    context = _context(
        request,
        data=data,
        form=form,
        title=_("Work integration at %(faculty)s") % {"faculty": faculty},
        export_url=reverse("assessments:faculty_dashboard_export", args=[faculty.pk]),
    )
    context["faculty"] = faculty
    return render(request, "assessments/dashboard.html", context)


@require_GET
def faculty_dashboard_export(request: AuthedRequest, faculty_pk: int) -> HttpResponse:
    """The faculty view's tables as an Excel workbook."""
    faculty = dashboard.dashboard_faculty_get(user=request.user, pk=faculty_pk)
    form = DashboardFilterForm(request.GET or None, with_faculty=False)
    _none, profile = form.filters()
    data = _build(faculty=faculty, profile=profile, whole_university=False)
    return _workbook_response(
        data=data,
        title=_("Work integration at %(faculty)s") % {"faculty": faculty},
        filters=_filter_labels(faculty=faculty, profile=profile),
        slug=f"fakultet-{faculty.code}",
    )


def _build(*, faculty: Faculty | None, profile: str, whole_university: bool) -> dashboard.Dashboard:
    programs = dashboard.dashboard_programs(faculty=faculty, profile=profile)
    return dashboard.dashboard_build(
        programs=programs, today=timezone.localdate(), whole_university=whole_university
    )


def _filter_labels(*, faculty: Faculty | None, profile: str) -> list[tuple[str, str]]:
    profiles = dict(Program.Profile.choices)
    return [
        (_("Faculty"), str(faculty) if faculty else _("All faculties")),
        (_("Programme profile"), str(profiles[profile]) if profile else _("All profiles")),
    ]


def _workbook_response(
    *, data: dashboard.Dashboard, title: str, filters: list[tuple[str, str]], slug: str
) -> HttpResponse:
    content = dashboard_export.dashboard_workbook(dashboard=data, title=title, filters=filters)
    filename = f"ala-kompassen-{slug}-{data.today.isoformat()}.xlsx"
    return spreadsheets.download_response(
        content, content_type=spreadsheets.XLSX_CONTENT_TYPE, filename=filename
    )


def _figure(figure: go.Figure) -> dict[str, Any]:
    return json.loads(figure.to_json())


def _context(
    request: AuthedRequest,
    *,
    data: dashboard.Dashboard,
    form: DashboardFilterForm,
    title: str,
    export_url: str,
) -> dict:
    number = forms_params.PageParams(request.GET).number("page")
    page: Page = Paginator(data.coverage_rows, ROWS_PER_PAGE).get_page(number)
    shares = [(dashboard_export.share_label(share), share) for share in data.shares]
    figures = {
        "distribution": dashboard_charts.axis_distribution_figure(
            axes=[(d.label, d.values) for d in data.distributions],
            title=_("Distribution of each axis across programmes"),
            score_label=_("Score (0–100)"),
        ),
        "shares": dashboard_charts.share_figure(
            shares=[(label, share.percent) for label, share in shares],
            title=_("Share of programmes"),
        ),
        "coverage": dashboard_charts.coverage_heatmap_figure(
            program_labels=[row.program.code for row in page.object_list],
            type_labels=[column.label for column in data.coverage_columns],
            counts=[row.counts for row in page.object_list],
            title=_("Activities per programme and activity type"),
            count_label=_("Activities"),
        ),
        "partners": dashboard_charts.partner_figure(
            partners=[(p.name, p.programs) for p in data.top_partners],
            title=_("Partner organisations engaged with the most programmes"),
            count_label=_("Programmes"),
        ),
    }
    query = query_string(form)
    return {
        "title": title,
        "data": data,
        "form": form,
        "shares": shares,
        "page": page,
        "figures": {key: _figure(figure) for key, figure in figures.items()},
        "export_url": f"{export_url}?{query}" if query else export_url,
        "rows_per_page": ROWS_PER_PAGE,
        "list_limit": LIST_LIMIT,
        "stale_months": dashboard.STALE_AFTER_MONTHS,
        "current_round_years": dashboard.CURRENT_ROUND_YEARS,
        "agreement_warning_days": AGREEMENT_EXPIRY_WARNING_DAYS,
        "stale_shown": data.stale[:LIST_LIMIT],
        "overdue_shown": data.overdue_actions[:LIST_LIMIT],
    }
