"""What the compass still needs from a programme's inventory: plain values in, a list out.

No ORM, no I/O, no Django: `programs.selectors.completeness_facts` turns rows into the
facts below, and the views translate each missing item's key into a sentence.

Each check is one thing a coordinator can record. The completeness percentage is the
share of checks that pass; checks that cannot apply (e.g. "activities without a year"
when there are no activities) are left out rather than counted as passed, so an empty
programme is not reported as nearly complete.
"""

from dataclasses import dataclass, field

# Activity types whose description implies an external organisation (compass-model.md:
# placements, projects, visits and guests all involve a host or a practitioner).
PARTNER_TYPES = frozenset(
    {
        "placement",
        "coop",
        "degree_project",
        "partner_project",
        "field_study",
        "study_visit",
        "guest_lecture",
        "mentorship",
    }
)
DEEP_DEPTH = 3  # compass-model.md: a deep activity has A + P >= 3


@dataclass(frozen=True)
class ActivityFacts:
    """What completeness needs to know about one activity."""

    type_key: str
    year: int | None
    depth: int
    support_count: int
    partner_count: int


@dataclass(frozen=True)
class ProgramFacts:
    """What completeness needs to know about one programme's inventory."""

    activities: tuple[ActivityFacts, ...] = ()
    work_life_outcomes: int = 0
    program_work_life_outcomes: int = 0
    has_council: bool = False
    council_members: int = 0
    council_meetings: int = 0
    alumni_follow_up: str = "none"
    gender_analysis: str = "none"


@dataclass(frozen=True)
class Missing:
    """One thing still to record: a stable key, how many rows it concerns, where to fix it."""

    key: str
    count: int = 0
    anchor: str = ""


@dataclass(frozen=True)
class Completeness:
    """Checks passed out of checks that apply, and what is missing."""

    passed: int
    total: int
    missing: tuple[Missing, ...] = field(default_factory=tuple)

    @property
    def percent(self) -> int:
        """Share of applicable checks that pass, 0-100, rounded half up."""
        if not self.total:
            return 0
        return int(100 * self.passed / self.total + 0.5)

    @property
    def is_complete(self) -> bool:
        return not self.missing


def completeness(facts: ProgramFacts) -> Completeness:
    """Run every applicable check on `facts`; list the failed ones in display order."""
    checks: list[tuple[bool, Missing]] = []
    activities = facts.activities
    checks.append((bool(activities), Missing("no_activities", anchor="activities")))
    if activities:
        without_year = sum(1 for a in activities if a.year is None)
        checks.append(
            (without_year == 0, Missing("activities_without_year", without_year, "activities"))
        )
        needing_partner = [a for a in activities if a.type_key in PARTNER_TYPES]
        if needing_partner:
            unlinked = sum(1 for a in needing_partner if a.partner_count == 0)
            checks.append(
                (unlinked == 0, Missing("activities_without_partner", unlinked, "activities"))
            )
        deep = [a for a in activities if a.depth >= DEEP_DEPTH]
        if deep:
            unsupported = sum(1 for a in deep if a.support_count == 0)
            checks.append(
                (unsupported == 0, Missing("deep_without_support", unsupported, "activities"))
            )
    checks.append(
        (facts.work_life_outcomes > 0, Missing("no_work_life_outcome", anchor="outcomes"))
    )
    checks.append(
        (facts.program_work_life_outcomes > 0, Missing("no_program_outcome", anchor="outcomes"))
    )
    checks.append((facts.has_council, Missing("no_council", anchor="council")))
    if facts.has_council:
        checks.append(
            (facts.council_members > 0, Missing("council_without_members", anchor="council"))
        )
        checks.append(
            (facts.council_meetings > 0, Missing("council_without_meetings", anchor="council"))
        )
    checks.append(
        (facts.alumni_follow_up != "none", Missing("alumni_follow_up_unset", anchor="facts"))
    )
    checks.append(
        (facts.gender_analysis != "none", Missing("gender_analysis_unset", anchor="facts"))
    )
    missing = tuple(item for ok, item in checks if not ok)
    return Completeness(passed=len(checks) - len(missing), total=len(checks), missing=missing)
