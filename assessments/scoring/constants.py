"""Model v1: the version, thresholds, vocabularies and indicator keys, in one place.

Every value here is documented, with its meaning, in docs/compass-model.md (its "Constants"
table; tests/test_compass_model_doc.py fails on a constant missing there or with another value).
A change to any of them is a new model version: bump MODEL_VERSION and update the doc in the
same commit, because stored scores carry the version that made them.
"""

from enum import StrEnum

MODEL_VERSION = "v1"

# Units: 60 hp is one year of full-time study, which is 1600 hours of work.
HOURS_PER_YEAR = 1600
HP_PER_YEAR = 60
HOURS_PER_HP = HOURS_PER_YEAR / HP_PER_YEAR

# Authenticity A and proximity P are 0..2 each, so depth D = A + P is 0..4.
MAX_LEVEL = 2
MAX_DEPTH = 2 * MAX_LEVEL
DEEP_MIN_DEPTH = 3
BROAD_MIN_DEPTH = 2

SUPPORT_ITEMS = 5  # the support chain has five yes/no items

# R1: (lower bound of the mandatory deep share in %, step), checked from the top; half-open.
R1_STEPS = ((15.0, 100.0), (10.0, 75.0), (5.0, 50.0))
R1_ANY_SHARE_STEP = 25.0  # any share above 0 and below the lowest bound
A_STEP_PER_DEPTH = 25.0  # A1: 25 per depth level
A2_MAX_TYPES = 4
A2_STEP_PER_TYPE = 25.0
I3_MIN_YEARS = 2
P1_STEP = 25.0
P1_MIN_EXTERNAL_MEMBERS = 3
P1_MEETING_WINDOW_YEARS = 1  # "12 months before the reference date", as calendar years
P1_REVIEW_WINDOW_YEARS = 3
P2_MAX_ORGANISATIONS = 10
P2_STEP_PER_ORGANISATION = 10.0
P3_MAX_ROLES = 5
P3_STEP_PER_ROLE = 20.0
HALF = 50.0
FULL = 100.0
C3_STEPS = (0.0, HALF, FULL)  # by activities with alumni taking part: 0, 1, 2 or more

SURVEY_MIN_RESPONSES = 5
SURVEY_SCALE_MIN = 1
SURVEY_SCALE_MAX = 5

# Step thresholds are compared with this slack, so that float noise in a sum of sizes
# (e.g. 0.6 + 3.8 + 0.1 hp) cannot drop a share that is exactly 5 % into the step below.
THRESHOLD_TOLERANCE = 1e-9
# display_round first rounds to this many decimals, for the same reason.
DISPLAY_NOISE_DECIMALS = 9


class Axis(StrEnum):
    """The eight axes; the value order is the radar order."""

    SCOPE = "scope"  # 1 Omfattning och räckvidd
    AUTHENTICITY = "authenticity"  # 2 Autenticitet och närhet
    INTEGRATION = "integration"  # 3 Integrering, lärandemål och examination
    SUPPORT = "support"  # 4 Förberedelse, handledning och stöd
    PARTNERSHIP = "partnership"  # 5 Partnerskap och arbetslivets medverkan
    CAREER = "career"  # 6 Karriär, entreprenörskap och yrkesidentitet
    FOLLOW_UP = "follow_up"  # 7 Uppföljning, återkoppling och utveckling
    EQUITY = "equity"  # 8 Likvärdighet och jämställdhet


class Status(StrEnum):
    MANDATORY = "mandatory"
    ELECTIVE = "elective"
    EXTRACURRICULAR = "extracurricular"


class Role(StrEnum):
    HOST = "host"
    CO_CREATOR = "co_creator"
    CO_ASSESSOR = "co_assessor"
    SUPERVISOR = "supervisor"
    GUEST_TEACHER = "guest_teacher"
    ADVISORY = "advisory"


class AlumniFollowUp(StrEnum):
    """F3, a programme field: none -> 0, university-wide survey -> 50, programme survey -> 100."""

    NONE = "none"
    UNIVERSITY = "university"
    PROGRAM = "program"


class GenderAnalysis(StrEnum):
    """E3, a programme field: no data -> 0, data collected -> 50, analysed -> 100."""

    NONE = "none"
    COLLECTED = "collected"
    ANALYSED = "analysed"


F3_STEPS = {
    AlumniFollowUp.NONE: 0.0,
    AlumniFollowUp.UNIVERSITY: HALF,
    AlumniFollowUp.PROGRAM: FULL,
}
E3_STEPS = {
    GenderAnalysis.NONE: 0.0,
    GenderAnalysis.COLLECTED: HALF,
    GenderAnalysis.ANALYSED: FULL,
}

# Activity type key -> (default authenticity A, default proximity P), in the table's order.
ACTIVITY_TYPES: dict[str, tuple[int, int]] = {
    "placement": (2, 2),
    "coop": (2, 2),
    "degree_project": (2, 2),
    "partner_project": (2, 1),
    "field_study": (1, 2),
    "simulation": (2, 0),
    "study_visit": (0, 2),
    "competition": (1, 1),
    "entrepreneurship": (1, 1),
    "guest_lecture": (0, 1),
    "mentorship": (0, 1),
    "career": (1, 0),
    "alumni": (0, 1),
    "other": (0, 0),
}
CAREER_TYPE = "career"
MENTORSHIP_TYPE = "mentorship"
ENTREPRENEURSHIP_TYPE = "entrepreneurship"

# The sub-indicator keys of each axis, in display order.
AXIS_INDICATORS: dict[Axis, tuple[str, ...]] = {
    Axis.SCOPE: ("R1", "R2", "R3"),
    Axis.AUTHENTICITY: ("A1", "A2", "A3"),
    Axis.INTEGRATION: ("I1", "I2", "I3", "I4"),
    Axis.SUPPORT: ("S",),
    Axis.PARTNERSHIP: ("P1", "P2", "P3"),
    Axis.CAREER: ("C1", "C2", "C3", "C4"),
    Axis.FOLLOW_UP: ("F1", "F2", "F3", "F4"),
    Axis.EQUITY: ("E1", "E2", "E3"),
}
