"""docker-compose.yml and the Dockerfile agree with the settings (no Docker engine runs here).

The file is parsed, not run: services, commands, health checks and variables are checked
against alakompass/settings.py and .env.example so the production stack cannot drift.
"""

import re
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
APP_SERVICES = ["web", "worker", "beat"]
ALL_SERVICES = [*APP_SERVICES, "postgres", "redis"]
# env("X"), env.bool("X"), env.db("X"), env.list("X"), env.int("X"), env.email_url("X"), ...
ENV_READ = re.compile(r"\benv(?:\.[a-z_]+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def env_example_names() -> set[str]:
    """Variable names assigned in .env.example (comments ignored)."""
    names = set()
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.add(line.split("=", 1)[0].strip())
    return names


def settings_names() -> set[str]:
    """Variable names alakompass/settings.py reads through django-environ."""
    source = (BASE_DIR / "alakompass" / "settings.py").read_text(encoding="utf-8")
    return set(ENV_READ.findall(source))


def environment_names(service: dict) -> set[str]:
    """Names a service gets through `environment:` (mapping or list) and `env_file:`."""
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        names = {item.split("=", 1)[0] for item in environment}
    else:
        names = set(environment)
    env_files = service.get("env_file") or []
    for env_file in [env_files] if isinstance(env_files, str) else env_files:
        path = env_file if isinstance(env_file, str) else env_file["path"]
        for line in (BASE_DIR / path).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                names.add(line.split("=", 1)[0].strip())
    return names


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_the_regex_finds_what_settings_read():
    # Guards the guard: a regex that found nothing would make the next test pass vacuously.
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL"} <= (
        settings_names()
    )


def test_env_example_lists_every_variable_the_settings_read():
    missing = settings_names() - env_example_names()
    assert not missing, f"Add to .env.example: {sorted(missing)}"


def test_the_stack_has_web_worker_beat_postgres_and_redis(services):
    assert set(ALL_SERVICES) <= set(services)


@pytest.mark.parametrize("name", ALL_SERVICES)
def test_every_long_running_service_has_a_health_check(services, name):
    healthcheck = services[name].get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert healthcheck["test"], f"{name}'s healthcheck has no test"
    assert not healthcheck.get("disable", False)


def test_web_runs_gunicorn_on_the_wsgi_app(services):
    assert re.search(r"\bgunicorn\s+alakompass\.wsgi\b", command_text(services["web"]))


def test_worker_runs_a_celery_worker(services):
    assert "celery -A alakompass worker" in command_text(services["worker"])


def test_beat_runs_celery_beat(services):
    assert "celery -A alakompass beat" in command_text(services["beat"])


def test_web_health_check_probes_the_health_view(services):
    probe = " ".join(services["web"]["healthcheck"]["test"])
    assert "/rapporter/halsa/" in probe  # tests/reports/test_health.py pins this URL


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_get_exactly_the_variables_of_env_example(services, name):
    assert environment_names(services[name]) == env_example_names()


def test_app_services_share_one_environment_anchor(compose, services):
    shared = [key for key in compose if key.startswith("x-")]
    assert shared, "Use an x- extension field with a YAML anchor for the shared environment"
    environments = [services[name]["environment"] for name in APP_SERVICES]
    assert all(environment is environments[0] for environment in environments)


def test_app_services_talk_to_the_compose_postgres_and_redis(services):
    environment = services["web"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
    assert str(environment["DJANGO_DEBUG"]).lower() == "false"
    assert ":?" in environment["DJANGO_SECRET_KEY"], "compose must refuse a missing secret"


@pytest.mark.parametrize(("name", "image"), [("postgres", "postgres:"), ("redis", "redis:")])
def test_databases_use_official_images(services, name, image):
    assert services[name]["image"].startswith(image)  # official images have no namespace


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_postgres_and_redis(services, name):
    depends_on = services[name]["depends_on"]
    assert isinstance(depends_on, dict), "use the long form with conditions"
    for dependency in ("postgres", "redis"):
        assert depends_on[dependency]["condition"] == "service_healthy"


def test_dockerfile_builds_a_slim_non_root_gunicorn_image():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim-bookworm\b", dockerfile, re.MULTILINE)
    for step in ("pip install -r requirements.txt", "collectstatic", "compilemessages"):
        assert step in dockerfile
    for package in ("gettext", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in dockerfile
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)
    assert users, "the image must not run as root"
    assert users[-1] not in {"root", "0"}
    assert "gunicorn" in dockerfile


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".env", ".venv", ".git", "db.sqlite3"} <= set(ignored)
