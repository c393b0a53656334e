"""The admin cannot change a frozen round, its målbild or its actions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import CompassRound
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_round(program):
    compass_round = factories.CompassRoundFactory(program=program)
    factories.TargetFactory(round=compass_round)
    action = factories.ActionFactory(round=compass_round)
    CompassRound.objects.filter(pk=compass_round.pk).update(
        status=CompassRound.Status.FROZEN, scores={"axes": {}}, frozen_at=timezone.now()
    )
    compass_round.refresh_from_db()
    return compass_round, action


def test_admin_shows_a_frozen_round_read_only(client, admin_user_, frozen_round):
    compass_round, action = frozen_round
    client.force_login(admin_user_)
    url = reverse("admin:assessments_compassround_change", args=[compass_round.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    response = client.post(
        reverse("admin:assessments_action_change", args=[action.pk]),
        {"description": "Changed", "axis": "scope", "status": "green", "round": compass_round.pk},
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.description != "Changed"


def test_admin_still_edits_an_open_round(client, admin_user_, program):
    compass_round = factories.CompassRoundFactory(program=program)
    client.force_login(admin_user_)
    url = reverse("admin:assessments_compassround_change", args=[compass_round.pk])
    assert 'name="_save"' in client.get(url).content.decode()


def test_every_model_has_an_admin_page():
    from django.apps import apps
    from django.contrib import admin

    ours = [
        model
        for label in ("programs", "assessments")
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]
    missing = [model.__name__ for model in ours if not admin.site.is_registered(model)]
    assert missing == []
