"""The load test (`manage.py loadtest`, demo/load/): its parts, and one short run of the real thing.

The parts: the form reader the virtual users submit forms with, the percentiles and the
target check of the summary, the refusals that keep the load test on 127.0.0.1 and on a
database of its own, and the write check, which must find a save that was lost, stored
twice or stored although refused. Then the real command with 2 users for a few seconds
against gunicorn and PostgreSQL: every endpoint answered, the write check ran, and nothing
it started is left behind (docs/benchmark.md has the full 20-user runs).
"""

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest

from demo.load import check, htmlforms, runner, summary
from demo.load.plan import EDITED_AXIS, Split
from tests import factories
from tests.conftest import require_service

BASE_DIR = Path(__file__).resolve().parent.parent
MARKER_A = "loadtest-" + "a" * 32
MARKER_B = "loadtest-" + "b" * 32
MARKER_C = "loadtest-" + "c" * 32

PAGE = """
<form action="/i18n/setlang/" method="post"><input name="language" value="sv"></form>
<form method="post" id="edit">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok&amp;en">
  <input type="hidden" name="version" value="3">
  <input name="title" value="Gästföreläsning &lt;b&gt;">
  <input type="checkbox" name="assessed" checked>
  <input type="checkbox" name="reflection" value="yes">
  <input type="radio" name="status" value="mandatory">
  <input type="radio" name="status" value="elective" checked>
  <input name="locked" value="x" disabled>
  <input type="file" name="upload">
  <button type="submit" name="save_and_add">Spara</button>
  <select name="type"><option value="">—</option><option value="4">Studiebesök</option></select>
  <select name="course"><option value="1">A</option><option value="2" selected>B</option></select>
  <select name="outcomes" multiple><option value="7" selected>x</option><option>8</option>
    <option value="9" selected>y</option></select>
  <textarea name="description">
rad ett &amp; två</textarea>
  <template><input name="partners-__prefix__-role" value=""></template>
</form>
"""


def test_a_form_is_read_as_a_browser_would_submit_it():
    form = htmlforms.form_with(PAGE, "title")
    assert form.attrs["id"] == "edit"
    assert form.fields == [
        ("csrfmiddlewaretoken", "tok&en"),
        ("version", "3"),
        ("title", "Gästföreläsning <b>"),
        ("assessed", "on"),
        ("status", "elective"),
        ("type", ""),
        ("course", "2"),
        ("outcomes", "7"),
        ("outcomes", "9"),
        ("description", "rad ett & två"),
    ]
    assert htmlforms.select_options(PAGE, "type") == ["", "4"]


def test_setting_a_field_replaces_every_value_it_had():
    form = htmlforms.form_with(PAGE, "title")
    form.set("outcomes", "8")
    form.set("hours", "2")
    assert [value for name, value in form.fields if name == "outcomes"] == ["8"]
    assert form.get("hours") == "2"
    assert form.get("missing") is None


def test_a_field_name_that_two_forms_send_is_refused():
    with pytest.raises(ValueError, match="2 forms"):
        htmlforms.form_with(PAGE + PAGE, "title")
    with pytest.raises(ValueError, match="0 forms"):
        htmlforms.form_with(PAGE, "username")


def test_percentiles_are_nearest_rank_over_every_request():
    times = [float(ms) for ms in range(1, 101)]
    assert summary.percentile(times, 0.50) == 50
    assert summary.percentile(times, 0.95) == 95
    assert summary.percentile(times, 0.99) == 99
    assert summary.percentile([7.0], 0.99) == 7
    assert summary.percentile([], 0.5) is None


def _requests(name: str, times: list[float], errors: int = 0) -> list[summary.Request]:
    return [
        summary.Request(
            method="GET",
            name=name,
            ms=ms,
            start=float(i),
            error="HTTP 500" if i < errors else None,
        )
        for i, ms in enumerate(times)
    ]


