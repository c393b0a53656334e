"""N/A versus 0, sizes, reach, overrides and the other rules of model v1 one by one."""

import pytest

from assessments.scoring import (
    ACTIVITY_TYPES,
    AXIS_INDICATORS,
    HOURS_PER_HP,
    ActivityInput,
    Axis,
    CouncilInput,
    PartnerLink,
    ProgramInput,
    Role,
    Status,
    compass,
    mean_of_applicable,
    survey_score,
)

from .test_scoring import REFERENCE_DATE, activity, link, program


def _value(example, key):
    return compass(example).indicator(key).value


# N/A is not 0.


def test_empty_programme_scores_0_on_every_axis_and_leaves_no_gap():
    result = compass(program())
    assert [score.value for score in result.axes] == [0.0] * 8


NOT_APPLICABLE_WHEN_EMPTY = ["I1", "I2", "I4", "F1", "F2", "E1", "E2"]
ZERO_WHEN_EMPTY = [
    key for keys in AXIS_INDICATORS.values() for key in keys if key not in NOT_APPLICABLE_WHEN_EMPTY
]


@pytest.mark.parametrize("key", NOT_APPLICABLE_WHEN_EMPTY)
def test_empty_programme_has_not_applicable_indicators(key):
    assert _value(program(), key) is None


@pytest.mark.parametrize("key", ZERO_WHEN_EMPTY)
def test_empty_programme_scores_0_where_the_absence_is_the_finding(key):
    assert _value(program(), key) == 0


def test_integration_axis_of_an_empty_programme_is_i3_alone():
    integration = compass(program()).axis(Axis.INTEGRATION)
    assert [i.value for i in integration.indicators] == [None, None, 0.0, None]
    assert integration.value == 0


def test_support_is_0_not_not_applicable_without_a_deep_activity():
    example = program(activity(1, "study_visit", support_preparation=True))
    assert _value(example, "S") == 0


@pytest.mark.parametrize(
    ("values", "expected"),
    [([None, None, None], None), ([], None), ([None, 50, 100], 75), ([0, None], 0)],
)
def test_axis_mean_leaves_out_not_applicable_and_is_none_when_all_are(values, expected):
    assert mean_of_applicable(values) == expected


def test_axis_mean_uses_only_applicable_indicators():
    # No distance students: E2 is N/A and the equity axis is the mean of E1 and E3.
    example = program(activity(1, "placement", arranged_by_program=True))
    assert compass(example).axis(Axis.EQUITY).value == 50


def test_e2_applies_with_distance_students_and_broad_activities():
    example = program(
        activity(1, "placement", open_to_distance=True),
        activity(2, "study_visit"),
        activity(3, "guest_lecture", open_to_distance=True),  # not broad
        has_distance_students=True,
    )
    assert _value(example, "E2") == 50


def test_e2_is_not_applicable_with_distance_students_but_no_broad_activity():
    example = program(activity(1, "guest_lecture"), has_distance_students=True)
    assert _value(example, "E2") is None


def test_f2_is_not_applicable_without_linked_organisations():
    assert _value(program(activity(1, "placement")), "F2") is None


def test_f2_counts_an_organisation_heard_on_any_of_its_links():
    example = program(
        activity(1, "placement", partners=(link(1, Role.HOST, feedback=True),)),
        activity(2, "guest_lecture", partners=(link(1, Role.GUEST_TEACHER),)),
        activity(3, "guest_lecture", partners=(link(2, Role.GUEST_TEACHER),)),
    )
    assert _value(example, "F2") == 50


# Reach, size and depth.


def test_mandatory_activity_with_stored_reach_40_reaches_everyone():
    placement = activity(1, "placement", status=Status.MANDATORY, reach=40)
    mentorship = activity(2, "mentorship", status=Status.MANDATORY, reach=40)
    example = program(placement, mentorship)
    assert placement.effective_reach == 100
    assert _value(example, "R2") == 100
    assert _value(example, "A3") == 100
    assert _value(example, "C2") == 100


