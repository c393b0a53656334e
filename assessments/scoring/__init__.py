"""Compass scoring, model v1: plain values in, plain values out. No ORM, no I/O, no clock.

The model this package implements (the axes, every sub-indicator and threshold, the N/A rules,
the readings chosen where the original contract is silent, the arithmetic notation and the
worked example) is written down in docs/compass-model.md; a difference between the two is a bug
in one of them, and tests/test_compass_model_doc.py checks that they agree.

Layout: constants.py (version, thresholds, vocabularies), inputs.py (what a selector builds),
rules.py (compass() and the 25 rules), arithmetic.py (shared shapes and notation), results.py
(outputs, JSON, display_round, survey_score). Labels live in assessments/indicators.py.
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