def test_an_endpoint_misses_its_target_on_a_slow_p95_or_any_error():
    rows, total = summary.endpoints_of(
        _requests("SAM dashboard", [100.0] * 90 + [900.0] * 10)
        + _requests("programme page", [100.0] * 10, errors=1)
        + _requests("login (POST)", [3000.0] * 4)
        + _requests("compass page", [100.0] * 10)
    )
    by_name = {row.name: row for row in rows}
    assert by_name["SAM dashboard"].p95 == 900
    assert not by_name["SAM dashboard"].passed
    assert not by_name["programme page"].passed
    assert by_name["login (POST)"].passed  # no time target, no error
    assert by_name["compass page"].passed
    assert total is not None
    assert (total.requests, total.failures) == (124, 1)
    assert summary.misses(rows) == [
        "SAM dashboard: p95 900 ms, 400 ms over the 500 ms target",
        "programme page: 1 errors of 10 requests",
    ]
    assert summary.failures_of(_requests("programme page", [1.0, 2.0], errors=2)) == [
        ("programme page", "HTTP 500", 2)
    ]


def test_the_steady_state_figures_start_after_the_last_login():
    requests = [
        summary.Request("POST", "login (POST)", 2000.0, 0.0, None),  # answered at 2 s
        summary.Request("GET", "compass page", 900.0, 1.0, None),  # during the logins
        summary.Request("GET", "compass page", 100.0, 2.5, None),
        summary.Request("GET", "SAM dashboard", 300.0, 3.0, "HTTP 500"),
    ]
    offset, later = summary.after_logins(requests)
    assert offset == 2.0
    assert later is not None
    assert (later.requests, later.failures, later.max) == (2, 1, 300.0)
    assert summary.after_logins_line(requests).startswith(
        "after the last login (2 s into the run): 2 requests"
    )


def test_the_users_split_into_coordinators_sam_and_board():
    assert Split.of(20) == Split(coordinators=10, sam=5, board=5)
    assert Split.of(2) == Split(coordinators=1, sam=1, board=0)
    assert Split.of(3) == Split(coordinators=2, sam=1, board=0)
    with pytest.raises(ValueError, match="at least 2"):
        Split.of(1)


def test_the_load_test_talks_to_postgresql_on_this_machine_only():
    assert runner.server_from("postgres://u:p%40ss@localhost:5433/x") == runner.Server(
        user="u", password="p@ss", port=5433
    )
    assert runner.server_from("sqlite:///db.sqlite3") == runner.Server("postgres", "", 5432)
    assert runner.server_from(None).url("alakompass_load") == (
        "postgres://postgres@127.0.0.1:5432/alakompass_load"
    )
    with pytest.raises(runner.LoadTestError, match=r"127\.0\.0\.1 only"):
        runner.server_from("postgres://postgres@db.example.se:5432/alakompass")


@pytest.mark.parametrize("name", ["alakompass", "Load", "load;drop", "ala-load", "ala_h12"])
def test_a_database_it_may_not_drop_is_refused(name):
    with pytest.raises(runner.LoadTestError):
        runner.database_name_check(name, "postgres://postgres@127.0.0.1:5432/ala_h12")


def test_its_own_database_name_is_accepted_unless_it_is_the_configured_one():
    runner.database_name_check("alakompass_load", "postgres://postgres@127.0.0.1/ala")
    with pytest.raises(runner.LoadTestError, match="own database"):
        runner.database_name_check("ala_load", "postgres://postgres@127.0.0.1/ala_load")


def _save(kind: str, marker: str, outcome: str, order: int, object_id: int | None = None):
    return check.Save(kind=kind, marker=marker, object_id=object_id, outcome=outcome, order=order)


def _by_kind(checks: list[check.KindCheck]) -> dict[str, check.KindCheck]:
    return {item.kind: item for item in checks}


def test_the_write_check_passes_saves_stored_exactly_once(program):
    activity = factories.ActivityFactory(program=program, title=MARKER_A)
    activity.description = MARKER_B
    activity.save()
    saves = [
        _save("activity_create", MARKER_A, "success", 0),
        _save("activity_edit", MARKER_B, "success", 1, activity.pk),
        _save("activity_edit", MARKER_C, "failure", 2, activity.pk),
    ]
    checks = _by_kind(check.writes_check(saves))
    assert checks["activity_create"].stored_once == 1
    assert checks["activity_edit"].stored_once == 1
    assert checks["activity_edit"].refused == 1
    assert all(item.ok for item in checks.values())


def test_the_write_check_finds_lost_duplicated_and_refused_but_stored_saves(program):
    factories.ActivityFactory(program=program, title=MARKER_A)
    factories.ActivityFactory(program=program, title=MARKER_A)  # a creation stored twice
    factories.ActivityFactory(program=program, title=MARKER_C)  # refused, stored anyway
    saves = [
        _save("activity_create", MARKER_A, "success", 0),
        _save("activity_create", MARKER_B, "success", 1),  # answered 302, never stored
        _save("activity_create", MARKER_C, "failure", 2),
    ]
    created = _by_kind(check.writes_check(saves))["activity_create"]
    assert (created.duplicated, created.lost, created.stored_though_refused) == (1, 1, 1)
    assert not created.ok


