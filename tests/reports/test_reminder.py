"""The monthly coordinator reminder: only to a programme's coordinators, only their
programmes, only with something open, never to someone who turned it off."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from assessments.models import Action
from reports import tasks
from reports.mail import reminder as reminder_mail
from tests import factories
from tests.reports.digest_data import NOW, SITE, TODAY, complete_program, html_of, prefer


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def send() -> int:
    return reminder_mail.coordinator_reminders_send(today=TODAY)


@pytest.fixture
def open_items(program, other_program):
    """An overdue action and an ending agreement in each of the two programmes."""
    items = {}
    for prog, word in ((program, "Egen"), (other_program, "Annan")):
        compass_round = factories.CompassRoundFactory(program=prog)
        action = factories.ActionFactory(
            round=compass_round,
            description=f"{word} försenad åtgärd",
            owner="Anna Andersson",
            due_date=datetime.date(2026, 11, 20),
            status=Action.Status.YELLOW,
        )
        agreement = factories.AgreementFactory(
            title=f"{word} avtal", end_date=datetime.date(2027, 2, 1)
        )
        agreement.programs.add(prog)
        items[prog.pk] = (action, agreement)
    return items


def test_each_coordinator_gets_only_their_own_programmes(
    program, other_program, coordinator, other_coordinator, open_items, mailoutbox
):
    assert send() == 2
    mine = next(m for m in mailoutbox if m.to == [coordinator.email])
    theirs = next(m for m in mailoutbox if m.to == [other_coordinator.email])
    assert program.code in mine.body
    assert "Egen försenad åtgärd" in mine.body
    assert "Egen avtal" in mine.body
    assert other_program.code not in mine.body
    assert "Annan" not in mine.body
    assert "Annan försenad åtgärd" in theirs.body
    assert "Egen" not in theirs.body


def test_reminder_lines_link_where_the_coordinator_handles_them(
    program, coordinator, open_items, mailoutbox
):
    action, agreement = open_items[program.pk]
    send()
    (message,) = mailoutbox
    html = html_of(message)
    paths = [
        program.get_absolute_url(),
        reverse("assessments:action_follow_up", args=[action.pk]),
        reverse("programs:agreement_edit", kwargs={"program_pk": program.pk, "pk": agreement.pk}),
        program.get_absolute_url() + "#activities",  # "no activities recorded yet"
        program.get_absolute_url() + "#council",
    ]
    for path in paths:
        assert f"{SITE}{path}" in message.body
        assert f'href="{SITE}{path}"' in html
    assert "Inga aktiviteter för arbetslivsanknytning är registrerade ännu." in message.body
    assert "12 dagar kvar" not in message.body  # 1 Feb is 56 days away
    assert "56 dagar kvar" in message.body
    assert "17 dagar försenad" in message.body


def test_only_the_programmes_coordinators_get_a_reminder(
    program, coordinator, board_member, sam_user, admin_user_, open_items, mailoutbox
):
    send()
    assert [m.to for m in mailoutbox] == [[coordinator.email]]


def test_a_coordinator_who_turned_it_off_gets_nothing(program, coordinator, open_items, mailoutbox):
    prefer(coordinator, monthly_reminder=False)
    assert send() == 0
    assert mailoutbox == []


def test_no_reminder_when_nothing_is_open(program, coordinator, mailoutbox):
    complete_program(program)
    factories.ActionFactory(  # done, and another not yet due: nothing to remind of
        round=factories.CompassRoundFactory(program=program),
        due_date=datetime.date(2026, 10, 1),
        status=Action.Status.DONE,
    )
    factories.AgreementFactory(end_date=datetime.date(2027, 6, 1)).programs.add(program)
    assert send() == 0
    assert mailoutbox == []


def test_a_complete_programme_is_left_out_of_a_reminder_about_another(
    program, coordinator, faculty, mailoutbox
):
    complete_program(program)
    incomplete = factories.ProgramFactory(code="INCOMPLETE", faculty=faculty)
    incomplete.coordinators.add(coordinator)
    send()
    (message,) = mailoutbox
    assert "INCOMPLETE" in message.body
    assert program.code not in message.body


def test_inactive_programmes_are_not_reminded_of(faculty, mailoutbox):
    user = factories.UserFactory(username="closedcoordinator")
    factories.ProgramFactory(faculty=faculty, is_active=False).coordinators.add(user)
    assert send() == 0


def test_every_reminder_says_how_to_turn_it_off(program, coordinator, mailoutbox):
    send()
    (message,) = mailoutbox
    settings_url = f"{SITE}{reverse('reports:preferences')}"
    assert "Stäng av den månatliga påminnelsen" in message.body
    assert settings_url in message.body
    assert f'href="{settings_url}"' in html_of(message)


def test_an_english_preferring_coordinator_gets_the_reminder_in_english(
    program, coordinator, open_items, mailoutbox
):
    prefer(coordinator, language="en")
    send()
    (message,) = mailoutbox
    assert message.subject == "ALA-kompassen: open items in your programmes, December 2026"
    assert f"{program.code} {program.name_en}" in message.body
    assert "Turn off the monthly reminder" in message.body
    assert "No work-integration activities recorded yet." in message.body
    assert "17 days overdue" in message.body


def test_the_swedish_subject_names_the_month(program, coordinator, mailoutbox):
    send()
    assert mailoutbox[0].subject == "ALA-kompassen: öppna punkter i dina program, december 2026"


def test_the_reminder_names_no_people_but_the_recipient(
    program, coordinator, open_items, mailoutbox
):
    coordinator.first_name, coordinator.last_name = "Kim", "Koordinator"
    coordinator.save()
    send()
    (message,) = mailoutbox
    assert "Hej Kim Koordinator" in message.body
    assert "Anna Andersson" not in message.body
    assert "Anna Andersson" not in html_of(message)


def test_a_coordinator_without_an_address_is_skipped(program, mailoutbox):
    program.coordinators.add(factories.UserFactory(username="nomail", email=""))
    assert send() == 0


def test_the_beat_task_sends_the_reminders(program, coordinator, mailoutbox):
    with time_machine.travel(NOW):
        assert tasks.coordinator_reminders_send.delay().get() == 1
    assert mailoutbox[0].to == [coordinator.email]
