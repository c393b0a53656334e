"""Completeness is a pure function: plain facts in, the list of what is missing out."""

import pytest

from programs.completeness import ActivityFacts, ProgramFacts, completeness


def activity(**overrides):
    values = {
        "type_key": "guest_lecture",
        "year": 1,
        "depth": 1,
        "support_count": 0,
        "partner_count": 1,
    }
    return ActivityFacts(**(values | overrides))


def complete_facts(**overrides):
    values = {
        "activities": (activity(),),
        "work_life_outcomes": 2,
        "program_work_life_outcomes": 1,
        "has_council": True,
        "council_members": 3,
        "council_meetings": 1,
        "alumni_follow_up": "university",
        "gender_analysis": "collected",
    }
    return ProgramFacts(**(values | overrides))


def keys(facts):
    return [item.key for item in completeness(facts).missing]


def test_an_empty_programme_misses_activities_outcomes_council_and_f3_e3():
    result = completeness(ProgramFacts())
    assert [m.key for m in result.missing] == [
        "no_activities",
        "no_work_life_outcome",
        "no_program_outcome",
        "no_council",
        "alumni_follow_up_unset",
        "gender_analysis_unset",
    ]
    assert result.percent == 0


def test_a_complete_inventory_misses_nothing():
    result = completeness(complete_facts())
    assert result.missing == ()
    assert result.percent == 100
    assert result.is_complete


def test_activities_without_a_year_are_counted():
    facts = complete_facts(activities=(activity(year=None), activity(year=None), activity()))
    result = completeness(facts)
    assert [(m.key, m.count) for m in result.missing] == [("activities_without_year", 2)]


@pytest.mark.parametrize(
    ("type_key", "needs_partner"),
    [("placement", True), ("guest_lecture", True), ("study_visit", True), ("career", False)],
)
def test_activities_whose_type_implies_an_organisation_need_a_partner(type_key, needs_partner):
    facts = complete_facts(activities=(activity(type_key=type_key, partner_count=0),))
    assert ("activities_without_partner" in keys(facts)) is needs_partner


def test_deep_activities_need_support_items_but_shallow_ones_do_not():
    deep = activity(type_key="placement", depth=4, support_count=0)
    shallow = activity(depth=1, support_count=0)
    assert "deep_without_support" in keys(complete_facts(activities=(deep, shallow)))
    supported = activity(type_key="placement", depth=4, support_count=2)
    assert "deep_without_support" not in keys(complete_facts(activities=(supported, shallow)))


def test_a_council_without_members_or_meetings_is_reported():
    facts = complete_facts(council_members=0, council_meetings=0)
    assert keys(facts) == ["council_without_members", "council_without_meetings"]


def test_only_course_outcomes_miss_the_programme_outcome():
    assert keys(complete_facts(program_work_life_outcomes=0)) == ["no_program_outcome"]


def test_f3_and_e3_still_none_are_missing():
    facts = complete_facts(alumni_follow_up="none", gender_analysis="none")
    assert keys(facts) == ["alumni_follow_up_unset", "gender_analysis_unset"]


def test_percent_is_the_share_of_applicable_checks_rounded_half_up():
    # 10 checks apply: activities, year, partner, two outcome checks, council with
    # members and meetings, F3 and E3. One fails: 9 of 10 → 90 %.
    result = completeness(complete_facts(gender_analysis="none"))
    assert (result.passed, result.total, result.percent) == (9, 10, 90)


def test_checks_that_cannot_apply_are_left_out_of_the_total():
    with_activities = completeness(complete_facts()).total
    without = completeness(complete_facts(activities=())).total
    assert without == with_activities - 2  # no "year" or "partner" check without activities
