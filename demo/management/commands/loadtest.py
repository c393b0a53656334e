"""manage.py loadtest: 20 users for 60 s against gunicorn and PostgreSQL, then a write check.

    python manage.py loadtest                      # demo university, 20 users, 60 s
    python manage.py loadtest --data benchmark --programs 1000 --courses 20000 --activities 100000

Creates its own database (dropped and created again, then dropped at the end), migrates and
fills it, starts gunicorn on 127.0.0.1 with DEBUG off, runs Locust headless
(demo/load/locustfile.py), stops everything it started and prints per endpoint the
throughput, errors and p50/p95/p99 beside the targets (0 errors, p95 ≤ 500 ms), the write
check (every save answered with success stored exactly once, demo/load/check.py) and the
machine's load average before and after. See docs/benchmark.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from demo.benchmark.generator import BenchScale
from demo.load import check, plan, runner, summary
from demo.load.shape import THINK_SECONDS


class Command(BaseCommand):
    help = (
        "Load test: its own PostgreSQL database on 127.0.0.1, gunicorn with DEBUG off, Locust "
        "headless (coordinators editing through the real forms, SAM and board users reading), "
        "then per-endpoint throughput, errors and p50/p95/p99 and a check that every "
        "successful save is stored exactly once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, default=20, help="virtual users (default 20)")
        parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
        parser.add_argument(
            "--workers", type=int, default=4, help="gunicorn worker processes (default 4)"
        )
        parser.add_argument(
            "--data",
            choices=["demo", "benchmark"],
            default="demo",
            help="the demo university (default) or the benchmark's synthetic one",
        )
        parser.add_argument("--programs", type=int, default=1000, help="with --data benchmark")
        parser.add_argument("--courses", type=int, default=20000, help="with --data benchmark")
        parser.add_argument("--activities", type=int, default=100000, help="with --data benchmark")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--database",
            default="alakompass_load",
            help="the load test's own database (dropped and created again; default "
            "alakompass_load), on the PostgreSQL server of DATABASE_URL at 127.0.0.1",
        )
        parser.add_argument(
            "--port", type=int, default=0, help="gunicorn's port (default: a free one)"
        )
        parser.add_argument(
            "--keep-database", action="store_true", help="leave the load database in place"
        )
        parser.add_argument(
            "--output", help="keep the plan, the requests, the markers and the logs in this folder"
        )
        parser.add_argument(
            "--fail-on-miss",
            action="store_true",
            help="exit non-zero when an endpoint misses its target (lost or duplicated "
            "writes always do)",
        )
        # The steps that run in a child process on the load database.
        parser.add_argument("--internal-prepare", help=argparse.SUPPRESS)
        parser.add_argument("--internal-check", help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["internal_prepare"]:
            self._prepare(Path(options["internal_prepare"]), options)
            return
        if options["internal_check"]:
            self._on_load_database_only()
            saves = check.saves_read(Path(options["internal_check"]))
            self.stdout.write(check.checks_json(check.writes_check(saves)))
            return
        try:
            self._run(options)
        except (runner.LoadTestError, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _on_load_database_only(self) -> None:
        name = str(connection.settings_dict["NAME"])
        if connection.vendor != "postgresql" or "load" not in name:
            raise CommandError(f"The internal steps run only on a load database, not {name}.")

    def _prepare(self, path: Path, options: dict[str, Any]) -> None:
        self._on_load_database_only()
        scale = BenchScale(
            programs=options["programs"],
            courses=options["courses"],
            activities=options["activities"],
        )
        plan.data_load(data=options["data"], scale=scale, seed=options["seed"])
        load_plan = plan.plan_prepare(
            data=options["data"],
            split=plan.Split.of(options["users"]),
            password=os.environ.get("LOADTEST_PASSWORD", "") or os.urandom(16).hex(),
            seed=options["seed"],
        )
        runner.plan_write(path, load_plan.as_json())

    def _run(self, options: dict[str, Any]) -> None:
        if options["duration"] < 1 or options["workers"] < 1:
            raise CommandError("Use --duration >= 1 and --workers >= 1.")
        split = plan.Split.of(options["users"])
        database_url = os.environ.get("DATABASE_URL")
        server = runner.server_from(database_url)
        name = options["database"]
        runner.database_name_check(name, database_url)
        work = Path(options["output"] or tempfile.mkdtemp(prefix="alakompass-load-"))
        work.mkdir(parents=True, exist_ok=True)
        env = runner.child_environment(server.url(name), work)
        port = options["port"] or runner.free_port()
        plan_path = work / "plan.json"
        try:
            self.stdout.write(f"Preparing the database {name} ({options['data']} data) …")
            start = time.perf_counter()
            runner.database_recreate(server, name)
            runner.manage(env, *self._prepare_args(plan_path, options), timeout=1800)
            load_plan = json.loads(plan_path.read_text())
            self.stdout.write(f"Prepared in {time.perf_counter() - start:.0f} s.")
            load_before = os.getloadavg()
            self.stdout.write(
                f"Running {options['users']} users for {options['duration']} s against "
                f"gunicorn ({options['workers']} workers) on 127.0.0.1:{port} …"
            )
            with runner.gunicorn(env, port=port, workers=options["workers"], work=work) as web:
                server_cpu_before = runner.tree_cpu_seconds(web.pid)
                requests_file, locust_cpu = runner.locust_run(
                    env,
                    base=web.base,
                    split=split,
                    duration=options["duration"],
                    plan=plan_path,
                    work=work,
                )
                load_after = os.getloadavg()
                server_cpu_after = runner.tree_cpu_seconds(web.pid)
            server_cpu = (
                None
                if server_cpu_before is None or server_cpu_after is None
                else server_cpu_after - server_cpu_before
            )
            requests = summary.requests_read(requests_file)
            endpoints, total = summary.endpoints_of(requests)
            failures = summary.failures_of(requests)
            markers = work / "markers.jsonl"
            markers.touch()
            checks = json.loads(
                runner.manage(env, "loadtest", "--internal-check", str(markers), timeout=600)
            )
        finally:
            if not options["keep_database"]:
                runner.database_drop(server, name)
            if not options["output"]:
                shutil.rmtree(work, ignore_errors=True)
        self._report(
            options=options,
            split=split,
            load_plan=load_plan,
            loads=(load_before, load_after),
            requests=requests,
            cpu=(server_cpu, locust_cpu),
            endpoints=endpoints,
            total=total,
            failures=failures,
            checks=checks,
        )

    def _report(
        self,
        *,
        options: dict[str, Any],
        split: plan.Split,
        load_plan: dict[str, Any],
        loads: tuple[tuple[float, float, float], tuple[float, float, float]],
        requests: list[summary.Request],
        cpu: tuple[float | None, float],
        endpoints: list[summary.Endpoint],
        total: summary.Endpoint | None,
        failures: list[tuple[str, str, int]],
        checks: list[dict[str, Any]],
    ) -> None:
        write = self.stdout.write
        write("")
        low, high = THINK_SECONDS
        coordinators = f"{split.coordinators} coordinator" + (
            "s" if split.coordinators != 1 else ""
        )
        write(
            f"Load test {time.strftime('%Y-%m-%d %H:%M')}, commit {_commit()}: "
            f"{options['users']} users ({coordinators}, {split.sam} SAM, {split.board} board) "
            f"for {options['duration']} s, think time {low}–{high} s; "
            f"gunicorn {options['workers']} workers, DEBUG off, Celery tasks in-process; "
            f"PostgreSQL on 127.0.0.1, {load_plan['data']} data ({load_plan['programs']} "
            "programmes)."
        )
        write(
            f"Machine: {os.cpu_count()} cores; load average before "
            f"{summary.load_text(loads[0])}, after {summary.load_text(loads[1])}."
        )
        write(summary.cpu_line(server=cpu[0], locust=cpu[1], total=total))
        write("")
        for line in summary.endpoint_lines(endpoints, total):
            write(line)
        write(
            "login: once per user at the start, with the deliberately slow password hash; "
            "its errors count, its time has no target."
        )
        write(summary.after_logins_line(requests))
        missed = summary.misses(endpoints)
        for sentence in missed:
            write(f"missed: {sentence}")
        for name, error, count in failures[:10]:
            write(f"error ×{count}: {name}: {error}")
        write("")
        for line in summary.write_lines(checks):
            write(line)
        saved = sum(check["succeeded"] for check in checks)
        lost = sum(check["lost"] + check["latest_lost"] for check in checks)
        duplicated = sum(check["duplicated"] for check in checks)
        writes_ok = all(check["ok"] for check in checks)
        write(
            f"writes: {saved} saves answered with success; {lost} lost, {duplicated} "
            f"duplicated; write check {'pass' if writes_ok else 'MISS'}."
        )
        passed = writes_ok and not missed
        write(
            f"result: {'pass' if passed else 'MISS'} (targets: 0 errors, p95 ≤ 500 ms on every "
            "endpoint, 0 lost or duplicated writes)"
        )
        if not writes_ok:
            raise CommandError("Saves answered with success were lost or stored twice.")
        if options["fail_on_miss"] and not passed:
            raise CommandError("An endpoint missed its target.")

    def _prepare_args(self, plan_path: Path, options: dict[str, Any]) -> list[str]:
        return [
            "loadtest",
            f"--internal-prepare={plan_path}",
            f"--data={options['data']}",
            f"--users={options['users']}",
            f"--seed={options['seed']}",
            f"--programs={options['programs']}",
            f"--courses={options['courses']}",
            f"--activities={options['activities']}",
        ]


def _commit() -> str:
    """The checked-out commit, for the record (unknown outside a git work tree)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=runner.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"
