"""faculty_report(): the faculty board's PDF and the Excel workbook with the same tables."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alakompass import spreadsheets
from programs.models import Faculty
from programs.models.i18n import localised
from reports.documents import pdf
from reports.documents.faculty.context import FacultyReport, faculty_report_data
from reports.documents.files import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, RenderedFile
from reports.documents.program.context import user_display_name


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


def faculty_sheets(*, data: FacultyReport) -> list[spreadsheets.Sheet]:
    """The report's tables as sheets (the Excel holds exactly these)."""
    return [
        spreadsheets.Sheet(
            key="programs",
            title=_("Programmes"),
            headers=[_("Programme code"), _("Programme"), *data.axis_labels],
            rows=[[p.row.code, p.row.name, *p.scores] for p in data.programs],
        )
    ]


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
        data = faculty_report_data(faculty=faculty, today=today)
        title = faculty_report_title(faculty=faculty, today=today)
        author = user_display_name(generated_by)
        html = render_to_string(
            "reports/pdf/faculty.html",
            {
                "report": data,
                "title": title,
                "html_lang": pdf.html_lang(language),
                "author": author or pdf.university_name(),
                "university": pdf.university_name(),
                "generated_by": author,
                "generated_at": generated_at,
                "scope_name": faculty_name(faculty) if faculty is not None else "",
                "is_draft": False,
            },
        )
        content, pages = pdf.html_to_pdf(html, header=pdf.not_for_comparison())
        workbook = spreadsheets.sheets_xlsx(sheets=faculty_sheets(data=data), title=title)
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
