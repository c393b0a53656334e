"""Run the load test: its own database, gunicorn, Locust, the write check, then clean up.

Everything it starts listens on or talks to 127.0.0.1 only, and everything it starts it stops
(gunicorn by its process group, Locust by a time limit and a timeout), also after an error or
Ctrl-C. The steps that need Django on the load database run in child processes of
`manage.py loadtest` with that database in their environment, since settings are read once
per process.
"""

import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

# psycopg2 (the project's PostgreSQL driver) ships no type information.
import psycopg2  # type: ignore[import-untyped]
from psycopg2 import sql

from demo.load.plan import Split

BASE_DIR = Path(__file__).resolve().parent.parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
LOCAL = "127.0.0.1"
LOCAL_NAMES = {LOCAL, "localhost"}
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
START_TIMEOUT = 60.0  # seconds gunicorn may take to answer its first request
STOP_TIMEOUT = 15  # seconds Locust gives users to finish their current action (or first round)


class LoadTestError(Exception):
    """A step of the load test could not run; the message says which and why."""


@dataclass(frozen=True)
class Server:
    """The local PostgreSQL server the load database lives on."""

    user: str
    password: str
    port: int

    def url(self, database: str) -> str:
        secret = f":{quote(self.password, safe='')}" if self.password else ""
        return f"postgres://{quote(self.user, safe='')}{secret}@{LOCAL}:{self.port}/{database}"


def server_from(database_url: str | None) -> Server:
    """The server of DATABASE_URL when it is PostgreSQL on this machine, else the default.

    Any other host is refused: the load test never sends traffic anywhere but 127.0.0.1.
    """
    url = urlsplit(database_url or DEFAULT_SERVER)
    if not url.scheme.startswith("postgres"):
        url = urlsplit(DEFAULT_SERVER)
    if (url.hostname or LOCAL) not in LOCAL_NAMES:
        raise LoadTestError(
            f"DATABASE_URL names the host {url.hostname}: the load test runs against "
            "PostgreSQL on 127.0.0.1 only."
        )
    return Server(
        user=unquote(url.username or "postgres"),
        password=unquote(url.password or ""),
        port=url.port or 5432,
    )


def database_name_check(name: str, database_url: str | None) -> None:
    """Refuse a name the load test must not drop: it must say "load" and be no other's."""
    configured = urlsplit(database_url or "").path.lstrip("/")
    if not name.replace("_", "").isalnum() or not name.islower() or "load" not in name:
        raise LoadTestError(
            f"Use a database name of lower-case letters, digits and _ containing 'load' "
            f"(it is dropped and created again), not {name!r}."
        )
    if name == configured:
        raise LoadTestError(f"{name} is the DATABASE_URL's own database: choose another name.")


def _admin(server: Server) -> Any:
    """A connection to the server's maintenance database, outside any transaction."""
    try:
        connection = psycopg2.connect(
            host=LOCAL,
            port=server.port,
            user=server.user,
            password=server.password,
            dbname="postgres",
        )
    except psycopg2.Error as exc:
        raise LoadTestError(f"PostgreSQL on 127.0.0.1:{server.port} refused: {exc}") from exc
    connection.autocommit = True
    return connection


def database_recreate(server: Server, name: str) -> None:
    """Drop the load database if it exists and create it empty."""
    with closing(_admin(server)) as connection, connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_drop(server: Server, name: str) -> None:
    with closing(_admin(server)) as connection, connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((LOCAL, 0))
        port: int = probe.getsockname()[1]
        return port


def child_environment(database_url: str, work: Path) -> dict[str, str]:
    """The environment of every process the load test starts: production settings on the
    load database, a throwaway secret key, plain HTTP on 127.0.0.1, tasks in-process."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CELERY_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=LOCAL,
        # Plain HTTP on the loopback interface: cookies marked Secure would never be sent back.
        DJANGO_SECURE_COOKIES="false",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        PYTHONPATH=str(BASE_DIR),
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float) -> str:
    """Run `manage.py ARGS` in a child process on the load database; its standard output."""
    done = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise LoadTestError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # 127.0.0.1 only
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@dataclass(frozen=True)
class Running:
    base: str
    pid: int


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) of a process and its children so far, from /proc
    (Linux); None where /proc cannot be read."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # the process ended meanwhile
                continue
            fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
            if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent
                total += int(fields[11]) + int(fields[12])  # utime, stime
    except OSError:
        return None
    return total / ticks


@contextmanager
def gunicorn(env: dict[str, str], *, port: int, workers: int, work: Path) -> Iterator[Running]:
    """gunicorn on 127.0.0.1:port while the block runs: its base URL and master's pid."""
    log = (work / "gunicorn.log").open("w")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "alakompass.wsgi",
        f"--bind={LOCAL}:{port}",
        f"--workers={workers}",
        "--timeout=60",
        "--graceful-timeout=5",
        f"--access-logfile={work / 'access.log'}",
    ]
    process = subprocess.Popen(
        command, env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://{LOCAL}:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(f"{base}/konto/login/"):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = (work / "gunicorn.log").read_text()[-3000:]
                raise LoadTestError(f"gunicorn did not start on {base}:\n{tail}")
            time.sleep(0.3)
        yield Running(base=base, pid=process.pid)
    finally:
        _stop(process)
        log.close()


def _stop(process: "subprocess.Popen[bytes]") -> None:
    """SIGTERM to gunicorn's process group (master and workers), SIGKILL after 15 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def locust_run(
    env: dict[str, str], *, base: str, split: Split, duration: int, plan: Path, work: Path
) -> tuple[Path, float]:
    """Locust headless for `duration` seconds: the file of every request it made, and the
    CPU seconds Locust used."""
    requests = work / "requests.jsonl"
    classes = [
        name
        for name, count in (
            ("CoordinatorUser", split.coordinators),
            ("SamUser", split.sam),
            ("BoardUser", split.board),
        )
        if count
    ]
    users = split.coordinators + split.sam + split.board
    locust_env = {
        **env,
        "LOADTEST_PLAN": str(plan),
        "LOADTEST_MARKERS": str(work / "markers.jsonl"),
        "LOADTEST_REQUESTS": str(requests),
        "LOADTEST_SPLIT": f"{split.coordinators},{split.sam},{split.board}",
    }
    command = [
        sys.executable,
        "-m",
        "locust",
        f"--locustfile={LOCUSTFILE}",
        "--headless",
        f"--users={users}",
        f"--spawn-rate={users}",
        f"--run-time={duration}s",
        f"--stop-timeout={STOP_TIMEOUT}",
        f"--host={base}",
        "--only-summary",
        "--loglevel=WARNING",
        *classes,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (work / "locust.log").open("w") as log:
        try:
            subprocess.run(
                command,
                env=locust_env,
                cwd=BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=duration + STOP_TIMEOUT + 60,
                check=False,  # Locust exits 1 when any request failed: the summary says so
            )
        except subprocess.TimeoutExpired as exc:
            raise LoadTestError("Locust did not stop in time (it was killed).") from exc
    if not requests.exists():
        tail = (work / "locust.log").read_text()[-3000:]
        raise LoadTestError(f"Locust made no request:\n{tail}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return requests, cpu


def plan_write(path: Path, plan: dict[str, object]) -> None:
    path.write_text(json.dumps(plan), encoding="utf-8")
    path.chmod(0o600)  # it holds the virtual users' (throwaway) password
