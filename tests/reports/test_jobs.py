"""Report jobs: idempotent requests, all-or-nothing generation, retries, the stuck-job sweep."""

import datetime
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone, translation

from alakompass.celery import app as celery_app
from reports import documents, services, tasks
from reports.models import Report, ReportJob
from reports.services import jobs
from tests import factories
from tests.reports.report_builders import frozen_round, open_round, stand_in_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stand_in(monkeypatch) -> list[dict]:
    """Instant stand-ins for the document functions: these tests are about the jobs."""
    return stand_in_documents(monkeypatch)


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def request_program(compass_round, user, language="sv") -> ReportJob:
    return services.report_request(
        kind="program", language=language, requested_by=user, compass_round=compass_round
    )


def test_the_same_request_twice_while_queued_gives_one_job(program, coordinator):
    compass_round = frozen_round(program)
    first = services.report_job_create(
        kind="program", language="sv", requested_by=coordinator, compass_round=compass_round
    )
    second = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=compass_round
    )
    assert first.pk == second.pk
    assert ReportJob.objects.count() == 1
    other_language = services.report_job_create(
        kind="program", language="en", requested_by=coordinator, compass_round=compass_round
    )
    assert other_language.pk != first.pk


def test_a_second_request_queues_no_second_task(
    program, coordinator, django_capture_on_commit_callbacks
):
    compass_round = frozen_round(program)
    with django_capture_on_commit_callbacks() as callbacks:
        first = request_program(compass_round, coordinator)
        second = request_program(compass_round, coordinator)
    assert first.pk == second.pk
    assert len(callbacks) == 1  # one generation queued, on commit


def test_the_database_refuses_a_second_active_job_for_the_same_request(program):
    compass_round = frozen_round(program)
    job = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=compass_round
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportJob.objects.create(
            kind=job.kind, scope_key=job.scope_key, language="sv", compass_round=compass_round
        )
    # Finished jobs do not count: the next request after a done job makes a new one.
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.DONE)
    again = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=compass_round
    )
    assert again.pk != job.pk


def test_a_racing_request_that_loses_the_insert_returns_the_winners_job(program, monkeypatch):
    compass_round = frozen_round(program)
    winner = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=compass_round
    )
    real_lookup = jobs._active_job
    calls = []

    def read_before_the_winner_committed(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real_lookup(**kwargs)

    monkeypatch.setattr(jobs, "_active_job", read_before_the_winner_committed)
    loser = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=compass_round
    )
    assert loser.pk == winner.pk
    assert len(calls) == 2  # the insert hit the constraint and the job was read again


def test_a_request_generates_the_report_into_the_archive(
    program, coordinator, media, django_capture_on_commit_callbacks
):
    compass_round = frozen_round(program, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        job = request_program(compass_round, coordinator)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    assert job.attempts == 1
    (report,) = job.reports.all()
    content = default_storage.open(report.file.name).read()
    assert content.startswith(b"%PDF")
    assert report.size == len(content)
    assert report.page_count is not None
    assert report.page_count >= 1
    assert report.filename == f"{program.code}-2026-03-15-sv-v1.pdf"
    assert (report.kind, report.version, report.language, report.is_draft) == (
        "program",
        1,
        "sv",
        False,
    )
    assert report.created_by == coordinator
    assert report.model_version == compass_round.model_version
    assert stored_files(media) == [media / report.file.name]


def test_a_draft_report_of_an_open_round_is_marked_in_its_name(stand_in, program, coordinator):
    compass_round = open_round(program)
    job = services.report_job_create(
        kind="program", language="en", requested_by=coordinator, compass_round=compass_round
    )
    (report,) = services.report_generate(job_id=job.pk)
    assert report.is_draft
    assert report.filename == f"{program.code}-2026-03-15-draft-en-v1.pdf"


def test_a_faculty_report_archives_its_pdf_and_workbook_under_one_version(faculty, program):
    job = services.report_job_create(
        kind="faculty", language="sv", requested_by=None, faculty=faculty
    )
    reports = services.report_generate(job_id=job.pk)
    assert [r.format for r in reports] == ["pdf", "xlsx"]
    assert {r.version for r in reports} == {1}
    today = timezone.localdate()
    assert reports[1].filename == f"fakultet-{faculty.code}-{today:%Y-%m-%d}-sv-v1.xlsx"
    assert reports[1].page_count is None
    assert reports[0].created_by is None
    assert reports[0].created_by_name == ""


def test_a_university_report_has_no_faculty_and_its_own_name(db):
    job = services.report_job_create(kind="university", language="en", requested_by=None)
    reports = services.report_generate(job_id=job.pk)
    assert {r.faculty for r in reports} == {None}
    assert reports[0].filename.startswith("university-")


def test_a_done_job_returns_its_reports_without_rendering_again(stand_in, program, monkeypatch):
    job = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=frozen_round(program)
    )
    first = services.report_generate(job_id=job.pk)

    def must_not_render(**kwargs):
        raise AssertionError("rendered twice")

    monkeypatch.setattr(documents, "program_report", must_not_render)
    assert services.report_generate(job_id=job.pk) == first
    assert tasks.report_generate.delay(job_id=job.pk).get() == [first[0].pk]
    assert Report.objects.count() == 1


