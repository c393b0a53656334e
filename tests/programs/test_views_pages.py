"""Mina program and the programme page: completeness, sections, flags, query counts."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs import services
from tests import factories

pytestmark = pytest.mark.django_db


def build_inventory(program, size):
    """`size` courses and `size` activities, each with a partner and an outcome link."""
    council = factories.CouncilFactory(program=program)
    factories.CouncilMemberFactory(council=council)
    factories.CouncilMeetingFactory(council=council)
    outcome = factories.LearningOutcomeFactory(program=program)
    for number in range(size):
        place = factories.ProgramCourseFactory(program=program, year=1 + number % 3)
        activity = factories.ActivityFactory(
            program=program, course=place.course, year=1 + number % 3
        )
        activity.outcomes.add(outcome)
        factories.ActivityPartnerFactory(activity=activity)
        agreement = factories.AgreementFactory()
        agreement.programs.add(program)


def programme_page_queries(client, program):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(program.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_programme_page_query_count_does_not_grow_with_courses_and_activities(
    client, coordinator, faculty, django_assert_max_num_queries
):
    small = factories.ProgramFactory(faculty=faculty)
    large = factories.ProgramFactory(faculty=faculty)
    small.coordinators.add(coordinator)
    large.coordinators.add(coordinator)
    build_inventory(small, 2)
    build_inventory(large, 25)
    client.force_login(coordinator)
    baseline = programme_page_queries(client, small)
    with django_assert_max_num_queries(baseline):
        client.get(large.get_absolute_url())
    assert baseline <= 30


def test_my_programmes_query_count_does_not_grow_with_programmes(
    client, coordinator, faculty, django_assert_max_num_queries
):
    first = factories.ProgramFactory(faculty=faculty)
    first.coordinators.add(coordinator)
    build_inventory(first, 3)
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("programs:home"))
    for _ in range(4):
        program = factories.ProgramFactory(faculty=faculty)
        program.coordinators.add(coordinator)
        build_inventory(program, 5)
    with django_assert_max_num_queries(len(queries)):
        response = client.get(reverse("programs:home"))
    assert len(response.context["overview"]) == 6


def test_my_programmes_shows_a_labelled_completeness_bar_and_what_is_missing(
    client, program, coordinator
):
    client.force_login(coordinator)
    response = client.get(reverse("programs:home"))
    page = response.content.decode()
    assert '<progress id="completeness-' in page
    assert 'value="0"' in page
    assert "aria-label=" in page
    row = response.context["overview"][0]
    assert row["row"].program == program
    assert row["completeness"]["percent"] == 0
    assert len(row["completeness"]["missing"]) == 6


def test_my_programmes_shows_the_last_change_of_the_inventory(client, program, coordinator):
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, tzinfo=datetime.UTC)):
        factories.ActivityFactory(program=program)
    client.force_login(coordinator)
    response = client.get(reverse("programs:home"))
    last_change = response.context["overview"][0]["row"].last_change
    assert last_change.date() >= datetime.date(2026, 1, 10)
    assert last_change >= program.updated_at


def test_completeness_on_the_programme_page_changes_as_the_inventory_grows(
    client, program, coordinator
):
    client.force_login(coordinator)
    before = client.get(program.get_absolute_url()).context["completeness"]["percent"]
    services.outcome_create(
        program=program, user=coordinator, level="program", text="Arbetsliv", is_work_life=True
    )
    after = client.get(program.get_absolute_url()).context["completeness"]["percent"]
    assert after > before


def test_programme_page_groups_activities_by_year_with_a_no_year_group(
    client, program, coordinator
):
    factories.ActivityFactory(program=program, year=2, title="År två")
    factories.ActivityFactory(program=program, year=None, title="Utan år")
    client.force_login(coordinator)
    inventory = client.get(program.get_absolute_url()).context["inventory"]
    assert [group.year for group in inventory.activity_years] == [2, None]


def test_readers_see_no_edit_controls(client, program, board_member):
    factories.ActivityFactory(program=program)
    client.force_login(board_member)
    page = client.get(program.get_absolute_url()).content.decode()
    assert 'id="quick-add"' not in page
    assert reverse("programs:activity_create", kwargs={"program_pk": program.pk}) not in page


def test_coordinators_get_the_quick_add_form(client, program, coordinator):
    client.force_login(coordinator)
    page = client.get(program.get_absolute_url()).content.decode()
    assert 'id="quick-add"' in page
    assert 'for="quick_title"' in page


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
def test_agreements_ending_within_90_days_are_flagged(client, program, coordinator):
    soon = factories.AgreementFactory(title="Snart slut", end_date=datetime.date(2026, 8, 1))
    later = factories.AgreementFactory(title="Långt kvar", end_date=datetime.date(2027, 8, 1))
    soon.programs.add(program)
    later.programs.add(program)
    client.force_login(coordinator)
    rows = client.get(program.get_absolute_url()).context["inventory"].agreements
    flags = {row.agreement.title: row.ends_soon for row in rows}
    assert flags == {"Snart slut": True, "Långt kvar": False}
