"""Settings come from the environment: each case boots Django in a fresh subprocess.

A subprocess with a clean environment is the only honest way to test import-time settings:
the test process has already imported them. The subprocess disables the `.env` convenience
file (a developer's own `.env` must not change what these tests see); everything else is
the real `alakompass.settings`.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.conftest import require_service

BASE_DIR = Path(__file__).resolve().parent.parent

PROBE = """
import json, environ
environ.Env.read_env = classmethod(lambda cls, *args, **kwargs: None)  # ignore ./.env
import django
django.setup()
from django.conf import settings
from alakompass.celery import app
print(json.dumps({
    "debug": settings.DEBUG,
    "secret_key": settings.SECRET_KEY,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "database_name": str(settings.DATABASES["default"]["NAME"]),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "app_eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "result_backend": app.conf.result_backend,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "email_backend": settings.EMAIL_BACKEND,
}))
"""


def boot(**variables: str) -> subprocess.CompletedProcess:
    """Import the settings in a new Python with only `variables` (plus PATH) set."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "alakompass.settings",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def booted(**variables: str) -> dict:
    """The settings values the probe prints; fails with Django's own error otherwise."""
    result = boot(**variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = boot()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_false_explicitly_also_requires_a_secret_key():
    result = boot(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize("placeholder", ["", "change-me"])
def test_production_mode_refuses_an_empty_or_placeholder_secret_key(placeholder):
    result = boot(DJANGO_SECRET_KEY=placeholder)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_mode_starts_with_a_secret_key():
    values = booted(DJANGO_SECRET_KEY="a-real-secret")
    assert values["debug"] is False
    assert values["secret_key"] == "a-real-secret"


def test_debug_mode_uses_a_development_key_when_none_is_set():
    values = booted(DJANGO_DEBUG="true")
    assert values["debug"] is True
    assert values["secret_key"] == "dev-only-not-secret"


def test_database_defaults_to_the_sqlite_file_in_the_project_folder():
    values = booted(DJANGO_DEBUG="true")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["database_name"] == str(BASE_DIR / "db.sqlite3")


def test_database_url_selects_postgresql():
    values = booted(DJANGO_DEBUG="true", DATABASE_URL="postgres://u:p@db.example:5432/ala")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["database_name"] == "ala"


def test_without_a_broker_tasks_run_eagerly_in_process():
    values = booted(DJANGO_DEBUG="true")
    assert values["eager"] is True
    assert values["app_eager"] is True
    assert values["broker"] == "memory://"


def test_with_a_broker_tasks_go_to_the_worker_and_results_to_the_broker():
    values = booted(DJANGO_DEBUG="true", CELERY_BROKER_URL="redis://redis.example:6379/0")
    assert values["eager"] is False
    assert values["app_eager"] is False
    assert values["broker"] == "redis://redis.example:6379/0"
    assert values["result_backend"] == "redis://redis.example:6379/0"


def test_allowed_hosts_and_email_come_from_the_environment():
    values = booted(
        DJANGO_SECRET_KEY="s",
        DJANGO_ALLOWED_HOSTS="ala.example.se,localhost",
        EMAIL_URL="smtp://user:pw@mail.example.se:587",
    )
    assert values["allowed_hosts"] == ["ala.example.se", "localhost"]
    assert values["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"


def test_email_defaults_to_the_console():
    values = booted(DJANGO_DEBUG="true")
    assert values["email_backend"] == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.integration
def test_ci_runs_the_suite_on_postgresql():
    """In CI the suite must really run on PostgreSQL, not fall back to SQLite."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    assert django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
