"""Hostile query strings never give a 500: every URL × every GET parameter its view reads.

PARAMETERS lists, for every URL of the URLconf (the admin excluded), the query-string
parameters its view reads. The table is checked, not trusted: a normal GET of each page runs
with request.GET replaced by a QueryDict that records every key read from it, and the test
fails naming a parameter that is read but not listed (and one listed but never read). Then
each parameter gets a NUL byte (PostgreSQL refuses NUL in text: psycopg2 raises), 100,000
characters, bytes that are not UTF-8, repeated and `[]`-style keys, and every answer must be
below 500. Run it on PostgreSQL (DATABASE_URL), where NUL fails.

A second check reads the views' source (AST): a view never reads a value from request.GET or
request.POST itself; it passes them to a form (alakompass.query.ParamsForm for parameters).
"""

import ast
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.handlers import wsgi
from django.http import HttpRequest, HttpResponse, QueryDict
from django.test import Client
from django.urls import path, reverse

from tests.url_world import URL_KWARGS, World, url_names, world

pytestmark = pytest.mark.django_db

__all__ = ["world"]  # the fixture, imported for the tests below

ROOT = Path(__file__).resolve().parent.parent
VIEW_PACKAGES = ("programs/views", "assessments/views", "reports/views")

# Every URL name → the GET parameters its view (or its form, or Django's own view) reads.
PARAMETERS: dict[str, tuple[str, ...]] = {
    "programs:home": (),
    "programs:program_detail": (),
    "programs:program_history": ("page",),
    "programs:program_edit": (),
    "programs:activity_create": ("type", "year", "course"),
    "programs:activity_edit": (),
    "programs:activity_duplicate": (),
    "programs:activity_delete": (),
    "programs:course_add": ("year",),
    "programs:course_place_edit": (),
    "programs:course_place_delete": (),
    "programs:outcome_create": (),
    "programs:outcome_edit": (),
    "programs:outcome_delete": (),
    "programs:council_edit": (),
    "programs:member_create": (),
    "programs:member_edit": (),
    "programs:member_delete": (),
    "programs:meeting_create": (),
    "programs:meeting_edit": (),
    "programs:meeting_delete": (),
    "programs:agreement_create": (),
    "programs:agreement_edit": (),
    "programs:agreement_delete": (),
    "programs:partner_list": ("q", "page"),
    "programs:partner_search": ("q",),
    "programs:partner_create": ("name", "next"),
    "programs:partner_detail": (),
    "programs:partner_edit": (),
    "programs:partner_merge": ("other",),
    "programs:course_import": (),
    "programs:course_import_preview": (),
    "programs:course_import_commit": (),
    "programs:course_import_cancel": (),
    "programs:inventory_export": (),
    "programs:inventory_export_xlsx": (),
    "programs:inventory_export_csv": ("sheet",),
    "assessments:program_compass": (),
    "assessments:round_start": (),
    "assessments:round_detail": (),
    "assessments:round_edit": (),
    "assessments:round_status": (),
    "assessments:round_targets": (),
    "assessments:round_freeze": (),
    "assessments:action_create": ("axis", "indicator"),
    "assessments:action_edit": (),
    "assessments:action_follow_up": (),
    "assessments:action_delete": (),
    "assessments:dashboard": ("faculty", "profile", "page"),
    "assessments:dashboard_export": ("faculty", "profile"),
    "assessments:faculty_dashboard": ("profile", "page"),
    "assessments:faculty_dashboard_export": ("profile",),
    "reports:health": (),
    "reports:job_create": (),
    "reports:job_detail": (),
    "reports:archive": ("kind", "faculty", "program", "year", "page"),
    "reports:download": (),
    "reports:preferences": (),
    "login": ("next",),
    "logout": (),
    "set_language": ("next",),
}

# Raw query-string values (already percent-encoded), each sent to every parameter.
HOSTILE = {
    "NUL": "%00",
    "NUL inside text": "abc%00def",
    "100,000 characters": "x" * 100_000,
    "100,000 digits": "9" * 100_000,
    "not UTF-8": "%ff%fe%fa",
    "a negative number": "-1",
    "a huge number": "99999999999999999999",
}


def hostile_queries(parameter: str) -> Iterator[tuple[str, str]]:
    """(what, query string) for one parameter: each hostile value, then repeated keys."""
    for what, value in HOSTILE.items():
        yield what, f"{parameter}={value}"
    yield "the key twice", f"{parameter}=1&{parameter}=%00"
    yield "[]-style keys", f"{parameter}[]=1&{parameter}[]=2&{parameter}[0]=%00"
    yield "an empty key and a bare key", f"{parameter}=&{parameter}"


