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
    "hsts_seconds": settings.SECURE_HSTS_SECONDS,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
    "client_ip_headers": list(settings.AXES_IPWARE_META_PRECEDENCE_ORDER),
    "data_upload_max": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    "import_max": settings.IMPORT_MAX_BYTES,
    "request_max": settings.REQUEST_MAX_BYTES,
    "session_age": settings.SESSION_COOKIE_AGE,
    "session_idle": settings.SESSION_IDLE_TIMEOUT,
    "login_failure_limit": settings.AXES_FAILURE_LIMIT,
    "login_cooloff_seconds": settings.AXES_COOLOFF_TIME.total_seconds(),
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


def env_example_assignments() -> dict[str, str]:
    """The variables .env.example assigns: the documented production values."""
    assigned = {}
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            assigned[name.strip()] = value.strip()
    return assigned


DEPLOY_CHECK = """
import environ, sys
environ.Env.read_env = classmethod(lambda cls, *args, **kwargs: None)  # ignore ./.env
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])
"""

PRODUCTION_SECRET = "k7#Qv9!mZ2@wL5$xR8%tB3^nH6&jD4*pF1(sG0)yC-eU_aI+oK=qW~rT[zX]vN{bM}"


def deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` (any message fails) with .env.example's values + `overrides`."""
    variables = {
        **env_example_assignments(),
        "DJANGO_SECRET_KEY": PRODUCTION_SECRET,
        **overrides,
    }
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "alakompass.settings",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", DEPLOY_CHECK],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_with_zero_warnings():
    """.env.example's production values and a real (50+ characters) secret key."""
    assert len(PRODUCTION_SECRET) >= 50
    assert env_example_assignments()["DJANGO_DEBUG"] == "false"
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_notices_a_missing_hsts_setting():
    """The check above can fail: without HSTS the same run reports security.W004."""
    result = deploy_check(DJANGO_SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_defaults_send_hsts_and_believe_no_proxy():
    values = booted(DJANGO_SECRET_KEY="a-real-secret")
    assert values["hsts_seconds"] == 31_536_000
    assert values["proxy_ssl_header"] is None
    assert values["client_ip_headers"] == ["REMOTE_ADDR"]


def test_debug_mode_sends_no_hsts():
    assert booted(DJANGO_DEBUG="true")["hsts_seconds"] == 0


def test_behind_the_proxy_its_https_and_client_address_headers_are_believed():
    values = booted(DJANGO_SECRET_KEY="a-real-secret", DJANGO_BEHIND_PROXY="true")
    assert values["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["client_ip_headers"] == ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]


def test_session_and_login_limits_come_from_the_environment():
    values = booted(
        DJANGO_DEBUG="true",
        DJANGO_SESSION_COOKIE_AGE="28800",
        DJANGO_SESSION_IDLE_TIMEOUT="1800",
        DJANGO_LOGIN_FAILURE_LIMIT="3",
        DJANGO_LOGIN_COOLOFF_MINUTES="30",
    )
    assert (values["session_age"], values["session_idle"]) == (28800, 1800)
    assert (values["login_failure_limit"], values["login_cooloff_seconds"]) == (3, 1800)


def test_body_limits_come_from_the_environment():
    values = booted(
        DJANGO_DEBUG="true",
        DJANGO_DATA_UPLOAD_MAX_BYTES="1000000",
        IMPORT_MAX_BYTES="1000000",
        DJANGO_REQUEST_MAX_BYTES="2100000",
    )
    assert (values["data_upload_max"], values["import_max"]) == (1_000_000, 1_000_000)
    assert values["request_max"] == 2_100_000


def test_a_request_limit_smaller_than_a_form_plus_a_file_refuses_to_start():
    result = boot(DJANGO_DEBUG="true", DJANGO_REQUEST_MAX_BYTES="1000")
    assert result.returncode != 0
    assert "DJANGO_REQUEST_MAX_BYTES" in result.stderr


@pytest.mark.integration
def test_ci_runs_the_suite_on_postgresql():
    """In CI the suite must really run on PostgreSQL, not fall back to SQLite."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    assert django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
