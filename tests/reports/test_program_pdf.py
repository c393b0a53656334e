"""The programme QA report read back: PDF/A-3a, tagged, fonts embedded, text per page."""

import datetime

import pytest
from django.utils import timezone

from assessments import services as compass_services
from assessments.models import AxisChoice
from reports import documents
from tests import factories
from tests.reports.pdf_reading import outline_titles, pdf_fonts, pdf_pages_text, pdf_reader

GENERATED_AT = datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def compass_round(program):
    factories.ActivityFactory(program=program, title="Gästföreläsning om yrkesrollen")
    compass_round = factories.CompassRoundFactory(program=program)
    for axis in AxisChoice.values:
        factories.TargetFactory(round=compass_round, axis=axis, score=70)
    return compass_round


@pytest.fixture
def frozen_round(compass_round, coordinator):
    return compass_services.round_freeze(compass_round=compass_round, user=coordinator)


def render(compass_round, language="sv", user=None):
    return documents.program_report(
        compass_round=compass_round,
        language=language,
        generated_by=user,
        generated_at=GENERATED_AT,
    )


@pytest.mark.django_db
def test_frozen_round_report_is_a_tagged_pdf_a_3a(frozen_round, coordinator):
    rendered = render(frozen_round, user=coordinator)
    assert rendered.content.startswith(b"%PDF-")
    assert rendered.content_type == "application/pdf"
    assert rendered.extension == "pdf"
    reader = pdf_reader(rendered.content)
    assert rendered.page_count == len(reader.pages)
    xmp = reader.xmp_metadata
    assert xmp is not None
    xml = xmp.stream.get_data().decode("utf-8")
    assert "<pdfaid:part>3</pdfaid:part>" in xml or 'pdfaid:part="3"' in xml
    assert "<pdfaid:conformance>A</pdfaid:conformance>" in xml or 'pdfaid:conformance="A"' in xml
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "sv-SE"
    assert reader.metadata.title == rendered.title
    assert frozen_round.program.code in rendered.title


@pytest.mark.django_db
def test_every_font_of_the_report_is_embedded(frozen_round):
    fonts = pdf_fonts(render(frozen_round).content)
    assert fonts
    assert all(row[-5] == "yes" for row in fonts), fonts


@pytest.mark.django_db
def test_every_page_says_it_is_a_self_assessment_and_its_page_number(frozen_round):
    rendered = render(frozen_round)
    pages = pdf_pages_text(rendered.content)
    assert len(pages) == rendered.page_count
    for number, text in enumerate(pages, start=1):
        assert "Självvärdering – inte avsedd för jämförelse mellan program" in text
        assert f"Sida {number} av {len(pages)}" in text
        assert frozen_round.program.code in text


@pytest.mark.django_db
def test_english_report_speaks_english(frozen_round):
    rendered = render(frozen_round, language="en")
    pages = pdf_pages_text(rendered.content)
    assert pdf_reader(rendered.content).trailer["/Root"]["/Lang"] == "en"
    assert all("Self-assessment – not intended for comparing programmes" in p for p in pages)
    assert f"Page 1 of {len(pages)}" in pages[0]


@pytest.mark.django_db
def test_headings_become_bookmarks(frozen_round):
    titles = outline_titles(pdf_reader(render(frozen_round).content))
    assert "Sammanfattning" in titles


@pytest.mark.django_db
def test_draft_carries_the_watermark_on_every_page_and_frozen_does_not(compass_round):
    draft = pdf_pages_text(render(compass_round).content)
    assert all("Utkast – ej fastställd" in page for page in draft)
    compass_services.round_freeze(compass_round=compass_round, user=None)
    frozen = pdf_pages_text(render(compass_round).content)
    assert not any("Utkast" in page for page in frozen)


@pytest.mark.django_db
def test_radar_is_embedded_as_vector_paths_not_an_image(frozen_round):
    reader = pdf_reader(render(frozen_round).content)
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for name in xobjects:
            assert xobjects[name].get_object().get("/Subtype") != "/Image"
    assert timezone.now()  # the report rendered without touching the clock's timezone
