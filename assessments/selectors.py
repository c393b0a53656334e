"""Reads for the compass: database rows → scoring inputs, rounds, recommendations.

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

import dataclasses
import datetime
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, FloatField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404

from assessments.indicators import AXES, INDICATORS
from assessments.models import Action, CompassRound, SupportOffer, Target
from assessments.scoring import (
    ACTIVITY_TYPES,
    ActionPlanInput,
    ActivityInput,
    CompassResult,
    CouncilInput,
    PartnerLink,
    ProgramInput,
    compass,
    display_round,
    result_from_dict,
)
from programs import selectors as program_selectors
from programs.models import (
    Activity,
    ActivityPartner,
    CouncilMeeting,
    CouncilMember,
    LearningOutcome,
    Program,
)

AnyUser = AbstractBaseUser | AnonymousUser

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


# ---------------------------------------------------------------------------
# Scoring inputs
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Frozen inputs as JSON, and back
# ---------------------------------------------------------------------------


def program_input_as_dict(*, program_input: ProgramInput) -> dict[str, Any]:
    """A JSON-serialisable copy of a ProgramInput (dates as ISO strings)."""
    data = dataclasses.asdict(program_input)
    data["reference_date"] = program_input.reference_date.isoformat()
    if program_input.council is not None:
        for field in ("last_meeting", "last_curriculum_review"):
            value = getattr(program_input.council, field)
            data["council"][field] = value.isoformat() if value else None
    return data


def program_input_from_dict(*, data: dict[str, Any]) -> ProgramInput:
    """Rebuild a ProgramInput from program_input_as_dict() (e.g. a frozen round's inputs)."""
    council = data.get("council")
    return ProgramInput(
        id=data["id"],
        credits=data["credits"],
        years=data["years"],
        reference_date=datetime.date.fromisoformat(data["reference_date"]),
        has_distance_students=data["has_distance_students"],
        has_program_worklife_outcome=data["has_program_worklife_outcome"],
        council=None
        if council is None
        else CouncilInput(
            formal=council["formal"],
            external_members=council["external_members"],
            last_meeting=_date_or_none(council["last_meeting"]),
            last_curriculum_review=_date_or_none(council["last_curriculum_review"]),
        ),
        alumni_follow_up=data["alumni_follow_up"],
        gender_analysis=data["gender_analysis"],
        action_plan=ActionPlanInput(**data["action_plan"]),
        activities=tuple(
            ActivityInput(
                **{key: value for key, value in item.items() if key != "partners"},
                partners=tuple(PartnerLink(**link) for link in item["partners"]),
            )
            for item in data["activities"]
        ),
    )


def _date_or_none(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# ---------------------------------------------------------------------------
# Rounds
# ---------------------------------------------------------------------------


def round_get_for_user(*, user: AnyUser, pk: int, for_edit: bool = False) -> CompassRound:
    """The round if `user` may see its programme: 404 if not, 403 if editing is denied."""
    visible = program_selectors.program_list_for_user(user=user)
    compass_round = get_object_or_404(
        CompassRound.objects.select_related("program", "program__faculty", "frozen_by"),
        pk=pk,
        program__in=visible,
    )
    if for_edit and not program_selectors.program_can_edit(
        user=user, program=compass_round.program
    ):
        raise PermissionDenied
    return compass_round


def action_get_for_user(*, user: AnyUser, pk: int, for_edit: bool = False) -> Action:
    """The action if `user` may see its programme: 404 if not, 403 if editing is denied."""
    visible = program_selectors.program_list_for_user(user=user)
    action = get_object_or_404(
        Action.objects.select_related("round", "round__program"),
        pk=pk,
        round__program__in=visible,
    )
    if for_edit and not program_selectors.program_can_edit(user=user, program=action.round.program):
        raise PermissionDenied
    return action


def round_list_for_program(*, program: Program) -> QuerySet[CompassRound]:
    """The programme's rounds, newest first."""
    return CompassRound.objects.filter(program=program).order_by("-date", "-pk")


def round_open_for_program(*, program: Program) -> CompassRound | None:
    """The programme's open (not yet frozen) round, if any."""
    return (
        CompassRound.objects.filter(program=program)
        .exclude(status=CompassRound.Status.FROZEN)
        .order_by("-date", "-pk")
        .first()
    )


def round_previous_frozen(
    *, program: Program, before: CompassRound | None = None
) -> CompassRound | None:
    """The latest frozen round of the programme, or the latest one before `before`."""
    rounds = CompassRound.objects.filter(program=program, status=CompassRound.Status.FROZEN)
    if before is not None:
        rounds = rounds.filter(Q(date__lt=before.date) | Q(date=before.date, pk__lt=before.pk))
    return rounds.order_by("-date", "-pk").first()


def round_result(*, compass_round: CompassRound) -> CompassResult:
    """A round's scores: the stored ones once frozen, else computed live on the round's date."""
    if compass_round.is_frozen and compass_round.scores:
        return result_from_dict(compass_round.scores)
    return compass(
        program_input(
            program=compass_round.program,
            reference_date=compass_round.date,
            compass_round=compass_round,
        )
    )


def round_targets(*, compass_round: CompassRound | None) -> dict[str, Target]:
    """The round's målbild keyed by axis value (empty without a round)."""
    if compass_round is None:
        return {}
    return {target.axis: target for target in compass_round.targets.all()}


def round_actions(*, compass_round: CompassRound) -> QuerySet[Action]:
    """The round's actions in due-date order, with their support offer."""
    return compass_round.actions.select_related("support_offer").order_by("due_date", "pk")


# ---------------------------------------------------------------------------
# Recommendations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    """A weak sub-indicator and the support offers that improve it."""

    key: str
    axis: str
    name: Any  # lazy translated label of the sub-indicator
    axis_name: Any
    value: float
    shown: int
    offers: tuple[SupportOffer, ...]


def recommendations(*, result: CompassResult, limit: int = 3) -> list[Recommendation]:
    """The `limit` weakest applicable sub-indicators below 100, with matching active offers.

    Ties keep the model's axis and indicator order; one query loads the active catalogue,
    which is small, and the match is done in Python (JSON containment is not portable).
    """
    weakest = sorted(
        (
            (indicator.value, position, indicator)
            for position, indicator in enumerate(_indicators(result))
            if indicator.value is not None and indicator.value < 100
        ),
        key=lambda item: (item[0], item[1]),
    )[:limit]
    if not weakest:
        return []
    offers = list(SupportOffer.objects.filter(is_active=True).order_by("title_sv", "pk"))
    return [
        Recommendation(
            key=indicator.key,
            axis=indicator.axis.value,
            name=INDICATORS[indicator.key].name,
            axis_name=AXES[indicator.axis].name,
            value=indicator.value,
            shown=display_round(indicator.value),
            offers=tuple(o for o in offers if indicator.key in (o.indicators or [])),
        )
        for _value, _position, indicator in weakest
    ]


def _indicators(result: CompassResult) -> Iterable:
    for axis in result.axes:
        yield from axis.indicators


def activity_titles(*, program: Program, ids: Iterable[int]) -> dict[int, str]:
    """Titles of the programme's activities with these ids (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(Activity.objects.filter(program=program, pk__in=wanted).values_list("pk", "title"))


# ---------------------------------------------------------------------------
# What the compass page, the round page and the PDF show
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """One sub-indicator as shown in "How is this computed?"."""

    key: str
    name: Any  # lazy translated label
    description: Any
    value: float | None
    shown: int | None  # rounded half up; None is N/A
    arithmetic: str
    activities: tuple[tuple[int, str], ...]  # (id, title) of the rows used


@dataclass(frozen=True)
class AxisRow:
    """One axis of the compass with its målbild, gap and previous round."""

    axis: str
    name: Any
    description: Any
    current: float | None
    current_shown: int | None
    target: int | None
    gap: int | None  # target − current as shown; None when either is missing
    previous: float | None
    previous_shown: int | None
    indicators: tuple[IndicatorRow, ...]


def compass_rows(
    *,
    result: CompassResult,
    targets: dict[str, Target] | None = None,
    previous: CompassResult | None = None,
    titles: dict[int, str] | None = None,
) -> list[AxisRow]:
    """The table and drill-down rows of a compass, in radar order.

    The gap is the målbild minus the current state *as shown* (rounded half up), so the
    numbers in a row add up by hand. An activity no longer in `titles` shows as "#id".
    """
    targets = targets or {}
    titles = titles or {}
    rows = []
    for score in result.axes:
        target = targets.get(score.axis.value)
        target_score = target.score if target is not None else None
        shown = display_round(score.value)
        previous_value = previous.axis(score.axis).value if previous is not None else None
        rows.append(
            AxisRow(
                axis=score.axis.value,
                name=AXES[score.axis].name,
                description=AXES[score.axis].description,
                current=score.value,
                current_shown=shown,
                target=target_score,
                gap=None if target_score is None or shown is None else target_score - shown,
                previous=previous_value,
                previous_shown=display_round(previous_value),
                indicators=tuple(
                    IndicatorRow(
                        key=item.key,
                        name=INDICATORS[item.key].name,
                        description=INDICATORS[item.key].description,
                        value=item.value,
                        shown=display_round(item.value),
                        arithmetic=item.arithmetic,
                        activities=tuple(
                            (pk, titles.get(pk, f"#{pk}")) for pk in item.activity_ids
                        ),
                    )
                    for item in score.indicators
                ),
            )
        )
    return rows


def result_activity_ids(*, result: CompassResult) -> set[int]:
    """Every activity id any sub-indicator of `result` used."""
    return {pk for indicator in _indicators(result) for pk in indicator.activity_ids}


def frozen_activity_titles(*, compass_round: CompassRound) -> dict[int, str]:
    """The activity titles stored when the round was frozen."""
    stored = (compass_round.inputs or {}).get("activity_titles", {})
    return {int(pk): title for pk, title in stored.items()}
