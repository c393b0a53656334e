"""Every step edge of model v1, table-driven: steps are half-open, caps are caps."""

from datetime import date

import pytest

from assessments.scoring import (
    ACTIVITY_TYPES,
    ActionPlanInput,
    CouncilInput,
    Role,
    Status,
    compass,
    display_round,
)

from .test_scoring import activity, link, program


def _value(example, key):
    return compass(example).indicator(key).value


# R1: mandatory deep share of H: 0 -> 0; (0, 5) -> 25; [5, 10) -> 50; [10, 15) -> 75; >= 15 -> 100.


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ({"hours": 1}, 25),  # 1 h = 0.0375 hp of 100: tiny but above 0
        ({"hp": 4.99}, 25),
        ({"hp": 5}, 50),
        ({"hp": 9.99}, 50),
        ({"hp": 10}, 75),
        ({"hp": 14.99}, 75),
        ({"hp": 15}, 100),
        ({"hp": 60}, 100),
        ({"hours": 133.333}, 25),  # 4.99999 % in hours
        ({"hours": 1600 / 60 * 5}, 50),  # exactly 5 hp-equivalents in hours
    ],
)
def test_r1_steps_the_mandatory_deep_share_at_half_open_edges(size, expected):
    example = program(activity(1, "placement", **size), credits=100)
    assert _value(example, "R1") == expected


def test_r1_is_exactly_0_without_a_mandatory_deep_activity():
    elective = activity(1, "placement", status=Status.ELECTIVE, reach=90, hp=60)
    shallow = activity(2, "study_visit", hp=60)  # mandatory but D = 2
    assert _value(program(elective, shallow, credits=100), "R1") == 0


def test_r1_counts_an_exact_5_percent_as_5_despite_float_noise():
    # 0.6 + 3.8 + 0.1 summed left to right is 4.499999999999999, just under 5 % of 90 hp.
    parts = [activity(i, "partner_project", hp=hp) for i, hp in enumerate((0.6, 3.8, 0.1))]
    assert _value(program(*parts, credits=90), "R1") == 50


# A2: 25 per distinct broad type, at most 4 types.

BROAD_TYPES = [key for key, (a, p) in ACTIVITY_TYPES.items() if a + p >= 2]


@pytest.mark.parametrize(
    ("types", "expected"), [(0, 0), (1, 25), (2, 50), (3, 75), (4, 100), (5, 100), (9, 100)]
)
def test_a2_gives_25_per_distinct_broad_type_and_caps_at_4(types, expected):
    example = program(*(activity(i, key) for i, key in enumerate(BROAD_TYPES[:types])))
    assert _value(example, "A2") == expected


def test_a2_counts_a_type_once_and_ignores_types_that_are_not_broad():
    example = program(
        activity(1, "study_visit"),
        activity(2, "study_visit"),
        activity(3, "guest_lecture"),
        activity(4, "placement", a=1, p=0),  # overridden to D = 1
    )
    assert _value(example, "A2") == 25


# C3: activities with alumni taking part: 0 -> 0, 1 -> 50, >= 2 -> 100.


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (1, 50), (2, 100), (3, 100)])
def test_c3_steps_by_activities_with_alumni(count, expected):
    alumni = (activity(i, "guest_lecture", alumni_take_part=True) for i in range(count))
    others = activity(99, "alumni")  # the alumni type alone does not count
    assert _value(program(*alumni, others), "C3") == expected


# P2 and P3: caps.


@pytest.mark.parametrize(
    ("organisations", "expected"),
    [(0, 0), (1, 10), (9, 90), (10, 100), (11, 100), (25, 100)],
)
def test_p2_gives_10_per_distinct_organisation_and_caps_at_10(organisations, expected):
    links = tuple(link(org, Role.HOST) for org in range(organisations))
    example = program(activity(1, "placement", partners=links))
    assert _value(example, "P2") == expected


def test_p2_counts_an_organisation_linked_to_two_activities_once():
    example = program(
        activity(1, "placement", partners=(link(7, Role.HOST),)),
        activity(2, "guest_lecture", partners=(link(7, Role.GUEST_TEACHER),)),
    )
    assert _value(example, "P2") == 10


@pytest.mark.parametrize(
    ("roles", "expected"), [(0, 0), (1, 20), (2, 40), (4, 80), (5, 100), (6, 100)]
)
def test_p3_gives_20_per_distinct_role_and_caps_at_5(roles, expected):
    links = tuple(link(1, role) for role in list(Role)[:roles])
    example = program(activity(1, "placement", partners=links))
    assert _value(example, "P3") == expected


