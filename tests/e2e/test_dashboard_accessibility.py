"""The dashboard in a real browser: charts drawn from json_script, and no serious axe findings."""

import pytest
from playwright.sync_api import expect

from programs.models import ActivityType
from tests import factories
from tests.e2e.conftest import login
from tests.e2e.test_accessibility import assert_no_serious_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def populated(program):
    """A programme with an activity, a partner link and an overdue action."""
    # get_or_create: after an earlier transactional test's flush the seed taxonomy may be gone
    # when plain database tests ran before the browser tests.
    guest_lecture, _created = ActivityType.objects.get_or_create(
        key="guest_lecture",
        defaults={
            "name_sv": "Gästföreläsning",
            "name_en": "Guest lecture",
            "default_authenticity": 0,
            "default_proximity": 1,
        },
    )
    activity = factories.ActivityFactory(program=program, type=guest_lecture)
    factories.ActivityPartnerFactory(activity=activity)
    compass_round = factories.CompassRoundFactory(program=program)
    factories.ActionFactory(round=compass_round, due_date="2020-01-01")
    return program


def test_sam_dashboard_draws_its_charts_and_has_no_serious_violations(
    page,
    sam_user,
    populated,
):
    login(page, sam_user.username)
    page.goto("/kompass/oversikt/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for figure in ("distribution", "shares", "coverage", "partners"):
        expect(page.locator(f'[data-figure="figure-{figure}"] .main-svg').first).to_be_attached()
    assert_no_serious_violations(page)


def test_faculty_view_has_no_serious_violations_and_links_from_the_nav(
    page,
    board_member,
    populated,
):
    login(page, board_member.username)
    page.get_by_role("link", name=f"Fakultetsvy: {populated.faculty}").or_(
        page.get_by_role("link", name=f"Faculty view: {populated.faculty}")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(populated.faculty))
    expect(page.get_by_role("link", name=populated.name_sv).first).to_be_visible()
    assert_no_serious_violations(page)