def test_r2_is_the_highest_reach_among_elective_deep_activities():
    example = program(
        activity(1, "placement", status=Status.ELECTIVE, reach=40),
        activity(2, "partner_project", status=Status.EXTRACURRICULAR, reach=55),
        activity(3, "study_visit", status=Status.ELECTIVE, reach=90),  # not deep
    )
    assert _value(example, "R2") == 55


def test_size_comes_from_hours_when_there_are_no_credits():
    placement = activity(1, "placement", hours=160)
    assert HOURS_PER_HP == 1600 / 60
    assert placement.size == 6
    assert _value(program(placement, credits=60), "R1") == 75  # 6 / 60 = 10 %


def test_size_is_the_credits_when_an_activity_has_both():
    assert activity(1, "placement", hp=7.5, hours=400).size == 7.5


def test_overridden_authenticity_and_proximity_change_deep_and_broad():
    placement = activity(1, "placement", a=1, p=1, hp=30)  # D 4 -> 2: broad, not deep
    guest = activity(2, "guest_lecture", a=2, p=1)  # D 1 -> 3: deep
    example = program(placement, guest)
    assert (placement.is_deep, placement.is_broad) == (False, True)
    assert (guest.is_deep, guest.is_broad) == (True, True)
    assert compass(example).indicator("R2").activity_ids == (2,)
    assert compass(example).indicator("A2").activity_ids == (1, 2)
    assert _value(example, "A3") == 0  # no D = 4 left


def test_a1_is_25_times_the_deepest_mandatory_activity():
    example = program(
        activity(1, "study_visit"),
        activity(2, "placement", status=Status.ELECTIVE, reach=80),
    )
    assert _value(example, "A1") == 50


def test_a1_is_0_without_a_mandatory_activity():
    example = program(activity(1, "placement", status=Status.ELECTIVE, reach=80))
    assert _value(example, "A1") == 0


# Years.


def test_r3_counts_distinct_years_with_a_broad_activity():
    example = program(
        activity(1, "study_visit", year=1),
        activity(2, "field_study", year=1),
        activity(3, "guest_lecture", year=2),  # not broad
        activity(4, "simulation", year=None),  # no year
        activity(5, "simulation", year=7),  # beyond Y
        years=4,
    )
    assert _value(example, "R3") == 25
    assert compass(example).indicator("R3").activity_ids == (1, 2)


def test_c1_counts_years_with_a_mandatory_or_elective_career_activity():
    example = program(
        activity(1, "career", year=1),
        activity(2, "career", status=Status.ELECTIVE, reach=20, year=2),
        activity(3, "career", status=Status.EXTRACURRICULAR, reach=20, year=3),
        activity(4, "career", year=None),
        years=4,
    )
    assert _value(example, "C1") == 50


@pytest.mark.parametrize(
    ("has_outcome", "linked_years", "expected"),
    [
        (False, [], 0),
        (True, [], 50),
        (True, [3], 50),
        (True, [3, 3], 50),
        (True, [None, 1], 50),  # an activity without a year adds no year
        (True, [1, 3], 100),
        (False, [1, 3], 100),  # a link proves the outcome exists
    ],
)
def test_i3_rewards_programme_outcomes_linked_in_two_years(has_outcome, linked_years, expected):
    linked = (
        activity(i, "placement", year=year, linked_program_outcome=True)
        for i, year in enumerate(linked_years)
    )
    example = program(*linked, has_program_worklife_outcome=has_outcome)
    assert _value(example, "I3") == expected


def test_i1_weights_linked_activities_by_size():
    example = program(
        activity(1, "placement", hp=15, linked_worklife_outcome=True),
        activity(2, "partner_project", hp=7.5, linked_program_outcome=True),
        activity(3, "guest_lecture", hp=7.5),
    )
    assert _value(example, "I1") == 75


# Career, entrepreneurship.


def test_c2_is_the_highest_reach_among_mentorships():
    example = program(
        activity(1, "mentorship", status=Status.EXTRACURRICULAR, reach=15),
        activity(2, "mentorship", status=Status.ELECTIVE, reach=35),
    )
    assert _value(example, "C2") == 35


