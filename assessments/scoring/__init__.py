"""Compass scoring, model v1: plain values in, plain values out. No ORM, no I/O, no clock.

The contract is ../shared/compass-model.md; this package implements exactly that, and a
difference between the two is a bug in one of them.

The model in brief
------------------
A programme is scored on eight axes (Axis, in radar order). Each axis is the plain mean of its
applicable sub-indicators (R1..E3, see AXIS_INDICATORS); a sub-indicator that does not apply is
N/A (value None) and is left out of the mean, and an axis whose sub-indicators are all N/A is
None: a gap on the radar, never a 0. Every sub-indicator is a percentage or a step
(0/25/50/75/100); SubIndicator.arithmetic shows the calculation in numbers and symbols and
SubIndicator.activity_ids the inventory rows it read, so every score can be checked by hand.

Activities are weighted by depth D = A + P (authenticity + proximity, 0..2 each): deep means
D >= 3, broad D >= 2. The size of an activity is its hp, or hours / HOURS_PER_HP without hp.
Scores are floats; display_round() rounds half up for display. All constants and thresholds
live in constants.py; changing one means a new MODEL_VERSION.

In v1 every axis has a sub-indicator that always applies (R1, A1, I3, S, P1, C1..C4, F3, F4,
E3), so compass() never returns an axis of None; the rule still holds for stored rounds and for
the survey layer (survey_score) and later models.

Layout: constants.py (version, thresholds, vocabularies), inputs.py (what a selector builds),
rules.py (compass() and the 25 rules), arithmetic.py (shared shapes and notation), results.py
(outputs, JSON, display_round, survey_score). Labels live in assessments/indicators.py.

Arithmetic notation (no words, so it reads the same in every language): "a / b × 100 = v";
"→ s" a step reached; "max(…)" over the listed values; "|{1, 3}|" the number of distinct
programme years; "∅" nothing to count (no rows, no council, no outcome); "✓" / "✗" a yes/no
condition; "d ∈ [from, to]" a date inside the P1 window; "N/A" not applicable. P1 lists its
steps in order (council; formal, members; meeting; review); F4 lists action count, owner and
due date on all, previous round followed up (∅ when there was none), results communicated.

Readings chosen where the contract is silent
--------------------------------------------
- Years: only years 1..Y add a year to R3, C1 and I3; an activity without a year (or, after Y
  was lowered, beyond Y) adds none but still counts everywhere else.
- R1 steps compare the share with a 1e-9 tolerance so that float noise cannot drop an exact
  5 %, 10 % or 15 % into the step below; a share is 0 only when the size sum is exactly 0.
- R2, A3, C2 use the effective reach (100 for a mandatory activity, whatever is stored).
- I1 counts an activity linked to a programme-level outcome as linked to a work-life outcome.
- I3 treats an activity linked to a programme-level outcome as proof that one exists.
- P1: the steps are cumulative, each needing all steps below it: a council (25); formal with
  >= 3 external members (50; a formal council with fewer members stays at 25); a meeting on a
  day in [reference date - 12 months, reference date] (75); a curriculum review on a day in
  [reference date - 3 years, reference date] (100). "12 months" and "3 years" are calendar
  years back to the same day, both ends included; from 29 February they go back to 28 February.
  A meeting or review after the reference date does not count; the selector should pass the
  latest meeting on or before the reference date.
- F3's "within 3 years" is part of the programme field's meaning: only P1 reads the date.
- F4: actions without owner and due date on every one score 0; without a previous round the
  follow-up condition holds vacuously.
- activity_ids: the rows a rule reads, i.e. the population of a percentage or maximum (deep
  activities for I2, all activities for I1), the summed rows for R1, the rows that add a year
  for R3/C1/I3, the linked activities for P2/P3/F2; empty for programme fields and when N/A.
- Inputs validate on construction and raise ValueError on values the contract rules out
  (unknown type or status, A or P outside 0..2, neither hp nor hours, H <= 0, Y < 1).
"""

from .constants import (
    ACTIVITY_TYPES,
    AXIS_INDICATORS,
    BROAD_MIN_DEPTH,
    DEEP_MIN_DEPTH,
    HOURS_PER_HP,
    MODEL_VERSION,
    AlumniFollowUp,
    Axis,
    GenderAnalysis,
    Role,
    Status,
)
from .inputs import (
    ActionPlanInput,
    ActivityInput,
    CouncilInput,
    PartnerLink,
    ProgramInput,
)
from .results import (
    AxisScore,
    CompassResult,
    SubIndicator,
    display_round,
    result_from_dict,
    survey_score,
)
from .rules import compass, mean_of_applicable

__all__ = [
    "ACTIVITY_TYPES",
    "AXIS_INDICATORS",
    "BROAD_MIN_DEPTH",
    "DEEP_MIN_DEPTH",
    "HOURS_PER_HP",
    "MODEL_VERSION",
    "ActionPlanInput",
    "ActivityInput",
    "AlumniFollowUp",
    "Axis",
    "AxisScore",
    "CompassResult",
    "CouncilInput",
    "GenderAnalysis",
    "PartnerLink",
    "ProgramInput",
    "Role",
    "Status",
    "SubIndicator",
    "compass",
    "display_round",
    "mean_of_applicable",
    "result_from_dict",
    "survey_score",
]
