"""The weekly SAM digest: who gets it, what each section says, links, language, escaping."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from assessments import dashboard
from programs.models import Program
from reports import tasks
from reports.mail import digest as digest_mail
from reports.selectors import digest
from tests import factories
from tests.reports.digest_data import (
    NOW,
    SITE,
    TODAY,
    frozen_round,
    html_of,
    prefer,
    quiet_program,
    university,
)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE + "/"  # a trailing slash must not double


def send() -> int:
    return digest_mail.sam_digest_send(today=TODAY, now=NOW)


def test_every_active_sam_member_with_an_address_gets_their_own_digest(faculty, mailoutbox):
    university(faculty)
    first = factories.SamUserFactory(username="sam1")
    second = factories.SamUserFactory(username="sam2")
    factories.SamUserFactory(username="noaddress", email="")
    factories.SamUserFactory(username="gone", is_active=False)
    factories.UserFactory(username="coordinator")  # not SAM
    assert send() == 2
    assert sorted(m.to for m in mailoutbox) == [[first.email], [second.email]]


def test_the_digest_lists_each_section_with_absolute_links(faculty, sam_user, mailoutbox):
    data = university(faculty)
    send()
    (message,) = mailoutbox
    text, html = message.body, html_of(message)
    assert message.subject == "ALA-kompassen: veckosammanfattning för SAM, vecka 50"
    expected = {
        # stale inventory -> the programme page
        "STALE1 Gamla programmet": reverse("programs:program_detail", args=[data.stale.pk]),
        # overdue action -> its round, where the action plan is
        "Bjud in <b>alumner</b> & branschfolk": reverse(
            "assessments:round_detail", args=[data.frozen_round.pk]
        ),
        # agreement ending within 90 days -> the partner's page in the register
        "VFU-avtal Region": reverse("programs:partner_detail", args=[data.partner_pk]),
        # round adopted in the past week -> the round
        "omgång 2026-12-01, fastställd 2026-12-03": data.frozen_round.get_absolute_url(),
        # no adopted round in 24 months -> the compass, where a round is started
        "ingen omgång fastställd ännu": reverse(
            "assessments:program_compass", args=[data.stale.pk]
        ),
    }
    for line, path in expected.items():
        assert line in text
        assert f"{SITE}{path}" in text
        assert f'href="{SITE}{path}"' in html
    assert "//program" not in text.replace("https://", "")
    assert "36 dagar försenad" in text  # 1 Nov → 7 Dec
    assert "39 dagar kvar" in text  # 15 Jan
    assert "program: ACT1" in text  # the agreement's programmes


def test_done_future_ended_and_inactive_items_are_left_out(faculty, sam_user, mailoutbox):
    university(faculty)
    send()
    text = mailoutbox[0].body
    for absent in ("Klar åtgärd", "Framtida åtgärd", "Långt avtal", "Slut avtal", "CLOSED"):
        assert absent not in text
    built = digest.sam_digest(today=TODAY, now=NOW)
    assert [row.code for row in built.stale] == ["STALE1"]
    assert [row.code for row in built.roundless] == ["STALE1"]  # ACT1 adopted one this month


def test_the_digest_agrees_with_the_dashboard(faculty):
    university(faculty)
    built = digest.sam_digest(today=TODAY, now=NOW)
    board = dashboard.dashboard_build(
        programs=dashboard.dashboard_programs(), today=TODAY, whole_university=True
    )
    assert [r.code for r in built.stale] == [r.code for r in board.stale]
    assert [(r.program_code, r.due_date) for r in built.overdue] == [
        (a.program_code, a.due_date) for a in board.overdue_actions
    ]
    assert [r.title for r in built.agreements] == [a.title for a in board.expiring_agreements]


def test_a_round_adopted_eight_days_ago_is_no_longer_news(faculty):
    program = factories.ProgramFactory(faculty=faculty)
    frozen_round(
        program,
        date=datetime.date(2026, 11, 20),
        frozen_at=NOW - datetime.timedelta(days=8),
    )
    assert digest.sam_digest(today=TODAY, now=NOW).frozen == ()


def test_a_programme_whose_last_adopted_round_is_older_than_24_months_is_listed(faculty):
    program = factories.ProgramFactory(code="OLDROUND", faculty=faculty)
    frozen_round(
        program,
        date=datetime.date(2024, 12, 6),  # one day more than two years before TODAY
        frozen_at=datetime.datetime(2024, 12, 6, 9, tzinfo=datetime.UTC),
    )
    factories.CompassRoundFactory(program=program, date=datetime.date(2026, 11, 1))  # open
    (row,) = digest.sam_digest(today=TODAY, now=NOW).roundless
    assert (row.code, row.last_frozen, row.has_open_round) == (
        "OLDROUND",
        datetime.date(2024, 12, 6),
        True,
    )


def test_no_digest_is_sent_when_there_is_nothing_to_say(faculty, sam_user, mailoutbox):
    quiet_program(faculty)
    assert send() == 0
    assert mailoutbox == []


def test_an_english_preferring_member_gets_the_digest_in_english(faculty, mailoutbox):
    university(faculty)
    swedish = factories.SamUserFactory(username="svensk")
    english = factories.SamUserFactory(username="english")
    prefer(english, language="en")
    send()
    by_address = {m.to[0]: m for m in mailoutbox}
    english_mail, swedish_mail = by_address[english.email], by_address[swedish.email]
    assert english_mail.subject == "ALA-kompassen: weekly digest for SAM, week 50"
    assert "STALE1 Old programme" in english_mail.body
    assert "Stale inventories" in english_mail.body
    assert "36 days overdue" in english_mail.body
    assert '<html lang="en">' in html_of(english_mail)
    assert "STALE1 Gamla programmet" in swedish_mail.body
    assert "Inaktuella inventeringar" in swedish_mail.body
    assert '<html lang="sv">' in html_of(swedish_mail)


def test_user_text_is_escaped_in_the_html_and_plain_in_the_text(faculty, sam_user, mailoutbox):
    university(faculty)
    send()
    (message,) = mailoutbox
    html = html_of(message)
    assert "Bjud in &lt;b&gt;alumner&lt;/b&gt; &amp; branschfolk" in html
    assert "<b>alumner</b>" not in html
    assert "Bjud in <b>alumner</b> & branschfolk" in message.body  # text is not HTML
    assert "&amp;" not in message.body
    assert "&lt;" not in message.body
    assert "<a " not in message.body
    assert "<p>" not in message.body


def test_the_digest_names_no_people_but_the_recipient(faculty, mailoutbox):
    university(faculty)
    factories.SamUserFactory(username="sam", first_name="Sara", last_name="Samsson")
    send()
    (message,) = mailoutbox
    assert "Hej Sara Samsson" in message.body
    assert "Anna Andersson" not in message.body  # the action's owner
    assert "Anna Andersson" not in html_of(message)


def test_a_long_section_shows_the_first_lines_and_links_the_dashboard(
    faculty, sam_user, mailoutbox, monkeypatch
):
    monkeypatch.setattr(digest_mail, "SECTION_LIMIT", 2)
    compass_round = factories.CompassRoundFactory(program=factories.ProgramFactory())
    for day in (1, 2, 3):
        factories.ActionFactory(
            round=compass_round,
            description=f"Sen {day}",
            due_date=datetime.date(2026, 11, day),
        )
    send()
    text, html = mailoutbox[0].body, html_of(mailoutbox[0])
    assert "Sen 1" in text
    assert "Sen 2" in text
    assert "Sen 3" not in text
    assert "De första 2 av 3 visas." in text
    assert f"{SITE}{reverse('assessments:dashboard')}#overdue" in text
    assert f'href="{SITE}{reverse("assessments:dashboard")}#overdue"' in html


def test_every_digest_links_my_settings(faculty, sam_user, mailoutbox):
    university(faculty)
    send()
    assert f"{SITE}{reverse('reports:preferences')}" in mailoutbox[0].body


def test_the_beat_task_sends_the_digest(faculty, sam_user, mailoutbox):
    with time_machine.travel(NOW):
        university(faculty)
        assert tasks.sam_digest_send.delay().get() == 1
    assert len(mailoutbox) == 1
    assert Program.objects.filter(code="STALE1").exists()
