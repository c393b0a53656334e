"""Scoring inputs: database rows → ProgramInput, for one programme and for many at once.

One code path builds the scoring inputs for one programme and for all programmes at once:
the same few `.values_list()` queries run filtered by one programme or by a queryset of
programmes, and the rows are grouped in Python. So the single-programme page and the
dashboards always give identical numbers, and the number of queries never grows with the
number of programmes or activities (6 queries in total for `program_inputs_all`).
Grouping the rows is plain dict work; pandas would not pay here, because the cost lies in
building the validated scoring dataclasses, not in grouping. On PostgreSQL with 1,000
programmes and 100,000 activities, `compass_all` takes about 1.2–1.8 s on this 2-core
machine (rows to inputs about two thirds of it, scoring the rest), with the garbage
collector paused while the objects are built (see _collector_paused).

Readings chosen where the contract is silent
--------------------------------------------
- The action plan (F4) comes from one compass round: the round given, or for live views the
  programme's open (unfrozen) round if any, else its latest round. The "previous round" is the
  round just before it in (date, id) order; an action of it counts as followed up when its
  follow-up note is not blank.
- An activity type key that is not in the model's taxonomy (an administrator added a type)
  is scored as "other"; its stored A and P still count.
- Council: the external members are counted as rows; the latest meeting is the latest one on
  or before the reference date.
"""

from __future__ import annotations

import datetime
import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Count, Exists, FloatField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from assessments.models import Action, CompassRound
from assessments.scoring import (
    ACTIVITY_TYPES,
    ActionPlanInput,
    ActivityInput,
    CompassResult,
    CouncilInput,
    PartnerLink,
    ProgramInput,
    compass,
)
from programs.models import (
    Activity,
    ActivityPartner,
    CouncilMeeting,
    CouncilMember,
    LearningOutcome,
    Program,
)

OTHER_TYPE = "other"
# Columns of one activity row, in the order _activity_input reads them.
_ACTIVITY_COLUMNS = (
    "id",
    "program_id",
    "type__key",
    "status",
    "reach",
    "hp_float",
    "hours_float",
    "year",
    "authenticity",
    "proximity",
    "assessed",
    "reflection",
    "support_preparation",
    "support_agreement",
    "support_workplace_supervisor",
    "support_university_contact",
    "support_debriefing",
    "host_arranged_by",
    "open_to_distance",
    "evaluated_by_students",
    "alumni_take_part",
)


def program_input(
    *,
    program: Program,
    reference_date: datetime.date,
    compass_round: CompassRound | None = None,
) -> ProgramInput:
    """The scoring input of one programme (6 queries, whatever its size)."""
    programs = Program.objects.filter(pk=program.pk)
    inputs = _build_inputs(
        programs=programs,
        reference_date=reference_date,
        round_ids={program.pk: compass_round.pk} if compass_round is not None else None,
    )
    return inputs[program.pk]


def program_inputs_all(
    *, programs: QuerySet[Program], reference_date: datetime.date
) -> dict[int, ProgramInput]:
    """Scoring inputs of every programme in `programs`, keyed by id (6 queries in total)."""
    with _collector_paused():
        return _build_inputs(programs=programs, reference_date=reference_date, round_ids=None)


def compass_for_program(*, program: Program, reference_date: datetime.date) -> CompassResult:
    """The live compass of one programme on `reference_date`."""
    return compass(program_input(program=program, reference_date=reference_date))


