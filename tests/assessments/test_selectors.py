"""The selector that turns rows into scoring inputs, single and batched."""

import datetime
import json

import pytest
from django.core.management import call_command, get_commands

from assessments import selectors, services
from assessments.models import Action, CompassRound
from assessments.scoring import compass
from programs.models import ActivityType, Program
from tests import factories
from tests.assessments.compass_builders import (
    REFERENCE_DATE,
    WORKED_EXAMPLE_SCORES,
    build_varied_program,
    build_worked_example,
)

pytestmark = pytest.mark.django_db


def test_worked_example_built_from_rows_reproduces_the_model_scores():
    program = build_worked_example()
    result = selectors.compass_for_program(program=program, reference_date=REFERENCE_DATE)
    scores = {axis.axis.value: axis.value for axis in result.axes}
    assert scores == pytest.approx(WORKED_EXAMPLE_SCORES, abs=1e-4)


def test_worked_example_input_maps_rows_as_the_contract_says():
    program = build_worked_example()
    item = selectors.program_input(program=program, reference_date=REFERENCE_DATE)
    assert (item.credits, item.years, item.has_program_worklife_outcome) == (180.0, 3, True)
    assert item.council.formal
    assert item.council.external_members == 6
    assert item.council.last_meeting == datetime.date(2026, 6, 1)
    assert len(item.activities) == 11
    placement = next(a for a in item.activities if a.type_key == "placement")
    assert placement.linked_program_outcome
    assert placement.linked_worklife_outcome
    assert placement.hp == 15.0
    assert placement.reach == 40.0
    assert len(placement.partners) == 12
    assert not placement.arranged_by_program
    project = next(a for a in item.activities if a.type_key == "partner_project")
    assert project.linked_worklife_outcome
    assert not project.linked_program_outcome
    assert project.support_count == 4
    assert not project.support_agreement


def test_council_meeting_after_the_reference_date_does_not_count():
    program = build_worked_example()
    factories.CouncilMeetingFactory(council=program.council, date=REFERENCE_DATE.replace(2027))
    item = selectors.program_input(program=program, reference_date=REFERENCE_DATE)
    assert item.council.last_meeting == datetime.date(2026, 6, 1)


def test_programme_without_council_or_activities_gets_empty_inputs():
    program = factories.ProgramFactory()
    item = selectors.program_input(program=program, reference_date=REFERENCE_DATE)
    assert item.council is None
    assert item.activities == ()
    assert item.action_plan.action_count == 0


def test_batched_scores_equal_single_programme_scores_on_varied_programmes():
    programs = [build_varied_program(seed, activities=3 + seed % 7) for seed in range(12)]
    programs.append(build_worked_example())
    programs.append(factories.ProgramFactory())  # empty
    batched = selectors.compass_all(programs=Program.objects.all(), reference_date=REFERENCE_DATE)
    inputs = selectors.program_inputs_all(
        programs=Program.objects.all(), reference_date=REFERENCE_DATE
    )
    assert set(batched) == {p.pk for p in programs}
    for program in programs:
        single_input = selectors.program_input(program=program, reference_date=REFERENCE_DATE)
        assert inputs[program.pk] == single_input
        single = selectors.compass_for_program(program=program, reference_date=REFERENCE_DATE)
        assert batched[program.pk] == single


def test_batched_path_respects_the_queryset_it_is_given():
    first, second = build_varied_program(1), build_varied_program(2)
    result = selectors.compass_all(
        programs=Program.objects.filter(pk=second.pk), reference_date=REFERENCE_DATE
    )
    assert set(result) == {second.pk}
    assert first.pk not in result


@pytest.mark.skipif("seed_demo" not in get_commands(), reason="seed_demo is not there yet")
def test_batched_scores_equal_single_programme_scores_on_the_demo_data():
    call_command("seed_demo", "--force")
    programs = Program.objects.all()
    assert programs.exists()
    today = datetime.date.today()
    batched = selectors.compass_all(programs=programs, reference_date=today)
    for program in programs:
        assert batched[program.pk] == selectors.compass_for_program(
            program=program, reference_date=today
        )


def test_program_input_query_count_does_not_grow_with_activities(django_assert_num_queries):
    small = build_varied_program(3, activities=2)
    large = build_varied_program(4, activities=40)
    counts = []
    for program in (small, large):
        with django_assert_num_queries(6) as captured:
            selectors.program_input(program=program, reference_date=REFERENCE_DATE)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_batched_query_count_does_not_grow_with_programmes(django_assert_num_queries):
    build_varied_program(5)
    with django_assert_num_queries(6):
        selectors.compass_all(programs=Program.objects.all(), reference_date=REFERENCE_DATE)
    for seed in range(6, 12):
        build_varied_program(seed)
    factories.ActionFactory(round=factories.CompassRoundFactory(program=Program.objects.first()))
    with django_assert_num_queries(6):
        result = selectors.compass_all(
            programs=Program.objects.all(), reference_date=REFERENCE_DATE
        )
    assert len(result) == 7


