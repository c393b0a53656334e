"""The load test's printed summary: per endpoint and per kind of save, beside the targets.

Pure functions over the requests the locustfile recorded (every request with its time and
error, demo/load/locustfile.py) and the write check's results (demo/load/check.py).
Percentiles are exact (nearest rank over every request), not Locust's rounded histogram.
"""

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

P95_TARGET_MS = 500.0
# Logging in hashes the password (PBKDF2, deliberately slow) and happens once per user, all
# at the start: its errors count, its time has no target.
UNTIMED = ("login form (GET)", "login (POST)")


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    requests: int
    failures: int
    per_second: float
    p50: float | None
    p95: float | None
    p99: float | None
    max: float | None

    @property
    def timed(self) -> bool:
        return self.name not in UNTIMED

    @property
    def passed(self) -> bool:
        if self.failures:
            return False
        return not self.timed or (self.p95 is not None and self.p95 <= P95_TARGET_MS)


@dataclass(frozen=True)
class Request:
    method: str
    name: str
    ms: float
    start: float
    error: str | None


def requests_read(path: Path) -> list[Request]:
    """The requests file the locustfile writes (one JSON line per request)."""
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Request(
            method=row["method"],
            name=row["name"],
            ms=float(row["ms"]),
            start=float(row["start"] or 0),
            error=row["error"],
        )
        for row in rows
    ]


def percentile(sorted_ms: list[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest time at least `share` of the requests took."""
    if not sorted_ms:
        return None
    rank = max(1, math.ceil(share * len(sorted_ms)))
    return sorted_ms[rank - 1]


def _endpoint(name: str, method: str, requests: list[Request], seconds: float) -> Endpoint:
    times = sorted(request.ms for request in requests)
    return Endpoint(
        name=name,
        method=method,
        requests=len(requests),
        failures=sum(1 for request in requests if request.error is not None),
        per_second=len(requests) / seconds if seconds > 0 else 0.0,
        p50=percentile(times, 0.50),
        p95=percentile(times, 0.95),
        p99=percentile(times, 0.99),
        max=times[-1] if times else None,
    )


def endpoints_of(requests: list[Request]) -> tuple[list[Endpoint], Endpoint | None]:
    """Per endpoint (Locust's request name) and for all requests: counts and percentiles.

    Throughput is per second of the run: from the first request's start to the last one's end.
    """
    if not requests:
        return [], None
    seconds = max(r.start + r.ms / 1000 for r in requests) - min(r.start for r in requests)
    by_name: dict[str, list[Request]] = defaultdict(list)
    for request in requests:
        by_name[request.name].append(request)
    rows = [_endpoint(name, found[0].method, found, seconds) for name, found in by_name.items()]
    return rows, _endpoint("Aggregated", "", requests, seconds)


def after_logins(requests: list[Request]) -> tuple[float, Endpoint | None]:
    """The requests made after the last login answered (every user at work, none logging
    in): seconds into the run when that was, and their figures together."""
    logins = [r.start + r.ms / 1000 for r in requests if r.name in UNTIMED]
    if not requests or not logins:
        return 0.0, None
    since = max(logins)
    later = [r for r in requests if r.start >= since and r.name not in UNTIMED]
    if not later:
        return since - min(r.start for r in requests), None
    seconds = max(r.start + r.ms / 1000 for r in later) - since
    return since - min(r.start for r in requests), _endpoint("after", "", later, seconds)


def after_logins_line(requests: list[Request]) -> str:
    offset, later = after_logins(requests)
    if later is None:
        return "after the last login: no requests"
    return (
        f"after the last login ({offset:.0f} s into the run): {later.requests} requests, "
        f"{later.per_second:.1f}/s, {later.failures} errors, p50 {_ms(later.p50)}, "
        f"p95 {_ms(later.p95)}, p99 {_ms(later.p99)}"
    )


def failures_of(requests: list[Request]) -> list[tuple[str, str, int]]:
    """The errors: (endpoint, error, occurrences), most frequent first."""
    counts = Counter((r.name, r.error) for r in requests if r.error is not None)
    return [(name, error, count) for (name, error), count in counts.most_common() if error]


def _ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def endpoint_lines(rows: list[Endpoint], total: Endpoint | None) -> list[str]:
    """The endpoint table: throughput, errors, p50/p95/p99/max, the p95 target, the result."""
    header = (
        f"{'endpoint':<28} {'requests':>8} {'req/s':>6} {'errors':>6} {'p50':>7} "
        f"{'p95':>7} {'p99':>7} {'max':>7} {'target':>9}  result"
    )
    lines = [header, "-" * len(header)]
    for row in [*sorted(rows, key=lambda r: r.name), *([total] if total else [])]:
        is_total = row is total
        target = "" if is_total else ("0 errors" if not row.timed else "≤ 500 ms")
        result = "" if is_total else ("pass" if row.passed else "MISS")
        lines.append(
            f"{'all requests' if is_total else row.name:<28} {row.requests:>8} "
            f"{row.per_second:>6.1f} {row.failures:>6} {_ms(row.p50):>7} {_ms(row.p95):>7} "
            f"{_ms(row.p99):>7} {_ms(row.max):>7} {target:>9}  {result}".rstrip()
        )
    return lines


def misses(rows: list[Endpoint]) -> list[str]:
    """One sentence per endpoint that missed a target, with by how much."""
    found = []
    for row in sorted(rows, key=lambda r: r.name):
        if row.failures:
            found.append(f"{row.name}: {row.failures} errors of {row.requests} requests")
        if row.timed and row.p95 is not None and row.p95 > P95_TARGET_MS:
            over = row.p95 - P95_TARGET_MS
            found.append(f"{row.name}: p95 {_ms(row.p95)}, {_ms(over)} over the 500 ms target")
    return found


def write_lines(checks: list[dict[str, Any]]) -> list[str]:
    """The write-check table: saves answered with success, stored once, lost, duplicated."""
    header = (
        f"{'save':<18} {'succeeded':>9} {'stored 1×':>9} {'lost':>5} {'duplicated':>10} "
        f"{'refused':>7} {'refused+stored':>14} {'no answer':>9} {'last edit lost':>14}  result"
    )
    lines = [header, "-" * len(header)]
    for check in checks:
        lines.append(
            f"{check['label']:<18} {check['succeeded']:>9} {check['stored_once']:>9} "
            f"{check['lost']:>5} {check['duplicated']:>10} {check['refused']:>7} "
            f"{check['stored_though_refused']:>14} {check['unanswered']:>9} "
            f"{check['latest_lost']:>14}  {'pass' if check['ok'] else 'MISS'}"
        )
    for check in checks:
        if check["unrecorded"]:
            lines.append(
                f"{check['label']}: {check['unrecorded']} markers in the database that no "
                "save recorded"
            )
        lines.extend(f"  {example}" for example in check["examples"])
    return lines


def cpu_line(*, server: float | None, locust: float, total: Endpoint | None) -> str:
    """CPU seconds gunicorn's workers and Locust used during the run (PostgreSQL's and the
    rest of the machine's come on top): the server's cost per request, whatever the load."""
    requests = total.requests if total else 0
    per_request = (
        f" ({server / requests * 1000:.0f} ms per request)"
        if server is not None and requests
        else ""
    )
    served = "unknown (no /proc)" if server is None else f"{server:.1f} s{per_request}"
    return f"CPU used: gunicorn workers {served}, Locust {locust:.1f} s."


def load_text(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load) + " (1 / 5 / 15 min)"
