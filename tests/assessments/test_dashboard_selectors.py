"""The dashboard's reads: shares, stale inventories, overdue actions, agreements, partners,
coverage and per-axis distributions, in a bounded number of queries."""

import datetime
from decimal import Decimal

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import dashboard
from assessments.models import Action, CompassRound, ProgramScore
from programs.models import ActivityType, Program
from tests import factories

TODAY = datetime.date(2026, 10, 1)


def build(programs=None, *, whole_university=True):
    programs = programs if programs is not None else dashboard.dashboard_programs()
    return dashboard.dashboard_build(
        programs=programs, today=TODAY, whole_university=whole_university
    )


def add_activities(program, n, type_key="guest_lecture"):
    activity_type = ActivityType.objects.get(key=type_key)
    return [
        factories.ActivityFactory(program=program, type=activity_type, hours=Decimal("2"))
        for _ in range(n)
    ]


def test_programme_list_is_in_code_order_not_by_score(faculty):
    for code in ("PRG-C", "PRG-A", "PRG-B"):
        program = factories.ProgramFactory(code=code, faculty=faculty)
    add_activities(program, 3, "placement")  # PRG-B scores highest on several axes
    result = build()
    assert [row.code for row in result.programs] == ["PRG-A", "PRG-B", "PRG-C"]
    assert [row.program.code for row in result.coverage_rows] == ["PRG-A", "PRG-B", "PRG-C"]


def test_inactive_programmes_are_left_out(faculty):
    factories.ProgramFactory(code="ACTIVE", faculty=faculty)
    factories.ProgramFactory(code="CLOSED", faculty=faculty, is_active=False)
    assert [row.code for row in build().programs] == ["ACTIVE"]


def test_filters_restrict_by_faculty_and_profile(faculty, other_faculty):
    factories.ProgramFactory(code="A", faculty=faculty, profile=Program.Profile.GENERAL)
    factories.ProgramFactory(code="B", faculty=faculty, profile=Program.Profile.PROFESSIONAL)
    factories.ProgramFactory(code="C", faculty=other_faculty, profile=Program.Profile.GENERAL)
    in_faculty = dashboard.dashboard_programs(faculty=faculty)
    assert sorted(in_faculty.values_list("code", flat=True)) == ["A", "B"]
    general = dashboard.dashboard_programs(profile=Program.Profile.GENERAL)
    assert sorted(general.values_list("code", flat=True)) == ["A", "C"]
    both = dashboard.dashboard_programs(faculty=faculty, profile=Program.Profile.GENERAL)
    assert list(both.values_list("code", flat=True)) == ["A"]


def test_shares_count_formal_council_current_round_and_action_plan(faculty):
    with_all = factories.ProgramFactory(code="A", faculty=faculty)
    informal = factories.ProgramFactory(code="B", faculty=faculty)
    old_round = factories.ProgramFactory(code="C", faculty=faculty)
    factories.ProgramFactory(code="D", faculty=faculty)
    factories.CouncilFactory(program=with_all, is_formal=True)
    factories.CouncilFactory(program=informal, is_formal=False)
    current = factories.CompassRoundFactory(program=with_all, date=datetime.date(2025, 3, 1))
    factories.ActionFactory(round=current)
    frozen_old = factories.CompassRoundFactory(
        program=old_round,
        date=datetime.date(2023, 3, 1),
        status=CompassRound.Status.FROZEN,
        scores={},
        frozen_at=datetime.datetime(2023, 3, 2, tzinfo=datetime.UTC),
    )
    factories.ActionFactory(round=frozen_old)

    shares = {share.key: share for share in build().shares}

    assert (shares["formal_council"].count, shares["formal_council"].total) == (1, 4)
    assert shares["formal_council"].percent == 25
    assert shares["current_round"].count == 1  # the 2023 frozen round is not current
    assert shares["action_plan"].count == 2  # any round with an action


def test_an_open_round_is_current_however_old(program):
    factories.CompassRoundFactory(program=program, date=datetime.date(2020, 1, 1))
    (row,) = build().programs
    assert row.has_current_round


