"""Compass pages: permissions per role, the page's content, the round workflow, query counts."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from assessments import services
from assessments.indicators import AXES
from assessments.models import Action, AxisChoice, CompassRound
from assessments.scoring import Axis
from programs import services as program_services
from programs.models import ActivityType
from tests import factories
from tests.assessments.compass_builders import build_varied_program, build_worked_example
from tests.queries import is_session_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(program):
    compass_round = services.round_start(program=program, user=None, date=datetime.date(2026, 9, 1))
    return compass_round


@pytest.fixture
def action(open_round):
    return services.action_create(
        compass_round=open_round,
        user=None,
        axis="career",
        description="Starta ett mentorprogram",
        owner="Programansvarig",
        due_date=datetime.date(2027, 6, 1),
    )


def _targets_post(score: int = 70, year: int = 2028, compass_round=None) -> dict:
    """The målbild form as posted: with each axis's target version (0: no target yet)."""
    versions = {}
    if compass_round is not None:
        versions = dict(compass_round.targets.values_list("axis", "version"))
    data = {}
    for axis in AxisChoice.values:
        data[f"{axis}-score"] = score
        data[f"{axis}-target_year"] = year
        data[f"{axis}-motivation"] = f"Motivering {axis}"
        data[f"{axis}-version"] = versions.get(axis, 0)
    return data


def _urls(program, compass_round, action) -> dict[str, str]:
    return {
        "program_compass": reverse("assessments:program_compass", args=[program.pk]),
        "round_detail": reverse("assessments:round_detail", args=[compass_round.pk]),
        "round_start": reverse("assessments:round_start", args=[program.pk]),
        "round_edit": reverse("assessments:round_edit", args=[compass_round.pk]),
        "round_targets": reverse("assessments:round_targets", args=[compass_round.pk]),
        "round_freeze": reverse("assessments:round_freeze", args=[compass_round.pk]),
        "action_create": reverse("assessments:action_create", args=[compass_round.pk]),
        "action_edit": reverse("assessments:action_edit", args=[action.pk]),
        "action_follow_up": reverse("assessments:action_follow_up", args=[action.pk]),
        "action_delete": reverse("assessments:action_delete", args=[action.pk]),
        "round_status": reverse("assessments:round_status", args=[compass_round.pk]),
    }


READ_PAGES = {"program_compass", "round_detail"}
POST_ONLY = {"round_status"}
ROLES = {
    # role fixture: (status of read pages, status of write pages)
    "coordinator": (200, 200),
    "admin_user_": (200, 200),
    "sam_user": (200, 403),
    "board_member": (200, 403),
    "other_coordinator": (404, 404),
    "other_board_member": (404, 404),
    "outsider": (404, 404),
}
URL_NAMES = [
    "program_compass",
    "round_detail",
    "round_start",
    "round_edit",
    "round_targets",
    "round_freeze",
    "action_create",
    "action_edit",
    "action_follow_up",
    "action_delete",
    "round_status",
]