def compass_all(
    *, programs: QuerySet[Program], reference_date: datetime.date
) -> dict[int, CompassResult]:
    """The live compass of every programme in `programs`, keyed by programme id."""
    inputs = program_inputs_all(programs=programs, reference_date=reference_date)
    with _collector_paused():
        return {pk: compass(item) for pk, item in inputs.items()}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many small objects.

    Scoring all programmes builds a few hundred thousand tuples and frozen dataclasses, none
    of them in reference cycles; the collector's repeated passes over them cost about a
    third of the time. Reference counting still frees everything; the collector resumes
    (if it was on) when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_inputs(
    *,
    programs: QuerySet[Program],
    reference_date: datetime.date,
    round_ids: dict[int, int] | None,
) -> dict[int, ProgramInput]:
    """Run the six queries for `programs` and group their rows into ProgramInputs."""
    program_ids = programs.order_by().values("pk")
    program_rows = _program_rows(program_ids=program_ids, reference_date=reference_date)
    if not program_rows:
        return {}

    activity_rows = list(
        Activity.objects.filter(program_id__in=program_ids)
        .order_by()
        .annotate(
            hp_float=Cast("hp", FloatField()),
            hours_float=Cast("hours", FloatField()),
        )
        .values_list(*_ACTIVITY_COLUMNS)
    )
    worklife, program_level = _outcome_links(program_ids=program_ids)
    partners = _partner_links(program_ids=program_ids)
    plans = _action_plans(program_ids=program_ids, round_ids=round_ids)

    activities: dict[int, list[ActivityInput]] = defaultdict(list)
    for row in sorted(activity_rows):  # by activity id: the same order in every path
        activities[row[1]].append(
            _activity_input(
                row,
                linked_worklife=row[0] in worklife,
                linked_program=row[0] in program_level,
                partners=partners.get(row[0], ()),
            )
        )

    result = {}
    for row in program_rows:
        (
            pk,
            credits,
            years,
            has_distance,
            alumni,
            gender,
            has_outcome,
            council_id,
            council_formal,
            council_review,
            council_members,
            council_meeting,
        ) = row
        council = None
        if council_id is not None:
            council = CouncilInput(
                formal=bool(council_formal),
                external_members=council_members or 0,
                last_meeting=council_meeting,
                last_curriculum_review=council_review,
            )
        result[pk] = ProgramInput(
            id=pk,
            credits=float(credits),
            years=years,
            reference_date=reference_date,
            has_distance_students=bool(has_distance),
            has_program_worklife_outcome=bool(has_outcome),
            council=council,
            alumni_follow_up=alumni,
            gender_analysis=gender,
            action_plan=plans.get(pk, ActionPlanInput()),
            activities=tuple(activities.get(pk, ())),
        )
    return result


