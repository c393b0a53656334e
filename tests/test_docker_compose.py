"""The production stack means what the app needs (no Docker engine runs here).

docker-compose.yml is parsed as YAML, with compose's variable interpolation, the Dockerfile
as a list of instructions and the proxy's nginx configuration as directives; they are checked
for what they do, not how they are written: which services run which program, that each
health check probes the program it guards, that every variable the app reads is in
.env.example and reaches web, worker and beat, that the compose environment really boots the
settings in production mode, and that only the reverse proxy is published, forwards to
gunicorn, bounds request bodies with the app's own limit and sets the headers the app trusts.
"""

import ast
import importlib
import json
import re
import shlex
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.urls import resolve

from tests.test_settings import booted

BASE_DIR = Path(__file__).resolve().parent.parent
APP_SERVICES = ["web", "worker", "beat"]
ALL_SERVICES = [*APP_SERVICES, "proxy", "postgres", "redis"]
APP_PACKAGES = ["alakompass", "programs", "assessments", "reports", "demo"]
A_SECRET = "compose-test-secret"


# Reading the files


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


class MissingVariable(Exception):
    """Compose refuses to start: a ${NAME:?message} variable is unset or empty."""


VARIABLE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def interpolate(value: object, host: Mapping[str, str]) -> str:
    """The value compose passes, given the host's environment `host` (compose's ${…} rules)."""

    def one(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, operator, argument = match.groups()
        given = host.get(name)
        unset = given is None or (operator is not None and operator.startswith(":") and not given)
        if not unset:
            return given
        if operator in {"-", ":-"}:
            return argument
        if operator in {"?", ":?"}:
            raise MissingVariable(f"{name}: {argument}")
        return ""

    return VARIABLE.sub(one, str(value))


def variables_in(value: object) -> set[str]:
    """The host variables a compose value interpolates."""
    return {m.group(1) for m in VARIABLE.finditer(str(value)) if m.group(1)}


def environment(service: dict, host: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables a service gets (`environment:` as mapping or list), interpolated."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) if "=" in item else (item, "") for item in raw)
    assert not service.get("env_file"), "pass variables through environment:, not env_file:"
    return {name: interpolate(value, host or {}) for name, value in raw.items()}


def command(service: dict) -> list[str]:
    """The service's command as an argument list (exec form or a shell string)."""
    value = service.get("command", [])
    return shlex.split(value) if isinstance(value, str) else [str(item) for item in value]


def healthcheck_command(service: dict) -> str:
    """The command the health check runs, as one string (CMD, CMD-SHELL or a plain string)."""
    test = service["healthcheck"]["test"]
    if isinstance(test, str):
        return test
    assert test[0] in {"CMD", "CMD-SHELL"}, f"unknown health check form {test[0]!r}"
    return " ".join(test[1:])


def option(arguments: list[str], name: str) -> str | None:
    """The value of `--name=value` or `--name value` in an argument list."""
    for index, argument in enumerate(arguments):
        if argument.startswith(f"{name}="):
            return argument.split("=", 1)[1]
        if argument == name and index + 1 < len(arguments):
            return arguments[index + 1]
    return None


def env_example() -> dict[str, str]:
    """Variables assigned in .env.example, and the names its comments mention (compose-only)."""
    assigned = {}
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            assigned[name.strip()] = value.strip()
    return assigned


def env_example_text() -> str:
    return (BASE_DIR / ".env.example").read_text(encoding="utf-8")


def env_reads(source: str) -> set[str]:
    """Names a module reads from the environment: env("X"), env.bool("X"), os.environ, getenv."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func
            is_env = (isinstance(function, ast.Name) and function.id == "env") or (
                isinstance(function, ast.Attribute)
                and isinstance(function.value, ast.Name)
                and function.value.id == "env"
            )
            is_os = isinstance(function, ast.Attribute) and (
                function.attr == "getenv"
                or (
                    function.attr == "get"
                    and isinstance(function.value, ast.Attribute)
                    and function.value.attr == "environ"
                )
            )
            if is_env or is_os:
                names.add(node.args[0].value)
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


# Not the app: the load-test tool (`manage.py loadtest`, docs/benchmark.md), whose runner hands
# its Locust child process the run's files through LOADTEST_* variables it sets itself; no
# deployment sets them, so they belong to the tool's documentation, not .env.example.
NOT_THE_APP = [
    BASE_DIR / "demo" / "load",
    BASE_DIR / "demo" / "management" / "commands" / "loadtest.py",
]


@cache
def app_reads() -> frozenset[str]:
    """Every variable the app's own code reads (migrations, tests and tools are not the app)."""
    names = set()
    for package in APP_PACKAGES:
        for path in (BASE_DIR / package).rglob("*.py"):
            if "migrations" in path.parts or any(path.is_relative_to(d) for d in NOT_THE_APP):
                continue
            names |= env_reads(path.read_text(encoding="utf-8"))
    return frozenset(names)


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order; continuation lines joined, comments left out."""
    instructions = []
    pending = ""
    for line in (BASE_DIR / "Dockerfile").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def instructions(keyword: str) -> list[str]:
    return [arguments for name, arguments in dockerfile() if name == keyword]


def run_commands() -> list[list[str]]:
    """Each simple command of the Dockerfile's RUN steps, split on && and ; into argument lists."""
    commands = []
    for step in instructions("RUN"):
        for part in re.split(r"&&|;", step):
            if part.strip():
                commands.append(shlex.split(part))
    return commands


def bootstrap_runtime_packages() -> set[str]:
    """The Debian packages scripts/bootstrap installs for running the app (not for tests)."""
    match = re.search(r"^debs=\(([^)]*)\)", (BASE_DIR / "scripts/bootstrap").read_text(), re.M)
    assert match, "scripts/bootstrap has no debs=(...) list"
    return set(match.group(1).split())


# Guards of the guards: parsers that found nothing would let the tests below pass vacuously.


def test_the_parsers_find_what_they_must_check(services):
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL"} <= app_reads()
    assert len(env_example()) >= 10
    assert environment(services["web"], {"DJANGO_SECRET_KEY": A_SECRET})
    assert instructions("FROM")
    assert bootstrap_runtime_packages()


def test_interpolation_follows_compose_rules():
    assert interpolate("${A:-x}", {}) == "x"
    assert interpolate("${A:-x}", {"A": ""}) == "x"
    assert interpolate("${A-x}", {"A": ""}) == ""
    assert interpolate("${A}", {"A": "y"}) == "y"
    assert interpolate("$${A}", {}) == "${A}"
    with pytest.raises(MissingVariable):
        interpolate("${A:?say}", {})


# Variables


def test_env_example_lists_every_variable_the_app_reads():
    missing = app_reads() - set(env_example())
    assert not missing, f"Add to .env.example: {sorted(missing)}"


def test_env_example_lists_no_variable_the_app_does_not_read():
    unread = set(env_example()) - app_reads()
    assert not unread, f"Not read by the app: {sorted(unread)} (remove, or read them)"


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_every_app_variable_reaches_each_app_service(services, name):
    given = environment(services[name], {"DJANGO_SECRET_KEY": A_SECRET})
    assert set(given) == set(env_example()), f"{name} must get exactly .env.example's variables"


def test_web_worker_and_beat_run_with_the_same_environment(services):
    host = {"DJANGO_SECRET_KEY": A_SECRET}
    first, *others = (environment(services[name], host) for name in [*APP_SERVICES, "migrate"])
    assert all(other == first for other in others)


def test_every_host_variable_compose_reads_is_documented_in_env_example(compose):
    read = variables_in(json.dumps(compose))
    undocumented = {name for name in read if name not in env_example_text()}
    assert not undocumented, f"Mention in .env.example: {sorted(undocumented)}"


def test_compose_refuses_to_start_without_a_secret_key(services):
    with pytest.raises(MissingVariable, match="DJANGO_SECRET_KEY"):
        environment(services["web"], {})
    with pytest.raises(MissingVariable):
        environment(services["web"], {"DJANGO_SECRET_KEY": ""})


def test_the_compose_environment_boots_the_settings_in_production_mode(services):
    given = environment(services["web"], {"DJANGO_SECRET_KEY": A_SECRET})
    postgres = environment(services["postgres"])
    values = booted(**given)
    assert values["debug"] is False
    assert values["secret_key"] == A_SECRET
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["database_name"] == postgres["POSTGRES_DB"]
    assert values["eager"] is False, "tasks must go to the worker, not run in the web process"
    assert urlsplit(values["broker"]).hostname == "redis"
    assert urlsplit(values["result_backend"]).hostname == "redis"
    assert values["allowed_hosts"], "the health check sends the first allowed host"


def test_the_database_url_points_at_the_compose_postgres_with_its_credentials(services):
    host = {"DJANGO_SECRET_KEY": A_SECRET, "POSTGRES_PASSWORD": "pw-from-host"}
    url = urlsplit(environment(services["web"], host)["DATABASE_URL"])
    postgres = environment(services["postgres"], host)
    assert url.scheme in {"postgres", "postgresql"}
    assert (url.hostname, url.port) == ("postgres", 5432)
    assert url.username == postgres["POSTGRES_USER"]
    assert url.password == postgres["POSTGRES_PASSWORD"] == "pw-from-host"
    assert url.path.lstrip("/") == postgres["POSTGRES_DB"]


def test_the_media_root_is_a_volume_of_every_app_service(services):
    for name in APP_SERVICES:
        media_root = environment(services[name], {"DJANGO_SECRET_KEY": A_SECRET})[
            "DJANGO_MEDIA_ROOT"
        ]
        mounts = [str(volume).split(":")[1] for volume in services[name].get("volumes", [])]
        assert media_root in mounts, f"{name}: uploads in {media_root} would not survive"


# Services, their programs and their health checks


def test_the_stack_has_web_worker_beat_postgres_and_redis(services):
    assert set(ALL_SERVICES) <= set(services)


@pytest.mark.parametrize(("name", "image"), [("postgres", "postgres"), ("redis", "redis")])
def test_databases_use_official_images(services, name, image):
    repository = services[name]["image"].rsplit(":", 1)[0]
    assert repository == image  # official images have no namespace


def test_web_runs_gunicorn_on_the_wsgi_application(services):
    arguments = command(services["web"])
    assert arguments[0] == "gunicorn"
    module = next(a for a in arguments[1:] if not a.startswith("-"))
    assert callable(importlib.import_module(module.split(":")[0]).application)


def gunicorn_port(services: dict) -> str:
    bind = option(command(services["web"]), "--bind")
    assert bind, "gunicorn must bind an address"
    return bind.rsplit(":", 1)[1]


def test_only_the_proxy_is_published(services):
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}, "gunicorn and the databases must not be reachable directly"


def test_web_offers_gunicorns_port_to_the_compose_network(services):
    assert gunicorn_port(services) in [str(port) for port in services["web"].get("expose", [])]


# The reverse proxy


def test_the_proxy_uses_the_official_nginx_image(services):
    repository = services["proxy"]["image"].rsplit(":", 1)[0]
    assert repository == "nginx"


def proxy_mounts(services: dict) -> dict[str, Path]:
    """Where each file the proxy mounts from the repository lands in the container."""
    mounts = {}
    for volume in services["proxy"].get("volumes", []):
        source, target, *_ = str(volume).split(":")
        if source.startswith("./"):
            mounts[target] = BASE_DIR / source
    return mounts


def test_the_proxy_mounts_files_that_exist(services):
    mounts = proxy_mounts(services)
    assert mounts, "the proxy needs its configuration"
    for target, source in mounts.items():
        assert source.exists(), f"{source} (mounted at {target}) is missing"


def nginx_config(services: dict, host: Mapping[str, str]) -> str:
    """The configuration nginx runs: its template with the proxy's environment filled in."""
    templates = [
        source
        for target, source in proxy_mounts(services).items()
        if target.startswith("/etc/nginx/templates/") and target.endswith(".template")
    ]
    assert len(templates) == 1, "mount one template into /etc/nginx/templates/"
    text = "\n".join(
        line.split("#", 1)[0] for line in templates[0].read_text(encoding="utf-8").splitlines()
    )
    given = environment(services["proxy"], host)
    # The official image's envsubst replaces only variables set in the container.
    return re.sub(r"\$\{(\w+)\}", lambda m: given.get(m.group(1), m.group(0)), text)


def directives(config: str, name: str) -> list[list[str]]:
    """The arguments of every `name ...;` directive in an nginx configuration."""
    return [shlex.split(m.group(1)) for m in re.finditer(rf"(?m)^\s*{name}\s+([^;{{}}]*);", config)]


def proxied_header(config: str, header: str) -> str:
    values = [args[1] for args in directives(config, "proxy_set_header") if args[0] == header]
    assert len(values) == 1, f"set {header} exactly once"
    return values[0]


def test_the_proxy_forwards_to_gunicorns_port_on_web(services):
    config = nginx_config(services, {"DJANGO_SECRET_KEY": A_SECRET})
    upstream_servers = [args[0] for args in directives(config, "server") if args]
    targets = [urlsplit(args[0]).netloc for args in directives(config, "proxy_pass")]
    assert targets, "the proxy must proxy_pass to the app"
    addresses = set(upstream_servers) | set(targets)
    assert f"web:{gunicorn_port(services)}" in addresses


def test_the_proxy_listens_on_the_port_it_publishes(services):
    config = nginx_config(services, {"DJANGO_SECRET_KEY": A_SECRET})
    listening = {args[0].rsplit(":", 1)[-1] for args in directives(config, "listen")}
    for mapping in services["proxy"]["ports"]:
        assert str(mapping).split(":")[-1] in listening


def test_the_proxy_starts_after_web_is_healthy(services):
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


@pytest.mark.parametrize("host_value", [None, "9437184"])
def test_the_proxy_bounds_request_bodies_with_the_apps_own_limit(services, host_value):
    host = {"DJANGO_SECRET_KEY": A_SECRET}
    if host_value:
        host["DJANGO_REQUEST_MAX_BYTES"] = host_value
    limits = directives(nginx_config(services, host), "client_max_body_size")
    assert len(limits) == 1, "one client_max_body_size for the whole server"
    (limit,) = limits[0]
    assert limit.isdigit(), f"the limit must be a byte count the app shares, not {limit!r}"
    app_limit = booted(**environment(services["web"], host))["request_max"]
    assert int(limit) == app_limit
    if host_value:
        assert app_limit == int(host_value)


def test_the_proxy_overwrites_the_headers_the_app_believes(services):
    config = nginx_config(services, {"DJANGO_SECRET_KEY": A_SECRET})
    # Overwritten with what the proxy saw; `$proxy_add_x_forwarded_for` would keep a
    # client's forged addresses in front.
    assert proxied_header(config, "X-Forwarded-For") == "$remote_addr"
    assert proxied_header(config, "X-Forwarded-Proto") == "$scheme"
    assert proxied_header(config, "Host") == "$host"


def test_the_app_behind_the_proxy_believes_its_headers(services):
    values = booted(**environment(services["web"], {"DJANGO_SECRET_KEY": A_SECRET}))
    assert values["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["client_ip_headers"][0] == "HTTP_X_FORWARDED_FOR"


def test_the_proxy_health_check_requests_a_location_the_proxy_answers(services):
    config = nginx_config(services, {"DJANGO_SECRET_KEY": A_SECRET})
    url = re.search(r"http://[^\"'\s]+", healthcheck_command(services["proxy"]))
    assert url, "the proxy health check must request a URL"
    path = urlsplit(url.group(0)).path
    assert re.search(rf"location\s+=\s+{re.escape(path)}\s*\{{[^}}]*return\s+200", config)


@pytest.mark.parametrize(("name", "program"), [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_celery_on_the_project_app(services, name, program):
    arguments = command(services[name])
    assert arguments[0] == "celery"
    assert option(arguments, "-A") == "alakompass"
    assert importlib.import_module("alakompass").celery_app.main == "alakompass"
    assert program in arguments


def test_migrations_run_once_before_the_app_services_start(services):
    assert command(services["migrate"])[-2:] == ["migrate", "--noinput"]
    for name in APP_SERVICES:
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_app_services_wait_for_healthy_postgres_and_redis(services, name):
    depends_on = services[name]["depends_on"]
    assert isinstance(depends_on, dict), "use the long form with conditions"
    for dependency in ("postgres", "redis"):
        assert depends_on[dependency]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", ALL_SERVICES)
def test_every_long_running_service_has_a_health_check(services, name):
    healthcheck = services[name].get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert not healthcheck.get("disable", False)
    assert healthcheck_command(services[name]).strip()


def test_web_health_check_requests_the_health_view_on_gunicorns_port(services):
    probe = healthcheck_command(services["web"])
    url = re.search(r"http://[^\"'\s]+", probe)
    assert url, "the web health check must request a URL"
    parts = urlsplit(url.group(0))
    assert resolve(parts.path).view_name == "reports:health"
    assert str(parts.port) == option(command(services["web"]), "--bind").rsplit(":", 1)[1]


def test_worker_health_check_pings_the_worker_through_celery(services):
    probe = shlex.split(healthcheck_command(services["worker"]))
    assert probe[0] == "celery"
    assert option(probe, "-A") == option(command(services["worker"]), "-A")
    assert probe[probe.index("inspect") + 1] == "ping"


def test_beat_health_check_reads_the_pid_file_beat_writes(services):
    pidfile = option(command(services["beat"]), "--pidfile")
    assert pidfile, "beat must write a pid file for its health check"
    assert pidfile in healthcheck_command(services["beat"])


def test_postgres_health_check_asks_for_the_database_the_app_uses(services):
    probe = shlex.split(healthcheck_command(services["postgres"]))
    postgres = environment(services["postgres"])
    assert probe[0] == "pg_isready"
    assert option(probe, "-U") == postgres["POSTGRES_USER"]
    assert option(probe, "-d") == postgres["POSTGRES_DB"]


def test_redis_health_check_pings_redis(services):
    assert shlex.split(healthcheck_command(services["redis"])) == ["redis-cli", "ping"]


# The image


def test_the_image_runs_a_python_the_project_supports():
    image = instructions("FROM")[-1].split()[0]
    repository, _, tag = image.partition(":")
    assert repository == "python"
    version = re.match(r"(\d+)\.(\d+)", tag)
    assert version, f"pin the Python version in the tag: {image}"
    pyproject = (BASE_DIR / "pyproject.toml").read_text(encoding="utf-8")
    minimum = re.search(r'requires-python = ">=(\d+)\.(\d+)"', pyproject)
    assert tuple(map(int, version.groups())) >= tuple(map(int, minimum.groups()))


def test_the_image_installs_the_runtime_requirements_and_debian_packages():
    commands = run_commands()
    pip = [c for c in commands if c[:2] == ["pip", "install"]]
    assert any(option(c, "-r") == "requirements.txt" for c in pip)
    installed = {
        package
        for c in commands
        if c[:2] == ["apt-get", "install"]
        for package in c[2:]
        if not package.startswith("-")
    }
    missing = bootstrap_runtime_packages() - installed
    assert not missing, f"the image lacks what scripts/bootstrap installs to run: {missing}"


@pytest.mark.parametrize("step", ["collectstatic", "compilemessages"])
def test_the_image_builds_static_files_and_translations(step):
    assert any("manage.py" in c and step in c for c in run_commands())


def test_the_image_runs_as_a_user_it_creates_not_as_root():
    users = instructions("USER")
    assert users, "the image must not run as root"
    assert users[-1] not in {"root", "0"}
    created = [c for c in run_commands() if c[0] in {"useradd", "adduser"}]
    assert any(c[-1] == users[-1] for c in created)


def test_the_image_serves_gunicorn_on_the_port_it_exposes():
    arguments = json.loads(instructions("CMD")[-1])  # the exec form, so signals reach gunicorn
    assert arguments[0] == "gunicorn"
    assert callable(importlib.import_module(arguments[1]).application)
    port = option(arguments, "--bind").rsplit(":", 1)[1]
    assert port in instructions("EXPOSE")[-1].split()


def test_the_image_and_compose_agree_on_the_media_root(services):
    image_env = dict(
        item.split("=", 1) for step in instructions("ENV") for item in shlex.split(step)
    )
    compose_env = environment(services["web"], {"DJANGO_SECRET_KEY": A_SECRET})
    assert image_env["DJANGO_MEDIA_ROOT"] == compose_env["DJANGO_MEDIA_ROOT"]


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".env", ".venv", ".git", "db.sqlite3"} <= set(ignored)
