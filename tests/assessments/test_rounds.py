"""Compass rounds: status steps, målbild, actions, freezing and what a frozen round refuses."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from assessments import selectors, services
from assessments.models import AxisChoice, CompassRound
from assessments.scoring import MODEL_VERSION, compass, result_from_dict
from programs import services as program_services
from tests import factories
from tests.assessments.compass_builders import (
    REFERENCE_DATE,
    WORKED_EXAMPLE_SCORES,
    build_worked_example,
)

pytestmark = pytest.mark.django_db


def _all_targets(score: int = 80) -> list[dict]:
    return [{"axis": axis, "score": score, "motivation": "Mål"} for axis in AxisChoice.values]


def _ready_round(program, user=None, date=REFERENCE_DATE) -> CompassRound:
    compass_round = services.round_start(program=program, user=user, date=date)
    services.targets_set(compass_round=compass_round, user=user, targets=_all_targets())
    return compass_round


def test_a_programme_has_at_most_one_open_round():
    program = factories.ProgramFactory()
    services.round_start(program=program, user=None)
    with pytest.raises(ValidationError):
        services.round_start(program=program, user=None)


def test_status_moves_through_the_workshop_steps_but_never_to_frozen():
    compass_round = services.round_start(program=factories.ProgramFactory(), user=None)
    for status in ("workshop_1", "workshop_2", "workshop_1"):
        services.round_set_status(compass_round=compass_round, user=None, status=status)
        compass_round.refresh_from_db()
        assert compass_round.status == status
    with pytest.raises(ValidationError):
        services.round_set_status(compass_round=compass_round, user=None, status="frozen")
    compass_round.refresh_from_db()
    assert compass_round.status == "workshop_1"


@pytest.mark.parametrize(
    ("status", "next_status", "done"),
    [
        ("draft", "workshop_1", []),
        ("workshop_1", "workshop_2", ["draft"]),
        ("workshop_2", None, ["draft", "workshop_1"]),
        ("frozen", None, ["draft", "workshop_1", "workshop_2"]),
    ],
)
def test_the_workflow_decides_the_next_step_and_which_steps_are_done(status, next_status, done):
    compass_round = CompassRound(status=status)
    assert services.round_next_status(compass_round=compass_round) == next_status
    steps = services.round_steps(compass_round=compass_round)
    assert [step.status for step in steps] == list(CompassRound.Status)
    assert [step.status for step in steps if step.done] == done
    assert [step.status for step in steps if step.current] == [status]


def test_target_year_defaults_to_the_round_year_plus_two():
    compass_round = services.round_start(
        program=factories.ProgramFactory(), user=None, date=datetime.date(2026, 3, 1)
    )
    target = services.target_set(compass_round=compass_round, user=None, axis="scope", score=70)
    assert target.target_year == 2028


def test_targets_for_all_axes_are_saved_together_or_not_at_all():
    compass_round = services.round_start(program=factories.ProgramFactory(), user=None)
    targets = _all_targets()
    targets[-1]["score"] = 150  # invalid: above 100
    with pytest.raises(ValidationError):
        services.targets_set(compass_round=compass_round, user=None, targets=targets)
    assert compass_round.targets.count() == 0
    services.targets_set(compass_round=compass_round, user=None, targets=_all_targets(60))
    assert sorted(compass_round.targets.values_list("score", flat=True)) == [60] * 8


def test_freezing_needs_a_target_for_every_axis():
    compass_round = services.round_start(program=factories.ProgramFactory(), user=None)
    services.target_set(compass_round=compass_round, user=None, axis="scope", score=70)
    with translation.override("en"), pytest.raises(ValidationError, match="Missing"):
        services.round_freeze(compass_round=compass_round, user=None)
    compass_round.refresh_from_db()
    assert not compass_round.is_frozen


def test_freezing_stores_inputs_scores_version_and_who_froze_it():
    user = factories.UserFactory()
    program = build_worked_example()
    compass_round = _ready_round(program, user)
    services.round_freeze(compass_round=compass_round, user=user)
    compass_round.refresh_from_db()
    assert compass_round.is_frozen
    assert compass_round.frozen_by == user
    assert compass_round.frozen_at is not None
    assert compass_round.model_version == MODEL_VERSION
    stored = result_from_dict(compass_round.scores)
    assert {a.axis.value: a.value for a in stored.axes} == pytest.approx(
        WORKED_EXAMPLE_SCORES, abs=1e-4
    )
    # The stored inputs reproduce the stored scores by hand (and by code).
    again = selectors.program_input_from_dict(data=compass_round.inputs)
    assert compass(again) == stored
    assert len(compass_round.inputs["activity_titles"]) == 11


def test_editing_the_inventory_after_freezing_does_not_change_the_frozen_round():
    program = build_worked_example()
    compass_round = _ready_round(program)
    services.round_freeze(compass_round=compass_round, user=None)
    before = selectors.round_result(compass_round=compass_round)
    inputs_before = dict(compass_round.inputs)

    placement = program.activities.get(type__key="placement")
    program_services.activity_update(
        activity=placement, user=None, status="mandatory", reach=100, title="Ny VFU"
    )
    factories.ActivityFactory(program=program, hp=Decimal("30"), hours=0)
    program.council.delete()

    compass_round.refresh_from_db()
    live = selectors.compass_for_program(program=program, reference_date=REFERENCE_DATE)
    assert live != before  # the live compass moved
    assert selectors.round_result(compass_round=compass_round) == before
    assert compass_round.inputs == inputs_before


def test_a_frozen_round_refuses_every_change_to_itself_its_targets_and_actions():
    compass_round = _ready_round(factories.ProgramFactory())
    action = services.action_create(
        compass_round=compass_round,
        user=None,
        axis="partnership",
        description="Starta ett programråd",
        owner="PA",
        due_date=datetime.date(2027, 6, 1),
    )
    services.round_freeze(compass_round=compass_round, user=None)
    compass_round.refresh_from_db()
    action.refresh_from_db()
    attempts = [
        lambda: services.target_set(compass_round=compass_round, user=None, axis="scope", score=1),
        lambda: services.targets_set(
            compass_round=compass_round, user=None, targets=_all_targets(10)
        ),
        lambda: services.action_create(
            compass_round=compass_round, user=None, axis="scope", description="Ny"
        ),
        lambda: services.action_update(action=action, user=None, description="Ändrad"),
        lambda: services.action_delete(action=action, user=None),
        lambda: services.round_update(
            compass_round=compass_round, user=None, results_communicated=True
        ),
        lambda: services.round_set_status(compass_round=compass_round, user=None, status="draft"),
        lambda: services.round_freeze(compass_round=compass_round, user=None),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    action.refresh_from_db()
    assert action.description == "Starta ett programråd"
    assert sorted(compass_round.targets.values_list("score", flat=True)) == [80] * 8
    assert compass_round.actions.count() == 1


def test_a_stale_instance_cannot_write_to_a_round_frozen_meanwhile():
    compass_round = _ready_round(factories.ProgramFactory())
    stale = CompassRound.objects.get(pk=compass_round.pk)
    services.round_freeze(compass_round=compass_round, user=None)
    assert not stale.is_frozen
    with pytest.raises(ValidationError):
        services.target_set(compass_round=stale, user=None, axis="scope", score=1)


def test_follow_up_is_recorded_on_a_frozen_rounds_action_without_changing_its_scores():
    compass_round = _ready_round(factories.ProgramFactory())
    action = services.action_create(
        compass_round=compass_round, user=None, axis="career", description="Mentorprogram"
    )
    services.round_freeze(compass_round=compass_round, user=None)
    scores = compass_round.scores
    services.action_follow_up(
        action=action, user=None, status="done", follow_up_note="Genomfört hösten 2027"
    )
    action.refresh_from_db()
    compass_round.refresh_from_db()
    assert action.status == "done"
    assert action.followed_up_at is not None
    assert compass_round.scores == scores


def test_f4_over_two_rounds_follows_actions_follow_ups_and_communication():
    program = factories.ProgramFactory()
    first = _ready_round(program, date=datetime.date(2024, 9, 1))
    old_action = services.action_create(
        compass_round=first,
        user=None,
        axis="scope",
        description="Gör VFU obligatorisk",
        owner="PA",
        due_date=datetime.date(2025, 6, 1),
    )
    services.round_freeze(compass_round=first, user=None)
    second = _ready_round(program)

    def f4() -> float:
        return selectors.round_result(compass_round=second).indicator("F4").value

    assert f4() == 0  # no actions in the new round yet
    services.action_create(
        compass_round=second,
        user=None,
        axis="career",
        description="Mentorprogram",
        owner="PA",
        due_date=datetime.date(2027, 6, 1),
    )
    services.round_update(compass_round=second, user=None, results_communicated=True)
    assert f4() == 50  # the previous round's action has no follow-up yet
    services.action_follow_up(action=old_action, user=None, status="done", follow_up_note="Klart")
    assert f4() == 100
    services.round_freeze(compass_round=second, user=None)
    second.refresh_from_db()
    assert result_from_dict(second.scores).indicator("F4").value == 100
    assert selectors.round_previous_frozen(program=program, before=second) == first
