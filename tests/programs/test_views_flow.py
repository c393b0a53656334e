"""The coordinator's whole flow through the test client, as a person would click it:
log in → Mina program → programme → guest lecture → study visit → placement with two
partners → completeness changes → history."""

import pytest
from django.urls import reverse

from programs.models import Activity, ActivityType
from tests import factories

pytestmark = pytest.mark.django_db


def type_pk(key):
    return str(ActivityType.objects.get(key=key).pk)


def test_coordinator_inventories_a_programme_from_login_to_history(client, program, coordinator):
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": "pw"}, follow=True
    )
    assert response.request["PATH_INFO"] == reverse("programs:home")
    assert program.get_absolute_url() in response.content.decode()

    page = client.get(program.get_absolute_url())
    start = page.context["completeness"]["percent"]
    create = reverse("programs:activity_create", kwargs={"program_pk": program.pk})

    quick = {"quick": "1", "type": type_pk("guest_lecture"), "title": "Gäst: SCA", "year": "1"}
    assert client.post(create, quick | {"status": "mandatory", "hours": "2"}).status_code == 302
    visit = {"quick": "1", "type": type_pk("study_visit"), "title": "Studiebesök", "year": "2"}
    assert client.post(create, visit | {"status": "elective", "hours": "6"}).status_code == 302

    host = factories.PartnerFactory(name="Region Västernorrland")
    supervisor = factories.PartnerFactory(name="Sundsvalls sjukhus")
    placement = {
        "type": type_pk("placement"),
        "title": "VFU",
        "year": "3",
        "status": "elective",
        "reach": "40",
        "hp": "15",
        "hours": "",
        "host_arranged_by": "program",
        "partners-TOTAL_FORMS": "2",
        "partners-INITIAL_FORMS": "0",
        "partners-0-partner": f"{host.name} ({host.org_number})",
        "partners-0-role": "host",
        "partners-0-feedback_collected": "on",
        "partners-1-partner": supervisor.name,
        "partners-1-role": "supervisor",
    }
    assert client.post(create, placement).status_code == 302

    page = client.get(program.get_absolute_url())
    assert page.context["completeness"]["percent"] > start
    vfu = Activity.objects.get(title="VFU")
    assert vfu.support_count == 5
    assert vfu.partner_links.count() == 2
    assert "Region Västernorrland" in page.content.decode()

    history = client.get(reverse("programs:program_history", kwargs={"pk": program.pk}))
    labels = [entry.label for entry in history.context["page"].object_list]
    assert "VFU" in labels
    assert "Gäst: SCA" in labels
    assert {entry.who for entry in history.context["page"].object_list} >= {"coordinator"}
