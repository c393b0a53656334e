"""program_report(): the programme's quality-assurance PDF from its data and template."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.models import CompassRound
from reports.documents import pdf, svg
from reports.documents.files import PDF_CONTENT_TYPE, RenderedFile
from reports.documents.program.context import program_report_data

RADAR_WIDTH = 640
RADAR_HEIGHT = 480


def program_report_title(*, compass_round: CompassRound) -> str:
    """The document title: report kind, programme code and name, round date."""
    program = compass_round.program
    return _("Work integration compass %(code)s %(name)s, round %(date)s") % {
        "code": program.code,
        "name": program.name,
        "date": f"{compass_round.date:%Y-%m-%d}",
    }


def program_report(
    *,
    compass_round: CompassRound,
    language: str,
    generated_by: AbstractBaseUser | None,
    generated_at: datetime.datetime,
) -> RenderedFile:
    """The programme QA report of `compass_round` as PDF/A-3a (a watermarked draft if open)."""
    with translation.override(language):
        data = program_report_data(
            compass_round=compass_round, generated_by=generated_by, generated_at=generated_at
        )
        title = program_report_title(compass_round=compass_round)
        html = render_to_string(
            "reports/pdf/program.html",
            {
                "report": data,
                "title": title,
                "html_lang": pdf.html_lang(language),
                "author": data.generated_by or pdf.university_name(),
                "university": pdf.university_name(),
                "is_draft": data.is_draft,
                "radar_uri": svg.data_uri(
                    svg.figure_svg(data.figure, width=RADAR_WIDTH, height=RADAR_HEIGHT)
                ),
            },
        )
        content, pages = pdf.html_to_pdf(html, header=pdf.not_for_comparison(), draft=data.is_draft)
    return RenderedFile(
        content=content,
        content_type=PDF_CONTENT_TYPE,
        extension="pdf",
        page_count=pages,
        title=title,
    )