def test_a_round_exactly_two_years_old_is_still_current(program):
    factories.CompassRoundFactory(
        program=program,
        date=datetime.date(2024, 10, 1),
        status=CompassRound.Status.FROZEN,
        scores={},
        frozen_at=datetime.datetime(2024, 10, 2, tzinfo=datetime.UTC),
    )
    (row,) = build().programs
    assert row.has_current_round


def test_inventory_untouched_for_a_year_is_stale_and_a_recent_activity_refreshes_it(faculty):
    with time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)):
        old = factories.ProgramFactory(code="OLD", faculty=faculty)
        refreshed = factories.ProgramFactory(code="NEW", faculty=faculty)
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC)):
        add_activities(refreshed, 1)
    result = build()
    assert [row.code for row in result.stale] == ["OLD"]
    assert old.pk in {row.pk for row in result.programs if row.is_stale}


def test_a_council_meeting_counts_as_an_inventory_change(program):
    with time_machine.travel(datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.UTC)):
        program.save()
        council = factories.CouncilFactory(program=program)
    with time_machine.travel(datetime.datetime(2026, 8, 1, 12, tzinfo=datetime.UTC)):
        factories.CouncilMeetingFactory(council=council)
    (row,) = build().programs
    assert not row.is_stale
    assert row.last_change.date() == datetime.date(2026, 8, 1)


def test_overdue_actions_are_past_due_and_not_done(program):
    compass_round = factories.CompassRoundFactory(program=program)
    factories.ActionFactory(
        round=compass_round, description="late", due_date=datetime.date(2026, 9, 1)
    )
    factories.ActionFactory(
        round=compass_round,
        description="late but done",
        due_date=datetime.date(2026, 9, 1),
        status=Action.Status.DONE,
    )
    factories.ActionFactory(round=compass_round, description="due today", due_date=TODAY)
    factories.ActionFactory(round=compass_round, description="no date", due_date=None)
    (overdue,) = build().overdue_actions
    assert overdue.description == "late"
    assert overdue.days_overdue == 30
    assert overdue.program_code == program.code


def test_agreements_ending_within_90_days_are_listed_with_their_programmes(program):
    soon = factories.AgreementFactory(title="soon", end_date=TODAY + datetime.timedelta(days=90))
    soon.programs.add(program)
    factories.AgreementFactory(title="today", end_date=TODAY)
    factories.AgreementFactory(title="later", end_date=TODAY + datetime.timedelta(days=91))
    factories.AgreementFactory(title="ended", end_date=TODAY - datetime.timedelta(days=1))
    factories.AgreementFactory(title="open-ended", end_date=None)
    result = build()
    assert [a.title for a in result.expiring_agreements] == ["today", "soon"]
    assert result.expiring_agreements[1].program_codes == (program.code,)
    assert result.expiring_agreements[1].days_left == 90


def test_a_filtered_view_lists_only_agreements_of_its_programmes(program, other_program):
    mine = factories.AgreementFactory(title="mine", end_date=TODAY)
    mine.programs.add(program)
    theirs = factories.AgreementFactory(title="theirs", end_date=TODAY)
    theirs.programs.add(other_program)
    factories.AgreementFactory(title="nobody's", end_date=TODAY)
    result = build(dashboard.dashboard_programs(faculty=program.faculty), whole_university=False)
    assert [a.title for a in result.expiring_agreements] == ["mine"]


def test_top_partners_count_distinct_programmes(faculty):
    programs = [factories.ProgramFactory(faculty=faculty) for _ in range(3)]
    wide = factories.PartnerFactory(name="Wide AB")
    narrow = factories.PartnerFactory(name="Narrow AB")
    for program in programs:
        for activity in add_activities(program, 2):  # two links per programme
            factories.ActivityPartnerFactory(activity=activity, partner=wide)
    factories.ActivityPartnerFactory(activity=add_activities(programs[0], 1)[0], partner=narrow)
    partners = build().top_partners
    assert [(p.name, p.programs) for p in partners] == [("Wide AB", 3), ("Narrow AB", 1)]


