"""The compass scoring contract: the worked example, explanations, JSON and purity.

No database: scoring is pure, so these are plain pytest functions. The builders at the top are
shared with the other test_scoring_*.py files.
"""

import ast
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assessments import scoring
from assessments.scoring import (
    ACTIVITY_TYPES,
    ActivityInput,
    AlumniFollowUp,
    Axis,
    CouncilInput,
    GenderAnalysis,
    PartnerLink,
    ProgramInput,
    Role,
    Status,
    compass,
    display_round,
    result_from_dict,
)

REFERENCE_DATE = date(2025, 6, 15)


def activity(
    id: int,
    type_key: str,
    *,
    status: str = Status.MANDATORY,
    reach: float = 100,
    hp: float = 0,
    hours: float = 0,
    year: int | None = 1,
    a: int | None = None,
    p: int | None = None,
    **flags: Any,
) -> ActivityInput:
    """An activity with its type's default A and P unless overridden; 2 h when no size."""
    default_a, default_p = ACTIVITY_TYPES[type_key]
    return ActivityInput(
        id=id,
        type_key=type_key,
        status=status,
        reach=reach,
        hp=hp,
        hours=hours if hp or hours else 2,
        year=year,
        authenticity=default_a if a is None else a,
        proximity=default_p if p is None else p,
        **flags,
    )


def program(*activities: ActivityInput, **fields: Any) -> ProgramInput:
    """A 180 hp, 3-year programme scored on REFERENCE_DATE."""
    defaults: dict[str, Any] = {
        "id": 1,
        "credits": 180,
        "years": 3,
        "reference_date": REFERENCE_DATE,
    }
    return ProgramInput(**(defaults | fields), activities=activities)


def link(organisation_id: int, role: str, feedback: bool = False) -> PartnerLink:
    return PartnerLink(organisation_id, role, feedback)


ALL_SUPPORT = {
    "support_preparation": True,
    "support_agreement": True,
    "support_workplace_supervisor": True,
    "support_university_contact": True,
    "support_debriefing": True,
}


def worked_example() -> ProgramInput:
    """The worked example of compass-model.md ("Kandidatprogram i exempelvetenskap")."""
    guest_lectures = [
        activity(
            number,
            "guest_lecture",
            hours=2,
            year=year,
            partners=(link(100 + number, Role.GUEST_TEACHER),),
        )
        for number, year in ((1, 1), (2, 1), (3, 2), (4, 3))
    ]
    placement_hosts = range(107, 113)  # six organisations, each host and supervisor
    return program(
        *guest_lectures,
        activity(
            5,
            "study_visit",
            hours=6,
            year=1,
            evaluated_by_students=True,
            partners=(link(105, Role.HOST),),
        ),
        activity(
            6,
            "partner_project",
            hp=7.5,
            year=2,
            linked_worklife_outcome=True,
            assessed=True,
            reflection=True,
            **(ALL_SUPPORT | {"support_agreement": False}),
            arranged_by_program=True,
            evaluated_by_students=True,
            partners=(link(106, Role.CO_CREATOR, feedback=True),),
        ),
        activity(
            7,
            "placement",
            status=Status.ELECTIVE,
            reach=40,
            hp=15,
            year=3,
            linked_worklife_outcome=True,
            linked_program_outcome=True,
            assessed=True,
            reflection=True,
            **ALL_SUPPORT,
            evaluated_by_students=True,
            partners=tuple(
                link(org, role, feedback=True)
                for org in placement_hosts
                for role in (Role.HOST, Role.SUPERVISOR)
            ),
        ),
        activity(
            8,
            "degree_project",
            status=Status.ELECTIVE,
            reach=30,
            hp=15,
            year=3,
            linked_worklife_outcome=True,
            assessed=True,
            **(ALL_SUPPORT | {"support_university_contact": False}),
            partners=(link(113, Role.HOST), link(114, Role.HOST)),
        ),
        activity(9, "career", hours=6, year=3),
        activity(
            10,
            "alumni",
            status=Status.EXTRACURRICULAR,
            reach=30,
            hours=2,
            year=2,
            alumni_take_part=True,
        ),
        # An information session on the incubator: A = 0, P = 1 overridden (D = 1).
        activity(
            11,
            "entrepreneurship",
            status=Status.EXTRACURRICULAR,
            reach=10,
            hours=2,
            year=None,
            a=0,
            p=1,
        ),
        has_program_worklife_outcome=True,
        council=CouncilInput(
            formal=True,
            external_members=6,
            last_meeting=date(2025, 3, 15),  # 3 months before
            last_curriculum_review=date(2023, 6, 15),  # 2 years before
        ),
        alumni_follow_up=AlumniFollowUp.UNIVERSITY,
        gender_analysis=GenderAnalysis.COLLECTED,
    )


