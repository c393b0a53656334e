"""The 25 sub-indicators of model v1 and compass(), which averages them per axis.

Each rule returns its value, the arithmetic as numbers and symbols (the page adds the words,
translated), and the activities it read. The rules follow compass-model.md section by section.
"""

import math
from collections.abc import Callable, Iterable

from .arithmetic import (
    EMPTY,
    NO,
    NOT_APPLICABLE,
    TIMES,
    YES,
    Raw,
    counted,
    highest_reach,
    mark,
    num,
    number_set,
    percent_of,
    share_of_years,
    years_before,
)
from .constants import (
    A2_MAX_TYPES,
    A2_STEP_PER_TYPE,
    A_STEP_PER_DEPTH,
    AXIS_INDICATORS,
    C3_STEPS,
    CAREER_TYPE,
    E3_STEPS,
    ENTREPRENEURSHIP_TYPE,
    F3_STEPS,
    FULL,
    HALF,
    I3_MIN_YEARS,
    MAX_DEPTH,
    MENTORSHIP_TYPE,
    MODEL_VERSION,
    P1_MEETING_WINDOW_YEARS,
    P1_MIN_EXTERNAL_MEMBERS,
    P1_REVIEW_WINDOW_YEARS,
    P1_STEP,
    P2_MAX_ORGANISATIONS,
    P2_STEP_PER_ORGANISATION,
    P3_MAX_ROLES,
    P3_STEP_PER_ROLE,
    R1_ANY_SHARE_STEP,
    R1_STEPS,
    SUPPORT_ITEMS,
    THRESHOLD_TOLERANCE,
    AlumniFollowUp,
    Axis,
    GenderAnalysis,
    Status,
)
from .inputs import ActivityInput, ProgramInput
from .results import AxisScore, CompassResult, SubIndicator


def compass(program: ProgramInput) -> CompassResult:
    """Score a programme on the eight axes; each axis is the mean of its applicable indicators."""
    axes = []
    for axis in Axis:
        indicators = tuple(
            _sub_indicator(key, axis, _RULES[key](program)) for key in AXIS_INDICATORS[axis]
        )
        value = mean_of_applicable(i.value for i in indicators)
        axes.append(AxisScore(axis=axis, value=value, indicators=indicators))
    return CompassResult(model_version=MODEL_VERSION, axes=tuple(axes))


