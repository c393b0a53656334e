"""The load test's virtual users, run by Locust (started by `manage.py loadtest`).

Every user logs in through the real login form as an account of its own (demo/load/plan.py),
then works until Locust stops it, thinking THINK_SECONDS (demo/load/shape.py) between two
actions:

- a coordinator reads its programme page and compass page, adds activities and edits the
  ones it added, edits its action and, when the round is its alone, the målbild, each time
  through the page's real form: GET the page, send back every field the browser would send
  (the CSRF token and the record's version included), with one field changed;
- a SAM user reads the SAM dashboard, faculty views, programme pages and compass pages of
  the whole university;
- a board member reads its faculty's view, programme pages and compass pages.

Redirects are never followed, so a page that answers with a redirect (to the login page, a
lost session) counts as an error, and a save counts as done only on its 302.

Every save writes a marker of its own (`loadtest-` and a uuid) into the field it changes and
records the marker in the markers file (JSON lines) before the request and again with its
outcome: success (302), failure (any other answer) or unknown (no answer). demo/load/check.py
then counts the markers in the database: each success stored exactly once, no failure stored.

Environment: LOADTEST_PLAN (the plan's JSON file), LOADTEST_MARKERS (where to write the
markers), LOADTEST_REQUESTS (where to write every request), LOADTEST_SPLIT ("coordinators,sam,board": how many users of each kind).
"""

import json
import os
import random
import re
import time
import uuid
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from locust import HttpUser, between, events, task
from locust.clients import ResponseContextManager

from demo.load import htmlforms
from demo.load.shape import THINK_SECONDS

WAIT = between(*THINK_SECONDS)
LOGIN_URL = "/konto/login/"
MARKER_PREFIX = "loadtest-"
ACTIVITY_ANCHOR = re.compile(r"#activity-(\d+)$")
ERROR_TEXT = re.compile(
    r'class="[^"]*(?:alert-danger|invalid-feedback)[^"]*"[^>]*>(.*?)</(?:div|p|span)', re.S
)
TAGS = re.compile(r"<[^>]+>")


@cache
def plan() -> dict[str, Any]:
    """The plan written by `manage.py loadtest` (demo/load/plan.py)."""
    data: dict[str, Any] = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
    return data


def split() -> list[int]:
    return [int(part) for part in os.environ.get("LOADTEST_SPLIT", "1,1,0").split(",")]


@events.request.add_listener
def request_record(
    request_type: str,
    name: str,
    response_time: float,
    exception: BaseException | None,
    start_time: float | None = None,
    **_kwargs: Any,
) -> None:
    """Every request with its time and outcome, one JSON line in LOADTEST_REQUESTS.

    Locust's own CSV files are written when the run's time is up, before the users finish
    their last action; this file holds every request up to the last one.
    """
    row = {
        "method": request_type,
        "name": name,
        "ms": response_time,
        "start": start_time,
        "error": None if exception is None else str(exception)[:200],
    }
    with Path(os.environ["LOADTEST_REQUESTS"]).open("a", encoding="utf-8") as requests:
        requests.write(json.dumps(row) + "\n")


def record(kind: str, marker: str, object_id: int | None, outcome: str, user: str) -> None:
    """One line of the markers file, written through at once (one process writes it)."""
    line = {"kind": kind, "marker": marker, "object": object_id, "outcome": outcome}
    with Path(os.environ["LOADTEST_MARKERS"]).open("a", encoding="utf-8") as markers:
        markers.write(json.dumps({**line, "user": user}) + "\n")


def new_marker() -> str:
    return MARKER_PREFIX + uuid.uuid4().hex


def refusal(response: ResponseContextManager) -> str:
    """Why a save was not accepted: the status and the page's first error message."""
    found = ERROR_TEXT.search(response.text or "") if response.status_code == 200 else None
    text = " ".join(TAGS.sub(" ", found.group(1)).split())[:120] if found else ""
    where = response.headers.get("Location", "")
    return f"HTTP {response.status_code} {where} {text}".strip()


