"""Permission matrix: every inventory URL × every role, for GET and POST.

Programme pages: the programme's coordinator edits; SAM and the programme's faculty
board read (403 on every edit page and every write); everyone else gets 404;
anonymous users are sent to log in. The partner register: anyone with a role reads
it, coordinators and SAM register partners, only SAM edits and merges.
"""

import pytest
from django.urls import reverse

from programs.models import Activity, Agreement, CouncilMeeting, CouncilMember, LearningOutcome
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "other_coordinator",
    "sam_user",
    "board_member",
    "other_board_member",
    "anonymous",
]
ALLOWED = {200, 302}


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


# (URL name, which inventory row is its `pk`, or None; the programme kwarg name)
READ_URLS = [
    ("programs:program_detail", None, "pk"),
    ("programs:program_history", None, "pk"),
]
EDIT_URLS = [
    ("programs:program_edit", None, "pk"),
    ("programs:activity_create", None, "program_pk"),
    ("programs:activity_edit", "activity", "program_pk"),
    ("programs:activity_delete", "activity", "program_pk"),
    ("programs:course_add", None, "program_pk"),
    ("programs:course_place_edit", "place", "program_pk"),
    ("programs:course_place_delete", "place", "program_pk"),
    ("programs:outcome_create", None, "program_pk"),
    ("programs:outcome_edit", "outcome", "program_pk"),
    ("programs:outcome_delete", "outcome", "program_pk"),
    ("programs:council_edit", None, "program_pk"),
    ("programs:member_create", None, "program_pk"),
    ("programs:member_edit", "member", "program_pk"),
    ("programs:member_delete", "member", "program_pk"),
    ("programs:meeting_create", None, "program_pk"),
    ("programs:meeting_edit", "meeting", "program_pk"),
    ("programs:meeting_delete", "meeting", "program_pk"),
    ("programs:agreement_create", None, "program_pk"),
    ("programs:agreement_edit", "agreement", "program_pk"),
    ("programs:agreement_delete", "agreement", "program_pk"),
]
POST_ONLY_URLS = [("programs:activity_duplicate", "activity", "program_pk")]

READ_EXPECTED = {
    "coordinator": 200,
    "other_coordinator": 404,
    "sam_user": 200,
    "board_member": 200,
    "other_board_member": 404,
    "anonymous": 302,
}
EDIT_EXPECTED = {
    "coordinator": ALLOWED,
    "other_coordinator": 404,
    "sam_user": 403,
    "board_member": 403,
    "other_board_member": 404,
    "anonymous": 302,
}


def url_for(name, row, program_kwarg, program, inventory):
    kwargs = {program_kwarg: program.pk}
    if row is not None:
        kwargs["pk"] = inventory[row]
    return reverse(name, kwargs=kwargs)


def login(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


def check(response, expected):
    if expected == 302 and response.status_code == 302:
        assert response.url.startswith(reverse("login"))
        return
    allowed = expected if isinstance(expected, set) else {expected}
    assert response.status_code in allowed


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "row", "kwarg"), READ_URLS)
def test_read_pages_follow_the_visibility_rules(
    client, request, program, inventory, role, name, row, kwarg
):
    login(client, request, role)
    response = client.get(url_for(name, row, kwarg, program, inventory))
    check(response, READ_EXPECTED[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "row", "kwarg"), EDIT_URLS)
def test_edit_pages_open_only_for_the_programmes_coordinator(
    client, request, program, inventory, role, name, row, kwarg
):
    login(client, request, role)
    response = client.get(url_for(name, row, kwarg, program, inventory))
    check(response, EDIT_EXPECTED[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "row", "kwarg"), EDIT_URLS + POST_ONLY_URLS)
def test_writes_are_refused_to_everyone_but_the_coordinator(
    client, request, program, inventory, role, name, row, kwarg
):
    login(client, request, role)
    counts = (Activity.objects.count(), LearningOutcome.objects.count())
    response = client.post(url_for(name, row, kwarg, program, inventory), {})
    check(response, EDIT_EXPECTED[role])
    if role != "coordinator":
        assert (Activity.objects.count(), LearningOutcome.objects.count()) == counts
        assert CouncilMember.objects.filter(pk=inventory["member"]).exists()
        assert CouncilMeeting.objects.filter(pk=inventory["meeting"]).exists()
        assert Agreement.objects.filter(pk=inventory["agreement"]).exists()


def test_duplicate_refuses_get(client, program, inventory, coordinator):
    client.force_login(coordinator)
    url = reverse(
        "programs:activity_duplicate",
        kwargs={"program_pk": program.pk, "pk": inventory["activity"]},
    )
    assert client.get(url).status_code == 405


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

REGISTER_ROLES = [*ROLES, "outsider"]
READ_REGISTER = {
    "coordinator": 200,
    "other_coordinator": 200,
    "sam_user": 200,
    "board_member": 200,
    "other_board_member": 200,
    "anonymous": 302,
    "outsider": 404,
}
CREATE_REGISTER = {
    "coordinator": 200,
    "other_coordinator": 200,
    "sam_user": 200,
    "board_member": 403,
    "other_board_member": 403,
    "anonymous": 302,
    "outsider": 404,
}
SAM_ONLY = {
    "coordinator": 403,
    "other_coordinator": 403,
    "sam_user": 200,
    "board_member": 403,
    "other_board_member": 403,
    "anonymous": 302,
    "outsider": 404,
}


@pytest.fixture
def partner(db):
    return factories.PartnerFactory(name="Mittuniversitetets Vänner AB")


@pytest.mark.parametrize("role", REGISTER_ROLES)
@pytest.mark.parametrize(
    ("name", "with_pk", "expected"),
    [
        ("programs:partner_list", False, READ_REGISTER),
        ("programs:partner_search", False, READ_REGISTER),
        ("programs:partner_detail", True, READ_REGISTER),
        ("programs:partner_create", False, CREATE_REGISTER),
        ("programs:partner_edit", True, SAM_ONLY),
        ("programs:partner_merge", True, SAM_ONLY),
    ],
)
def test_partner_register_pages_follow_their_rules(
    client, request, program, other_program, partner, role, name, with_pk, expected
):
    login(client, request, role)
    url = reverse(name, kwargs={"pk": partner.pk} if with_pk else None)
    check(client.get(url, {"q": "Mitt"}), expected[role])


@pytest.mark.parametrize("role", REGISTER_ROLES)
@pytest.mark.parametrize(
    ("name", "with_pk", "expected"),
    [
        ("programs:partner_create", False, CREATE_REGISTER),
        ("programs:partner_edit", True, SAM_ONLY),
        ("programs:partner_merge", True, SAM_ONLY),
    ],
)
def test_partner_register_writes_follow_their_rules(
    client, request, program, other_program, partner, role, name, with_pk, expected
):
    login(client, request, role)
    url = reverse(name, kwargs={"pk": partner.pk} if with_pk else None)
    check(client.post(url, {}), expected[role])
