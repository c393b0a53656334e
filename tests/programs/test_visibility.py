"""Who sees which programme: the one rule in Program.objects.visible_to."""

import pytest
from django.urls import reverse

from programs import selectors
from programs.models import Program

pytestmark = pytest.mark.django_db


def visible_codes(user):
    return set(Program.objects.visible_to(user).values_list("code", flat=True))


def test_coordinator_sees_only_their_programme(program, other_program, coordinator):
    assert visible_codes(coordinator) == {program.code}


def test_board_member_sees_only_their_faculty(program, other_program, board_member):
    assert visible_codes(board_member) == {program.code}


def test_sam_and_admin_see_every_programme(program, other_program, sam_user, admin_user_):
    assert visible_codes(sam_user) == {program.code, other_program.code}
    assert visible_codes(admin_user_) == {program.code, other_program.code}


def test_outsider_sees_nothing(program, outsider):
    assert visible_codes(outsider) == set()


def test_only_coordinators_and_admins_may_edit(
    program, coordinator, sam_user, board_member, admin_user_
):
    assert selectors.program_can_edit(user=coordinator, program=program)
    assert selectors.program_can_edit(user=admin_user_, program=program)
    assert not selectors.program_can_edit(user=sam_user, program=program)
    assert not selectors.program_can_edit(user=board_member, program=program)


def test_a_user_may_hold_several_roles(program, other_program, board_member):
    other_program.coordinators.add(board_member)
    assert visible_codes(board_member) == {program.code, other_program.code}
    assert set(selectors.user_roles(user=board_member)) == {"board", "coordinator"}


def test_coordinator_of_another_programme_gets_404(client, program, other_coordinator):
    client.force_login(other_coordinator)
    assert client.get(program.get_absolute_url()).status_code == 404


def test_coordinator_opens_their_programme(client, program, coordinator):
    client.force_login(coordinator)
    response = client.get(program.get_absolute_url())
    assert response.status_code == 200
    assert program.name_sv in response.content.decode()


def test_board_member_of_another_faculty_gets_404(client, program, other_board_member):
    client.force_login(other_board_member)
    assert client.get(program.get_absolute_url()).status_code == 404


def test_anonymous_user_is_sent_to_login(client, program):
    response = client.get(program.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
