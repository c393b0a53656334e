"""The termly university overview: after each term, archived (PDF + Excel) and announced to
SAM with links to the archive."""

import datetime

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from reports import tasks
from reports.mail import termly
from reports.models import Report, ReportJob, ReportKind
from tests import factories
from tests.reports.digest_data import SITE, html_of, prefer


@pytest.fixture(autouse=True)
def _site_and_media(settings, tmp_path):
    settings.SITE_URL = SITE
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(
    ("today", "term"),
    [
        (datetime.date(2027, 1, 22), ("autumn", 2026)),  # the autumn entry's day
        (datetime.date(2027, 6, 11), ("spring", 2027)),  # the spring entry's day
        (datetime.date(2027, 1, 21), ("spring", 2026)),  # the autumn term may still run
        (datetime.date(2027, 6, 10), ("autumn", 2026)),
        (datetime.date(2026, 12, 31), ("spring", 2026)),
    ],
)
def test_the_term_that_ended_last(today, term):
    assert termly.term_ended(today) == term


def test_term_labels_in_both_languages():
    with translation.override("sv"):
        assert termly.term_label(("autumn", 2026)) == "höstterminen 2026"
    with translation.override("en"):
        assert termly.term_label(("spring", 2027)) == "spring term 2027"


@pytest.fixture
def small_university(faculty, program):
    factories.ProgramFactory(faculty=faculty)
    factories.ActivityFactory(program=program)


def test_the_termly_task_archives_the_overview_and_mails_sam(
    small_university, sam_user, mailoutbox
):
    with time_machine.travel(datetime.datetime(2027, 1, 22, 5, 0, tzinfo=datetime.UTC)):
        assert tasks.termly_overview_send.delay().get() == 1
    reports = list(Report.objects.filter(kind=ReportKind.UNIVERSITY).order_by("format"))
    assert [(r.format, r.language, r.version) for r in reports] == [
        ("pdf", "sv", 1),
        ("xlsx", "sv", 1),
    ]
    for report in reports:
        assert default_storage.exists(report.file.name)
        assert report.created_by is None  # made by the schedule, not a person
    job = ReportJob.objects.get()
    assert (job.status, job.requested_by) == (ReportJob.Status.DONE, None)

    (message,) = mailoutbox
    assert message.to == [sam_user.email]
    assert message.subject == "ALA-kompassen: universitetsöversikt efter höstterminen 2026"
    html = html_of(message)
    for report in reports:
        url = f"{SITE}{reverse('reports:download', args=[report.pk])}"
        assert url in message.body
        assert f'href="{url}"' in html
        assert report.sha256 in message.body
    archive = f"{SITE}{reverse('reports:archive')}?kind=university"
    assert archive in message.body
    assert f'href="{archive}"' in html


def test_an_english_reader_gets_the_english_overview(small_university, mailoutbox):
    swedish = factories.SamUserFactory(username="svensk")
    english = factories.SamUserFactory(username="english")
    prefer(english, language="en")
    assert termly.termly_overview_run(today=datetime.date(2027, 6, 11)) == 2
    by_language = {
        language: list(Report.objects.filter(language=language).order_by("format"))
        for language in ("sv", "en")
    }
    assert [r.format for r in by_language["en"]] == ["pdf", "xlsx"]
    mails = {m.to[0]: m for m in mailoutbox}
    english_mail = mails[english.email]
    assert english_mail.subject == "ALA-kompassen: university overview after the spring term 2027"
    for report in by_language["en"]:
        assert reverse("reports:download", args=[report.pk]) in english_mail.body
    for report in by_language["sv"]:
        assert reverse("reports:download", args=[report.pk]) in mails[swedish.email].body
        assert reverse("reports:download", args=[report.pk]) not in english_mail.body


def test_each_run_archives_a_new_version_and_overwrites_nothing(small_university, sam_user):
    termly.termly_overview_run(today=datetime.date(2027, 1, 22))
    first = set(Report.objects.values_list("pk", "sha256", "file"))
    termly.termly_overview_run(today=datetime.date(2027, 6, 11))
    assert first <= set(Report.objects.values_list("pk", "sha256", "file"))
    assert sorted(Report.objects.filter(format="pdf").values_list("version", flat=True)) == [1, 2]


def test_a_failed_overview_mails_nobody_and_archives_nothing(
    small_university, sam_user, mailoutbox, monkeypatch
):
    from reports import documents

    def broken(**kwargs):
        raise ValueError("the document cannot be built")

    monkeypatch.setattr(documents, "faculty_report", broken)
    with pytest.raises(termly.OverviewFailed):
        termly.termly_overview_run(today=datetime.date(2027, 1, 22))
    assert mailoutbox == []
    assert not Report.objects.exists()
    assert ReportJob.objects.get().status == ReportJob.Status.FAILED


def test_no_sam_member_means_the_overview_is_archived_but_not_mailed(small_university, mailoutbox):
    assert termly.termly_overview_run(today=datetime.date(2027, 1, 22)) == 0
    assert Report.objects.filter(language="sv").count() == 2
    assert mailoutbox == []