@pytest.mark.parametrize(
    ("status", "size", "expected"),
    [
        (Status.MANDATORY, {"hp": 7.5}, 100),
        (Status.ELECTIVE, {"hp": 7.5}, 100),
        (Status.EXTRACURRICULAR, {"hp": 7.5}, 50),
        (Status.ELECTIVE, {"hours": 40}, 50),
    ],
)
def test_c4_rewards_credit_bearing_entrepreneurship_in_the_curriculum(status, size, expected):
    example = program(activity(1, "entrepreneurship", status=status, reach=20, **size))
    assert _value(example, "C4") == expected


# Percentages over deep or broad activities.


@pytest.mark.parametrize(
    ("key", "flag"),
    [
        ("I2", "assessed"),
        ("I4", "reflection"),
        ("F1", "evaluated_by_students"),
        ("E1", "arranged_by_program"),
    ],
)
def test_percentage_indicators_count_only_their_deep_or_broad_activities(key, flag):
    example = program(
        activity(1, "placement", **{flag: True}),
        activity(2, "placement"),
        activity(3, "guest_lecture", **{flag: True}),  # neither deep nor broad
    )
    assert _value(example, key) == 50


def test_support_chain_averages_items_over_deep_activities():
    example = program(
        activity(1, "placement", support_preparation=True, support_debriefing=True),
        activity(2, "coop", support_agreement=True),
        activity(3, "study_visit", support_agreement=True),  # not deep
    )
    assert _value(example, "S") == 30


# Inputs reject what the contract rules out.


@pytest.mark.parametrize(
    "fields",
    [
        {"type_key": "workshop"},
        {"status": "optional"},
        {"authenticity": 3},
        {"proximity": -1},
        {"reach": 101},
        {"hp": 0, "hours": 0},
        {"hp": -1},
        {"year": 0},
    ],
)
def test_activity_input_rejects_values_outside_the_contract(fields):
    valid = {
        "id": 1,
        "type_key": "placement",
        "status": Status.MANDATORY,
        "reach": 100,
        "hp": 15,
        "hours": 0,
        "year": 1,
        "authenticity": 2,
        "proximity": 2,
    }
    with pytest.raises(ValueError, match="activity 1"):
        ActivityInput(**(valid | fields))


@pytest.mark.parametrize(
    "fields",
    [
        {"credits": 0},
        {"years": 0},
        {"alumni_follow_up": "sometimes"},
        {"gender_analysis": "some"},
        {"activities": (activity(1, "placement"), activity(1, "coop"))},
    ],
)
def test_program_input_rejects_values_outside_the_contract(fields):
    valid = {"id": 1, "credits": 180, "years": 3, "reference_date": REFERENCE_DATE}
    with pytest.raises(ValueError, match=r"programme 1|unknown value"):
        ProgramInput(**(valid | fields))


def test_partner_link_rejects_an_unknown_role():
    with pytest.raises(ValueError, match="role"):
        PartnerLink(organisation_id=1, role="sponsor", feedback_collected=False)


def test_council_rejects_a_negative_member_count():
    with pytest.raises(ValueError, match="external_members"):
        CouncilInput(
            formal=True, external_members=-1, last_meeting=None, last_curriculum_review=None
        )


# Vocabulary and the survey layer.


def test_activity_types_follow_the_contract_table():
    depths = {key: a + p for key, (a, p) in ACTIVITY_TYPES.items()}
    assert list(depths.items()) == [
        ("placement", 4),
        ("coop", 4),
        ("degree_project", 4),
        ("partner_project", 3),
        ("field_study", 3),
        ("simulation", 2),
        ("study_visit", 2),
        ("competition", 2),
        ("entrepreneurship", 2),
        ("guest_lecture", 1),
        ("mentorship", 1),
        ("career", 1),
        ("alumni", 1),
        ("other", 0),
    ]


@pytest.mark.parametrize(
    ("mean", "responses", "expected"),
    [(1, 5, 0), (5, 5, 100), (3.5, 12, 62.5), (4.2, 4, None), (4.2, 0, None)],
)
def test_survey_score_converts_1_to_5_and_hides_below_5_responses(mean, responses, expected):
    assert survey_score(mean, responses) == expected


def test_survey_score_rejects_a_mean_outside_1_to_5():
    with pytest.raises(ValueError, match="survey mean"):
        survey_score(5.5, 10)