def mean_of_applicable(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None (N/A); None when every value is N/A."""
    applicable = [value for value in values if value is not None]
    return math.fsum(applicable) / len(applicable) if applicable else None


def _sub_indicator(key: str, axis: Axis, raw: Raw) -> SubIndicator:
    value = None if raw.value is None else float(raw.value)
    ids = tuple(sorted({activity.id for activity in raw.rows}))
    return SubIndicator(
        key=key, axis=axis, value=value, arithmetic=raw.arithmetic, activity_ids=ids
    )


# 1. Scope & reach


def _r1(program: ProgramInput) -> Raw:
    rows = [a for a in program.activities if a.is_mandatory and a.is_deep]
    size = math.fsum(a.size for a in rows)
    share = size * 100 / program.credits
    if size == 0:
        value = 0.0
    else:
        value = next(
            (step for bound, step in R1_STEPS if share >= bound - THRESHOLD_TOLERANCE),
            R1_ANY_SHARE_STEP,
        )
    fraction = f"{num(size)} / {num(program.credits)} {TIMES} 100"
    arithmetic = f"{fraction} = {num(share, 2)} % → {num(value)}"
    return Raw(value, arithmetic, rows)


def _r2(program: ProgramInput) -> Raw:
    # "100 if any deep activity is mandatory, else the highest reach among deep activities" is
    # the highest effective reach, since a mandatory activity's effective reach is 100.
    return highest_reach([a for a in program.activities if a.is_deep])


def _r3(program: ProgramInput) -> Raw:
    return share_of_years(program, (a for a in program.activities if a.is_broad))


# 2. Authenticity & proximity


def _a1(program: ProgramInput) -> Raw:
    rows = [a for a in program.activities if a.is_mandatory]
    if not rows:
        return Raw(0.0, f"{EMPTY} → 0", ())
    depths = sorted({a.depth for a in rows}, reverse=True)
    value = A_STEP_PER_DEPTH * depths[0]
    arguments = ", ".join(str(d) for d in depths)
    return Raw(value, f"{num(A_STEP_PER_DEPTH)} {TIMES} max({arguments}) = {num(value)}", rows)


def _a2(program: ProgramInput) -> Raw:
    rows = [a for a in program.activities if a.is_broad]
    types = len({a.type_key for a in rows})
    value = A2_STEP_PER_TYPE * min(A2_MAX_TYPES, types)
    arithmetic = f"{num(A2_STEP_PER_TYPE)} {TIMES} min({A2_MAX_TYPES}, {types}) = {num(value)}"
    return Raw(value, arithmetic, rows)


def _a3(program: ProgramInput) -> Raw:
    return highest_reach([a for a in program.activities if a.depth == MAX_DEPTH])


# 3. Integration & assessment


def _i1(program: ProgramInput) -> Raw:
    rows = list(program.activities)
    if not rows:
        return Raw(None, f"{EMPTY} → {NOT_APPLICABLE}", ())
    # A programme-level outcome is a work-life outcome too, whichever flag the selector set.
    linked = math.fsum(
        a.size for a in rows if a.linked_worklife_outcome or a.linked_program_outcome
    )
    total = math.fsum(a.size for a in rows)
    value = linked * 100 / total
    return Raw(value, f"{num(linked)} / {num(total)} {TIMES} 100 = {num(value)}", rows)


def _i2(program: ProgramInput) -> Raw:
    return percent_of([a for a in program.activities if a.is_deep], lambda a: a.assessed)


def _i3(program: ProgramInput) -> Raw:
    linked = [a for a in program.activities if a.linked_program_outcome]
    # An activity can only be linked to an outcome that exists, so a link proves one exists.
    if not (program.has_program_worklife_outcome or linked):
        return Raw(0.0, f"{EMPTY} → 0", ())
    rows = counted(program, linked)
    years = {a.year for a in rows if a.year is not None}
    if len(years) >= I3_MIN_YEARS:
        return Raw(FULL, f"|{number_set(years)}| ≥ {I3_MIN_YEARS} → {num(FULL)}", rows)
    return Raw(HALF, f"|{number_set(years)}| < {I3_MIN_YEARS} → {num(HALF)}", rows)


def _i4(program: ProgramInput) -> Raw:
    return percent_of([a for a in program.activities if a.is_broad], lambda a: a.reflection)


# 4. Preparation, supervision & support


def _s(program: ProgramInput) -> Raw:
    rows = sorted((a for a in program.activities if a.is_deep), key=lambda a: a.id)
    if not rows:  # 0, not N/A: no deep activity means no support chain to show
        return Raw(0.0, f"{EMPTY} → 0", ())
    value = math.fsum(a.support_count * 100 / SUPPORT_ITEMS for a in rows) / len(rows)
    terms = " + ".join(f"{a.support_count}/{SUPPORT_ITEMS}" for a in rows)
    return Raw(value, f"({terms}) / {len(rows)} {TIMES} 100 = {num(value)}", rows)


# 5. Partnership & employer engagement


def _p1(program: ProgramInput) -> Raw:
    """Cumulative steps; each step counts only when every step before it is reached."""
    council = program.council
    if council is None:
        return Raw(0.0, f"{EMPTY} → 0", ())
    value = P1_STEP
    steps = [f"{YES} → {num(value)}"]
    enough = council.external_members >= P1_MIN_EXTERNAL_MEMBERS
    reached = council.formal and enough
    value += P1_STEP if reached else 0
    members = f"{council.external_members} {'≥' if enough else '<'} {P1_MIN_EXTERNAL_MEMBERS}"
    steps.append(f"{mark(council.formal)}, {members} → {num(value)}")
    if reached:
        for last, years in (
            (council.last_meeting, P1_MEETING_WINDOW_YEARS),
            (council.last_curriculum_review, P1_REVIEW_WINDOW_YEARS),
        ):
            start = years_before(program.reference_date, years)
            within = last is not None and start <= last <= program.reference_date
            value += P1_STEP if within else 0
            shown = EMPTY if last is None else last.isoformat()
            window = f"[{start.isoformat()}, {program.reference_date.isoformat()}]"
            steps.append(f"{shown} {'∈' if within else '∉'} {window} → {num(value)}")
            if not within:
                break
    return Raw(value, "; ".join(steps), ())


def _linked(program: ProgramInput) -> list[ActivityInput]:
    return [a for a in program.activities if a.partners]


def _p2(program: ProgramInput) -> Raw:
    rows = _linked(program)
    count = len({link.organisation_id for a in rows for link in a.partners})
    value = P2_STEP_PER_ORGANISATION * min(P2_MAX_ORGANISATIONS, count)
    step = num(P2_STEP_PER_ORGANISATION)
    return Raw(
        value,
        f"{step} {TIMES} min({P2_MAX_ORGANISATIONS}, {count}) = {num(value)}",
        rows,
    )


def _p3(program: ProgramInput) -> Raw:
    rows = _linked(program)
    count = len({link.role for a in rows for link in a.partners})
    value = P3_STEP_PER_ROLE * min(P3_MAX_ROLES, count)
    step = num(P3_STEP_PER_ROLE)
    return Raw(value, f"{step} {TIMES} min({P3_MAX_ROLES}, {count}) = {num(value)}", rows)


# 6. Career, entrepreneurship & professional identity


def _c1(program: ProgramInput) -> Raw:
    curricular = (Status.MANDATORY, Status.ELECTIVE)
    career = (a for a in program.activities if a.type_key == CAREER_TYPE and a.status in curricular)
    return share_of_years(program, career)


def _c2(program: ProgramInput) -> Raw:
    return highest_reach([a for a in program.activities if a.type_key == MENTORSHIP_TYPE])


def _c3(program: ProgramInput) -> Raw:
    rows = [a for a in program.activities if a.alumni_take_part]
    value = C3_STEPS[min(len(rows), len(C3_STEPS) - 1)]
    return Raw(value, f"{len(rows)} → {num(value)}", rows)


def _c4(program: ProgramInput) -> Raw:
    rows = [a for a in program.activities if a.type_key == ENTREPRENEURSHIP_TYPE]
    if not rows:
        return Raw(0.0, f"{EMPTY} → 0", ())
    curricular = (Status.MANDATORY, Status.ELECTIVE)
    credited = any(a.hp > 0 and a.status in curricular for a in rows)
    value = FULL if credited else HALF
    return Raw(value, f"{mark(credited)} → {num(value)}", rows)


# 7. Follow-up, feedback & improvement


def _f1(program: ProgramInput) -> Raw:
    broad = [a for a in program.activities if a.is_broad]
    return percent_of(broad, lambda a: a.evaluated_by_students)


def _f2(program: ProgramInput) -> Raw:
    rows = _linked(program)
    organisations = {link.organisation_id for a in rows for link in a.partners}
    if not organisations:
        return Raw(None, f"0 / 0 → {NOT_APPLICABLE}", ())
    heard = {link.organisation_id for a in rows for link in a.partners if link.feedback_collected}
    value = len(heard) * 100 / len(organisations)
    return Raw(value, f"{len(heard)} / {len(organisations)} {TIMES} 100 = {num(value)}", rows)


def _f3(program: ProgramInput) -> Raw:
    value = F3_STEPS[AlumniFollowUp(program.alumni_follow_up)]
    return Raw(value, num(value), ())


def _f4(program: ProgramInput) -> Raw:
    plan = program.action_plan
    if plan.action_count == 0:
        return Raw(0.0, "0 → 0", ())
    if not plan.all_have_owner_and_due_date:
        return Raw(0.0, f"{plan.action_count}, {NO} → 0", ())
    # Without a previous round there is nothing to follow up: the condition holds vacuously.
    followed_up = not plan.has_previous_round or plan.previous_all_followed_up
    value = FULL if followed_up and plan.results_communicated else HALF
    previous = mark(plan.previous_all_followed_up) if plan.has_previous_round else EMPTY
    marks = f"{YES}, {previous}, {mark(plan.results_communicated)}"
    return Raw(value, f"{plan.action_count}, {marks} → {num(value)}", ())


# 8. Equity & gender equality


def _e1(program: ProgramInput) -> Raw:
    deep = [a for a in program.activities if a.is_deep]
    return percent_of(deep, lambda a: a.arranged_by_program)


def _e2(program: ProgramInput) -> Raw:
    if not program.has_distance_students:
        return Raw(None, f"{NO} → {NOT_APPLICABLE}", ())
    broad = [a for a in program.activities if a.is_broad]
    return percent_of(broad, lambda a: a.open_to_distance)


def _e3(program: ProgramInput) -> Raw:
    value = E3_STEPS[GenderAnalysis(program.gender_analysis)]
    return Raw(value, num(value), ())


_RULES: dict[str, Callable[[ProgramInput], Raw]] = {
    "R1": _r1,
    "R2": _r2,
    "R3": _r3,
    "A1": _a1,
    "A2": _a2,
    "A3": _a3,
    "I1": _i1,
    "I2": _i2,
    "I3": _i3,
    "I4": _i4,
    "S": _s,
    "P1": _p1,
    "P2": _p2,
    "P3": _p3,
    "C1": _c1,
    "C2": _c2,
    "C3": _c3,
    "C4": _c4,
    "F1": _f1,
    "F2": _f2,
    "F3": _f3,
    "F4": _f4,
    "E1": _e1,
    "E2": _e2,
    "E3": _e3,
}
