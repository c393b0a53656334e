"""The permission matrix of the whole site, generated from the URLconf: every URL × role.

Every URL pattern (the admin excluded) must have a row in MATRIX, so a new URL that nobody
decided the permissions of fails `test_every_url_of_the_urlconf_is_in_the_matrix` by name.
Each row says what GET and POST answer each role (README, "Roles"): what a user may not see
answers 404, a read-only role trying to write gets 403, an anonymous visitor is sent to log
in, and a method a view does not take is 405. Every request runs in a savepoint that is rolled
back, so each role meets the same rows; a request that is refused must leave every table of
the apps (and its history) as it was.

The expectations are the ones the per-app matrices established (tests/programs/
test_permissions.py, test_io_permissions.py, tests/assessments/test_compass_views.py,
tests/reports/test_report_permissions.py), now one table for every URL.
"""

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLResolver, get_resolver, path, reverse
from django.urls.resolvers import RegexPattern

from tests.url_world import ROLES, URL_KWARGS, UrlName, World, url_names, world

pytestmark = pytest.mark.django_db

__all__ = ["world"]  # the fixture, imported for the tests below

OK = "ok"  # 200, or a redirect that is not to the login page
LOGIN = "login"  # a redirect to the login page
Expected = dict[str, int | str]


def _rule(default: int | str, **roles: int | str) -> Expected:
    """Every role's answer: `default` for logged-in users, the login page for anonymous."""
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], default), **roles}


# Who may see and change `program` (faculty A): its coordinator and administrators change
# it; SAM and faculty A's board read it; anyone else is told it does not exist.
PROGRAMME_READ = _rule(404, coordinator=OK, sam_user=OK, board_member=OK, admin_user_=OK)
PROGRAMME_WRITE = _rule(404, coordinator=OK, sam_user=403, board_member=403, admin_user_=OK)
# The partner register: every role reads it, coordinators and SAM add to it, SAM corrects
# and merges; a user with no role gets 404 as everywhere else.
REGISTER_READ = _rule(OK, outsider=404)
REGISTER_CREATE = _rule(OK, outsider=404, board_member=403, other_board_member=403)
REGISTER_EDIT = _rule(403, outsider=404, sam_user=OK, admin_user_=OK)
# The university dashboard: SAM and administrators; the faculty view: also its board.
DASHBOARD = _rule(404, sam_user=OK, admin_user_=OK)
FACULTY_VIEW = _rule(404, sam_user=OK, admin_user_=OK, board_member=OK)
SIGNED_IN = _rule(OK)  # pages of one's own: the start page, the archive, my settings
PUBLIC = dict.fromkeys(ROLES, OK)
NOT_ALLOWED = _rule(405)  # a method the view does not take (anonymous: log in first)
NOT_ALLOWED_PUBLIC = dict.fromkeys(ROLES, 405)


@dataclass(frozen=True)
class Row:
    """What GET and POST of one URL answer each role (and what the POST sends)."""

    get: Expected
    post: Expected
    data: dict[str, str] = field(default_factory=dict)


def read(rule: Expected) -> Row:
    return Row(get=rule, post=NOT_ALLOWED)


def write(rule: Expected, **data: str) -> Row:
    return Row(get=rule, post=rule, data=data)


def post_only(rule: Expected, **data: str) -> Row:
    return Row(get=NOT_ALLOWED, post=rule, data=data)


MATRIX: dict[str, Row] = {
    # The inventory
    "programs:home": read(SIGNED_IN),
    "programs:program_detail": read(PROGRAMME_READ),
    "programs:program_history": read(PROGRAMME_READ),
    "programs:program_edit": write(PROGRAMME_WRITE),
    "programs:activity_create": write(PROGRAMME_WRITE),
    "programs:activity_edit": write(PROGRAMME_WRITE),
    "programs:activity_duplicate": post_only(PROGRAMME_WRITE),
    "programs:activity_delete": write(PROGRAMME_WRITE),
    "programs:course_add": write(PROGRAMME_WRITE),
    "programs:course_place_edit": write(PROGRAMME_WRITE),
    "programs:course_place_delete": write(PROGRAMME_WRITE),
    "programs:outcome_create": write(PROGRAMME_WRITE),
    "programs:outcome_edit": write(PROGRAMME_WRITE),
    "programs:outcome_delete": write(PROGRAMME_WRITE),
    "programs:council_edit": write(PROGRAMME_WRITE),
    "programs:member_create": write(PROGRAMME_WRITE),
    "programs:member_edit": write(PROGRAMME_WRITE),
    "programs:member_delete": write(PROGRAMME_WRITE),
    "programs:meeting_create": write(PROGRAMME_WRITE),
    "programs:meeting_edit": write(PROGRAMME_WRITE),
    "programs:meeting_delete": write(PROGRAMME_WRITE),
    "programs:agreement_create": write(PROGRAMME_WRITE),
    "programs:agreement_edit": write(PROGRAMME_WRITE),
    "programs:agreement_delete": write(PROGRAMME_WRITE),
    # The partner register
    "programs:partner_list": read(REGISTER_READ),
    "programs:partner_search": read(REGISTER_READ),
    "programs:partner_detail": read(REGISTER_READ),
    "programs:partner_create": write(REGISTER_CREATE),
    "programs:partner_edit": write(REGISTER_EDIT),
    "programs:partner_merge": write(REGISTER_EDIT),
    # Course-list import and inventory export
    "programs:course_import": write(PROGRAMME_WRITE),
    "programs:course_import_preview": read(PROGRAMME_WRITE),
    "programs:course_import_commit": post_only(PROGRAMME_WRITE, digest="0" * 64),
    "programs:course_import_cancel": post_only(PROGRAMME_WRITE),
    "programs:inventory_export": read(PROGRAMME_READ),
    "programs:inventory_export_xlsx": read(PROGRAMME_READ),
    "programs:inventory_export_csv": read(PROGRAMME_READ),
    # The compass, its rounds and actions
    "assessments:program_compass": read(PROGRAMME_READ),
    "assessments:round_start": write(PROGRAMME_WRITE),
    "assessments:round_detail": read(PROGRAMME_READ),
    "assessments:round_edit": write(PROGRAMME_WRITE),
    "assessments:round_status": post_only(PROGRAMME_WRITE, status="workshop_1"),
    "assessments:round_targets": write(PROGRAMME_WRITE),
    "assessments:round_freeze": write(PROGRAMME_WRITE),
    "assessments:action_create": write(PROGRAMME_WRITE),
    "assessments:action_edit": write(PROGRAMME_WRITE),
    "assessments:action_follow_up": write(PROGRAMME_WRITE),
    "assessments:action_delete": write(PROGRAMME_WRITE),
    # Dashboards
    "assessments:dashboard": read(DASHBOARD),
    "assessments:dashboard_export": read(DASHBOARD),
    "assessments:faculty_dashboard": read(FACULTY_VIEW),
    "assessments:faculty_dashboard_export": read(FACULTY_VIEW),
    # Reports: a report of `program` is seen by whoever sees the programme
    "reports:job_create": post_only(PROGRAMME_READ, kind="program", language="sv"),
    "reports:job_detail": read(PROGRAMME_READ),
    "reports:archive": read(SIGNED_IN),
    "reports:download": read(PROGRAMME_READ),
    "reports:preferences": write(SIGNED_IN),
    # Public pages: the load balancer's probe, logging in and out, the language switch
    "reports:health": Row(get=PUBLIC, post=NOT_ALLOWED_PUBLIC),
    "login": write(PUBLIC),
    "logout": Row(get=NOT_ALLOWED, post=dict.fromkeys(ROLES, LOGIN)),  # ends on the login page
    "set_language": write(PUBLIC, language="en"),
}


