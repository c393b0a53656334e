"""Celery both ways: eagerly in-process (no broker) and through Redis to a real worker."""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings

from alakompass.celery import app as celery_app
from reports.tasks import heartbeat
from tests.conftest import require_service

BASE_DIR = Path(__file__).resolve().parents[2]


def redis_answers(url: str) -> bool:
    """True when `url` is a Redis URL and the server answers PING."""
    if not url.startswith(("redis://", "rediss://")):
        return False
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def test_heartbeat_runs_eagerly_without_a_broker():
    assert celery_app.conf.task_always_eager  # tests/conftest.py turns it on
    result = heartbeat.delay()
    assert result.get(timeout=5).startswith("ok ")


def test_heartbeat_is_in_the_beat_schedule():
    entry = celery_app.conf.beat_schedule["daily-heartbeat"]
    assert entry["task"] == heartbeat.name


@pytest.mark.integration
def test_a_real_worker_on_the_redis_broker_runs_the_heartbeat():
    broker = django_settings.CELERY_BROKER_URL
    require_service(redis_answers(broker), f"Redis (CELERY_BROKER_URL={broker or 'unset'})")
    assert celery_app.conf.result_backend, "CELERY_RESULT_BACKEND should default to the broker"

    # A queue and node name of our own, so parallel runs and other workers never steal it.
    token = uuid.uuid4().hex[:12]
    queue = f"test-heartbeat-{token}"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "alakompass",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        queue,
        "-n",
        f"test-{token}@%h",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "warning",
    ]
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = subprocess.Popen(
            command, cwd=BASE_DIR, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT
        )
        celery_app.conf.task_always_eager = False  # tests/conftest.py restores it afterwards
        try:
            # The message waits in Redis until the worker has started and consumes it.
            result = heartbeat.apply_async(queue=queue)
            deadline = time.monotonic() + 60
            while not result.ready() and worker.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
            if not result.ready():
                log.seek(0)
                state = "exited" if worker.poll() is not None else "gave no answer in 60 s"
                pytest.fail(f"The worker {state}; its log:\n{log.read()}")
            value = result.get(timeout=5)
            assert value.startswith("ok ")
            assert result.status == "SUCCESS"
            result.forget()
        finally:
            celery_app.conf.task_always_eager = True
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=10)
            # Drop the throwaway queue's keys (kombu keeps its bindings in Redis sets).
            client = redis.Redis.from_url(broker, socket_connect_timeout=2)
            for key in client.scan_iter(match=f"*{token}*"):
                client.delete(key)
