"""Roles: the SAM group may keep the partner register and the support catalogue in the admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sam_group_may_change_partners_agreements_and_support_offers(sam_user):
    for perm in (
        "programs.change_partner",
        "programs.add_partner",
        "programs.change_agreement",
        "assessments.change_supportoffer",
    ):
        assert sam_user.has_perm(perm), perm
    assert not sam_user.has_perm("programs.delete_partner")
    assert not sam_user.has_perm("programs.change_activity")


def test_sam_staff_opens_the_partner_register_in_the_admin(client, sam_user):
    sam_user.is_staff = True
    sam_user.save()
    client.force_login(sam_user)
    assert client.get(reverse("admin:programs_partner_changelist")).status_code == 200
    assert client.get(reverse("admin:programs_activity_changelist")).status_code == 403


def test_coordinator_cannot_open_the_admin(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
