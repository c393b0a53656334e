"""Report jobs: request one, generate it (render, store, archive), fail it, sweep stuck ones.

A job moves queued → rendering → done | failed. Generation is all-or-nothing: the files are
rendered first (no side effects), then stored, then archived with the job marked done in one
transaction; if anything fails, the stored files are removed again and no row remains.
Transient errors (the database, the storage) propagate so the Celery task retries with
backoff; any other error fails the job with a message in the user's language.

Idempotency: one active (queued or rendering) job per request — a conditional unique
constraint, so even two racing requests make one job. A job that is already done returns its
reports at once; two workers on the same job archive it once (the second discards its files).
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Required, TypedDict, Unpack

from celery import current_app
from django.contrib.auth.models import User
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from assessments.models import CompassRound
from assessments.scoring import MODEL_VERSION
from programs.models import Faculty, Program
from reports.models import Report, ReportJob, ReportKind, ReportLanguage, scope_key_for
from reports.services import archive

if TYPE_CHECKING:
    from reports.documents import RenderedFile

logger = logging.getLogger(__name__)

GENERATE_TASK = "reports.tasks.report_generate"

# What the task retries with backoff: a database hiccup, a storage (file system) error.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (DatabaseError, OSError)
# After this many starts a job fails for good (a report that kills its worker every time);
# the task retries a transient error MAX_ATTEMPTS - 1 times.
MAX_ATTEMPTS = 6
# A job queued or rendering for longer than this has lost its worker or its message: even a
# 30-programme faculty report renders in well under a minute.
STUCK_AFTER = datetime.timedelta(minutes=15)

ACTIVE = [ReportJob.Status.QUEUED, ReportJob.Status.RENDERING]


def _scope(
    *,
    kind: str,
    program: Program | None,
    faculty: Faculty | None,
    compass_round: CompassRound | None,
) -> tuple[Program | None, Faculty | None, CompassRound | None]:
    """Normalise a request's scope: a programme report is of one round of its programme."""
    if kind == ReportKind.PROGRAM:
        if compass_round is None:
            raise ValueError("A programme report needs a compass round.")
        if program is not None and program.pk != compass_round.program_id:
            raise ValueError("The compass round belongs to another programme.")
        return compass_round.program, None, compass_round
    if kind == ReportKind.FACULTY:
        if faculty is None:
            raise ValueError("A faculty report needs a faculty.")
        return None, faculty, None
    if kind == ReportKind.UNIVERSITY:
        return None, None, None
    raise ValueError(f"Unknown report kind {kind!r}.")


def _active_job(*, kind: str, scope_key: str, language: str) -> ReportJob | None:
    """The queued or rendering job of this request, if there is one."""
    return (
        ReportJob.objects.filter(
            kind=kind, scope_key=scope_key, language=language, status__in=ACTIVE
        )
        .order_by("pk")
        .first()
    )


def _job_get_or_create(
    *,
    kind: str,
    language: str,
    requested_by: User | None,
    program: Program | None = None,
    faculty: Faculty | None = None,
    compass_round: CompassRound | None = None,
) -> tuple[ReportJob, bool]:
    if language not in ReportLanguage.values:
        raise ValueError(f"Unknown report language {language!r}.")
    program, faculty, compass_round = _scope(
        kind=kind, program=program, faculty=faculty, compass_round=compass_round
    )
    key = scope_key_for(kind=kind, program=program, faculty=faculty, compass_round=compass_round)
    existing = _active_job(kind=kind, scope_key=key, language=language)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(
                kind=kind,
                scope_key=key,
                program=program,
                faculty=faculty,
                compass_round=compass_round,
                language=language,
                requested_by=requested_by
                if requested_by and requested_by.is_authenticated
                else None,
            )
    except IntegrityError:
        # A concurrent request created the same job between our read and our insert.
        existing = _active_job(kind=kind, scope_key=key, language=language)
        if existing is None:
            raise
        return existing, False
    return job, True


class ReportScope(TypedDict, total=False):
    """What one report request names: its kind, language, requester and scope."""

    kind: Required[str]
    language: Required[str]
    requested_by: Required[User | None]
    program: Program | None
    faculty: Faculty | None
    compass_round: CompassRound | None


def report_job_create(**scope: Unpack[ReportScope]) -> ReportJob:
    """The active job for this request, created if there is none (does not queue it)."""
    job, _created = _job_get_or_create(**scope)
    return job


def report_request(**scope: Unpack[ReportScope]) -> ReportJob:
    """Create (or find) the job and queue its generation when the transaction commits.

    The task is queued by its registered name (ReportsConfig.ready registers it in every
    process), so this module never imports reports.tasks, which imports the services.
    """
    job, created = _job_get_or_create(**scope)
    if created:  # an existing active job is queued already
        current_app.tasks[GENERATE_TASK].delay_on_commit(job_id=job.pk)
    return job


@transaction.atomic
def _job_claim(*, job_id: int) -> ReportJob | None:
    """Mark the job rendering and count the attempt; None when there is nothing to do."""
    job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.is_finished:
        return None
    now = timezone.now()
    if job.attempts >= MAX_ATTEMPTS:
        _fail(job, failure=ReportJob.Failure.RETRIES, detail="too many attempts", now=now)
        return None
    job.status = ReportJob.Status.RENDERING
    job.attempts += 1
    job.started_at = now
    job.save(update_fields=["status", "attempts", "started_at", "updated_at"])
    return job