def uncovered(names: list[UrlName]) -> list[str]:
    """The URL names (or routes, for a pattern without a name) that MATRIX does not cover."""
    return sorted(url.name or f"unnamed: {url.route}" for url in names if url.name not in MATRIX)


def test_every_url_of_the_urlconf_is_in_the_matrix():
    names = url_names()
    missing = uncovered(names)
    assert not missing, f"URLs with no row in the permission matrix: {missing}"
    stale = sorted(set(MATRIX) - {url.name for url in names})
    assert not stale, f"matrix rows for URLs that no longer exist: {stale}"
    assert set(URL_KWARGS) == set(MATRIX), "tests/url_world.py URL_KWARGS lists other URLs"


def test_a_url_added_without_a_matrix_row_is_named_by_the_coverage_check():
    def unplanned(request):
        return HttpResponse("new")

    resolver = URLResolver(
        RegexPattern(r"^/"),
        [*get_resolver().url_patterns, path("ny-sida/", unplanned, name="unplanned")],
    )
    assert uncovered(url_names(resolver)) == ["unplanned"]
    resolver = URLResolver(RegexPattern(r"^/"), [path("utan-namn/", unplanned)])
    assert uncovered(url_names(resolver)) == ["unnamed: utan-namn/"]


def _fingerprint() -> tuple[int, ...]:
    """Row counts of every table of the apps, history tables included, and the sum of every
    `version` column: a refused request must change none of them."""
    parts = []
    for label in ("programs", "assessments", "reports"):
        for model in apps.get_app_config(label).get_models():
            table = connection.ops.quote_name(model._meta.db_table)
            parts.append(f"(SELECT COUNT(*) FROM {table})")
            if any(f.column == "version" for f in model._meta.concrete_fields):
                parts.append(f"(SELECT COALESCE(SUM(version), 0) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def test_the_fingerprint_sees_a_new_row_a_deleted_row_and_a_saved_edit(world: World):
    """The refused-request check can fail: each kind of write changes the fingerprint."""
    start = _fingerprint()
    activity = world.activity
    after_create = _fingerprint()
    assert after_create != start
    activity.title = "Ändrad"
    activity.version += 1
    activity.save()
    after_edit = _fingerprint()
    assert after_edit != after_create
    activity.delete()
    assert _fingerprint() != after_edit


def _answer(response: HttpResponse) -> int | str:
    """The response as the matrix writes it: OK, LOGIN or the status code."""
    if response.status_code in (301, 302):
        return LOGIN if response["Location"].startswith(reverse("login")) else OK
    if response.status_code in (200, 204):
        return OK
    return response.status_code


def _clients(request: pytest.FixtureRequest) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        clients[role] = client
    return clients


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_url_answers_every_role_as_the_matrix_says(request, world: World, name):
    row = MATRIX[name]
    url = reverse(name, kwargs=URL_KWARGS[name](world))
    data = dict(row.data)
    if name == "reports:job_create":
        data["compass_round"] = str(world.frozen_round.pk)
    clients = _clients(request)
    wrong = []
    for method, expected in (("GET", row.get), ("POST", row.post)):
        for role in ROLES:
            refused = expected[role] != OK
            with transaction.atomic():
                before = _fingerprint() if refused else ()
                client = clients[role]
                response = client.get(url) if method == "GET" else client.post(url, data)
                answer = _answer(response)
                if answer != expected[role]:
                    wrong.append(f"{method} as {role}: {answer}, expected {expected[role]}")
                elif refused and _fingerprint() != before:
                    wrong.append(f"{method} as {role} was refused ({answer}) but wrote rows")
                transaction.set_rollback(True)
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)
