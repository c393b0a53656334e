"""The programme QA report read back: PDF/A-3a, tagged, fonts embedded, text on every page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services as compass_services
from assessments.models import Action, AxisChoice
from programs.models import Activity, ActivityPartner, Agreement
from reports import documents
from tests import factories
from tests.reports.pdf_reading import (
    form_xobject_streams,
    image_xobjects,
    outline_titles,
    pdf_fonts,
    pdf_pages_text,
    pdf_reader,
    pdfa_identification,
)

GENERATED_AT = datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def compass_round(program):
    activity = factories.ActivityFactory(program=program, title="Gästföreläsning om yrkesrollen")
    factories.ActivityPartnerFactory(
        activity=activity, partner=factories.PartnerFactory(name="Älvstads Energi AB")
    )
    compass_round = factories.CompassRoundFactory(program=program, registry_number="SU-2026/117")
    for axis in AxisChoice.values:
        factories.TargetFactory(round=compass_round, axis=axis, score=70)
    factories.ActionFactory(
        round=compass_round,
        description="Inför reflektionsuppgift efter gästföreläsningen",
        status=Action.Status.RED,
        due_date=datetime.date(2026, 6, 1),
    )
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
def test_frozen_round_report_is_a_tagged_pdf_a_3a_with_title_author_and_language(
    frozen_round, coordinator
):
    rendered = render(frozen_round, user=coordinator)
    assert rendered.content.startswith(b"%PDF-")
    assert (rendered.content_type, rendered.extension) == ("application/pdf", "pdf")
    reader = pdf_reader(rendered.content)
    assert rendered.page_count == len(reader.pages) > 5
    assert pdfa_identification(reader) == ("3", "A")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "sv-SE"
    assert reader.metadata.title == rendered.title
    assert frozen_round.program.code in rendered.title
    assert reader.metadata.author == coordinator.get_username()


@pytest.mark.django_db
def test_every_font_of_the_report_is_embedded(frozen_round):
    fonts = pdf_fonts(render(frozen_round).content)
    assert fonts
    assert all(font["emb"] == "yes" for font in fonts), fonts


@pytest.mark.django_db
def test_every_page_carries_the_self_assessment_line_page_number_programme_and_round(
    frozen_round,
):
    rendered = render(frozen_round)
    pages = pdf_pages_text(rendered.content)
    assert len(pages) == rendered.page_count
    for number, text in enumerate(pages, start=1):
        assert "Självvärdering – inte avsedd för jämförelse mellan program" in text
        assert f"Sida {number} av {len(pages)}" in text
        assert f"{frozen_round.program.code} {frozen_round.program.name_sv}" in text
        assert "Omgång 2026-09-01" in text


@pytest.mark.django_db
def test_swedish_text_with_a_ring_and_umlauts_is_extractable(frozen_round):
    text = "\n".join(pdf_pages_text(render(frozen_round).content))
    for phrase in (
        "Sammanfattning",
        "Åtgärdsplan",
        "Gästföreläsning om yrkesrollen",
        "Älvstads Energi AB",
        "Inför reflektionsuppgift efter gästföreläsningen",
        "Diarienummer (dnr)",
        "SU-2026/117",
    ):
        assert phrase in text


@pytest.mark.django_db
def test_english_report_speaks_english_on_every_page(frozen_round):
    rendered = render(frozen_round, language="en")
    pages = pdf_pages_text(rendered.content)
    assert pdf_reader(rendered.content).trailer["/Root"]["/Lang"] == "en"
    for number, text in enumerate(pages, start=1):
        assert "Self-assessment – not intended for comparing programmes" in text
        assert f"Page {number} of {len(pages)}" in text
    assert "Summary" in pages[1]
    assert "Work integration compass" in rendered.title


@pytest.mark.django_db
def test_main_headings_become_bookmarks(frozen_round):
    titles = outline_titles(pdf_reader(render(frozen_round).content))
    program = frozen_round.program
    for heading in (
        f"{program.code} {program.name_sv}",
        "Sammanfattning",
        "Axlarna och deras delindikatorer",
        "Åtgärdsplan",
        "UKÄ:s bedömningsområden",
        "Bilaga: inventeringen",
    ):
        assert heading in titles
    assert any(title.startswith("1. ") for title in titles)  # the axes, level 3


@pytest.mark.django_db
def test_draft_carries_the_watermark_on_every_page_and_the_frozen_round_none(compass_round):
    draft = render(compass_round)
    assert all("Utkast – ej fastställd" in page for page in pdf_pages_text(draft.content))
    compass_services.round_freeze(compass_round=compass_round, user=None)
    frozen = render(compass_round)
    assert not any("Utkast" in page for page in pdf_pages_text(frozen.content))


@pytest.mark.django_db
def test_english_draft_is_marked_draft_not_adopted(compass_round):
    pages = pdf_pages_text(render(compass_round, language="en").content)
    assert all("Draft – not adopted" in page for page in pages)


@pytest.mark.django_db
def test_radar_is_vector_paths_with_the_axis_names_as_text_not_an_image(frozen_round):
    rendered = render(frozen_round)
    reader = pdf_reader(rendered.content)
    assert image_xobjects(reader) == []
    summary = pdf_pages_text(rendered.content)[1]
    assert "Omfattning och" in summary  # an axis label of the radar, as text
    page = reader.pages[1]
    drawings = page.get_contents().get_data() + b"".join(form_xobject_streams(page))
    # The radar's grid circles and round markers are Bézier curves ("c"); the page's
    # tables have straight rules only, so the curves can only be the vector chart.
    assert drawings.count(b" c\n") > 40
    assert drawings.count(b" l\n") > 50


@pytest.mark.django_db
def test_summary_lists_every_series_and_the_gap(frozen_round):
    text = pdf_pages_text(render(frozen_round).content)[1]
    for heading in ("Nuläge", "Målbild", "Gap", "Föregående omgång"):
        assert heading in text


@pytest.mark.django_db
def test_uka_page_maps_the_axes_to_the_three_areas_with_the_horizontal_text(compass_round):
    compass_round.horizontal_perspectives = "Deltagandet följs upp per kön varje termin."
    compass_round.save()
    text = "\n".join(pdf_pages_text(render(compass_round).content))
    for area in (
        "Arbetsliv och samverkan",
        "Uppföljning, åtgärder och återkoppling",
        "Jämställdhet",
    ):
        assert area in text
    assert "Deltagandet följs upp per kön varje termin." in text


@pytest.mark.django_db
def test_previous_round_and_its_followed_up_actions_appear_in_the_next_report(
    frozen_round, coordinator
):
    action = frozen_round.actions.get()
    compass_services.action_follow_up(
        action=action,
        user=coordinator,
        status=Action.Status.DONE,
        follow_up_note="Reflektionsuppgiften infördes HT26",
        expected_version=action.version,
    )
    next_round = factories.CompassRoundFactory(
        program=frozen_round.program, date=datetime.date(2027, 9, 1)
    )
    text = "\n".join(pdf_pages_text(render(next_round).content))
    assert "Föregående omgång (2026-09-01)" in text
    assert "Uppföljning av föregående omgångs åtgärder (2026-09-01)" in text
    assert "Reflektionsuppgiften infördes HT26" in text


@pytest.mark.django_db
def test_frozen_report_shows_the_inventory_as_it_was_when_frozen(frozen_round):
    program = frozen_round.program
    Activity.objects.filter(program=program).update(title="Omdöpt efteråt")  # no history row
    activity = Activity.objects.get(program=program)
    activity.title = "Omdöpt efteråt"
    activity.save()  # a history row after freezing
    factories.ActivityFactory(program=program, title="Tillkommen efter fastställandet")
    text = "\n".join(pdf_pages_text(render(frozen_round).content))
    assert "Gästföreläsning om yrkesrollen" in text
    assert "Omdöpt efteråt" not in text
    assert "Tillkommen efter fastställandet" not in text
    assert "Inventeringen som den såg ut när omgången fastställdes" in text


@pytest.mark.django_db
def test_frozen_annex_keeps_agreements_as_linked_at_freezing(compass_round, program):
    agreement = factories.AgreementFactory(title="Ramavtal om praktikplatser")
    agreement.programs.add(program)
    compass_services.round_freeze(compass_round=compass_round, user=None)
    agreement.programs.remove(program)
    factories.AgreementFactory(title="Senare avtal").programs.add(program)
    text = "\n".join(pdf_pages_text(render(compass_round).content))
    assert "Ramavtal om praktikplatser" in text
    assert "Senare avtal" not in text
    assert Agreement.objects.count() == 2


@pytest.mark.django_db
def test_draft_annex_shows_the_live_inventory(compass_round, program):
    factories.ActivityFactory(program=program, title="Studiebesök på Älvstads hamn", year=2)
    text = "\n".join(pdf_pages_text(render(compass_round).content))
    assert "Studiebesök på Älvstads hamn" in text
    assert "Programår 2" in text
    assert "Den aktuella inventeringen" in text


@pytest.mark.django_db
def test_hostile_names_appear_as_literal_text_and_make_no_links(program):
    program.name_sv = '<a href="https://evil.example">Klicka</a>'
    program.save()
    activity = factories.ActivityFactory(program=program, title="<script>alert(1)</script>")
    factories.ActivityPartnerFactory(
        activity=activity,
        partner=factories.PartnerFactory(name="<b>Fet</b> & Co"),
        role=ActivityPartner.Role.HOST,
    )
    compass_round = factories.CompassRoundFactory(program=program)
    rendered = render(compass_round)
    text = "\n".join(pdf_pages_text(rendered.content))
    assert '<a href="https://evil.example">Klicka</a>' in text
    assert "<script>alert(1)</script>" in text
    assert "<b>Fet</b> & Co" in text
    reader = pdf_reader(rendered.content)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert "evil.example" not in str(annotation.get_object())


@pytest.mark.django_db
def test_rendering_writes_nothing_to_the_database(frozen_round):
    with CaptureQueriesContext(connection) as queries:
        render(frozen_round)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


@pytest.mark.django_db
def test_regenerating_a_frozen_round_gives_the_same_text(frozen_round, program):
    first = pdf_pages_text(render(frozen_round).content)
    factories.ActivityFactory(program=program, title="Ny aktivitet")
    assert pdf_pages_text(render(frozen_round).content) == first