@pytest.mark.parametrize("url_name", URL_NAMES)
@pytest.mark.parametrize("role", list(ROLES))
def test_every_compass_url_answers_each_role_as_the_permission_matrix_says(
    client, request, program, open_round, action, role, url_name
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url = _urls(program, open_round, action)[url_name]
    read_status, write_status = ROLES[role]
    expected = read_status if url_name in READ_PAGES else write_status
    if url_name in POST_ONLY:
        response = client.post(url, {"status": "workshop_1"})
        expected = 302 if expected == 200 else expected
    else:
        response = client.get(url)
    assert response.status_code == expected


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_anonymous_visitors_are_sent_to_the_login_page(
    client, program, open_round, action, url_name
):
    url = _urls(program, open_round, action)[url_name]
    response = client.post(url) if url_name in POST_ONLY else client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_read_only_roles_cannot_write_by_post_either(client, sam_user, board_member, open_round):
    for user in (sam_user, board_member):
        client.force_login(user)
        url = reverse("assessments:round_targets", args=[open_round.pk])
        assert client.post(url, _targets_post()).status_code == 403
    assert open_round.targets.count() == 0


# The compass page


def test_compass_page_shows_the_disclaimer_version_radar_table_and_drill_down(
    client, coordinator, program
):
    build_worked_example(program)
    client.force_login(coordinator)
    response = client.get(reverse("assessments:program_compass", args=[program.pk]))
    html = response.content.decode()
    assert "Självvärdering – inte avsedd för jämförelse mellan program" in html
    assert "v1" in html
    assert 'data-figure="compass-figure"' in html
    assert 'id="compass-figure"' in html
    assert "/static/vendor/plotly/plotly.min.js" in html
    assert "cdn" not in html.lower()
    assert html.count("<details") == 8
    rows = {row.axis: row for row in response.context["rows"]}
    assert rows["follow_up"].current_shown == 44  # 43.75 rounds half up
    assert rows["scope"].current_shown == 75
    placement = program.activities.get(type__key="placement")
    assert f"#activity-{placement.pk}" in html
    assert placement.title in html


def test_not_applicable_sub_indicator_is_shown_as_text_never_as_zero(client, coordinator, program):
    client.force_login(coordinator)  # an empty programme: I1, I2, I4, F1, F2, E1, E2 are N/A
    response = client.get(reverse("assessments:program_compass", args=[program.pk]))
    rows = {row.axis: row for row in response.context["rows"]}
    i1 = next(i for i in rows["integration"].indicators if i.key == "I1")
    assert i1.value is None
    assert i1.shown is None
    # Integration is the mean of I3 = 0 alone, not of I1..I4 with N/A counted as 0.
    assert rows["integration"].current == 0
    html = response.content.decode()
    with translation.override("sv"):
        not_applicable = translation.gettext("N/A")
    assert f'<td class="text-end">{not_applicable}</td>' in html
    assert len(response.context["figure"]["data"]) == 1  # no målbild, no previous round


def test_compass_page_draws_three_series_with_a_target_and_a_previous_round(
    client, coordinator, program
):
    first = services.round_start(program=program, user=None, date=datetime.date(2024, 9, 1))
    services.targets_set(
        compass_round=first,
        user=None,
        targets=[{"axis": a, "score": 50} for a in AxisChoice.values],
    )
    services.round_freeze(compass_round=first, user=None)
    second = services.round_start(program=program, user=None)
    services.target_set(compass_round=second, user=None, axis="scope", score=90)
    client.force_login(coordinator)
    response = client.get(reverse("assessments:program_compass", args=[program.pk]))
    figure = response.context["figure"]
    previous, current, target = figure["data"]
    assert previous["line"]["dash"] == "dot"
    assert current["fill"] == "toself"
    assert target["line"]["dash"] == "dash"
    assert target["r"][0] == 90
    assert target["r"][1] is None  # no målbild for that axis yet: a gap, not 0
    rows = response.context["rows"]
    assert rows[0].target == 90
    assert rows[0].gap == 90 - rows[0].current_shown
    assert response.context["previous_round"] == first


def test_the_compass_updates_as_soon_as_the_inventory_changes(client, coordinator, program):
    client.force_login(coordinator)
    url = reverse("assessments:program_compass", args=[program.pk])
    before = {r.axis: r.current for r in client.get(url).context["rows"]}
    program_services.activity_create(
        program=program,
        user=coordinator,
        type=ActivityType.objects.get(key="placement"),
        title="VFU",
        status="mandatory",
        hp=30,
        year=1,
    )
    after = {r.axis: r.current for r in client.get(url).context["rows"]}
    assert after["scope"] > before["scope"]


def test_recommendations_point_to_matching_support_offers(client, coordinator, program):
    build_worked_example(program)
    factories.SupportOfferFactory(indicators=["C2"], title_sv="Mentorprogram med SAM")
    client.force_login(coordinator)
    response = client.get(reverse("assessments:program_compass", args=[program.pk]))
    assert [r.key for r in response.context["recommendations"]] == ["C2", "F4", "R1"]
    assert "Mentorprogram med SAM" in response.content.decode()


# The round workflow


def test_a_coordinator_starts_a_round_sets_targets_adds_an_action_and_freezes_it(
    client, coordinator, program
):
    build_worked_example(program)
    client.force_login(coordinator)
    response = client.post(
        reverse("assessments:round_start", args=[program.pk]), {"date": "2026-09-01"}
    )
    compass_round = program.compass_rounds.get()
    assert response.url == compass_round.get_absolute_url()

    url = reverse("assessments:round_targets", args=[compass_round.pk])
    assert client.post(url, _targets_post(80)).status_code == 302
    assert sorted(compass_round.targets.values_list("score", flat=True)) == [80] * 8

    response = client.post(
        reverse("assessments:round_status", args=[compass_round.pk]), {"status": "workshop_1"}
    )
    compass_round.refresh_from_db()
    assert compass_round.status == "workshop_1"

    response = client.post(
        reverse("assessments:action_create", args=[compass_round.pk]),
        {
            "axis": "career",
            "indicator": "C2",
            "description": "Starta mentorprogram",
            "owner": "PA",
            "due_date": "2027-06-01",
            "status": "green",
        },
    )
    assert response.status_code == 302
    assert compass_round.actions.get().indicator == "C2"

    page = client.get(compass_round.get_absolute_url())
    assert page.context["result"].indicator("F4").value == 50

    freeze_url = reverse("assessments:round_freeze", args=[compass_round.pk])
    assert client.get(freeze_url).status_code == 200
    assert client.post(freeze_url, {}).status_code == 200  # not confirmed: nothing happens
    compass_round.refresh_from_db()
    assert not compass_round.is_frozen
    assert client.post(freeze_url, {"confirm": "on"}).status_code == 302
    compass_round.refresh_from_db()
    assert compass_round.is_frozen
    assert compass_round.frozen_by == coordinator


def test_freezing_without_all_targets_shows_what_is_missing(client, coordinator, open_round):
    client.force_login(coordinator)
    url = reverse("assessments:round_freeze", args=[open_round.pk])
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 200
    assert response.context["missing_targets"]
    assert response.context["form"].non_field_errors()
    open_round.refresh_from_db()
    assert not open_round.is_frozen


def test_a_frozen_round_page_does_not_change_when_the_inventory_does(client, coordinator, program):
    build_worked_example(program)
    compass_round = services.round_start(program=program, user=None, date=datetime.date(2026, 9, 1))
    services.targets_set(
        compass_round=compass_round,
        user=None,
        targets=[{"axis": a, "score": 60} for a in AxisChoice.values],
    )
    services.round_freeze(compass_round=compass_round, user=coordinator)
    client.force_login(coordinator)
    url = compass_round.get_absolute_url()
    before = client.get(url)
    placement = program.activities.get(type__key="placement")
    program_services.activity_update(
        activity=placement, user=None, status="mandatory", reach=100, title="Omdöpt VFU"
    )
    program.council.delete()
    after = client.get(url)
    assert after.context["rows"] == before.context["rows"]
    assert after.context["figure"] == before.context["figure"]
    assert "Omdöpt VFU" not in after.content.decode()


def test_a_frozen_round_refuses_target_and_action_edits_through_the_views(
    client, coordinator, open_round, action
):
    services.targets_set(
        compass_round=open_round,
        user=None,
        targets=[{"axis": a, "score": 60} for a in AxisChoice.values],
    )
    services.round_freeze(compass_round=open_round, user=None)
    client.force_login(coordinator)
    posts = [
        (reverse("assessments:round_targets", args=[open_round.pk]), _targets_post(99)),
        (
            reverse("assessments:action_create", args=[open_round.pk]),
            {"axis": "scope", "description": "Ny", "status": "green"},
        ),
        (
            reverse("assessments:action_edit", args=[action.pk]),
            {"axis": "scope", "description": "Ändrad", "status": "red", "version": 1},
        ),
        (reverse("assessments:action_delete", args=[action.pk]), {}),
        (reverse("assessments:round_edit", args=[open_round.pk]), {"date": "2026-01-01"}),
        (reverse("assessments:round_status", args=[open_round.pk]), {"status": "draft"}),
        (reverse("assessments:round_freeze", args=[open_round.pk]), {"confirm": "on"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302
        assert response.url == open_round.get_absolute_url()
    action.refresh_from_db()
    open_round.refresh_from_db()
    assert action.description == "Starta ett mentorprogram"
    assert open_round.actions.count() == 1
    assert sorted(open_round.targets.values_list("score", flat=True)) == [60] * 8
    assert open_round.date == datetime.date(2026, 9, 1)
    assert open_round.status == CompassRound.Status.FROZEN


def test_the_follow_up_of_a_frozen_rounds_action_can_still_be_recorded(
    client, coordinator, open_round, action
):
    services.targets_set(
        compass_round=open_round,
        user=None,
        targets=[{"axis": a, "score": 60} for a in AxisChoice.values],
    )
    services.round_freeze(compass_round=open_round, user=None)
    client.force_login(coordinator)
    response = client.post(
        reverse("assessments:action_follow_up", args=[action.pk]),
        {"status": "done", "follow_up_note": "Genomfört", "version": action.version},
    )
    assert response.status_code == 302
    assert response.url == open_round.get_absolute_url()  # no newer round open yet
    action.refresh_from_db()
    assert action.follow_up_note == "Genomfört"
    assert action.status == Action.Status.DONE


def test_target_form_keeps_what_was_typed_and_ties_errors_to_fields(
    client, coordinator, open_round
):
    client.force_login(coordinator)
    data = _targets_post()
    data["scope-score"] = 150
    data["equity-motivation"] = "Medvetet lågt"
    response = client.post(reverse("assessments:round_targets", args=[open_round.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="150"' in html
    assert "Medvetet lågt" in html
    assert 'aria-describedby="id_scope-score_error' in html or "id_scope-score_error" in html
    assert open_round.targets.count() == 0


def test_action_indicator_must_belong_to_the_chosen_axis(client, coordinator, open_round):
    client.force_login(coordinator)
    response = client.post(
        reverse("assessments:action_create", args=[open_round.pk]),
        {"axis": "scope", "indicator": "C2", "description": "Fel", "status": "green"},
    )
    assert response.status_code == 200
    assert "indicator" in response.context["form"].errors
    assert open_round.actions.count() == 0


def test_a_stale_action_form_reports_a_conflict_and_keeps_the_newer_save(
    client, coordinator, action
):
    services.action_update(action=action, user=None, owner="Någon annan")
    client.force_login(coordinator)
    response = client.post(
        reverse("assessments:action_edit", args=[action.pk]),
        {"axis": "career", "description": "Min version", "status": "green", "version": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    action.refresh_from_db()
    assert action.owner == "Någon annan"
    assert action.description == "Starta ett mentorprogram"


def _all_targets(score: int) -> list[dict]:
    return [{"axis": axis, "score": score, "motivation": "Mål"} for axis in AxisChoice.values]


def test_a_stale_malbild_save_is_refused_with_the_differences_and_the_input_kept(
    client, coordinator, open_round
):
    services.targets_set(compass_round=open_round, user=None, targets=_all_targets(60))
    opened = _targets_post(70, compass_round=open_round)  # our form, opened now
    colleague = [
        {**item, "score": 65} if item["axis"] == "career" else item for item in _all_targets(60)
    ]
    services.targets_set(compass_round=open_round, user=None, targets=colleague)
    client.force_login(coordinator)
    url = reverse("assessments:round_targets", args=[open_round.pk])

    response = client.post(url, opened)

    assert response.status_code == 200
    assert sorted(open_round.targets.values_list("score", flat=True)) == [60] * 7 + [65]
    assert response.context["form"].non_field_errors()
    html = response.content.decode()
    assert 'id="conflict"' in html
    assert 'value="70"' in html  # our input is kept
    labels = [row["label"] for row in response.context["conflict"]]
    assert any(label.startswith(str(AXES[Axis.CAREER].name)) for label in labels)

    again = {**opened}
    for row in response.context["form"].axes:  # the page now carries the saved versions
        again[f"{row.axis.value}-version"] = row.form.data[f"{row.axis.value}-version"]
    assert client.post(url, again).status_code == 302
    assert sorted(open_round.targets.values_list("score", flat=True)) == [70] * 8


def test_a_target_saved_meanwhile_on_an_axis_that_had_none_is_a_conflict(
    client, coordinator, open_round
):
    opened = _targets_post(70, compass_round=open_round)  # no targets yet: versions 0
    services.target_set(compass_round=open_round, user=None, axis="equity", score=40)
    client.force_login(coordinator)
    response = client.post(reverse("assessments:round_targets", args=[open_round.pk]), opened)
    assert response.status_code == 200
    assert response.context["conflict"]
    assert list(open_round.targets.values_list("axis", "score")) == [("equity", 40)]


def test_a_malbild_post_without_versions_is_refused_with_a_message(client, coordinator, open_round):
    data = {k: v for k, v in _targets_post(70).items() if not k.endswith("-version")}
    client.force_login(coordinator)
    response = client.post(reverse("assessments:round_targets", args=[open_round.pk]), data)
    assert response.status_code == 200
    assert open_round.targets.count() == 0
    assert response.content.decode().count("utan versionen") == 1  # once, in Swedish


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("round_edit", {"date": "2026-09-02", "registry_number": "Dnr 1"}),
        ("action_edit", {"axis": "career", "description": "Min version", "status": "green"}),
        ("action_follow_up", {"status": "done", "follow_up_note": "Klart"}),
    ],
)
def test_a_round_form_without_its_version_is_refused_and_changes_nothing(
    client, coordinator, open_round, action, url_name, data
):
    target = open_round if url_name == "round_edit" else action
    versions = (open_round.version, action.version)
    client.force_login(coordinator)
    response = client.post(reverse(f"assessments:{url_name}", args=[target.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="missing_version")
    open_round.refresh_from_db()
    action.refresh_from_db()
    assert (open_round.version, action.version) == versions


def test_a_stale_round_edit_shows_the_conflict_table_and_goes_through_when_saved_again(
    client, coordinator, open_round
):
    opened_version = open_round.version
    services.round_update(compass_round=open_round, user=None, registry_number="Dnr 2026/1")
    client.force_login(coordinator)
    url = reverse("assessments:round_edit", args=[open_round.pk])
    data = {"date": "2026-09-01", "registry_number": "Dnr 2026/9", "version": opened_version}

    response = client.post(url, data)

    assert response.status_code == 200
    assert [(row["saved"], row["theirs"]) for row in response.context["conflict"]] == [
        ("Dnr 2026/1", "Dnr 2026/9")
    ]
    data["version"] = response.context["form"].data["version"]
    assert client.post(url, data).status_code == 302
    open_round.refresh_from_db()
    assert open_round.registry_number == "Dnr 2026/9"


# Query counts


def _count_queries(client, url) -> int:
    """Queries of one GET, leaving out the session's own: the idle-timeout middleware saves
    the session's last-seen time now and then, whatever the page."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len([q for q in captured.captured_queries if not is_session_query(q["sql"])])


def test_compass_page_query_count_does_not_grow_with_the_inventory(client, coordinator, program):
    client.force_login(coordinator)
    url = reverse("assessments:program_compass", args=[program.pk])
    build_varied_program(1, activities=3, program=program)
    small = _count_queries(client, url)
    build_varied_program(2, activities=40, program=program)
    large = _count_queries(client, url)
    assert small == large
    assert large <= 20


def test_round_page_query_count_does_not_grow_with_actions_or_activities(
    client, coordinator, program, open_round
):
    client.force_login(coordinator)
    url = open_round.get_absolute_url()
    build_varied_program(3, activities=3, program=program)
    factories.ActionFactory(round=open_round)
    small = _count_queries(client, url)
    build_varied_program(4, activities=40, program=program)
    factories.ActionFactory.create_batch(10, round=open_round)
    large = _count_queries(client, url)
    assert small == large
    assert large <= 25


def test_figure_travels_as_json_for_compass_js(client, coordinator, program):
    client.force_login(coordinator)
    html = client.get(reverse("assessments:program_compass", args=[program.pk])).content.decode()
    start = html.index('<script id="compass-figure" type="application/json">')
    payload = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    figure = json.loads(payload)
    assert figure["layout"]["polar"]["radialaxis"]["range"] == [0, 100]
    assert "/static/js/compass.js" in html


def test_following_up_a_previous_rounds_action_returns_to_the_open_round(
    client, coordinator, program, open_round, action
):
    services.targets_set(
        compass_round=open_round,
        user=None,
        targets=[{"axis": a, "score": 60} for a in AxisChoice.values],
    )
    services.round_freeze(compass_round=open_round, user=None)
    newer = services.round_start(program=program, user=None)
    client.force_login(coordinator)
    page = client.get(newer.get_absolute_url())
    assert page.context["previous_actions"] == [action]
    follow_up_url = reverse("assessments:action_follow_up", args=[action.pk])
    assert follow_up_url in page.content.decode()
    response = client.post(
        follow_up_url,
        {
            "status": "done",
            "follow_up_note": "Klart",
            "version": action.version,
            "back_to_open_round": "1",
        },
    )
    assert response.url == newer.get_absolute_url()


def test_activity_links_in_the_drill_down_are_escaped(client, coordinator, program):
    factories.ActivityFactory(program=program, title='<script>alert("x")</script> & co')
    client.force_login(coordinator)
    html = client.get(reverse("assessments:program_compass", args=[program.pk])).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html


def test_a_round_frozen_by_no_user_shows_its_page_with_a_dash_for_who(
    client, coordinator, open_round
):
    services.targets_set(
        compass_round=open_round,
        user=None,
        targets=[{"axis": a, "score": 60} for a in AxisChoice.values],
    )
    services.round_freeze(compass_round=open_round, user=None)  # e.g. a script, or a deleted user
    client.force_login(coordinator)
    response = client.get(reverse("assessments:round_detail", args=[open_round.pk]))
    assert response.status_code == 200
    notice = re.search(r'<p class="alert alert-info">(.*?)</p>', response.content.decode(), re.S)
    assert notice is not None
    assert re.search(r"\s–\s", notice.group(1))  # "… av – med …": nobody named
