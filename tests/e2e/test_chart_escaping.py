"""Hostile names in the charts of a real browser: drawn as text, never as a link or a style.

Plotly reads `<a href>` and `<span style>` in every text it draws. A partner named
`<a href="https://evil.example/">Klicka här</a>` linked to activities of two programmes
appears in the dashboard's partner chart (SAM's university dashboard and the faculty board's
view); a programme and an activity with hostile names are on the compass page. In every
chart's SVG there is no <a> element and no tspan styled from a name, and the name's literal
characters are what the chart shows.
"""

import pytest
from playwright.sync_api import expect

from programs.models import ActivityType
from tests import factories
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

LINK = '<a href="https://evil.example/">Klicka här</a>'
STYLED = '<span style="color:red;font-size:40px">X</span>'
# What Plotly would make of the names if it read them as its HTML.
SVG_INJECTIONS = """figure => ({
  links: figure.querySelectorAll("svg a").length,
  styled: [...figure.querySelectorAll("svg tspan[style]")]
    .map(t => t.getAttribute("style"))
    .filter(s => /color:\\s*red|40px/.test(s)),
  text: [...figure.querySelectorAll("svg text")].map(t => t.textContent).join("\\n"),
})"""
# Hover over the first point of the first trace and read the hover label.
HOVER = """(figure, subplot) => {
  Plotly.Fx.hover(figure, [{curveNumber: 0, pointNumber: 0}], subplot);
  return [...figure.querySelectorAll(".hoverlayer text")].map(t => t.textContent).join("\\n");
}"""


@pytest.fixture
def hostile(program, other_program):
    """Two hostile partners, each linked to activities of two programmes, and a hostile
    programme and activity name on `program`."""
    guest_lecture, _created = ActivityType.objects.get_or_create(
        key="guest_lecture",
        defaults={
            "name_sv": "Gästföreläsning",
            "name_en": "Guest lecture",
            "default_authenticity": 0,
            "default_proximity": 1,
        },
    )
    other_program.faculty = program.faculty  # both in the board's faculty
    other_program.save()
    program.name_sv = f"Program {LINK}"
    program.save()
    for name in (LINK, STYLED):
        partner = factories.PartnerFactory(name=name)
        for owner in (program, other_program):
            activity = factories.ActivityFactory(
                program=owner, type=guest_lecture, title=f"Aktivitet {STYLED}"
            )
            factories.ActivityPartnerFactory(activity=activity, partner=partner)
    return program


def chart(page, figure_id: str) -> dict:
    """The SVG readings of one drawn chart."""
    figure = page.locator(f'[data-figure="{figure_id}"]')
    expect(figure.locator(".main-svg").first).to_be_attached()
    return figure.evaluate(SVG_INJECTIONS)


def assert_inert(page, figure_id: str, *names: str) -> None:
    reading = chart(page, figure_id)
    assert reading["links"] == 0, f"{figure_id}: a name became a link"
    assert reading["styled"] == [], f"{figure_id}: a name styled the text {reading['styled']}"
    for name in names:
        assert name in reading["text"], f"{figure_id} does not show {name!r} literally"
    assert page.locator('a[href="https://evil.example/"]').count() == 0


def hover(page, figure_id: str, subplot: str = "xy") -> str:
    """The text of the hover label over the chart's first point."""
    figure = page.locator(f'[data-figure="{figure_id}"]')
    return figure.evaluate(HOVER, subplot)


def test_sam_dashboard_draws_hostile_partner_names_as_text(page, sam_user, hostile):
    login(page, sam_user.username)
    page.goto("/kompass/oversikt/")
    assert_inert(page, "figure-partners", LINK, STYLED)
    assert LINK in hover(page, "figure-partners")  # the hover label shows it literally too
    assert_inert(page, "figure-partners")
    for figure in ("figure-distribution", "figure-shares", "figure-coverage"):
        assert_inert(page, figure)


def test_board_dashboard_draws_hostile_partner_names_as_text(page, board_member, hostile):
    login(page, board_member.username)
    page.goto(f"/kompass/fakultet/{hostile.faculty.pk}/")
    assert_inert(page, "figure-partners", LINK, STYLED)


def test_compass_of_a_hostile_programme_and_activity_is_inert(page, coordinator, hostile):
    login(page, coordinator.username)
    page.goto(f"/kompass/program/{hostile.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(LINK)
    assert_inert(page, "compass-figure")
    assert "Nuläge" in hover(page, "compass-figure", "polar")  # the series named by reference
    assert page.locator("main span[style]").count() == 0