class RecordingQueryDict(QueryDict):
    """request.GET that notes every key a view (or its form) reads."""

    reads: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        RecordingQueryDict.reads.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        RecordingQueryDict.reads.add(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> list[Any]:
        RecordingQueryDict.reads.add(key)
        return super().getlist(key, default)

    def __contains__(self, key: object) -> bool:
        RecordingQueryDict.reads.add(str(key))
        return super().__contains__(key)


@pytest.fixture
def admin_client_(client: Client, admin_user_) -> Client:
    """An administrator sees and may change every page (the reads are the same for all)."""
    client.force_login(admin_user_)
    return client


def _url(name: str, world: World) -> str:
    return reverse(name, kwargs=URL_KWARGS[name](world))


def test_every_url_of_the_urlconf_has_its_parameters_listed():
    names = {url.name for url in url_names()}
    assert sorted(names - set(PARAMETERS)) == []
    assert sorted(set(PARAMETERS) - names) == []


def parameters_read(client: Client, url: str, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The query-string keys read while answering a normal GET of `url`."""
    monkeypatch.setattr(wsgi, "QueryDict", RecordingQueryDict)
    monkeypatch.setattr(RecordingQueryDict, "reads", set())
    # One unknown parameter, so that views binding `request.GET or None` bind their forms.
    client.get(f"{url}?probe=1")
    return RecordingQueryDict.reads - {"probe"}


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_a_view_reads_only_the_parameters_listed_for_it(monkeypatch, admin_client_, world, name):
    reads = parameters_read(admin_client_, _url(name, world), monkeypatch)
    assert sorted(reads - set(PARAMETERS[name])) == [], f"{name} reads unlisted parameters"
    assert sorted(set(PARAMETERS[name]) - reads) == [], f"{name} no longer reads these"


def _view_reading_a_parameter(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.GET.get("sort", ""))


def test_the_recorder_sees_a_view_read_a_parameter_itself(monkeypatch, settings, admin_client_):
    """The check above can fail: a view that reads request.GET itself is seen doing so."""
    urlconf = types.ModuleType("tests.hostile_urlconf")
    urlconf.urlpatterns = [path("sortera/", _view_reading_a_parameter)]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, urlconf.__name__, urlconf)
    settings.ROOT_URLCONF = urlconf.__name__
    assert parameters_read(admin_client_, "/sortera/", monkeypatch) == {"sort"}


WITH_PARAMETERS = sorted(name for name, parameters in PARAMETERS.items() if parameters)


@pytest.mark.parametrize("name", WITH_PARAMETERS)
def test_hostile_values_in_every_parameter_never_give_a_500(admin_client_, world, name):
    url = _url(name, world)
    failures = []
    for parameter in PARAMETERS[name]:
        for what, query in hostile_queries(parameter):
            response = admin_client_.get(f"{url}?{query}")
            if response.status_code >= 500:
                failures.append(f"{parameter}: {what} → {response.status_code}")
    every = "&".join(f"{parameter}=%00" for parameter in PARAMETERS[name])
    if admin_client_.get(f"{url}?{every}").status_code >= 500:
        failures.append("NUL in every parameter at once")
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("programs:partner_search", "q=%00"),
        ("programs:activity_create", "type=%00"),
        ("programs:partner_list", "q=a%00b&page=%00"),
        ("programs:partner_merge", "other=%00"),
    ],
)
def test_the_reported_nul_bytes_answer_normally(admin_client_, world, name, query):
    """The two pages the review found (and their neighbours) answer 200, not 500."""
    response = admin_client_.get(f"{_url(name, world)}?{query}")
    assert response.status_code == 200


def test_an_unknown_csv_sheet_is_still_404(admin_client_, world):
    url = _url("programs:inventory_export_csv", world)
    assert admin_client_.get(f"{url}?sheet=%00").status_code == 404
    assert admin_client_.get(f"{url}?sheet=nope").status_code == 404
    assert admin_client_.get(f"{url}?sheet=courses").status_code == 200


def test_a_hostile_filter_is_not_carried_on_to_the_export_link(admin_client_, world):
    url = _url("assessments:dashboard", world)
    response = admin_client_.get(f"{url}?profile=%00&page=%00&faculty={world.faculty.pk}")
    export_url = response.context["export_url"]
    assert export_url == f"{reverse('assessments:dashboard_export')}?faculty={world.faculty.pk}"


# The values views read from a POST outside an edit form: `next`, a digest, buttons.
POSTED_FIELDS = {
    "programs:partner_create": ("next",),
    "programs:activity_create": ("quick", "save_and_add"),
    "programs:course_import_commit": ("digest",),
    "assessments:action_follow_up": ("back_to_open_round",),
}


@pytest.mark.parametrize("name", sorted(POSTED_FIELDS))
def test_hostile_values_in_posted_buttons_and_links_never_give_a_500(admin_client_, world, name):
    url = _url(name, world)
    form = "application/x-www-form-urlencoded"
    for field_name in POSTED_FIELDS[name]:
        for what, body in hostile_queries(field_name):
            response = admin_client_.post(url, body, content_type=form)
            assert response.status_code < 500, f"{field_name}: {what}"


# ------------------------------------------------------------ the rule, read from the source


def _request_data_reads(source: str) -> Iterator[tuple[int, str]]:
    """(line, code) of every use of request.GET/POST that is not handed to a call."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr in ("GET", "POST")
            and isinstance(node.value, ast.Name)
            and node.value.id == "request"
        ):
            continue
        parent = parents[node]
        # `request.POST or None`, `request.POST if … else None`: look at what takes that.
        while isinstance(parent, ast.BoolOp | ast.IfExp) and node is not getattr(
            parent, "test", None
        ):
            node, parent = parent, parents[parent]
        handed_on = isinstance(parent, ast.Call) and node in (
            *parent.args,
            *(keyword.value for keyword in parent.keywords),
        )
        if not (handed_on or isinstance(parent, ast.Assign)):
            yield node.lineno, ast.unparse(parent)


def test_views_hand_request_data_to_forms_and_never_read_it_themselves():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {code}"
        for package in VIEW_PACKAGES
        for path in sorted((ROOT / package).glob("*.py"))
        for line, code in _request_data_reads(path.read_text())
    ]
    assert found == []


def test_the_source_rule_names_a_direct_read():
    source = (
        "def view(request):\n"
        "    form = Form(request.POST or None)\n"
        "    data = request.POST if request.method == 'POST' else None\n"
        "    q = request.GET.get('q')\n"
        "    flag = 'x' in request.POST\n"
    )
    assert sorted(line for line, _code in _request_data_reads(source)) == [4, 5]
