"""A real Celery worker on the Redis broker generates a requested report into the archive."""

import hashlib
import time
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import connection

from alakompass.celery import app as celery_app
from reports import services, tasks
from reports.models import Report, ReportJob
from tests import factories
from tests.assessments.test_program_scores import real_worker, shared_database_url
from tests.conftest import require_service
from tests.reports.report_builders import frozen_round
from tests.reports.test_worker import redis_answers


@pytest.mark.integration
# Serialized rollback, like the other worker test: the browser tests after it must still find
# the migrations' seed data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_generates_a_requested_report_end_to_end_into_the_archive(
    monkeypatch, settings, tmp_path
):
    broker = django_settings.CELERY_BROKER_URL
    require_service(redis_answers(broker), f"Redis (CELERY_BROKER_URL={broker or 'unset'})")
    require_service(
        connection.vendor == "postgresql", "PostgreSQL (a database two processes share)"
    )
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    monkeypatch.setenv("DJANGO_MEDIA_ROOT", str(media))  # the worker stores where we read
    user = factories.UserFactory(first_name="Karin", last_name="Lund")
    program = factories.ProgramFactory()
    program.coordinators.add(user)
    compass_round = frozen_round(program, user)

    token = uuid.uuid4().hex[:12]
    queue = f"test-reports-{token}"
    # report_request queues with delay_on_commit(), which calls delay(): send the message to
    # this test's own queue, so no other worker (a developer's, a parallel run's) takes it.
    task = tasks.report_generate
    apply_async = task.apply_async
    monkeypatch.setattr(task, "delay", lambda **kw: apply_async(kwargs=kw, queue=queue))
    celery_app.conf.task_always_eager = False  # tests/conftest.py restores it afterwards
    try:
        with real_worker(queue, shared_database_url()) as (worker, log):
            job = services.report_request(
                kind="program", language="en", requested_by=user, compass_round=compass_round
            )
            again = services.report_request(
                kind="program", language="en", requested_by=user, compass_round=compass_round
            )
            assert again.pk == job.pk  # the same request while queued: one job
            deadline = time.monotonic() + 120
            while worker.poll() is None and time.monotonic() < deadline:
                job.refresh_from_db()
                if job.is_finished:
                    break
                time.sleep(0.3)
            if not job.is_finished:
                log.seek(0)
                pytest.fail(f"The worker did not finish the job; its log:\n{log.read()}")
    finally:
        celery_app.conf.task_always_eager = True
        client = redis.Redis.from_url(broker, socket_connect_timeout=2)
        for key in client.scan_iter(match=f"*{token}*"):
            client.delete(key)

    assert job.status == ReportJob.Status.DONE, job.error_detail
    assert job.attempts == 1
    (report,) = Report.objects.filter(job=job)
    content = default_storage.open(report.file.name).read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == report.sha256
    assert report.size == len(content)
    assert report.filename == f"{program.code}-2026-03-15-en-v1.pdf"
    assert report.created_by == user
    assert report.created_by_name == "Karin Lund"
    assert (media / report.file.name).is_file()
