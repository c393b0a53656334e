"""The faculty report: a PDF/A and an Excel workbook with the same tables, never ranked."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from assessments import services as compass_services
from assessments.models import Action, AxisChoice
from reports import documents
from reports.documents.faculty import tables
from reports.documents.faculty.context import faculty_report_data
from tests import factories
from tests.reports.pdf_reading import (
    image_xobjects,
    outline_titles,
    pdf_fonts,
    pdf_pages_text,
    pdf_reader,
    pdfa_identification,
)

GENERATED_AT = datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 10, 1)


def render(faculty, language="sv"):
    return documents.faculty_report(
        faculty=faculty, language=language, generated_by=None, generated_at=GENERATED_AT
    )


def workbook(xlsx):
    return load_workbook(io.BytesIO(xlsx.content))


def sheet_rows(book, title):
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def freeze(program, *, date, score=70):
    compass_round = factories.CompassRoundFactory(program=program, date=date)
    for axis in AxisChoice.values:
        factories.TargetFactory(round=compass_round, axis=axis, score=score)
    return compass_services.round_freeze(compass_round=compass_round, user=None)


@pytest.mark.django_db
def test_faculty_report_is_a_tagged_pdf_a_3a_and_an_xlsx(faculty):
    factories.ProgramFactory(faculty=faculty, code="BBB")
    pdf, xlsx = render(faculty)
    assert (pdf.extension, pdf.content_type) == ("pdf", "application/pdf")
    reader = pdf_reader(pdf.content)
    assert pdf.page_count == len(reader.pages)
    assert pdfa_identification(reader) == ("3", "A")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv-SE"
    assert reader.metadata.title == pdf.title
    assert all(font["emb"] == "yes" for font in pdf_fonts(pdf.content))
    assert image_xobjects(reader) == []  # radars and box plots are vector SVG
    assert xlsx.extension == "xlsx"
    assert xlsx.content_type.endswith("spreadsheetml.sheet")
    assert xlsx.page_count is None
    assert xlsx.title == pdf.title
    assert workbook(xlsx).properties.title == pdf.title


@pytest.mark.django_db
def test_every_page_carries_the_self_assessment_line_and_page_x_of_y(faculty):
    factories.ProgramFactory(faculty=faculty)
    pdf, _xlsx = render(faculty)
    pages = pdf_pages_text(pdf.content)
    for number, text in enumerate(pages, start=1):
        assert "Självvärdering – inte avsedd för jämförelse mellan program" in text
        assert f"Sida {number} av {len(pages)}" in text
        assert faculty.name_sv in text


@pytest.mark.django_db
def test_english_version_speaks_english(faculty):
    factories.ProgramFactory(faculty=faculty)
    pdf, xlsx = render(faculty, language="en")
    pages = pdf_pages_text(pdf.content)
    assert all("Self-assessment – not intended for comparing programmes" in p for p in pages)
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "Programmes" in workbook(xlsx).sheetnames


@pytest.mark.django_db
def test_programmes_are_in_code_order_never_by_score(faculty):
    # The best-scoring programme has the last code: a ranking would put it first.
    strong = factories.ProgramFactory(faculty=faculty, code="CCC")
    for n in range(4):
        factories.ActivityFactory(program=strong, title=f"Aktivitet {n}", year=1 + n % 3)
    factories.ProgramFactory(faculty=faculty, code="AAA")
    factories.ProgramFactory(faculty=faculty, code="BBB")
    pdf, xlsx = render(faculty)
    text = " ".join(pdf_pages_text(pdf.content))
    assert text.index("AAA ") < text.index("BBB ") < text.index("CCC ")
    book = workbook(xlsx)
    for title in ("Program", "Axlar per program", "Täckning"):
        codes = [row[0] for row in sheet_rows(book, title)[1:]]
        assert codes == sorted(codes), title
    programme_pages = [
        t for t in outline_titles(pdf_reader(pdf.content)) if t[:3] in {"AAA", "BBB", "CCC"}
    ]
    assert [t[:3] for t in programme_pages] == ["AAA", "BBB", "CCC"]


@pytest.mark.django_db
def test_excel_holds_the_same_tables_as_the_pdf(faculty):
    program = factories.ProgramFactory(faculty=faculty, code="AAA", name_sv="Ämneslärarprogrammet")
    factories.ActivityFactory(program=program)
    data = faculty_report_data(
        faculty=faculty, today=TODAY, current_name="c", live_name="l", target_name="t", na="n"
    )
    pdf, xlsx = render(faculty)
    text = " ".join(pdf_pages_text(pdf.content))
    book = workbook(xlsx)
    sheets = tables.faculty_sheets(data=data)
    assert len(book.sheetnames) == len(sheets)
    for sheet, title in zip(sheets, book.sheetnames, strict=True):
        rows = sheet_rows(book, title)
        assert [str(h) for h in rows[0]] == [str(h) for h in sheet.headers]
        assert len(rows) - 1 == len(sheet.rows)
        pdf_table = tables.pdf_table(sheet, caption="")
        for row in pdf_table.rows:
            assert row[0] in text, (title, row[0])
    assert "Ämneslärarprogrammet" in text


@pytest.mark.django_db
def test_latest_frozen_round_is_shown_and_a_programme_without_one_is_marked_live(faculty):
    adopted = factories.ProgramFactory(faculty=faculty, code="AAA")
    freeze(adopted, date=datetime.date(2025, 9, 1), score=40)
    freeze(adopted, date=datetime.date(2026, 9, 1), score=60)
    factories.ProgramFactory(faculty=faculty, code="BBB")
    pdf, xlsx = render(faculty)
    text = " ".join(pdf_pages_text(pdf.content))
    assert "Fastställd omgång 2026-09-01." in text
    assert "Aktuellt läge 2026-10-01: programmet har ännu ingen fastställd omgång." in text
    rows = sheet_rows(workbook(xlsx), "Program")
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["AAA"][2:4] == ["Fastställd omgång", datetime.datetime(2026, 9, 1)]
    assert by_code["BBB"][2:4] == ["Aktuellt läge", None]
    axes = [row for row in sheet_rows(workbook(xlsx), "Axlar per program")[1:] if row[0] == "AAA"]
    assert {row[6] for row in axes} == {60}  # the målbild of the latest frozen round


@pytest.mark.django_db
def test_follow_up_lists_overdue_actions_old_rounds_and_ending_agreements(faculty):
    old = factories.ProgramFactory(faculty=faculty, code="OLD")
    old_round = freeze(old, date=datetime.date(2023, 9, 1))
    factories.ActionFactory(
        round=old_round,
        description="Bjud in alumner till programrådet",
        due_date=datetime.date(2026, 5, 1),
        status=Action.Status.YELLOW,
    )
    agreement = factories.AgreementFactory(
        title="Avtal om praktikplatser", end_date=datetime.date(2026, 11, 15)
    )
    agreement.programs.add(old)
    factories.AgreementFactory(
        title="Långt avtal", end_date=datetime.date(2028, 1, 1)
    ).programs.add(old)
    pdf, xlsx = render(faculty)
    text = " ".join(pdf_pages_text(pdf.content))
    assert "Bjud in alumner till programrådet" in text
    assert "Avtal om praktikplatser" in text
    assert "Långt avtal" not in text
    book = workbook(xlsx)
    assert [r[0] for r in sheet_rows(book, "Försenade åtgärder")[1:]] == ["OLD"]
    assert sheet_rows(book, "Ingen fastställd omgång")[1][:3] == [
        "OLD",
        old.name_sv,
        datetime.datetime(2023, 9, 1),
    ]
    assert [r[0] for r in sheet_rows(book, "Avtal som löper ut")[1:]] == ["Avtal om praktikplatser"]


@pytest.mark.django_db
def test_formula_like_names_are_neutralised_in_the_excel_and_literal_in_the_pdf(faculty):
    factories.ProgramFactory(
        faculty=faculty, code="AAA", name_sv='=HYPERLINK("https://evil.example","x")'
    )
    factories.ProgramFactory(faculty=faculty, code="BBB", name_sv="<script>alert(1)</script>")
    pdf, xlsx = render(faculty)
    book = workbook(xlsx)
    for title in book.sheetnames:
        for row in book[title].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (title, cell.coordinate)
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    assert cell.value.startswith("'=")
    text = " ".join(pdf_pages_text(pdf.content))
    assert '=HYPERLINK("https://evil.example","x")' in text
    assert "<script>alert(1)</script>" in text


@pytest.mark.django_db
def test_university_wide_version_covers_every_faculty_and_names_them(faculty, other_faculty):
    factories.ProgramFactory(faculty=faculty, code="AAA")
    factories.ProgramFactory(faculty=other_faculty, code="ZZZ")
    pdf, xlsx = render(None)
    text = " ".join(pdf_pages_text(pdf.content))
    assert "AAA" in text
    assert "ZZZ" in text
    header = sheet_rows(workbook(xlsx), "Program")[0]
    assert "Fakultet" in header
    assert "Älvstads universitet" in pdf.title


@pytest.mark.django_db
def test_faculty_report_leaves_other_faculties_out(faculty, other_faculty):
    factories.ProgramFactory(faculty=faculty, code="AAA")
    factories.ProgramFactory(faculty=other_faculty, code="ZZZ")
    pdf, xlsx = render(faculty)
    assert "ZZZ" not in " ".join(pdf_pages_text(pdf.content))
    assert all(row[0] != "ZZZ" for row in sheet_rows(workbook(xlsx), "Program")[1:])