def test_the_write_check_finds_a_last_edit_that_another_save_overwrote(program):
    compass_round = factories.CompassRoundFactory(program=program)
    target = factories.TargetFactory(round=compass_round, axis=EDITED_AXIS, motivation=MARKER_A)
    target.motivation = MARKER_B
    target.save()
    # The history holds both edits once each, but the row went back to the older text.
    target.motivation = MARKER_A
    target.save()
    saves = [
        _save("target_edit", MARKER_A, "success", 0, compass_round.pk),
        _save("target_edit", MARKER_B, "success", 1, compass_round.pk),
    ]
    edited = _by_kind(check.writes_check(saves))["target_edit"]
    assert edited.latest_lost == 1
    assert edited.duplicated == 1  # MARKER_A is in two history rows
    assert not edited.ok


def test_a_marker_in_the_database_that_no_save_recorded_is_reported(program):
    action = factories.ActionFactory(round=factories.CompassRoundFactory(program=program))
    action.description = MARKER_C
    action.save()
    edited = _by_kind(check.writes_check([]))["action_edit"]
    assert edited.unrecorded == 1
    assert not edited.ok


def test_the_markers_file_keeps_each_markers_last_outcome(tmp_path):
    lines = [
        {"kind": "action_edit", "marker": MARKER_A, "object": 4, "outcome": "attempt"},
        {"kind": "action_edit", "marker": MARKER_B, "object": 4, "outcome": "attempt"},
        {"kind": "action_edit", "marker": MARKER_A, "object": 4, "outcome": "success"},
    ]
    path = tmp_path / "markers.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    saves = check.saves_read(path)
    assert [(s.marker, s.outcome) for s in saves] == [
        (MARKER_A, "success"),
        (MARKER_B, "attempt"),  # cut off at the end of the run: no answer
    ]


ENDPOINTS = [
    "SAM dashboard",
    "action edit (POST)",
    "action form (GET)",
    "activity create (POST)",
    "activity edit (POST)",
    "activity form, edit (GET)",
    "activity form, new (GET)",
    "compass page",
    "faculty view",
    "login (POST)",
    "login form (GET)",
    "målbild edit (POST)",
    "målbild form (GET)",
    "programme page",
]
SAVES = ["activity created", "activity edited", "action edited", "målbild edited"]


def _database_exists(url: str, name: str) -> bool:
    server = runner.server_from(url)
    connection = psycopg2.connect(
        host="127.0.0.1",
        port=server.port,
        user=server.user,
        password=server.password,
        dbname="postgres",
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None
    finally:
        connection.close()


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.integration
def test_the_load_test_runs_against_gunicorn_and_checks_every_save():
    url = os.environ.get("DATABASE_URL", "")
    require_service(urlsplit(url).scheme.startswith("postgres"), "PostgreSQL (DATABASE_URL)")
    name = f"alakompass_load_test_{os.getpid()}"
    port = runner.free_port()
    done = subprocess.run(
        [
            sys.executable,
            str(BASE_DIR / "manage.py"),
            "loadtest",
            "--users=2",
            "--duration=5",
            "--workers=2",
            f"--database={name}",
            f"--port={port}",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    for endpoint in ENDPOINTS:
        (row,) = [line for line in out.splitlines() if line.startswith(f"{endpoint} ")]
        requests, _per_second, errors = row[len(endpoint) :].split()[:3]
        assert int(requests) >= 1, row
        assert int(errors) == 0, row
    for save in SAVES:
        (row,) = [line for line in out.splitlines() if line.startswith(f"{save} ")]
        succeeded, stored_once, lost, duplicated = row[len(save) :].split()[:4]
        assert int(succeeded) >= 1, row
        assert stored_once == succeeded, row
        assert (lost, duplicated) == ("0", "0"), row
        assert row.endswith("pass"), row
    assert re.search(r"writes: \d+ saves answered with success; 0 lost, 0 duplicated", out)
    assert "load average before" in out
    assert re.search(r"CPU used: gunicorn workers \d+\.\d s \(\d+ ms per request\)", out)
    assert "result:" in out
    assert not _database_exists(url, name)
    assert not _listening(port)
