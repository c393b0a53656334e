"""The plain inputs of the compass: a programme, its activities, council and action plan.

A selector builds these from rows. They validate on construction (ValueError), so a bad row
fails where it is converted instead of as a wrong score.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .constants import (
    ACTIVITY_TYPES,
    BROAD_MIN_DEPTH,
    DEEP_MIN_DEPTH,
    HOURS_PER_YEAR,
    HP_PER_YEAR,
    MAX_LEVEL,
    AlumniFollowUp,
    GenderAnalysis,
    Role,
    Status,
)


def _check_choice(value: str, choices: type[StrEnum], field: str) -> None:
    try:
        choices(value)
    except ValueError:
        raise ValueError(f"{field}: unknown value {value!r}") from None


@dataclass(frozen=True)
class PartnerLink:
    """One activity-organisation link with the organisation's role in the activity."""

    organisation_id: int
    role: str  # a Role value
    feedback_collected: bool

    def __post_init__(self) -> None:
        _check_choice(self.role, Role, "role")


@dataclass(frozen=True)
class ActivityInput:
    """One row of the inventory, with its effective A and P (default or overridden)."""

    id: int
    type_key: str
    status: str  # a Status value
    reach: float  # 0..100; ignored for mandatory activities, which always reach everyone
    hp: float  # 0 when none
    hours: float  # 0 when none
    year: int | None
    authenticity: int  # 0..2
    proximity: int  # 0..2
    linked_worklife_outcome: bool = False  # course- or programme-level work-life outcome
    linked_program_outcome: bool = False  # programme-level work-life outcome (I3)
    assessed: bool = False
    reflection: bool = False
    support_preparation: bool = False
    support_agreement: bool = False
    support_workplace_supervisor: bool = False
    support_university_contact: bool = False
    support_debriefing: bool = False
    arranged_by_program: bool = False  # E1: the programme or university arranges the host
    open_to_distance: bool = False  # E2
    evaluated_by_students: bool = False  # F1
    alumni_take_part: bool = False  # C3
    partners: tuple[PartnerLink, ...] = ()

    def __post_init__(self) -> None:
        if self.type_key not in ACTIVITY_TYPES:
            raise ValueError(f"activity {self.id}: unknown type {self.type_key!r}")
        _check_choice(self.status, Status, f"activity {self.id} status")
        for field, level in (
            ("authenticity", self.authenticity),
            ("proximity", self.proximity),
        ):
            if not 0 <= level <= MAX_LEVEL:
                raise ValueError(f"activity {self.id}: {field} {level} is not in 0..{MAX_LEVEL}")
        if not 0 <= self.reach <= 100:
            raise ValueError(f"activity {self.id}: reach {self.reach} is not in 0..100")
        if self.hp < 0 or self.hours < 0 or (self.hp == 0 and self.hours == 0):
            raise ValueError(f"activity {self.id}: needs hp > 0 or hours > 0")
        if self.year is not None and self.year < 1:
            raise ValueError(f"activity {self.id}: year {self.year} is not 1 or more")

    @property
    def size(self) -> float:
        """Size in hp-equivalents: the hp when it carries credits, else hours / HOURS_PER_HP."""
        if self.hp > 0:
            return self.hp
        # hours * 60 / 1600 rather than hours / (1600 / 60): one rounding instead of two.
        return self.hours * HP_PER_YEAR / HOURS_PER_YEAR

    @property
    def depth(self) -> int:
        return self.authenticity + self.proximity

    @property
    def is_deep(self) -> bool:
        return self.depth >= DEEP_MIN_DEPTH

    @property
    def is_broad(self) -> bool:
        return self.depth >= BROAD_MIN_DEPTH

    @property
    def is_mandatory(self) -> bool:
        return self.status == Status.MANDATORY

    @property
    def effective_reach(self) -> float:
        """Share of the cohort that takes part: 100 for a mandatory activity, whatever is stored."""
        return 100.0 if self.is_mandatory else float(self.reach)

    @property
    def support_count(self) -> int:
        """Support-chain items in place, 0..5."""
        return sum(
            (
                self.support_preparation,
                self.support_agreement,
                self.support_workplace_supervisor,
                self.support_university_contact,
                self.support_debriefing,
            )
        )


@dataclass(frozen=True)
class CouncilInput:
    """The programme's industry or programme council (branschråd/programråd)."""

    formal: bool
    external_members: int
    last_meeting: date | None  # the latest meeting; one after the reference date does not count
    last_curriculum_review: date | None

    def __post_init__(self) -> None:
        if self.external_members < 0:
            raise ValueError("council: external_members is negative")


@dataclass(frozen=True)
class ActionPlanInput:
    """The action plan of the compass round (F4)."""

    action_count: int = 0
    all_have_owner_and_due_date: bool = False
    has_previous_round: bool = False
    previous_all_followed_up: bool = True  # vacuously true without a previous round or actions
    results_communicated: bool = False

    def __post_init__(self) -> None:
        if self.action_count < 0:
            raise ValueError("action plan: action_count is negative")


@dataclass(frozen=True)
class ProgramInput:
    """Everything the compass of one programme is computed from."""

    id: int
    credits: float  # H
    years: int  # Y
    reference_date: date  # the date of the compass round; today for live views (P1 only)
    has_distance_students: bool = False
    has_program_worklife_outcome: bool = False
    council: CouncilInput | None = None  # None: the programme has no council
    alumni_follow_up: str = AlumniFollowUp.NONE.value
    gender_analysis: str = GenderAnalysis.NONE.value
    action_plan: ActionPlanInput = ActionPlanInput()
    activities: tuple[ActivityInput, ...] = ()

    def __post_init__(self) -> None:
        if self.credits <= 0:
            raise ValueError(f"programme {self.id}: credits must be > 0")
        if self.years < 1:
            raise ValueError(f"programme {self.id}: years must be 1 or more")
        _check_choice(self.alumni_follow_up, AlumniFollowUp, "alumni_follow_up")
        _check_choice(self.gender_analysis, GenderAnalysis, "gender_analysis")
        ids = [activity.id for activity in self.activities]
        if len(ids) != len(set(ids)):
            raise ValueError(f"programme {self.id}: activity ids are not unique")