def _program_rows(*, program_ids: QuerySet, reference_date: datetime.date) -> list[tuple]:
    """Programme fields plus outcome flag and council facts, one row per programme."""
    program_outcome = LearningOutcome.objects.filter(
        program_id=OuterRef("pk"),
        level=LearningOutcome.Level.PROGRAM,
        is_work_life=True,
    )
    members = (
        CouncilMember.objects.filter(council_id=OuterRef("council__id"))
        .order_by()
        .values("council_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    meetings = (
        CouncilMeeting.objects.filter(council_id=OuterRef("council__id"), date__lte=reference_date)
        .order_by()
        .values("council_id")
        .annotate(last=Max("date"))
        .values("last")
    )
    return list(
        Program.objects.filter(pk__in=program_ids)
        .order_by("pk")
        .annotate(
            has_outcome=Exists(program_outcome),
            members=Subquery(members),
            last_meeting=Subquery(meetings),
        )
        .values_list(
            "pk",
            "credits",
            "years",
            "has_distance_students",
            "alumni_follow_up",
            "gender_analysis",
            "has_outcome",
            "council__id",
            "council__is_formal",
            "council__last_curriculum_review",
            "members",
            "last_meeting",
        )
    )


def _outcome_links(*, program_ids: QuerySet) -> tuple[set[int], set[int]]:
    """Activity ids linked to a work-life outcome, and those linked to a programme-level one."""
    through = Activity.outcomes.through
    rows = (
        through.objects.filter(
            activity__program_id__in=program_ids, learningoutcome__is_work_life=True
        )
        .order_by()
        .values_list("activity_id", "learningoutcome__level")
    )
    worklife: set[int] = set()
    program_level: set[int] = set()
    for activity_id, level in rows:
        worklife.add(activity_id)
        if level == LearningOutcome.Level.PROGRAM:
            program_level.add(activity_id)
    return worklife, program_level


def _partner_links(*, program_ids: QuerySet) -> dict[int, tuple[PartnerLink, ...]]:
    """Each activity's partner links, sorted by organisation and role."""
    rows = (
        ActivityPartner.objects.filter(activity__program_id__in=program_ids)
        .order_by()
        .values_list("activity_id", "partner_id", "role", "feedback_collected")
    )
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for activity_id, partner_id, role, feedback in rows:
        grouped[activity_id].append((partner_id, role, bool(feedback)))
    # Links are frozen values: build each distinct one once (validation is the costly part).
    cache = {
        key: PartnerLink(organisation_id=key[0], role=key[1], feedback_collected=key[2])
        for key in {link for links in grouped.values() for link in links}
    }
    return {
        activity_id: tuple(cache[key] for key in sorted(links))
        for activity_id, links in grouped.items()
    }


def _action_plans(
    *, program_ids: QuerySet, round_ids: dict[int, int] | None
) -> dict[int, ActionPlanInput]:
    """F4 inputs per programme from its chosen round and the round before it (2 queries)."""
    rounds: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        CompassRound.objects.filter(program_id__in=program_ids)
        .order_by("program_id", "date", "pk")
        .values_list("pk", "program_id", "status", "results_communicated")
    ):
        rounds[row[1]].append(row)
    actions: dict[int, list[tuple]] = defaultdict(list)
    for round_id, owner, due_date, note in (
        Action.objects.filter(round__program_id__in=program_ids)
        .order_by()
        .values_list("round_id", "owner", "due_date", "follow_up_note")
    ):
        actions[round_id].append((owner, due_date, note))

    plans = {}
    for program_id, program_rounds in rounds.items():
        wanted = (round_ids or {}).get(program_id)
        index = _chosen_round_index(program_rounds, wanted)
        if index is None:
            continue
        chosen = program_rounds[index]
        chosen_actions = actions.get(chosen[0], [])
        previous_actions = actions.get(program_rounds[index - 1][0], []) if index > 0 else []
        plans[program_id] = ActionPlanInput(
            action_count=len(chosen_actions),
            all_have_owner_and_due_date=all(
                owner.strip() and due is not None for owner, due, _note in chosen_actions
            ),
            has_previous_round=index > 0,
            previous_all_followed_up=all(note.strip() for _o, _d, note in previous_actions),
            results_communicated=bool(chosen[3]),
        )
    return plans


def _chosen_round_index(program_rounds: list[tuple], wanted: int | None) -> int | None:
    """The round given, else the open round, else the latest; rows are (pk, program, status, …)."""
    if wanted is not None:
        return next((i for i, row in enumerate(program_rounds) if row[0] == wanted), None)
    for i in range(len(program_rounds) - 1, -1, -1):
        if program_rounds[i][2] != CompassRound.Status.FROZEN:
            return i
    return len(program_rounds) - 1 if program_rounds else None


def _activity_input(
    row: tuple,
    *,
    linked_worklife: bool,
    linked_program: bool,
    partners: tuple[PartnerLink, ...],
) -> ActivityInput:
    (
        pk,
        _program_id,
        type_key,
        status,
        reach,
        hp,
        hours,
        year,
        authenticity,
        proximity,
        assessed,
        reflection,
        preparation,
        agreement,
        supervisor,
        contact,
        debriefing,
        arranged_by,
        open_to_distance,
        evaluated,
        alumni,
    ) = row
    return ActivityInput(
        id=pk,
        type_key=type_key if type_key in ACTIVITY_TYPES else OTHER_TYPE,
        status=status,
        reach=float(reach),
        hp=float(hp or 0),
        hours=float(hours or 0),
        year=year,
        authenticity=authenticity,
        proximity=proximity,
        linked_worklife_outcome=linked_worklife,
        linked_program_outcome=linked_program,
        assessed=bool(assessed),
        reflection=bool(reflection),
        support_preparation=bool(preparation),
        support_agreement=bool(agreement),
        support_workplace_supervisor=bool(supervisor),
        support_university_contact=bool(contact),
        support_debriefing=bool(debriefing),
        arranged_by_program=arranged_by == Activity.HostArrangedBy.PROGRAM,
        open_to_distance=bool(open_to_distance),
        evaluated_by_students=bool(evaluated),
        alumni_take_part=bool(alumni),
        partners=partners,
    )
