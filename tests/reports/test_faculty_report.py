"""The faculty report: a PDF/A and an Excel workbook with the same tables, never ranked."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from reports import documents
from tests import factories
from tests.reports.pdf_reading import pdf_pages_text, pdf_reader

GENERATED_AT = datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC)


def render(faculty, language="sv"):
    return documents.faculty_report(
        faculty=faculty, language=language, generated_by=None, generated_at=GENERATED_AT
    )


@pytest.mark.django_db
def test_faculty_report_is_a_pdf_a_and_an_xlsx(faculty):
    factories.ProgramFactory(faculty=faculty, code="BBB")
    pdf, xlsx = render(faculty)
    assert pdf.extension == "pdf"
    assert pdf.content_type == "application/pdf"
    assert pdf.page_count == len(pdf_reader(pdf.content).pages)
    assert xlsx.extension == "xlsx"
    assert xlsx.page_count is None
    assert xlsx.title == pdf.title
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames


@pytest.mark.django_db
def test_programmes_are_listed_in_code_order_never_by_score(faculty):
    for code in ("CCC", "AAA", "BBB"):
        factories.ProgramFactory(faculty=faculty, code=code)
    pdf, xlsx = render(faculty)
    text = "".join(pdf_pages_text(pdf.content))
    assert text.index("AAA") < text.index("BBB") < text.index("CCC")
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["AAA", "BBB", "CCC"]


@pytest.mark.django_db
def test_university_wide_version_covers_every_faculty(faculty, other_faculty):
    factories.ProgramFactory(faculty=faculty, code="AAA")
    factories.ProgramFactory(faculty=other_faculty, code="ZZZ")
    pdf, _xlsx = render(None)
    text = "".join(pdf_pages_text(pdf.content))
    assert "AAA" in text
    assert "ZZZ" in text
