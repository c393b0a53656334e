"""The SAM dashboard and faculty view: who may open them, filters, drill-down, no league table."""

import datetime
import re

import pytest
from django.urls import reverse

from assessments import dashboard
from assessments.models import ProgramScore
from programs.models import ActivityType, Program
from tests import factories
from tests.queries import is_session_query

SELF_ASSESSMENT_SV = "Självvärdering – inte avsedd för jämförelse mellan program"


def urls(faculty):
    return {
        "dashboard": reverse("assessments:dashboard"),
        "dashboard_export": reverse("assessments:dashboard_export"),
        "faculty_dashboard": reverse("assessments:faculty_dashboard", args=[faculty.pk]),
        "faculty_dashboard_export": reverse(
            "assessments:faculty_dashboard_export", args=[faculty.pk]
        ),
    }


ROLE_FIXTURES = [
    "sam_user",
    "admin_user_",
    "board_member",
    "other_board_member",
    "coordinator",
    "outsider",
]
# Expected status per (role, url name): the faculty is `program`'s faculty.
EXPECTED = {
    "sam_user": {
        "dashboard": 200,
        "dashboard_export": 200,
        "faculty_dashboard": 200,
        "faculty_dashboard_export": 200,
    },
    "admin_user_": {
        "dashboard": 200,
        "dashboard_export": 200,
        "faculty_dashboard": 200,
        "faculty_dashboard_export": 200,
    },
    "board_member": {
        "dashboard": 404,
        "dashboard_export": 404,
        "faculty_dashboard": 200,
        "faculty_dashboard_export": 200,
    },
    "other_board_member": {
        "dashboard": 404,
        "dashboard_export": 404,
        "faculty_dashboard": 404,
        "faculty_dashboard_export": 404,
    },
    "coordinator": {
        "dashboard": 404,
        "dashboard_export": 404,
        "faculty_dashboard": 404,
        "faculty_dashboard_export": 404,
    },
    "outsider": {
        "dashboard": 404,
        "dashboard_export": 404,
        "faculty_dashboard": 404,
        "faculty_dashboard_export": 404,
    },
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize(
    "url_name", ["dashboard", "dashboard_export", "faculty_dashboard", "faculty_dashboard_export"]
)
def test_each_role_gets_the_expected_answer_on_every_dashboard_url(
    client, request, program, role, url_name
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(urls(program.faculty)[url_name])
    assert response.status_code == EXPECTED[role][url_name]


@pytest.mark.parametrize(
    "url_name", ["dashboard", "dashboard_export", "faculty_dashboard", "faculty_dashboard_export"]
)
def test_anonymous_visitor_is_sent_to_the_login_page(client, program, url_name):
    response = client.get(urls(program.faculty)[url_name])
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_faculty_view_of_a_missing_faculty_is_404_even_for_sam(client, sam_user):
    client.force_login(sam_user)
    response = client.get(reverse("assessments:faculty_dashboard", args=[987654]))
    assert response.status_code == 404


def test_dashboard_refuses_post(client, sam_user):
    client.force_login(sam_user)
    assert client.post(reverse("assessments:dashboard")).status_code == 405


def test_sam_reads_the_dashboard_and_drills_into_a_programme(client, sam_user, program):
    client.force_login(sam_user)
    response = client.get(reverse("assessments:dashboard"))
    html = response.content.decode()
    assert SELF_ASSESSMENT_SV in html
    compass_url = reverse("assessments:program_compass", kwargs={"pk": program.pk})
    assert f'href="{compass_url}"' in html
    drill_down = client.get(compass_url)
    assert drill_down.status_code == 200


def test_board_member_sees_only_their_faculty(client, board_member, program, other_program):
    client.force_login(board_member)
    response = client.get(reverse("assessments:faculty_dashboard", args=[program.faculty.pk]))
    html = response.content.decode()
    assert program.code in html
    assert other_program.code not in html
    assert SELF_ASSESSMENT_SV in html
    # The faculty view offers no faculty filter: it cannot be widened.
    assert 'name="faculty"' not in html
    widened = client.get(
        reverse("assessments:faculty_dashboard", args=[program.faculty.pk]),
        {"faculty": other_program.faculty.pk},
    )
    assert other_program.code not in widened.content.decode()


def test_faculty_filter_restricts_the_university_dashboard(
    client, sam_user, program, other_program
):
    client.force_login(sam_user)
    response = client.get(reverse("assessments:dashboard"), {"faculty": program.faculty.pk})
    data = response.context["data"]
    assert [row.code for row in data.programs] == [program.code]


def test_profile_filter_restricts_the_university_dashboard(client, sam_user, faculty):
    general = factories.ProgramFactory(faculty=faculty, profile=Program.Profile.GENERAL)
    factories.ProgramFactory(faculty=faculty, profile=Program.Profile.PROFESSIONAL_PLACEMENT)
    client.force_login(sam_user)
    response = client.get(reverse("assessments:dashboard"), {"profile": "general"})
    assert [row.code for row in response.context["data"].programs] == [general.code]


def test_an_invalid_filter_shows_the_error_and_filters_nothing(client, sam_user, program):
    client.force_login(sam_user)
    response = client.get(reverse("assessments:dashboard"), {"profile": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"].errors["profile"]
    assert [row.code for row in response.context["data"].programs] == [program.code]


def test_filter_form_fields_are_labelled(client, sam_user, program):
    client.force_login(sam_user)
    html = client.get(reverse("assessments:dashboard")).content.decode()
    for name in ("faculty", "profile"):
        field_id = re.search(rf'<select name="{name}"[^>]*id="([^"]+)"', html).group(1)
        assert re.search(rf'<label\s+for="{field_id}"', html)


def test_every_chart_has_a_data_table_with_caption_and_header_scopes(client, sam_user, program):
    factories.ActivityPartnerFactory(activity=factories.ActivityFactory(program=program))
    client.force_login(sam_user)
    html = client.get(reverse("assessments:dashboard")).content.decode()
    charts = re.findall(r'data-figure="([^"]+)"', html)
    assert sorted(charts) == [
        "figure-coverage",
        "figure-distribution",
        "figure-partners",
        "figure-shares",
    ]
    for figure_id in charts:
        assert f'id="{figure_id}" type="application/json"' in html
    tables = html.count("<table")
    assert tables >= len(charts)
    assert html.count("<caption") == tables
    assert "<th>" not in html  # every header cell has a scope


def test_no_table_ranks_programmes_by_score(client, sam_user, faculty):
    low = factories.ProgramFactory(code="AAA", faculty=faculty)
    high = factories.ProgramFactory(code="ZZZ", faculty=faculty)
    placement = ActivityType.objects.get(key="placement")
    for _ in range(3):
        factories.ActivityFactory(program=high, type=placement, hours=0, hp=15)
    client.force_login(sam_user)
    response = client.get(reverse("assessments:dashboard"))
    html = response.content.decode()
    # Programmes appear in code order everywhere, whatever their scores.
    assert html.index(low.code) < html.index(high.code)
    # The distribution section names no programme.
    distribution = html[html.index('id="distribution"') : html.index('id="shares"')]
    assert low.code not in distribution
    assert high.code not in distribution
    # No per-programme score reaches the page: distributions carry bare values only.
    for distribution in response.context["data"].distributions:
        assert not hasattr(distribution, "programs")
    assert "Rank" not in html
    assert "Rang" not in html


def test_coverage_table_is_paginated_and_keeps_the_filter(client, sam_user, faculty, monkeypatch):
    from assessments.views import dashboard as dashboard_views

    monkeypatch.setattr(dashboard_views, "ROWS_PER_PAGE", 2)
    for index in range(5):
        factories.ProgramFactory(code=f"P{index}", faculty=faculty)
    client.force_login(sam_user)
    url = reverse("assessments:dashboard")
    first = client.get(url, {"faculty": faculty.pk})
    assert [row.program.code for row in first.context["page"].object_list] == ["P0", "P1"]
    html = first.content.decode()
    assert f"?faculty={faculty.pk}&amp;page=2" in html
    third = client.get(url, {"faculty": faculty.pk, "page": 3})
    assert [row.program.code for row in third.context["page"].object_list] == ["P4"]
    # The export always has every programme.
    assert len(third.context["data"].coverage_rows) == 5


def test_export_link_carries_the_filters(client, sam_user, program):
    client.force_login(sam_user)
    response = client.get(reverse("assessments:dashboard"), {"profile": "general"})
    assert response.context["export_url"] == reverse("assessments:dashboard_export") + (
        "?profile=general"
    )


def test_follow_up_tables_show_overdue_actions_and_expiring_agreements(client, sam_user, program):
    today = datetime.date.today()
    compass_round = factories.CompassRoundFactory(program=program, date=today)
    factories.ActionFactory(
        round=compass_round,
        description="Ring branschrådet",
        due_date=today - datetime.timedelta(days=3),
    )
    agreement = factories.AgreementFactory(
        title="Avtal med regionen", end_date=today + datetime.timedelta(days=10)
    )
    agreement.programs.add(program)
    client.force_login(sam_user)
    html = client.get(reverse("assessments:dashboard")).content.decode()
    assert "Ring branschrådet" in html
    assert "Avtal med regionen" in html


def test_dashboard_query_count_does_not_grow_with_programmes(
    client, sam_user, faculty, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            program = factories.ProgramFactory(faculty=faculty)
            activity = factories.ActivityFactory(program=program)
            factories.ActivityPartnerFactory(activity=activity)
            factories.ActionFactory(round=factories.CompassRoundFactory(program=program))

    client.force_login(sam_user)
    add(2)
    ProgramScore.objects.all().delete()
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("assessments:dashboard"))
    add(15)
    ProgramScore.objects.all().delete()
    with django_assert_max_num_queries(30) as large:
        client.get(reverse("assessments:dashboard"))

    # The idle-timeout middleware saves the session's last-seen time now and then: not the page's.
    def page_queries(context):
        return [q for q in context.captured_queries if not is_session_query(q["sql"])]

    assert len(page_queries(large)) == len(page_queries(small))


def test_nav_links_to_the_dashboard_for_sam_and_to_the_faculty_view_for_board(
    client, sam_user, board_member, coordinator, program
):
    dashboard_url = reverse("assessments:dashboard")
    faculty_url = reverse("assessments:faculty_dashboard", args=[program.faculty.pk])
    client.force_login(sam_user)
    assert f'href="{dashboard_url}"' in client.get(reverse("programs:home")).content.decode()
    client.force_login(board_member)
    html = client.get(reverse("programs:home")).content.decode()
    assert f'href="{faculty_url}"' in html
    assert f'href="{dashboard_url}"' not in html
    client.force_login(coordinator)
    html = client.get(reverse("programs:home")).content.decode()
    assert f'href="{faculty_url}"' not in html
    assert f'href="{dashboard_url}"' not in html


def test_dashboard_selectors_decide_who_may_see(sam_user, board_member, coordinator, program):
    assert dashboard.dashboard_can_view(user=sam_user)
    assert not dashboard.dashboard_can_view(user=board_member)
    assert list(dashboard.dashboard_faculties_for_user(user=board_member)) == [program.faculty]
    assert not dashboard.dashboard_faculties_for_user(user=coordinator).exists()