# The worked example: every number of its result table.

WORKED_INDICATORS = {
    "R1": 25,
    "R2": 100,
    "R3": 100,
    "A1": 75,
    "A2": 100,
    "A3": 40,
    "I1": pytest.approx(97.656, abs=5e-4),
    "I2": 100,
    "I3": 50,
    "I4": 50,
    "S": pytest.approx(86.667, abs=5e-4),
    "P1": 100,
    "P2": 100,
    "P3": 80,
    "C1": pytest.approx(33.333, abs=5e-4),
    "C2": 0,
    "C3": 50,
    "C4": 50,
    "F1": 75,
    "F2": 50,
    "F3": 50,
    "F4": 0,
    "E1": pytest.approx(33.333, abs=5e-4),
    "E2": None,
    "E3": 50,
}

WORKED_AXES = [
    (Axis.SCOPE, 75.0, 75),
    (Axis.AUTHENTICITY, 71.667, 72),
    (Axis.INTEGRATION, 74.414, 74),
    (Axis.SUPPORT, 86.667, 87),
    (Axis.PARTNERSHIP, 93.333, 93),
    (Axis.CAREER, 33.333, 33),
    (Axis.FOLLOW_UP, 43.75, 44),
    (Axis.EQUITY, 41.667, 42),
]


@pytest.mark.parametrize(("key", "expected"), WORKED_INDICATORS.items())
def test_worked_example_sub_indicator_matches_the_contract(key, expected):
    assert compass(worked_example()).indicator(key).value == expected


@pytest.mark.parametrize(("axis", "score", "shown"), WORKED_AXES)
def test_worked_example_axis_score_and_display_match_the_contract(axis, score, shown):
    value = compass(worked_example()).axis(axis).value
    assert value == pytest.approx(score, abs=5e-4)
    assert display_round(value) == shown


def test_worked_example_has_e2_not_applicable_without_distance_students():
    e2 = compass(worked_example()).indicator("E2")
    assert e2.value is None
    assert e2.activity_ids == ()


def test_worked_example_inputs_add_up_as_the_contract_says():
    example = worked_example()
    links = [link for a in example.activities for link in a.partners]
    heard = {link.organisation_id for link in links if link.feedback_collected}
    assert round(sum(a.size for a in example.activities), 1) == 38.4
    assert len({link.organisation_id for link in links}) == 14
    assert {link.role for link in links} == {
        Role.GUEST_TEACHER,
        Role.HOST,
        Role.CO_CREATOR,
        Role.SUPERVISOR,
    }
    assert len(heard) == 7


@pytest.mark.parametrize(
    ("key", "arithmetic"),
    [
        ("R1", "7.5 / 180 × 100 = 4.17 % → 25"),
        ("R2", "max(100, 40, 30) = 100"),
        ("R3", "|{1, 2, 3}| / 3 × 100 = 100"),
        ("A1", "25 × max(3, 2, 1) = 75"),
        ("A2", "25 × min(4, 4) = 100"),
        ("A3", "max(40, 30) = 40"),
        ("I1", "37.5 / 38.4 × 100 = 97.656"),
        ("I3", "|{3}| < 2 → 50"),
        ("I4", "2 / 4 × 100 = 50"),
        ("S", "(4/5 + 5/5 + 4/5) / 3 × 100 = 86.667"),
        (
            "P1",
            "✓ → 25; ✓, 6 ≥ 3 → 50; 2025-03-15 ∈ [2024-06-15, 2025-06-15] → 75; "
            "2023-06-15 ∈ [2022-06-15, 2025-06-15] → 100",
        ),
        ("P2", "10 × min(10, 14) = 100"),
        ("P3", "20 × min(5, 4) = 80"),
        ("C1", "|{3}| / 3 × 100 = 33.333"),
        ("C2", "∅ → 0"),
        ("C3", "1 → 50"),
        ("C4", "✗ → 50"),
        ("F1", "3 / 4 × 100 = 75"),
        ("F2", "7 / 14 × 100 = 50"),
        ("F3", "50"),
        ("F4", "0 → 0"),
        ("E1", "1 / 3 × 100 = 33.333"),
        ("E2", "✗ → N/A"),
    ],
)
def test_worked_example_arithmetic_shows_the_hand_calculation(key, arithmetic):
    assert compass(worked_example()).indicator(key).arithmetic == arithmetic


