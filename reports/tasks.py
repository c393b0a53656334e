"""Celery tasks for reports. Tasks take ids and call services."""

from celery import Task, shared_task
from django.utils import timezone

from reports import services
from reports.mail import digest, reminder, termly
from reports.models import ReportJob


@shared_task(name="reports.tasks.heartbeat")
def heartbeat() -> str:
    """A health task: proves a worker runs and can reach Django's settings."""
    return f"ok {timezone.now():%Y-%m-%dT%H:%M}"


@shared_task(
    bind=True,
    name="reports.tasks.report_generate",
    # Acknowledged only when done, and put back if the worker dies mid-way: a killed worker
    # loses no requested report (the generation itself is idempotent).
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,  # 5 s, 10 s, 20 s … with jitter, at most 5 min apart
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=services.MAX_ATTEMPTS - 1,
)
def report_generate(self: Task, job_id: int) -> list[int]:
    """Render and archive one report job; the ids of its archived reports."""
    try:
        reports = services.report_generate(job_id=job_id)
    except services.TRANSIENT_ERRORS as error:
        retries = self.request.retries
        if retries >= (self.max_retries or 0):
            services.report_job_fail(
                job_id=job_id, failure=ReportJob.Failure.RETRIES, detail=repr(error)
            )
            return []
        if self.request.is_eager:
            # In-process (no broker): Celery would raise Retry into the web request; try
            # again at once instead, counting the retries the same way.
            result: list[int] = self.apply(kwargs={"job_id": job_id}, retries=retries + 1).result
            return result
        raise  # autoretry_for retries it with backoff
    return [report.pk for report in reports]


@shared_task(name="reports.tasks.report_jobs_sweep")
def report_jobs_sweep() -> int:
    """Queue again report jobs stuck queued or rendering; how many were queued."""
    return len(services.report_jobs_sweep())


# Periodic mails (beat schedule in alakompass/celery.py). Every read happens before the first
# mail goes out and a refused recipient is only logged, so a retry after a database or
# connection error (OSError: the SMTP server is down) sends nobody a mail twice. Acknowledged
# on receipt: a worker killed while sending loses that run rather than mailing twice.
MAIL_RETRY = {
    "autoretry_for": services.TRANSIENT_ERRORS,  # the database, OSError (SMTP, storage)
    "retry_backoff": 60,
    "retry_backoff_max": 900,
    "retry_jitter": True,
    "max_retries": 3,
}


@shared_task(name="reports.tasks.sam_digest_send", **MAIL_RETRY)
def sam_digest_send() -> int:
    """The weekly SAM digest; how many mails were sent (none when there is nothing to say)."""
    return digest.sam_digest_send()


@shared_task(name="reports.tasks.coordinator_reminders_send", **MAIL_RETRY)
def coordinator_reminders_send() -> int:
    """The monthly reminder to each coordinator who has not turned it off; mails sent."""
    return reminder.coordinator_reminders_send()


@shared_task(
    name="reports.tasks.termly_overview_send",
    # Redelivered if the worker dies: a second run archives a new version, never nothing.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=60,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=3,
)
def termly_overview_send() -> int:
    """Generate the termly university overview into the archive and mail SAM; mails sent."""
    return termly.termly_overview_run()