def _render(*, job: ReportJob, generated_at: datetime.datetime) -> list[RenderedFile]:
    """The job's documents as bytes: one PDF, or a faculty/university PDF and workbook."""
    from reports import documents  # imported late: rendering pulls in WeasyPrint and Plotly

    if job.kind == ReportKind.PROGRAM:
        if job.compass_round is None:
            raise ValueError("The programme report's round is gone.")
        return [
            documents.program_report(
                compass_round=job.compass_round,
                language=job.language,
                generated_by=job.requested_by,
                generated_at=generated_at,
            )
        ]
    if job.kind == ReportKind.FACULTY and job.faculty is None:
        raise ValueError("The faculty report's faculty is gone.")
    return list(
        documents.faculty_report(
            faculty=job.faculty,
            language=job.language,
            generated_by=job.requested_by,
            generated_at=generated_at,
        )
    )


def _fail(job: ReportJob, *, failure: str, detail: str, now: datetime.datetime) -> None:
    job.status = ReportJob.Status.FAILED
    job.failure = failure
    job.error_detail = detail[:5000]
    job.finished_at = now
    job.save(update_fields=["status", "failure", "error_detail", "finished_at", "updated_at"])


def report_job_fail(*, job_id: int, failure: str, detail: str = "") -> None:
    """Mark an unfinished job failed; `failure` is a ReportJob.Failure (shown translated)."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is not None and not job.is_finished:
            _fail(job, failure=failure, detail=detail, now=timezone.now())


def report_generate(*, job_id: int) -> list[Report]:
    """Render the job's documents and archive them, all or nothing; the job's reports."""
    job = _job_claim(job_id=job_id)
    if job is None:  # done (or failed) already: nothing to render again
        return list(Report.objects.filter(job_id=job_id).order_by("format"))
    generated_at = timezone.now()
    try:
        rendered = _render(job=job, generated_at=generated_at)
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        logger.exception("Report job %s could not be rendered", job.pk)
        report_job_fail(job_id=job.pk, failure=ReportJob.Failure.RENDER, detail=repr(error))
        return []

    stored: list[archive.StoredFile] = []
    reports: list[Report] = []
    try:
        version = archive.report_next_version(job=job)
        on = timezone.localdate(generated_at)
        for file in rendered:
            stored.append(
                archive.file_store(
                    content=file.content,
                    filename=archive.report_filename(
                        job=job, version=version, extension=file.extension, on=on
                    ),
                    content_type=file.content_type,
                    extension=file.extension,
                    title=file.title,
                    page_count=file.page_count,
                    at=generated_at,
                )
            )
        with transaction.atomic():
            locked = ReportJob.objects.select_for_update().get(pk=job.pk)
            if locked.status in ACTIVE:
                reports = archive.reports_archive(
                    job=job,
                    files=stored,
                    version=version,
                    created_by=job.requested_by,
                    created_at=generated_at,
                    model_version=_model_version(job),
                )
                locked.status = ReportJob.Status.DONE
                locked.failure = ""
                locked.finished_at = timezone.now()
                locked.save(update_fields=["status", "failure", "finished_at", "updated_at"])
    except TRANSIENT_ERRORS:
        archive.files_discard(names=[file.name for file in stored])
        raise
    except Exception as error:
        archive.files_discard(names=[file.name for file in stored])
        logger.exception("Report job %s could not be archived", job.pk)
        report_job_fail(job_id=job.pk, failure=ReportJob.Failure.RENDER, detail=repr(error))
        return []
    if not reports:  # another worker finished this job meanwhile: keep its files, not ours
        archive.files_discard(names=[file.name for file in stored])
        return list(Report.objects.filter(job_id=job.pk).order_by("format"))
    return reports


def _model_version(job: ReportJob) -> str:
    """A frozen round keeps the model version it was scored with; the rest is scored now."""
    if job.compass_round is not None and job.compass_round.is_frozen:
        return job.compass_round.model_version
    return MODEL_VERSION


def report_jobs_sweep(
    *, now: datetime.datetime | None = None, older_than: datetime.timedelta = STUCK_AFTER
) -> list[int]:
    """Queue again the jobs stuck queued or rendering (a killed worker, a lost message).

    A job that has used up its attempts fails instead. Returns the ids queued again.
    """
    now = now or timezone.now()
    stuck = ReportJob.objects.filter(status__in=ACTIVE, updated_at__lt=now - older_than)
    requeued = []
    for job_id in stuck.order_by("pk").values_list("pk", flat=True)[:200]:
        with transaction.atomic():
            job = (
                ReportJob.objects.select_for_update(skip_locked=True)
                .filter(pk=job_id, status__in=ACTIVE, updated_at__lt=now - older_than)
                .first()
            )
            if job is None:
                continue
            if job.attempts >= MAX_ATTEMPTS:
                _fail(job, failure=ReportJob.Failure.RETRIES, detail="stuck", now=timezone.now())
                continue
            job.status = ReportJob.Status.QUEUED
            job.save(update_fields=["status", "updated_at"])
            current_app.tasks[GENERATE_TASK].delay_on_commit(job_id=job.pk)
        requeued.append(job.pk)
    return requeued
