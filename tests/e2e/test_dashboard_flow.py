"""Issue 4, "Done when", for the readers: SAM's dashboard and a faculty board member's view.

On the demo university, SAM (`sam`) opens the university dashboard, reads the distribution
tables, filters by faculty and drills into a programme's compass. The board member of the
faculty of engineering and science (`namnd`) sees that faculty only: the other faculties, their
programmes and the university dashboard answer 404.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from programs.models import Faculty, Program
from tests.e2e.helpers import assert_no_serious_violations, demo_login, seed_demo

pytestmark = pytest.mark.e2e

ENGINEERING = "Fakulteten för teknik och naturvetenskap"
HEALTH = "Fakulteten för hälsa och vård"


def programme_codes(page) -> set[str]:
    """The codes in the dashboard's programme table (its row headers)."""
    headers = page.locator("section[aria-labelledby='programmes'] tbody th[scope='row']")
    return {text.strip() for text in headers.all_inner_texts()}


def test_sam_reads_the_distribution_filters_by_faculty_and_drills_into_a_compass(page):
    seed_demo()
    active = Program.objects.filter(is_active=True).count()
    demo_login(page, "sam")
    page.get_by_role("link", name="Översikt", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Arbetslivsanknytning vid hela universitetet"
    )
    expect(page.locator("main")).to_contain_text(f"{active} aktiva program")

    distribution = page.get_by_role("table", name="Fördelning av varje axel över programmen")
    rows = distribution.locator("tbody tr")
    expect(rows).to_have_count(8)
    expect(rows.first.locator("th")).to_have_text("Omfattning och räckvidd")
    for row in rows.all():
        scored, not_applicable = (int(cell) for cell in row.locator("td").all_inner_texts()[:2])
        assert scored + not_applicable == active  # every programme counted once per axis
    for figure in ("distribution", "shares", "coverage", "partners"):
        expect(page.locator(f'[data-figure="figure-{figure}"] .main-svg').first).to_be_attached()
    assert len(programme_codes(page)) == active
    assert_no_serious_violations(page)

    page.get_by_label("Fakultet").select_option(label=HEALTH)
    page.get_by_role("button", name="Visa").click()
    health = Program.objects.filter(faculty__code="hv", is_active=True)
    assert programme_codes(page) == set(health.values_list("code", flat=True))

    page.get_by_label("Fakultet").select_option(label=ENGINEERING)
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Datavetenskapliga programmet", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kompass: TGDVK Datavetenskapliga programmet"
    )
    expect(page.get_by_role("table", name="Kompassen per axel")).to_be_visible()
    # SAM reads: the open round is there to look at, nothing to start or change.
    expect(
        page.get_by_role("link", name="Gå till den öppna omgången (målbild och åtgärder)")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Starta en kompassomgång")).to_have_count(0)
    expect(page.get_by_role("link", name="Lägg till en åtgärd för", exact=False)).to_have_count(0)


def test_board_member_sees_only_their_faculty_and_gets_404_elsewhere(page):
    seed_demo()
    engineering = Faculty.objects.get(code="tn")
    health = Faculty.objects.get(code="hv")
    own_codes = set(engineering.programs.filter(is_active=True).values_list("code", flat=True))
    nursing = Program.objects.get(code="VGSSK")
    demo_login(page, "namnd")

    # Mina program: the faculty's programmes, read only.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina program")
    listed = page.locator("#program-list tbody tr")
    expect(listed).to_have_count(len(own_codes))
    assert {text.strip() for text in listed.locator("td:first-child").all_inner_texts()} == (
        own_codes
    )
    expect(listed.filter(has_text="endast läsbehörighet")).to_have_count(len(own_codes))

    expect(page.get_by_role("link", name="Översikt", exact=True)).to_have_count(0)
    page.get_by_role("link", name=f"Fakultetsvy: {ENGINEERING}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Arbetslivsanknytning vid {ENGINEERING}"
    )
    assert programme_codes(page) == own_codes
    expect(page.get_by_label("Fakultet", exact=True)).to_have_count(0)  # no other faculty
    page.get_by_role("link", name="Högskoleingenjörsprogrammet i elektroteknik").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kompass: TGELK")
    expect(page.get_by_role("link", name="Starta en kompassomgång")).to_have_count(0)

    for url in (
        reverse("assessments:dashboard"),
        reverse("assessments:dashboard_export"),
        reverse("assessments:faculty_dashboard", args=[health.pk]),
        reverse("assessments:faculty_dashboard_export", args=[health.pk]),
        nursing.get_absolute_url(),
        reverse("assessments:program_compass", args=[nursing.pk]),
        reverse("programs:program_history", args=[nursing.pk]),
        reverse("programs:inventory_export", args=[nursing.pk]),
    ):
        response = page.goto(url)
        assert response is not None
        assert response.status == 404, url
