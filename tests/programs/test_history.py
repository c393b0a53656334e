"""Every change to the inventory is recorded (who, when, what) and shown per programme."""

import pytest
from django.urls import reverse

from programs import selectors, services
from programs.models import Activity, ActivityType
from programs.selectors.history import HISTORY_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


def entries(program, page=1):
    return list(selectors.program_history(program=program, page=page).object_list)


def test_an_activity_edit_is_recorded_with_author_and_field_diff(logged_in, program, coordinator):
    activity = services.activity_create(
        program=program,
        user=coordinator,
        type=ActivityType.objects.get(key="guest_lecture"),
        title="Gäst",
        hours=2,
        year=1,
    )
    services.activity_update(
        activity=activity, user=coordinator, expected_version=activity.version, title="Gäst 2"
    )
    newest = entries(program)[0]
    assert newest.who == "coordinator"
    assert newest.action == "changed"
    assert newest.label == "Gäst 2"
    assert [(c.old, c.new) for c in newest.changes] == [("Gäst", "Gäst 2")]


def test_saving_through_the_browser_records_the_logged_in_user(logged_in, program, coordinator):
    url = reverse("programs:outcome_create", kwargs={"program_pk": program.pk})
    logged_in.post(
        url, {"level": "program", "text": "Samverka med arbetslivet", "is_work_life": "on"}
    )
    newest = entries(program)[0]
    assert (newest.who, newest.action) == ("coordinator", "created")
    assert any(change.new == "Samverka med arbetslivet" for change in newest.changes)


def test_changes_to_links_meetings_and_deletions_appear_in_the_programmes_history(
    program, coordinator
):
    activity = factories.ActivityFactory(program=program, title="Praktik")
    partner = factories.PartnerFactory(name="Värd AB")
    services.activity_partner_links_set(
        activity=activity, user=coordinator, links=[(partner, "host", False)]
    )
    council = services.council_save(program=program, user=coordinator, name="Programråd")
    services.council_meeting_add(council=council, user=coordinator, date="2026-03-01")
    services.activity_delete(activity=Activity.objects.get(pk=activity.pk), user=coordinator)
    kinds = [(entry.kind, entry.action) for entry in entries(program)]
    labels = " ".join(entry.label for entry in entries(program))
    assert ("Aktivitet", "deleted") in kinds or ("Activity", "deleted") in kinds
    assert "Värd AB" in labels
    assert "2026-03-01" in labels
    assert "Programråd" in labels


def test_outcome_links_show_as_a_change_of_the_activity(program, coordinator):
    activity = factories.ActivityFactory(program=program, title="Projekt")
    outcome = factories.LearningOutcomeFactory(program=program, code="PM1", text="Arbetsliv")
    services.activity_update(
        activity=activity, user=coordinator, expected_version=activity.version, outcomes=[outcome]
    )
    change = next(c for e in entries(program) for c in e.changes if "PM1" in c.new)
    assert change.old == "—"


def test_another_programmes_changes_are_not_shown(program, other_program, coordinator):
    factories.ActivityFactory(program=other_program, title="Främmande")
    factories.ActivityFactory(program=program, title="Egen")
    labels = [entry.label for entry in entries(program)]
    assert "Egen" in labels
    assert "Främmande" not in labels


def test_history_is_newest_first_and_paginated(program, coordinator):
    for number in range(HISTORY_PAGE_SIZE + 3):
        factories.ActivityFactory(program=program, title=f"Moment {number:02d}")
    first = entries(program, 1)
    assert len(first) == HISTORY_PAGE_SIZE
    assert first[0].label == f"Moment {HISTORY_PAGE_SIZE + 2:02d}"
    assert [e.when for e in first] == sorted((e.when for e in first), reverse=True)
    assert entries(program, 2)


def test_history_page_is_readable_by_board_and_not_by_others(
    client, program, board_member, other_coordinator
):
    factories.ActivityFactory(program=program, title="Synlig")
    url = reverse("programs:program_history", kwargs={"pk": program.pk})
    client.force_login(board_member)
    response = client.get(url)
    assert "Synlig" in response.content.decode()
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_history_page_query_count_does_not_grow_with_the_page(
    client, program, coordinator, django_assert_max_num_queries, rows
):
    for number in range(rows):
        activity = factories.ActivityFactory(program=program, title=f"A{number}")
        factories.ActivityPartnerFactory(activity=activity)
        factories.ProgramCourseFactory(program=program)
    client.force_login(coordinator)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("programs:program_history", kwargs={"pk": program.pk}))
    assert response.status_code == 200