@pytest.mark.parametrize(
    ("key", "ids"),
    [
        ("R1", (6,)),  # the mandatory deep activities
        ("R2", (6, 7, 8)),  # the deep activities
        ("R3", (5, 6, 7, 8)),  # the broad activities
        ("A1", (1, 2, 3, 4, 5, 6, 9)),  # the mandatory activities
        ("A3", (7, 8)),  # the D = 4 activities
        ("I1", tuple(range(1, 12))),  # every activity
        ("I3", (7,)),  # linked to the programme outcome
        ("S", (6, 7, 8)),
        ("P2", (1, 2, 3, 4, 5, 6, 7, 8)),  # activities with partner links
        ("C1", (9,)),
        ("C3", (10,)),
        ("C4", (11,)),
        ("F1", (5, 6, 7, 8)),
        ("P1", ()),  # programme fields read no rows
        ("E3", ()),
    ],
)
def test_explanation_lists_the_inventory_rows_each_indicator_used(key, ids):
    assert compass(worked_example()).indicator(key).activity_ids == ids


def test_result_carries_the_model_version_and_eight_axes_in_radar_order():
    result = compass(worked_example())
    assert result.model_version == scoring.MODEL_VERSION == "v1"
    assert [score.axis for score in result.axes] == list(Axis)
    assert [i.key for s in result.axes for i in s.indicators] == [
        key for keys in scoring.AXIS_INDICATORS.values() for key in keys
    ]


def test_unknown_axis_or_indicator_key_raises_key_error():
    result = compass(worked_example())
    with pytest.raises(KeyError):
        result.indicator("Z9")


# JSON for frozen rounds.


@pytest.mark.parametrize("example", [worked_example(), program()])
def test_result_survives_a_json_round_trip_unchanged(example):
    result = compass(example)
    stored = json.loads(json.dumps(result.as_dict()))
    assert result_from_dict(stored) == result


def test_as_dict_has_the_documented_shape():
    data = compass(worked_example()).as_dict()
    assert data["model_version"] == "v1"
    assert list(data["axes"]) == [axis.value for axis in Axis]
    assert data["axes"]["scope"]["value"] == 75.0
    assert data["axes"]["scope"]["indicators"]["R1"] == {
        "value": 25.0,
        "arithmetic": "7.5 / 180 × 100 = 4.17 % → 25",
        "activity_ids": [6],
    }
    assert data["axes"]["equity"]["indicators"]["E2"]["value"] is None


# Purity: stdlib only, no Django, no clock.


def _scoring_sources() -> list[Path]:
    location = Path(scoring.__file__)
    if location.name == "__init__.py":
        return sorted(location.parent.glob("*.py"))
    return [location]


def _imported_roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("source", _scoring_sources(), ids=lambda path: path.name)
def test_scoring_imports_only_the_standard_library_and_never_django(source):
    roots = _imported_roots(ast.parse(source.read_text(encoding="utf-8")))
    assert "django" not in roots
    assert roots <= set(sys.stdlib_module_names)


@pytest.mark.parametrize("source", _scoring_sources(), ids=lambda path: path.name)
def test_scoring_never_reads_the_clock(source):
    tree = ast.parse(source.read_text(encoding="utf-8"))
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert not attributes & {"now", "today", "utcnow", "time", "localtime"}