def test_top_partners_stop_at_fifteen(program):
    activity = add_activities(program, 1)[0]
    for _ in range(dashboard.TOP_PARTNERS + 3):
        factories.ActivityPartnerFactory(activity=activity)
    assert len(build().top_partners) == dashboard.TOP_PARTNERS


def test_coverage_counts_activities_per_programme_and_type(faculty):
    program = factories.ProgramFactory(code="A", faculty=faculty)
    factories.ProgramFactory(code="B", faculty=faculty)
    add_activities(program, 2, "guest_lecture")
    add_activities(program, 1, "placement")
    result = build()
    keys = [column.key for column in result.coverage_columns]
    assert keys == list(ActivityType.objects.values_list("key", flat=True))
    row_a, row_b = result.coverage_rows
    assert row_a.counts[keys.index("guest_lecture")] == 2
    assert row_a.counts[keys.index("placement")] == 1
    assert sum(row_b.counts) == 0
    placement = result.coverage_columns[keys.index("placement")]
    assert (placement.programs_with, placement.activities) == (1, 1)


def test_distribution_gives_quartiles_and_counts_not_applicable(faculty):
    for _ in range(4):
        factories.ProgramFactory(faculty=faculty)
    result = build()
    assert [d.axis for d in result.distributions] == [
        "scope",
        "authenticity",
        "integration",
        "support",
        "partnership",
        "career",
        "follow_up",
        "equity",
    ]
    integration = next(d for d in result.distributions if d.axis == "integration")
    # Empty programmes: I1, I2, I4 are N/A but I3 is 0, so the axis is scored 0.
    assert (integration.n, integration.not_applicable) == (4, 0)
    assert integration.median == 0


def test_axis_distribution_uses_inclusive_quartiles_and_skips_na():
    result = dashboard.axis_distribution(
        axis="scope", label="Scope", values=[0.0, 25.0, None, 50.0, 100.0], total=5
    )
    assert (result.n, result.not_applicable) == (4, 1)
    assert (result.minimum, result.q1, result.median, result.q3, result.maximum) == (
        0,
        19,  # 18.75 rounds half up
        38,  # 37.5
        63,  # 62.5
        100,
    )
    assert result.values == (0.0, 25.0, 50.0, 100.0)


def test_axis_distribution_of_nothing_is_empty():
    result = dashboard.axis_distribution(axis="scope", label="Scope", values=[None], total=1)
    assert (result.n, result.not_applicable, result.median) == (0, 1, None)


def test_stored_scores_are_refreshed_when_the_inventory_changes(program):
    first = build().distributions[0]
    assert first.median == 0
    add_activities(program, 1, "placement")  # a mandatory deep activity raises scope
    second = build().distributions[0]
    assert second.median > 0


def test_stored_scores_are_reused_while_the_inventory_is_unchanged(program, monkeypatch):
    build()
    calls = []
    monkeypatch.setattr(
        dashboard.compass_services.scores.selectors,
        "compass_all",
        lambda **kwargs: calls.append(kwargs) or {},
    )
    build()
    assert calls == []


def _count_queries(programs):
    ProgramScore.objects.all().delete()  # every programme scored, as on a first visit
    with CaptureQueriesContext(connection) as queries:
        build(programs)
    return len(queries)


def _make_programs(faculty, n, activities_each):
    partner = factories.PartnerFactory()
    for _ in range(n):
        program = factories.ProgramFactory(faculty=faculty)
        factories.CouncilFactory(program=program)
        compass_round = factories.CompassRoundFactory(program=program)
        factories.ActionFactory(round=compass_round, due_date=datetime.date(2026, 1, 1))
        agreement = factories.AgreementFactory(end_date=TODAY)
        agreement.programs.add(program)
        for activity in add_activities(program, activities_each, "placement"):
            factories.ActivityPartnerFactory(activity=activity, partner=partner)


def test_query_count_does_not_grow_with_the_number_of_programmes(faculty, other_faculty):
    _make_programs(faculty, 2, 1)
    small = _count_queries(dashboard.dashboard_programs(faculty=faculty))
    _make_programs(other_faculty, 12, 4)
    large = _count_queries(dashboard.dashboard_programs(faculty=other_faculty))
    assert small == large
    assert large <= 20
