"""The 25 sub-indicators of model v1 and compass(), which averages them per axis.

Each rule returns its value, the arithmetic as numbers and symbols (the page adds the words,
translated), and the activities it read. The rules follow compass-model.md section by section.
"""

import math
from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from .constants import (
    A2_MAX_TYPES,
    A2_STEP_PER_TYPE,
    A_STEP_PER_DEPTH,
    AXIS_INDICATORS,
    C3_FULL_COUNT,
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

NOT_APPLICABLE = "N/A"
EMPTY = "∅"
YES = "✓"
NO = "✗"


class _Raw(NamedTuple):
    value: float | None
    arithmetic: str
    rows: Iterable[ActivityInput]


def compass(program: ProgramInput) -> CompassResult:
    """Score a programme on the eight axes; each axis is the mean of its applicable indicators."""
    axes = []
    for axis in Axis:
        indicators = tuple(
            _sub_indicator(key, axis, _RULES[key](program)) for key in AXIS_INDICATORS[axis]
        )
        applicable = [i.value for i in indicators if i.value is not None]
        value = math.fsum(applicable) / len(applicable) if applicable else None
        axes.append(AxisScore(axis=axis, value=value, indicators=indicators))
    return CompassResult(model_version=MODEL_VERSION, axes=tuple(axes))


def _sub_indicator(key: str, axis: Axis, raw: _Raw) -> SubIndicator:
    value = None if raw.value is None else float(raw.value)
    ids = tuple(sorted({activity.id for activity in raw.rows}))
    return SubIndicator(key=key, axis=axis, value=value, arithmetic=raw.arithmetic, activity_ids=ids)


# Formatting: numbers with at most 3 decimals (2 for R1's intermediate share, as in the
# worked example), sets as {1, 2}, the empty set as ∅.


def _num(x: float, places: int = 3) -> str:
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _set(items: Iterable[int]) -> str:
    items = sorted(items)
    return "{" + ", ".join(str(i) for i in items) + "}" if items else EMPTY


def _mark(flag: bool) -> str:
    return YES if flag else NO


# Shared shapes: a percentage of rows, a highest reach, a share of the programme years.


def _percent_of(population: list[ActivityInput], test: Callable[[ActivityInput], bool]) -> _Raw:
    """% of `population` passing `test`; N/A when the population is empty."""
    if not population:
        return _Raw(None, f"0 / 0 → {NOT_APPLICABLE}", ())
    hits = sum(1 for activity in population if test(activity))
    value = hits * 100 / len(population)
    return _Raw(value, f"{hits} / {len(population)} × 100 = {_num(value)}", population)


def _highest_reach(population: list[ActivityInput]) -> _Raw:
    """The highest effective reach (a mandatory activity reaches 100); 0 when there is none."""
    if not population:
        return _Raw(0.0, f"{EMPTY} → 0", ())
    reaches = sorted({a.effective_reach for a in population}, reverse=True)
    arguments = ", ".join(_num(r) for r in reaches)
    return _Raw(reaches[0], f"max({arguments}) = {_num(reaches[0])}", population)


def _counted(program: ProgramInput, activities: Iterable[ActivityInput]) -> list[ActivityInput]:
    """The activities placed in a programme year 1..Y; only those add a year to a count."""
    return [a for a in activities if a.year is not None and 1 <= a.year <= program.years]


def _share_of_years(program: ProgramInput, activities: Iterable[ActivityInput]) -> _Raw:
    rows = _counted(program, activities)
    years = {a.year for a in rows if a.year is not None}
    value = len(years) * 100 / program.years
    arithmetic = f"|{_set(years)}| / {program.years} × 100 = {_num(value)}"
    return _Raw(value, arithmetic, rows)


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` years earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# 1. Scope & reach


def _r1(program: ProgramInput) -> _Raw:
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
    arithmetic = f"{_num(size)} / {_num(program.credits)} × 100 = {_num(share, 2)} % → {_num(value)}"
    return _Raw(value, arithmetic, rows)


def _r2(program: ProgramInput) -> _Raw:
    # "100 if any deep activity is mandatory, else the highest reach among deep activities" is
    # the highest effective reach, since a mandatory activity's effective reach is 100.
    return _highest_reach([a for a in program.activities if a.is_deep])


def _r3(program: ProgramInput) -> _Raw:
    return _share_of_years(program, (a for a in program.activities if a.is_broad))


# 2. Authenticity & proximity


def _a1(program: ProgramInput) -> _Raw:
    rows = [a for a in program.activities if a.is_mandatory]
    if not rows:
        return _Raw(0.0, f"{EMPTY} → 0", ())
    depths = sorted({a.depth for a in rows}, reverse=True)
    value = A_STEP_PER_DEPTH * depths[0]
    arguments = ", ".join(str(d) for d in depths)
    return _Raw(value, f"{_num(A_STEP_PER_DEPTH)} × max({arguments}) = {_num(value)}", rows)


def _a2(program: ProgramInput) -> _Raw:
    rows = [a for a in program.activities if a.is_broad]
    types = len({a.type_key for a in rows})
    value = A2_STEP_PER_TYPE * min(A2_MAX_TYPES, types)
    arithmetic = f"{_num(A2_STEP_PER_TYPE)} × min({A2_MAX_TYPES}, {types}) = {_num(value)}"
    return _Raw(value, arithmetic, rows)


def _a3(program: ProgramInput) -> _Raw:
    return _highest_reach([a for a in program.activities if a.depth == MAX_DEPTH])


# 3. Integration & assessment


def _i1(program: ProgramInput) -> _Raw:
    rows = list(program.activities)
    if not rows:
        return _Raw(None, f"{EMPTY} → {NOT_APPLICABLE}", ())
    # A programme-level outcome is a work-life outcome too, whichever flag the selector set.
    linked = math.fsum(
        a.size for a in rows if a.linked_worklife_outcome or a.linked_program_outcome
    )
    total = math.fsum(a.size for a in rows)
    value = linked * 100 / total
    return _Raw(value, f"{_num(linked)} / {_num(total)} × 100 = {_num(value)}", rows)


def _i2(program: ProgramInput) -> _Raw:
    return _percent_of([a for a in program.activities if a.is_deep], lambda a: a.assessed)


def _i3(program: ProgramInput) -> _Raw:
    linked = [a for a in program.activities if a.linked_program_outcome]
    # An activity can only be linked to an outcome that exists, so a link proves one exists.
    if not (program.has_program_worklife_outcome or linked):
        return _Raw(0.0, f"{EMPTY} → 0", ())
    rows = _counted(program, linked)
    years = {a.year for a in rows if a.year is not None}
    if len(years) >= I3_MIN_YEARS:
        return _Raw(FULL, f"|{_set(years)}| ≥ {I3_MIN_YEARS} → {_num(FULL)}", rows)
    return _Raw(HALF, f"|{_set(years)}| < {I3_MIN_YEARS} → {_num(HALF)}", rows)


def _i4(program: ProgramInput) -> _Raw:
    return _percent_of([a for a in program.activities if a.is_broad], lambda a: a.reflection)


# 4. Preparation, supervision & support


def _s(program: ProgramInput) -> _Raw:
    rows = [a for a in program.activities if a.is_deep]
    if not rows:  # 0, not N/A: no deep activity means no support chain to show
        return _Raw(0.0, f"{EMPTY} → 0", ())
    value = math.fsum(a.support_count * 100 / SUPPORT_ITEMS for a in rows) / len(rows)
    terms = " + ".join(f"{a.support_count}/{SUPPORT_ITEMS}" for a in rows)
    return _Raw(value, f"({terms}) / {len(rows)} × 100 = {_num(value)}", rows)


# 5. Partnership & employer engagement


def _p1(program: ProgramInput) -> _Raw:
    """Cumulative steps; each step counts only when every step before it is reached."""
    council = program.council
    if council is None:
        return _Raw(0.0, f"{EMPTY} → 0", ())
    value = P1_STEP
    steps = [f"{YES} → {_num(value)}"]
    members_ok = council.external_members >= P1_MIN_EXTERNAL_MEMBERS
    sign = "≥" if members_ok else "<"
    formal = council.formal and members_ok
    value += P1_STEP if formal else 0
    members = f"{council.external_members} {sign} {P1_MIN_EXTERNAL_MEMBERS}"
    steps.append(f"{_mark(council.formal)}, {members} → {_num(value)}")
    if formal:
        for last, years in (
            (council.last_meeting, P1_MEETING_WINDOW_YEARS),
            (council.last_curriculum_review, P1_REVIEW_WINDOW_YEARS),
        ):
            start = _years_before(program.reference_date, years)
            within = last is not None and start <= last <= program.reference_date
            value += P1_STEP if within else 0
            shown = EMPTY if last is None else last.isoformat()
            window = f"[{start.isoformat()}, {program.reference_date.isoformat()}]"
            steps.append(f"{shown} {'∈' if within else '∉'} {window} → {_num(value)}")
            if not within:
                break
    return _Raw(value, "; ".join(steps), ())


def _linked(program: ProgramInput) -> list[ActivityInput]:
    return [a for a in program.activities if a.partners]


def _p2(program: ProgramInput) -> _Raw:
    rows = _linked(program)
    count = len({link.organisation_id for a in rows for link in a.partners})
    value = P2_STEP_PER_ORGANISATION * min(P2_MAX_ORGANISATIONS, count)
    step = _num(P2_STEP_PER_ORGANISATION)
    return _Raw(value, f"{step} × min({P2_MAX_ORGANISATIONS}, {count}) = {_num(value)}", rows)


def _p3(program: ProgramInput) -> _Raw:
    rows = _linked(program)
    count = len({link.role for a in rows for link in a.partners})
    value = P3_STEP_PER_ROLE * min(P3_MAX_ROLES, count)
    step = _num(P3_STEP_PER_ROLE)
    return _Raw(value, f"{step} × min({P3_MAX_ROLES}, {count}) = {_num(value)}", rows)


# 6. Career, entrepreneurship & professional identity


def _c1(program: ProgramInput) -> _Raw:
    curricular = (Status.MANDATORY, Status.ELECTIVE)
    career = (a for a in program.activities if a.type_key == CAREER_TYPE and a.status in curricular)
    return _share_of_years(program, career)


def _c2(program: ProgramInput) -> _Raw:
    return _highest_reach([a for a in program.activities if a.type_key == MENTORSHIP_TYPE])


def _c3(program: ProgramInput) -> _Raw:
    rows = [a for a in program.activities if a.alumni_take_part]
    value = 0.0 if not rows else FULL if len(rows) >= C3_FULL_COUNT else HALF
    return _Raw(value, f"{len(rows)} → {_num(value)}", rows)


def _c4(program: ProgramInput) -> _Raw:
    rows = [a for a in program.activities if a.type_key == ENTREPRENEURSHIP_TYPE]
    if not rows:
        return _Raw(0.0, f"{EMPTY} → 0", ())
    curricular = (Status.MANDATORY, Status.ELECTIVE)
    credited = any(a.hp > 0 and a.status in curricular for a in rows)
    value = FULL if credited else HALF
    return _Raw(value, f"{_mark(credited)} → {_num(value)}", rows)


# 7. Follow-up, feedback & improvement


def _f1(program: ProgramInput) -> _Raw:
    broad = [a for a in program.activities if a.is_broad]
    return _percent_of(broad, lambda a: a.evaluated_by_students)


def _f2(program: ProgramInput) -> _Raw:
    rows = _linked(program)
    organisations = {link.organisation_id for a in rows for link in a.partners}
    if not organisations:
        return _Raw(None, f"0 / 0 → {NOT_APPLICABLE}", ())
    heard = {
        link.organisation_id for a in rows for link in a.partners if link.feedback_collected
    }
    value = len(heard) * 100 / len(organisations)
    return _Raw(value, f"{len(heard)} / {len(organisations)} × 100 = {_num(value)}", rows)


def _f3(program: ProgramInput) -> _Raw:
    value = F3_STEPS[AlumniFollowUp(program.alumni_follow_up)]
    return _Raw(value, _num(value), ())


def _f4(program: ProgramInput) -> _Raw:
    plan = program.action_plan
    if plan.action_count == 0:
        return _Raw(0.0, "0 → 0", ())
    if not plan.all_have_owner_and_due_date:
        return _Raw(0.0, f"{plan.action_count}, {NO} → 0", ())
    # Without a previous round there is nothing to follow up: the condition holds vacuously.
    followed_up = not plan.has_previous_round or plan.previous_all_followed_up
    value = FULL if followed_up and plan.results_communicated else HALF
    previous = _mark(plan.previous_all_followed_up) if plan.has_previous_round else EMPTY
    marks = f"{YES}, {previous}, {_mark(plan.results_communicated)}"
    return _Raw(value, f"{plan.action_count}, {marks} → {_num(value)}", ())


# 8. Equity & gender equality


def _e1(program: ProgramInput) -> _Raw:
    deep = [a for a in program.activities if a.is_deep]
    return _percent_of(deep, lambda a: a.arranged_by_program)


def _e2(program: ProgramInput) -> _Raw:
    if not program.has_distance_students:
        return _Raw(None, f"{NO} → {NOT_APPLICABLE}", ())
    broad = [a for a in program.activities if a.is_broad]
    return _percent_of(broad, lambda a: a.open_to_distance)


def _e3(program: ProgramInput) -> _Raw:
    value = E3_STEPS[GenderAnalysis(program.gender_analysis)]
    return _Raw(value, _num(value), ())


_RULES: dict[str, Callable[[ProgramInput], _Raw]] = {
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