def test_unknown_activity_type_is_scored_as_other():
    program = factories.ProgramFactory()
    custom = ActivityType.objects.create(
        key="podcast",
        name_sv="Podd",
        name_en="Podcast",
        default_authenticity=1,
        default_proximity=1,
    )
    factories.ActivityFactory(program=program, type=custom)
    item = selectors.program_input(program=program, reference_date=REFERENCE_DATE)
    assert item.activities[0].type_key == "other"
    assert item.activities[0].depth == 2


# F4: the action plan of the round


def _f4(program, compass_round=None):
    item = selectors.program_input(
        program=program, reference_date=REFERENCE_DATE, compass_round=compass_round
    )
    return compass(item).indicator("F4").value


def test_f4_is_0_without_actions_and_without_rounds():
    program = factories.ProgramFactory()
    assert _f4(program) == 0
    factories.CompassRoundFactory(program=program)
    assert _f4(program) == 0


def test_f4_is_0_when_an_action_lacks_an_owner_or_due_date():
    compass_round = factories.CompassRoundFactory()
    factories.ActionFactory(round=compass_round)
    factories.ActionFactory(round=compass_round, owner="")
    assert _f4(compass_round.program) == 0


def test_f4_is_50_with_owned_dated_actions_but_results_not_communicated():
    compass_round = factories.CompassRoundFactory()
    factories.ActionFactory.create_batch(2, round=compass_round)
    assert _f4(compass_round.program) == 50


def test_f4_is_100_in_a_first_round_with_results_communicated():
    compass_round = factories.CompassRoundFactory(results_communicated=True)
    factories.ActionFactory(round=compass_round)
    assert _f4(compass_round.program) == 100


def _frozen_round(program, date, *, follow_up_notes):
    previous = factories.CompassRoundFactory(program=program, date=date)
    for note in follow_up_notes:
        factories.ActionFactory(round=previous, follow_up_note=note)
    CompassRound.objects.filter(pk=previous.pk).update(
        status=CompassRound.Status.FROZEN, scores={}, frozen_at=datetime.datetime.now(datetime.UTC)
    )
    return previous


def test_f4_needs_every_previous_action_followed_up_for_100():
    program = factories.ProgramFactory()
    _frozen_round(program, datetime.date(2024, 9, 1), follow_up_notes=["Klart", "  "])
    current = factories.CompassRoundFactory(program=program, results_communicated=True)
    factories.ActionFactory(round=current)
    assert _f4(program) == 50
    Action.objects.filter(round__date=datetime.date(2024, 9, 1)).update(follow_up_note="Uppföljt")
    assert _f4(program) == 100
    assert _f4(program, compass_round=current) == 100


def test_f4_of_the_live_view_uses_the_open_round_not_an_older_frozen_one():
    program = factories.ProgramFactory()
    _frozen_round(program, datetime.date(2024, 9, 1), follow_up_notes=["Klart"])
    assert _f4(program) == 50  # latest round is the frozen one: one action, not communicated
    services.round_start(program=program, user=None, date=REFERENCE_DATE)
    assert _f4(program) == 0  # the new open round has no actions yet


# Rounds and recommendations


def test_previous_frozen_round_is_the_latest_frozen_before_the_given_round():
    program = factories.ProgramFactory()
    older = _frozen_round(program, datetime.date(2022, 9, 1), follow_up_notes=[])
    newer = _frozen_round(program, datetime.date(2024, 9, 1), follow_up_notes=[])
    current = factories.CompassRoundFactory(program=program)
    assert selectors.round_previous_frozen(program=program, before=current) == newer
    assert selectors.round_previous_frozen(program=program, before=newer) == older
    assert selectors.round_previous_frozen(program=program, before=older) is None


def test_recommendations_pick_the_three_weakest_applicable_indicators_with_offers():
    program = build_worked_example()
    result = selectors.compass_for_program(program=program, reference_date=REFERENCE_DATE)
    mentorship = factories.SupportOfferFactory(indicators=["C2"], title_sv="Mentorprogram")
    factories.SupportOfferFactory(indicators=["C2"], is_active=False)
    factories.SupportOfferFactory(indicators=["P1"])
    found = selectors.recommendations(result=result)
    # Zeros in model order: C2 (mentorship) and F4 (action plan); then R1 = 25.
    assert [r.key for r in found] == ["C2", "F4", "R1"]
    assert found[0].offers == (mentorship,)
    assert found[1].offers == ()


def test_frozen_inputs_survive_a_json_round_trip():
    program = build_worked_example()
    item = selectors.program_input(program=program, reference_date=REFERENCE_DATE)
    data = selectors.program_input_as_dict(program_input=item)
    again = selectors.program_input_from_dict(data=json.loads(json.dumps(data)))
    assert again == item


def test_scoring_all_leaves_the_garbage_collector_as_it_found_it():
    import gc

    build_varied_program(20)
    assert gc.isenabled()
    selectors.compass_all(programs=Program.objects.all(), reference_date=REFERENCE_DATE)
    assert gc.isenabled()
    gc.disable()
    try:
        selectors.compass_all(programs=Program.objects.all(), reference_date=REFERENCE_DATE)
        assert not gc.isenabled()
    finally:
        gc.enable()
