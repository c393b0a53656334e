"""Programme and partner-register permissions beyond the site-wide matrix.

Every URL × every role, for GET and POST, is tests/test_url_matrix.py (generated from the
URLconf; its PROGRAMME_READ / PROGRAMME_WRITE / REGISTER_* rules are the ones this file
used to list URL by URL). Here: what the matrix cannot say, and the rules spelled out as
sentences. Programme pages: the programme's coordinator edits; SAM and the programme's
faculty board read (403 on every edit page and every write); everyone else gets 404;
anonymous users are sent to log in. The partner register: anyone with a role reads it,
coordinators and SAM register partners, only SAM edits and merges; a user with no role gets
404 like on every page they may not see.
"""

import pytest
from django.urls import reverse

from programs.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def inventory(program):
    """One row of every kind in `program`, so every URL has something to open."""
    activity = factories.ActivityFactory(program=program)
    place = factories.ProgramCourseFactory(program=program)
    outcome = factories.LearningOutcomeFactory(program=program)
    council = factories.CouncilFactory(program=program)
    member = factories.CouncilMemberFactory(council=council)
    meeting = factories.CouncilMeetingFactory(council=council)
    agreement = factories.AgreementFactory()
    agreement.programs.add(program)
    return {
        "activity": activity.pk,
        "place": place.pk,
        "outcome": outcome.pk,
        "member": member.pk,
        "meeting": meeting.pk,
        "agreement": agreement.pk,
    }


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("programs:activity_edit", "activity"),
        ("programs:activity_delete", "activity"),
        ("programs:course_place_edit", "place"),
        ("programs:outcome_edit", "outcome"),
        ("programs:member_edit", "member"),
        ("programs:meeting_edit", "meeting"),
        ("programs:agreement_edit", "agreement"),
    ],
)
def test_a_row_of_another_programme_is_404_even_under_ones_own_programme(
    client, program, other_program, coordinator, inventory, name, row
):
    """The child is looked up through the programme in the URL, never on its own."""
    other_program.coordinators.add(coordinator)
    client.force_login(coordinator)
    url = reverse(name, kwargs={"program_pk": other_program.pk, "pk": inventory[row]})
    assert client.get(url).status_code == 404


def test_a_user_with_no_role_gets_404_on_programme_pages(client, program, inventory, outsider):
    client.force_login(outsider)
    assert client.get(program.get_absolute_url()).status_code == 404
    edit = reverse("programs:activity_create", kwargs={"program_pk": program.pk})
    assert client.post(edit, {}).status_code == 404


def test_administrator_edits_every_programme(client, program, inventory, admin_user_):
    client.force_login(admin_user_)
    url = reverse("programs:activity_create", kwargs={"program_pk": program.pk})
    assert client.get(url).status_code == 200


# The partner register ---------------------------------------------------------------

REGISTER_URLS = [
    ("programs:partner_list", False),
    ("programs:partner_search", False),
    ("programs:partner_detail", True),
    ("programs:partner_create", False),
    ("programs:partner_edit", True),
    ("programs:partner_merge", True),
]


@pytest.fixture
def partner(db):
    return factories.PartnerFactory(name="Mittuniversitetets Vänner AB")


@pytest.mark.parametrize(("name", "with_pk"), REGISTER_URLS)
def test_a_user_with_no_role_gets_404_on_every_partner_register_page(
    client, outsider, partner, name, with_pk
):
    """As on every page one may not see: not 403, which would say the page exists."""
    client.force_login(outsider)
    url = reverse(name, kwargs={"pk": partner.pk} if with_pk else None)
    assert client.get(url, {"q": "Mitt"}).status_code == 404
    if name not in ("programs:partner_list", "programs:partner_search", "programs:partner_detail"):
        assert client.post(url, {"name": "Ny AB", "sector": "private"}).status_code == 404
    assert Partner.objects.count() == 1


def test_a_reader_of_the_register_who_may_not_change_it_gets_403(
    client, board_member, coordinator, partner
):
    """A read-only role trying to write: the board adds no partner, a coordinator edits none."""
    client.force_login(board_member)
    assert client.get(reverse("programs:partner_list")).status_code == 200
    assert client.post(reverse("programs:partner_create"), {"name": "Ny AB"}).status_code == 403
    client.force_login(coordinator)
    assert client.get(reverse("programs:partner_create")).status_code == 200
    edit = reverse("programs:partner_edit", kwargs={"pk": partner.pk})
    assert client.post(edit, {"name": "Omdöpt AB"}).status_code == 403
    merge = reverse("programs:partner_merge", kwargs={"pk": partner.pk})
    assert client.get(merge).status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Mittuniversitetets Vänner AB"
    assert Partner.objects.count() == 1