def test_p3_counts_a_role_on_several_links_once():
    links = (link(1, Role.HOST), link(2, Role.HOST), link(3, Role.SUPERVISOR))
    assert _value(program(activity(1, "placement", partners=links)), "P3") == 40


# P1: cumulative steps against the reference date 2025-06-15.

RECENT = date(2025, 1, 10)


def _council(**fields):
    defaults = {
        "formal": True,
        "external_members": 3,
        "last_meeting": RECENT,
        "last_curriculum_review": RECENT,
    }
    return CouncilInput(**(defaults | fields))


@pytest.mark.parametrize(
    ("council", "expected"),
    [
        (None, 0),
        (_council(formal=False), 25),
        (_council(external_members=2), 25),  # formal, too few external members
        (_council(last_meeting=None, last_curriculum_review=None), 50),
        (_council(last_curriculum_review=None), 75),
        (_council(), 100),
        # a meeting exactly 12 months before counts, one day older does not
        (_council(last_meeting=date(2024, 6, 15)), 100),
        (_council(last_meeting=date(2024, 6, 14)), 50),
        (_council(last_meeting=date(2025, 6, 15)), 100),  # on the reference date
        (_council(last_meeting=date(2025, 6, 16)), 50),  # after it
        # a review exactly 3 years before counts, one day older does not
        (_council(last_curriculum_review=date(2022, 6, 15)), 100),
        (_council(last_curriculum_review=date(2022, 6, 14)), 75),
        (_council(last_curriculum_review=date(2025, 6, 16)), 75),  # after it
        # steps are cumulative: a review without a recent meeting stays at 50
        (_council(last_meeting=date(2023, 1, 1)), 50),
        (_council(formal=False, external_members=0), 25),
    ],
)
def test_p1_climbs_the_council_steps_cumulatively(council, expected):
    assert _value(program(council=council), "P1") == expected


@pytest.mark.parametrize(
    ("meeting", "review", "expected"),
    [
        (date(2023, 2, 28), date(2021, 2, 28), 100),
        (date(2023, 2, 27), date(2021, 2, 28), 50),
        (date(2023, 2, 28), date(2021, 2, 27), 75),
    ],
)
def test_p1_windows_from_29_february_start_on_28_february(meeting, review, expected):
    council = _council(last_meeting=meeting, last_curriculum_review=review)
    example = program(council=council, reference_date=date(2024, 2, 29))
    assert _value(example, "P1") == expected


# F4: the action plan.


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (ActionPlanInput(), 0),
        (ActionPlanInput(action_count=0, results_communicated=True), 0),
        (ActionPlanInput(action_count=3, all_have_owner_and_due_date=False), 0),
        (
            ActionPlanInput(
                action_count=3, all_have_owner_and_due_date=False, results_communicated=True
            ),
            0,
        ),
        (ActionPlanInput(action_count=1, all_have_owner_and_due_date=True), 50),
        (
            ActionPlanInput(
                action_count=3, all_have_owner_and_due_date=True, results_communicated=True
            ),
            100,  # no previous round: its follow-up holds vacuously
        ),
        (
            ActionPlanInput(
                action_count=3,
                all_have_owner_and_due_date=True,
                has_previous_round=True,
                previous_all_followed_up=True,
                results_communicated=True,
            ),
            100,
        ),
        (
            ActionPlanInput(
                action_count=3,
                all_have_owner_and_due_date=True,
                has_previous_round=True,
                previous_all_followed_up=False,
                results_communicated=True,
            ),
            50,
        ),
        (
            ActionPlanInput(
                action_count=3,
                all_have_owner_and_due_date=True,
                has_previous_round=True,
                previous_all_followed_up=True,
                results_communicated=False,
            ),
            50,
        ),
        (
            ActionPlanInput(
                action_count=3,
                all_have_owner_and_due_date=True,
                has_previous_round=False,
                previous_all_followed_up=False,  # ignored without a previous round
                results_communicated=True,
            ),
            100,
        ),
    ],
)
def test_f4_scores_the_action_plan_as_written(plan, expected):
    assert _value(program(action_plan=plan), "F4") == expected


# Display rounding: half up.


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (43.75, 44),
        (71.667, 72),
        (74.414, 74),
        (0.5, 1),
        (1.5, 2),
        (2.5, 3),  # round() would give 2
        (0.49, 0),
        (0.0, 0),
        (100.0, 100),
        (100 / 3, 33),
        (0.29 * 50, 15),  # 14.499999999999998 is 14.5 on paper
        (None, None),
    ],
)
def test_display_round_rounds_half_up(value, shown):
    assert display_round(value) == shown
