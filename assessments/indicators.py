"""Human labels of the compass: axes, sub-indicators and the UKÄ areas they report under.

Swedish is the interface's first language; the msgids are English and the Swedish lives in
locale/sv (its source list is locale/pending/scoring.tsv). The scoring itself is in
`assessments.scoring`, which knows no labels.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import cast

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from assessments.scoring import Axis
from assessments.scoring.constants import (
    A2_STEP_PER_TYPE,
    A_STEP_PER_DEPTH,
    C3_STEPS,
    E3_STEPS,
    F3_STEPS,
    HALF,
    I3_MIN_YEARS,
    P1_MEETING_WINDOW_YEARS,
    P1_MIN_EXTERNAL_MEMBERS,
    P1_REVIEW_WINDOW_YEARS,
    P2_STEP_PER_ORGANISATION,
    P3_STEP_PER_ROLE,
    AlumniFollowUp,
    GenderAnalysis,
)


def _with_numbers(message: Promise, **numbers: float) -> Promise:
    """The message with the model's numbers put in when it is shown, in that moment's language.

    The numbers come from the scoring constants, so a description cannot drift from the rule.
    """
    shown = {name: f"{value:g}" for name, value in numbers.items()}
    return cast(Promise, lazy(lambda: str(message) % shown, str)())


@dataclass(frozen=True)
class Label:
    name: Promise
    description: Promise  # one sentence: what the axis or sub-indicator measures


# The axis names are the same msgids as assessments.models.AxisChoice, so they share a translation.
AXES: dict[Axis, Label] = {
    Axis.SCOPE: Label(
        _("Scope & reach"),
        _(
            "How much deep work integration every student is guaranteed, how many students it "
            "reaches and how it spreads over the programme years."
        ),
    ),
    Axis.AUTHENTICITY: Label(
        _("Authenticity & proximity"),
        _(
            "How authentic the tasks are and how close to the workplace students come, for "
            "everyone and at best."
        ),
    ),
    Axis.INTEGRATION: Label(
        _("Integration & assessment"),
        _("How work integration is tied to learning outcomes, examined and reflected on."),
    ),
    Axis.SUPPORT: Label(
        _("Preparation, supervision & support"),
        _("How well students are prepared, supervised and debriefed in the deep activities."),
    ),
    Axis.PARTNERSHIP: Label(
        _("Partnership & employer engagement"),
        _(
            "How the programme works with its council and with organisations in working life, "
            "and in how many roles."
        ),
    ),
    Axis.CAREER: Label(
        _("Career, entrepreneurship & professional identity"),
        _(
            "How the programme supports career learning, mentorship, alumni contact and "
            "entrepreneurship."
        ),
    ),
    Axis.FOLLOW_UP: Label(
        _("Follow-up, feedback & improvement"),
        _("How students, partners and alumni give feedback and how the programme acts on it."),
    ),
    Axis.EQUITY: Label(
        _("Equity & gender equality"),
        _(
            "Whether every student has the same access to work integration, and whether "
            "participation is analysed by gender."
        ),
    ),
}

INDICATORS: dict[str, Label] = {
    "R1": Label(
        _("Mandatory deep share"),
        _("Credits of mandatory deep activities as a share of the programme's credits, in steps."),
    ),
    "R2": Label(
        _("Coverage"),
        _(
            "100 if a deep activity is mandatory, otherwise the largest share of students that "
            "a deep activity reaches."
        ),
    ),
    "R3": Label(
        _("Spread"),
        _("Share of the programme years with at least one broad activity."),
    ),
    "A1": Label(
        _("Guaranteed depth"),
        _with_numbers(
            _("%(step)s times the depth of the deepest mandatory activity."),
            step=A_STEP_PER_DEPTH,
        ),
    ),
    "A2": Label(
        _("Variety"),
        _with_numbers(
            _("%(step)s for each type of broad activity, at most 100."), step=A2_STEP_PER_TYPE
        ),
    ),
    "A3": Label(
        _("Deepest experience"),
        _(
            "100 if an activity of the highest depth is mandatory, otherwise the largest share "
            "of students that such an activity reaches."
        ),
    ),
    "I1": Label(
        _("Outcome link"),
        _(
            "Share of all activities, weighted by size, that are linked to a work-life "
            "learning outcome."
        ),
    ),
    "I2": Label(
        _("Assessed depth"),
        _("Share of the deep activities with an examined element."),
    ),
    "I3": Label(
        _("Programme outcomes"),
        _with_numbers(
            _(
                "Whether the programme has a work-life programme outcome, with activities "
                "linked to it in at least %(years)s programme years."
            ),
            years=I3_MIN_YEARS,
        ),
    ),
    "I4": Label(
        _("Reflection"),
        _("Share of the broad activities with a structured reflection task."),
    ),
    "S": Label(
        _("Support chain"),
        _(
            "Mean share of the five support items (preparation, agreement, workplace "
            "supervisor, university contact, debriefing) in the deep activities."
        ),
    ),
    "P1": Label(
        _("Industry or programme council"),
        _with_numbers(
            _(
                "Steps for a council, a formal one with at least %(members)s external members, "
                "a meeting within %(months)s months and a curriculum review within %(years)s "
                "years."
            ),
            members=P1_MIN_EXTERNAL_MEMBERS,
            months=12 * P1_MEETING_WINDOW_YEARS,
            years=P1_REVIEW_WINDOW_YEARS,
        ),
    ),
    "P2": Label(
        _("Active organisations"),
        _with_numbers(
            _("%(step)s for each organisation linked to an activity, at most 100."),
            step=P2_STEP_PER_ORGANISATION,
        ),
    ),
    "P3": Label(
        _("Role breadth"),
        _with_numbers(
            _("%(step)s for each role that partners play in the activities, at most 100."),
            step=P3_STEP_PER_ROLE,
        ),
    ),
    "C1": Label(
        _("Career learning"),
        _("Share of the programme years with a mandatory or elective career learning element."),
    ),
    "C2": Label(
        _("Mentorship"),
        _("The largest share of students that a mentorship programme reaches."),
    ),
    "C3": Label(
        _("Alumni"),
        _with_numbers(
            _("%(one)s for one activity where alumni take part, 100 for two or more."),
            one=C3_STEPS[1],
        ),
    ),
    "C4": Label(
        _("Entrepreneurship"),
        _with_numbers(
            _(
                "100 for a credit-bearing entrepreneurship element in the curriculum, "
                "%(other)s for any other entrepreneurship activity."
            ),
            other=HALF,
        ),
    ),
    "F1": Label(
        _("Student evaluation"),
        _("Share of the broad activities that students evaluated in the latest cycle."),
    ),
    "F2": Label(
        _("Partner voice"),
        _("Share of the linked organisations whose feedback was collected."),
    ),
    "F3": Label(
        _("Alumni follow-up"),
        _with_numbers(
            _(
                "%(university)s for the university-wide alumni survey, 100 for a programme "
                "survey with work-life questions within 3 years."
            ),
            university=F3_STEPS[AlumniFollowUp.UNIVERSITY],
        ),
    ),
    "F4": Label(
        _("Action plan"),
        _with_numbers(
            _(
                "%(planned)s when every action has an owner and a due date, 100 when the "
                "previous round's actions are also followed up and the results communicated."
            ),
            planned=HALF,
        ),
    ),
    "E1": Label(
        _("Guaranteed access"),
        _(
            "Share of the deep activities where the programme or university, not the student, "
            "arranges the host or partner."
        ),
    ),
    "E2": Label(
        _("Accessibility"),
        _("Share of the broad activities open to distance and part-time students."),
    ),
    "E3": Label(
        _("Gender analysis"),
        _with_numbers(
            _(
                "%(collected)s when participation data by gender are collected, 100 when they "
                "are analysed and acted on where needed."
            ),
            collected=E3_STEPS[GenderAnalysis.COLLECTED],
        ),
    ),
}


class UkaArea(StrEnum):
    """The assessment areas of UKÄ's quality review that the compass reports under."""

    WORKING_LIFE = "working_life"
    FOLLOW_UP = "follow_up"
    GENDER_EQUALITY = "gender_equality"
    STUDENT_PERSPECTIVE = "student_perspective"


UKA_AREAS: dict[UkaArea, Promise] = {
    UkaArea.WORKING_LIFE: _("Working life and collaboration"),
    UkaArea.FOLLOW_UP: _("Follow-up, measures and feedback"),
    UkaArea.GENDER_EQUALITY: _("Gender equality"),
    UkaArea.STUDENT_PERSPECTIVE: _("Student perspective"),
}

AXIS_UKA_AREA: dict[Axis, UkaArea] = {
    Axis.SCOPE: UkaArea.WORKING_LIFE,
    Axis.AUTHENTICITY: UkaArea.WORKING_LIFE,
    Axis.INTEGRATION: UkaArea.WORKING_LIFE,
    Axis.SUPPORT: UkaArea.WORKING_LIFE,
    Axis.PARTNERSHIP: UkaArea.WORKING_LIFE,
    Axis.CAREER: UkaArea.WORKING_LIFE,
    Axis.FOLLOW_UP: UkaArea.FOLLOW_UP,
    Axis.EQUITY: UkaArea.GENDER_EQUALITY,
}
SURVEY_UKA_AREA = UkaArea.STUDENT_PERSPECTIVE  # the planned survey layer
