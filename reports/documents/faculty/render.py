"""faculty_report(): the faculty board's PDF and the Excel workbook with the same tables.

One kaleido server draws every chart of the report (reports.documents.svg): a small radar
per programme and the per-axis distribution, each embedded as vector SVG.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alakompass import spreadsheets
from assessments import dashboard_charts
from programs.models import Faculty
from programs.models.i18n import localised
from reports.documents import pdf, svg
from reports.documents.faculty import tables
from reports.documents.faculty.context import FacultyReport, faculty_report_data
from reports.documents.files import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, RenderedFile
from reports.documents.program.context import user_display_name

SMALL_RADAR = {"width": 560, "height": 430, "font_size": 13}
DISTRIBUTION = {"width": 700, "height": 380, "font_size": 12}


def faculty_name(faculty: Faculty) -> str:
    """The faculty's name in the active language."""
    return localised(faculty.name_sv, faculty.name_en)


def faculty_report_title(*, faculty: Faculty | None, today: datetime.date) -> str:
    """The document title: the faculty (or the university) and the date."""
    scope = faculty_name(faculty) if faculty is not None else pdf.university_name()
    return _("Work integration overview %(scope)s, %(date)s") % {
        "scope": scope,
        "date": f"{today:%Y-%m-%d}",
    }


def _captions() -> dict[str, str]:
    return {
        "programs": _(
            "Programmes in code order (not a ranking): what each programme page shows (an "
            "adopted round or the live state) and the number of its actions by status"
        ),
        "axes": _("Axis scores, målbild and gap per programme, as on the programme pages"),
        "distributions": _(
            "How each axis is spread across the programmes (scores 0–100); no programme is named"
        ),
        "activity_types": _(
            "Activity types: programmes with at least one such activity, and activities"
        ),
        "coverage": _(
            "Activities per programme and type; the column numbers are the activity types above"
        ),
        "overdue": _("Actions past their due date and not done, by programme"),
        "round_gaps": _(
            "Programmes, their latest adopted round and whether a round is in progress"
        ),
        "agreements": _("Agreements ending within 90 days"),
    }


def _figures(data: FacultyReport) -> tuple[list[str], str]:
    radars = [svg.data_uri(svg.figure_svg(p.figure, **SMALL_RADAR)) for p in data.programs]
    figure = dashboard_charts.axis_distribution_figure(
        # Axis numbers, not names: eight long rotated names were unreadable; the table
        # under the figure names each numbered axis.
        axes=[(str(n), d.values) for n, d in enumerate(data.board.distributions, start=1)],
        title="",
        score_label=_("Score (0–100)"),
    )
    figure.update_xaxes(tickangle=0)
    distribution = svg.data_uri(svg.figure_svg(figure, **DISTRIBUTION))
    return radars, distribution


def faculty_report(
    *,
    faculty: Faculty | None,
    language: str,
    generated_by: AbstractBaseUser | None,
    generated_at: datetime.datetime,
) -> tuple[RenderedFile, RenderedFile]:
    """The faculty report as (PDF/A-3a, XLSX); faculty None: the university-wide version."""
    with translation.override(language):
        today = (
            timezone.localdate(generated_at)
            if timezone.is_aware(generated_at)
            else generated_at.date()
        )
        data = faculty_report_data(
            faculty=faculty,
            today=today,
            current_name=_("Adopted round"),
            live_name=_("Live state"),
            target_name=_("Target (målbild)"),
            na=_("N/A"),
        )
        title = faculty_report_title(faculty=faculty, today=today)
        author = user_display_name(generated_by)
        captions = _captions()
        pdf_tables = {
            sheet.key: tables.pdf_table(sheet, caption=captions[sheet.key])
            for sheet in tables.faculty_sheets(data=data, for_pdf=True)
        }
        radars, distribution = _figures(data)
        html = render_to_string(
            "reports/pdf/faculty.html",
            {
                "report": data,
                "pages": list(zip(data.programs, radars, strict=True)),
                "tables": pdf_tables,
                "distribution_uri": distribution,
                "title": title,
                "html_lang": pdf.html_lang(language),
                "author": author or pdf.university_name(),
                "university": pdf.university_name(),
                "scope_name": faculty_name(faculty) if faculty is not None else "",
                "generated_by": author,
                "generated_at": generated_at,
                "is_draft": False,
            },
        )
        content, pages = pdf.html_to_pdf(html, header=pdf.not_for_comparison())
        workbook = spreadsheets.sheets_xlsx(sheets=tables.faculty_sheets(data=data), title=title)
    return (
        RenderedFile(
            content=content,
            content_type=PDF_CONTENT_TYPE,
            extension="pdf",
            page_count=pages,
            title=title,
        ),
        RenderedFile(
            content=workbook,
            content_type=XLSX_CONTENT_TYPE,
            extension="xlsx",
            page_count=None,
            title=title,
        ),
    )