def test_a_renderer_that_raises_fails_the_job_and_leaves_no_file_and_no_row(
    program, coordinator, media, monkeypatch
):
    def broken(**kwargs):
        raise ValueError("the round's data cannot be drawn")

    monkeypatch.setattr(documents, "program_report", broken)
    job = services.report_job_create(
        kind="program", language="sv", requested_by=coordinator, compass_round=open_round(program)
    )
    assert tasks.report_generate.delay(job_id=job.pk).get() == []
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "cannot be drawn" in job.error_detail
    with translation.override("sv"):
        assert job.failure_message == "Rapporten kunde inte skapas utifrån uppgifterna."
    with translation.override("en"):
        assert job.failure_message == "The report could not be produced from the data."
    assert Report.objects.count() == 0
    assert stored_files(media) == []


def test_a_storage_error_after_the_first_file_removes_it_and_retries(
    stand_in, faculty, media, monkeypatch
):
    real_save = default_storage.save
    saved = []

    def disk_full_on_the_second_file(name, content, **kwargs):
        if saved:
            raise OSError(28, "No space left on device")
        saved.append(real_save(name, content, **kwargs))
        return saved[-1]

    monkeypatch.setattr(default_storage, "save", disk_full_on_the_second_file)
    job = services.report_job_create(
        kind="faculty", language="sv", requested_by=None, faculty=faculty
    )
    with pytest.raises(OSError, match="No space"):
        services.report_generate(job_id=job.pk)  # transient: the task retries it
    assert len(saved) == 1
    assert stored_files(media) == []  # the first file was removed again
    assert Report.objects.count() == 0
    job.refresh_from_db()
    assert job.status == ReportJob.Status.RENDERING  # not failed: a retry may succeed


def test_a_database_error_while_archiving_removes_the_stored_files(
    stand_in, program, media, monkeypatch
):
    job = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=frozen_round(program)
    )

    def database_gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(jobs.archive, "reports_archive", database_gone)
    with pytest.raises(OperationalError):
        services.report_generate(job_id=job.pk)
    assert stored_files(media) == []
    assert Report.objects.count() == 0


def test_the_task_retries_a_transient_error_and_then_succeeds(stand_in, program, monkeypatch):
    real = documents.program_report
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("font cache busy")
        return real(**kwargs)

    monkeypatch.setattr(documents, "program_report", flaky)
    job = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=frozen_round(program)
    )
    ids = tasks.report_generate.delay(job_id=job.pk).get()
    job.refresh_from_db()
    assert (job.status, job.attempts, len(ids)) == (ReportJob.Status.DONE, 2, 1)


def test_the_task_fails_the_job_when_the_transient_error_outlasts_its_retries(
    program, media, monkeypatch
):
    def always(**kwargs):
        raise OSError("storage unreachable")

    monkeypatch.setattr(documents, "program_report", always)
    job = services.report_job_create(
        kind="program", language="en", requested_by=None, compass_round=frozen_round(program)
    )
    assert tasks.report_generate.delay(job_id=job.pk).get() == []
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.failure == ReportJob.Failure.RETRIES
    assert job.attempts == services.MAX_ATTEMPTS == tasks.report_generate.max_retries + 1
    assert stored_files(media) == []


def test_the_task_is_acks_late_and_requeued_when_its_worker_is_lost():
    task = celery_app.tasks["reports.tasks.report_generate"]
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert task.autoretry_for == services.TRANSIENT_ERRORS
    assert task.retry_backoff


def test_the_sweep_queues_again_a_job_stuck_for_longer_than_its_limit(
    stand_in, program, django_capture_on_commit_callbacks
):
    compass_round = frozen_round(program)
    stuck = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=compass_round
    )
    fresh = services.report_job_create(
        kind="program", language="en", requested_by=None, compass_round=compass_round
    )
    long_ago = timezone.now() - services.STUCK_AFTER - datetime.timedelta(minutes=1)
    ReportJob.objects.filter(pk=stuck.pk).update(
        status=ReportJob.Status.RENDERING, attempts=1, updated_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_jobs_sweep() == [stuck.pk]
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (ReportJob.Status.DONE, 2)
    assert fresh.status == ReportJob.Status.QUEUED  # not stuck yet: left alone
    assert stuck.reports.count() == 1


def test_the_sweep_fails_a_job_that_used_up_its_attempts(program):
    job = services.report_job_create(
        kind="program", language="sv", requested_by=None, compass_round=frozen_round(program)
    )
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.RENDERING, attempts=services.MAX_ATTEMPTS, updated_at=long_ago
    )
    assert services.report_jobs_sweep() == []
    job.refresh_from_db()
    assert (job.status, job.failure) == (ReportJob.Status.FAILED, ReportJob.Failure.RETRIES)


def test_the_sweep_runs_every_ten_minutes_from_the_beat_schedule():
    entry = celery_app.conf.beat_schedule["report-jobs-sweep"]
    assert entry["task"] == tasks.report_jobs_sweep.name
    assert entry["schedule"].minute == set(range(0, 60, 10))
    assert tasks.report_jobs_sweep.delay().get() == 0


def test_a_program_report_needs_a_round_of_that_programme(program, other_program):
    with pytest.raises(ValueError, match="compass round"):
        services.report_job_create(kind="program", language="sv", requested_by=None)
    with pytest.raises(ValueError, match="another programme"):
        services.report_job_create(
            kind="program",
            language="sv",
            requested_by=None,
            program=other_program,
            compass_round=factories.CompassRoundFactory(program=program),
        )
    with pytest.raises(ValueError, match="language"):
        services.report_job_create(kind="university", language="de", requested_by=None)
