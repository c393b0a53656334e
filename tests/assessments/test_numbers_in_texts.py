"""Numbers in translated texts come from the constants the code decides with.

The dashboard's 12 months and 90 days, the inventory's agreement badge and the
sub-indicator descriptions are interpolated, so changing a constant changes the text.
"""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from assessments import dashboard, indicators
from assessments.scoring import constants
from programs.models import AGREEMENT_EXPIRY_WARNING_DAYS
from tests import factories

pytestmark = pytest.mark.django_db


def _page(client, url: str, language: str = "sv") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_states_the_thresholds_it_decides_with(client, sam_user, program):
    client.force_login(sam_user)
    html = _page(client, reverse("assessments:dashboard"))
    months, days = dashboard.STALE_AFTER_MONTHS, AGREEMENT_EXPIRY_WARNING_DAYS
    assert f"Alla inventeringar har ändrats under de senaste {months} månaderna." in html
    assert f"Avtal som löper ut inom {days} dagar" in html
    assert f"Inga avtal löper ut inom {days} dagar." in html
    assert f"inom de senaste {dashboard.CURRENT_ROUND_YEARS} åren" in html
    html = _page(client, reverse("assessments:dashboard"), language="en")
    assert f"Every inventory has changed within the last {months} months." in html
    assert f"No agreements end within {days} days." in html


def test_dashboard_texts_follow_a_changed_constant_with_the_right_plural(
    client, sam_user, program, monkeypatch
):
    from assessments.views import dashboard as dashboard_views

    monkeypatch.setattr(dashboard_views.dashboard, "STALE_AFTER_MONTHS", 1)
    monkeypatch.setattr(dashboard_views, "AGREEMENT_EXPIRY_WARNING_DAYS", 45)
    client.force_login(sam_user)
    html = _page(client, reverse("assessments:dashboard"))
    assert "Alla inventeringar har ändrats under den senaste månaden." in html
    assert "Inga avtal löper ut inom 45 dagar." in html
    assert "90 dagar" not in html


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
def test_agreement_badge_names_the_warning_window(client, program, coordinator):
    soon = factories.AgreementFactory(end_date=datetime.date(2026, 7, 1))
    soon.programs.add(program)
    client.force_login(coordinator)
    html = _page(client, program.get_absolute_url())
    assert f"upphör inom {AGREEMENT_EXPIRY_WARNING_DAYS} dagar" in html


def test_sub_indicator_descriptions_carry_the_scoring_constants():
    with translation.override("en"):
        descriptions = {key: str(label.description) for key, label in indicators.INDICATORS.items()}
    assert descriptions["A1"].startswith(f"{constants.A_STEP_PER_DEPTH:g} times the depth")
    assert descriptions["A2"].startswith(f"{constants.A2_STEP_PER_TYPE:g} for each type")
    assert f"at least {constants.I3_MIN_YEARS} programme years" in descriptions["I3"]
    assert f"at least {constants.P1_MIN_EXTERNAL_MEMBERS} external members" in descriptions["P1"]
    assert f"within {12 * constants.P1_MEETING_WINDOW_YEARS} months" in descriptions["P1"]
    assert f"within {constants.P1_REVIEW_WINDOW_YEARS} years" in descriptions["P1"]
    assert descriptions["P2"].startswith(f"{constants.P2_STEP_PER_ORGANISATION:g} for each")
    assert descriptions["P3"].startswith(f"{constants.P3_STEP_PER_ROLE:g} for each role")
    assert all("%(" not in text for text in descriptions.values())


def test_sub_indicator_descriptions_are_translated_when_shown():
    with translation.override("sv"):
        swedish = str(indicators.INDICATORS["A1"].description)
    with translation.override("en"):
        english = str(indicators.INDICATORS["A1"].description)
    assert (
        swedish
        == f"{constants.A_STEP_PER_DEPTH:g} gånger djupet hos det djupaste obligatoriska momentet."
    )
    assert english.startswith("25 times")