class PlanUser(HttpUser):
    """A logged-in user of one kind of the plan; each takes the next account of its kind.

    After logging in it does each action of its `mix` once, in order (so that even a run of
    a few seconds reaches every endpoint), then picks actions at random by their weights.
    The first round sleeps its think times with time.sleep (cooperative under Locust's
    gevent) rather than Locust's wait(), so a run that ends meanwhile lets it finish.
    """

    abstract = True
    wait_time = WAIT
    kind = ""
    mix: ClassVar[dict[str, int]] = {}  # action (method name) → weight
    taken: ClassVar[dict[str, int]] = {}  # accounts handed out per kind (one process)
    account: dict[str, Any]

    def on_start(self) -> None:
        accounts = plan()[self.kind]
        number = PlanUser.taken.get(self.kind, 0)
        PlanUser.taken[self.kind] = number + 1
        self.account = accounts[number % len(accounts)]
        self.log_in()
        for action in self.mix:
            time.sleep(self.wait_time())
            getattr(self, action)()

    @task
    def act(self) -> None:
        """One action of the mix, chosen at random by weight."""
        (action,) = random.choices(list(self.mix), weights=list(self.mix.values()))
        getattr(self, action)()

    def log_in(self) -> None:
        html = self.page(LOGIN_URL, "login form (GET)")
        if html is None:
            return
        form = htmlforms.form_with(html, "username")
        form.set("username", self.account["username"])
        form.set("password", plan()["password"])
        with self.client.post(
            LOGIN_URL,
            data=form.fields,
            name="login (POST)",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and LOGIN_URL not in location:
                response.success()
            else:
                response.failure(refusal(response))

    def page(self, url: str, name: str) -> str | None:
        """GET a page that must answer 200 itself; its HTML, or None after an error."""
        with self.client.get(
            url, name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code == 200:
                response.success()
                return response.text
            response.failure(refusal(response))
            return None

    def save(
        self,
        url: str,
        form: htmlforms.Form,
        *,
        name: str,
        kind: str,
        marker: str,
        object_id: int | None,
    ) -> str | None:
        """POST the form; the redirect's Location after a success, else None."""
        user = self.account["username"]
        record(kind, marker, object_id, "attempt", user)
        with self.client.post(
            url, data=form.fields, name=name, catch_response=True, allow_redirects=False
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and LOGIN_URL not in location:
                response.success()
                record(kind, marker, object_id, "success", user)
                return location
            if response.status_code == 0:  # no answer: the server may or may not have saved
                response.failure(f"no answer: {response.error}")
                record(kind, marker, object_id, "unknown", user)
            else:
                response.failure(refusal(response))
                record(kind, marker, object_id, "failure", user)
            return None

    def read_programme(self) -> None:
        program_id = random.choice(self.account["program_ids"])
        self.page(f"/program/{program_id}/", "programme page")

    def read_compass(self) -> None:
        program_id = random.choice(self.account["program_ids"])
        self.page(f"/kompass/program/{program_id}/", "compass page")

    def read_faculty(self) -> None:
        faculty_id = random.choice(self.account["faculty_ids"])
        self.page(f"/kompass/fakultet/{faculty_id}/", "faculty view")


class CoordinatorUser(PlanUser):
    kind = "coordinators"
    fixed_count = split()[0]
    mix: ClassVar[dict[str, int]] = {
        "programme_page": 3,
        "compass_page": 2,
        "activity_create": 2,
        "activity_edit": 2,
        "action_edit": 1,
        "targets_edit": 1,
    }
    activities: list[int]

    def on_start(self) -> None:
        self.activities = []
        super().on_start()

    @property
    def program_id(self) -> int:
        return int(self.account["program_id"])

    def programme_page(self) -> None:
        self.page(f"/program/{self.program_id}/", "programme page")

    def compass_page(self) -> None:
        self.page(f"/kompass/program/{self.program_id}/", "compass page")

    def activity_create(self) -> None:
        url = f"/program/{self.program_id}/aktiviteter/ny/"
        html = self.page(url, "activity form, new (GET)")
        if html is None:
            return
        form = htmlforms.form_with(html, "title")
        marker = new_marker()
        form.set("title", marker)
        form.set("type", random.choice([v for v in htmlforms.select_options(html, "type") if v]))
        form.set("hours", str(random.choice((1, 2, 4, 8))))
        location = self.save(
            url,
            form,
            name="activity create (POST)",
            kind="activity_create",
            marker=marker,
            object_id=None,
        )
        found = ACTIVITY_ANCHOR.search(location or "")
        if found:
            self.activities.append(int(found.group(1)))

    def activity_edit(self) -> None:
        if not self.activities:
            self.activity_create()
            return
        activity_id = random.choice(self.activities)
        url = f"/program/{self.program_id}/aktiviteter/{activity_id}/"
        html = self.page(url, "activity form, edit (GET)")
        if html is None:
            return
        form = htmlforms.form_with(html, "title")
        marker = new_marker()
        form.set("description", marker)
        self.save(
            url,
            form,
            name="activity edit (POST)",
            kind="activity_edit",
            marker=marker,
            object_id=activity_id,
        )

    def action_edit(self) -> None:
        action_id = int(self.account["action_id"])
        url = f"/kompass/atgard/{action_id}/andra/"
        html = self.page(url, "action form (GET)")
        if html is None:
            return
        form = htmlforms.form_with(html, "description")
        marker = new_marker()
        form.set("description", marker)
        self.save(
            url,
            form,
            name="action edit (POST)",
            kind="action_edit",
            marker=marker,
            object_id=action_id,
        )

    def targets_edit(self) -> None:
        round_id = self.account["round_id"]
        if round_id is None:  # the round is shared with another virtual user
            self.action_edit()
            return
        url = f"/kompass/omgang/{round_id}/malbild/"
        html = self.page(url, "målbild form (GET)")
        if html is None:
            return
        axis = plan()["target_axis"]
        form = htmlforms.form_with(html, f"{axis}-motivation")
        for name, value in list(form.fields):  # a new round: every axis needs its target
            if name.endswith("-score") and not value:
                form.set(name, "60")
            elif name.endswith("-target_year") and not value:
                form.set(name, "2030")
        marker = new_marker()
        form.set(f"{axis}-motivation", marker)
        self.save(
            url,
            form,
            name="målbild edit (POST)",
            kind="target_edit",
            marker=marker,
            object_id=round_id,
        )


class SamUser(PlanUser):
    kind = "sam"
    fixed_count = split()[1]
    mix: ClassVar[dict[str, int]] = {
        "dashboard": 3,
        "read_faculty": 1,
        "read_programme": 2,
        "read_compass": 2,
    }

    def dashboard(self) -> None:
        self.page("/kompass/oversikt/", "SAM dashboard")


class BoardUser(PlanUser):
    kind = "board"
    fixed_count = split()[2]
    mix: ClassVar[dict[str, int]] = {"read_faculty": 3, "read_programme": 2, "read_compass": 2}
