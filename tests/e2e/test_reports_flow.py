"""Issue 8, "Done when", in the browser: a coordinator adopts a round and downloads its PDF in
Swedish and English; a board member opens the archive, downloads the faculty report and cannot
reach another faculty's.

The demo coordinator `samordnare` has an open round of Datavetenskapliga programmet (TGDVK)
with a målbild on every axis: they adopt it, press "Skapa rapport" on the round page, follow
the progress page to the download (tasks run in-process here, so the page is done at once)
and check that the files are PDFs. The board member `namnd` sits on the board of the faculty
of technology and natural science.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import CompassRound
from programs.models import Faculty
from reports import services
from reports.models import Report
from tests.e2e.helpers import assert_no_serious_violations, demo_login, seed_demo

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def download_from(page, button) -> tuple[str, bytes]:
    """Click a download link; the suggested file name and the bytes received."""
    with page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def create_report(page, language_label: str) -> None:
    """Press "Skapa rapport" with the chosen language and wait on the progress page."""
    section = page.locator("section.report-create")
    section.get_by_label("Rapportens språk").select_option(label=language_label)
    section.get_by_role("button", name="Skapa rapport").click()
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done")
    expect(page.get_by_role("status")).to_contain_text("Rapporten är klar och arkiverad.")


def test_coordinator_adopts_a_round_and_downloads_its_report_in_swedish_and_english(page):
    seed_demo()
    compass_round = CompassRound.objects.get(program__code="TGDVK")
    demo_login(page, "samordnare")
    page.goto(compass_round.get_absolute_url())
    page.get_by_role("link", name="Fastställ omgången").click()
    page.get_by_label("Jag bekräftar att omgången fastställs", exact=False).check()
    page.get_by_role("button", name="Fastställ omgången").click()
    expect(page.get_by_role("status")).to_have_text("Kompassomgången är fastställd.")

    expect(page.locator("section.report-create")).to_contain_text(
        "Programmets kvalitetssäkringsrapport (PDF)"
    )
    assert_no_serious_violations(page)
    create_report(page, "Svenska")
    expect(page.locator("h1")).to_contain_text("Programrapport: TGDVK")
    expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0)
    assert_no_serious_violations(page)
    date = f"{compass_round.date:%Y-%m-%d}"
    name, content = download_from(page, page.get_by_role("link", name="Ladda ner PDF (version 1)"))
    assert name == f"TGDVK-{date}-sv-v1.pdf"
    assert content.startswith(b"%PDF")
    swedish = Report.objects.get(language="sv")
    expect(page.locator("main")).to_contain_text(swedish.sha256)

    page.goto(compass_round.get_absolute_url())
    create_report(page, "Engelska")
    name, content = download_from(page, page.get_by_role("link", name="Ladda ner PDF (version 1)"))
    assert name == f"TGDVK-{date}-en-v1.pdf"
    assert content.startswith(b"%PDF")

    # A second Swedish report is version 2; the archive lists all three, newest first.
    page.goto(compass_round.get_absolute_url())
    create_report(page, "Svenska")
    page.get_by_role("link", name="Rapportarkiv", exact=True).click()
    rows = page.locator("#archive-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text(f"TGDVK-{date}-sv-v2.pdf")
    expect(rows.last).to_contain_text(f"TGDVK-{date}-sv-v1.pdf")
    assert_no_serious_violations(page)


def test_board_member_downloads_the_faculty_report_but_not_another_facultys(page):
    seed_demo()
    own = Faculty.objects.get(board_members__username="namnd")
    other = Faculty.objects.exclude(pk=own.pk).first()
    # SAM made a report of another faculty: in the archive, but not for this board member.
    job = services.report_job_create(
        kind="faculty", language="sv", requested_by=None, faculty=other
    )
    other_reports = services.report_generate(job_id=job.pk)

    demo_login(page, "namnd")
    page.goto(reverse("assessments:faculty_dashboard", args=[own.pk]))
    expect(page.locator("section.report-create")).to_contain_text("Fakultetsrapport")
    create_report(page, "Svenska")
    name, content = download_from(page, page.get_by_role("link", name="Ladda ner PDF (version 1)"))
    assert name.startswith(f"fakultet-{own.code}-")
    assert name.endswith("-sv-v1.pdf")
    assert content.startswith(b"%PDF")

    page.get_by_role("link", name="Rapportarkiv", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportarkiv")
    rows = page.locator("#archive-table tbody tr")
    expect(rows).to_have_count(2)  # its own PDF and workbook, nothing of the other faculty
    page.get_by_label("Typ").select_option(label="Fakultetsrapport")
    page.get_by_role("button", name="Filtrera").click()
    expect(rows).to_have_count(2)
    pdf_row = rows.filter(has_text=".pdf")
    name, content = download_from(page, pdf_row.get_by_role("link", name="PDF"))
    assert content.startswith(b"%PDF")
    for report in other_reports:
        assert report.sha256 not in page.content()
        response = page.request.get(reverse("reports:download", args=[report.pk]))
        assert response.status == 404
    assert_no_serious_violations(page)
