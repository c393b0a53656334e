"""The shapes of the demo data: frozen dataclasses holding plain values, no ORM.

`data.py` and `programmes.py` fill them in; `build.py` turns them into rows through the
services. Dates are given as day offsets from the day the seed runs, so the demo stays fresh.
"""

from dataclasses import dataclass

from programs.validators import luhn_ok


def with_check_digit(body: str) -> str:
    """`NNNNNN-NNNN` from nine digits plus the Luhn check digit that makes it valid."""
    if len(body) != 9 or not body.isdigit():
        raise ValueError(f"expected nine digits, got {body!r}")
    check = next(digit for digit in "0123456789" if luhn_ok(body + digit))
    return f"{body[:6]}-{body[6:]}{check}"


@dataclass(frozen=True)
class UserSpec:
    """A demo login; `coordinates` holds programme codes, `board` faculty codes."""

    username: str
    last_name: str
    description: str  # Swedish, printed by `seed_demo --print-logins`
    superuser: bool = False
    staff: bool = False
    sam: bool = False
    coordinates: tuple[str, ...] = ()
    board: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacultySpec:
    code: str
    name_sv: str
    name_en: str
    departments: tuple[tuple[str, str], ...]  # (Swedish name, English name)


@dataclass(frozen=True)
class PartnerSpec:
    """A fictional organisation; `org_body` is nine digits, the check digit is computed."""

    key: str
    name: str
    org_body: str
    sector: str
    region: str
    strategic: bool = False

    @property
    def org_number(self) -> str:
        return with_check_digit(self.org_body)


@dataclass(frozen=True)
class CourseSpec:
    code: str
    name_sv: str
    name_en: str
    credits: float
    year: int
    term: int
    kind: str = "mandatory"


@dataclass(frozen=True)
class OutcomeSpec:
    """A learning outcome; programme level unless `course` names a course code."""

    ref: str
    text: str
    work_life: bool = False
    course: str = ""


@dataclass(frozen=True)
class ActivitySpec:
    """A work-integration activity. `partners` holds (partner key, role, feedback collected);
    `support` lists short support-item names, or None to keep the type's typical support;
    `ap` overrides (authenticity, proximity) and then needs a `motivation`."""

    type: str
    title: str
    year: int | None
    course: str = ""
    status: str = "mandatory"
    reach: int = 100
    hp: float = 0
    hours: float = 0
    description: str = ""
    outcomes: tuple[str, ...] = ()
    partners: tuple[tuple[str, str, bool], ...] = ()
    support: tuple[str, ...] | None = None
    assessed: bool = False
    reflection: bool = False
    arranged_by_student: bool = False
    distance: bool = False
    evaluated: bool = False
    alumni: bool = False
    ap: tuple[int, int] | None = None
    motivation: str = ""


@dataclass(frozen=True)
class MeetingSpec:
    days_ago: int
    participants: int
    minutes: str = ""
    decisions: str = ""


@dataclass(frozen=True)
class CouncilSpec:
    """A council; members are (partner key or "", organisation name if not registered, role)."""

    name: str
    formal: bool
    review_days_ago: int | None
    members: tuple[tuple[str, str, str], ...]
    meetings: tuple[MeetingSpec, ...] = ()


@dataclass(frozen=True)
class ProgramSpec:
    code: str
    name_sv: str
    name_en: str
    credits: float
    faculty: str  # faculty code
    department: str  # department's Swedish name
    profile: str
    courses: tuple[CourseSpec, ...]
    outcomes: tuple[OutcomeSpec, ...]
    activities: tuple[ActivitySpec, ...]
    council: CouncilSpec | None = None
    distance: bool = False
    alumni_follow_up: str = "none"
    gender_analysis: str = "none"
    years: int | None = None


@dataclass(frozen=True)
class AgreementSpec:
    """An agreement; dates are day offsets from today (None: open-ended or not planned)."""

    title: str
    partner: str
    programs: tuple[str, ...]
    kind: str
    level: str
    start: int
    end: int | None
    follow_up: int | None
    notes: str = ""


@dataclass(frozen=True)
class OfferSpec:
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class TargetSpec:
    axis: str
    score: int
    motivation: str


@dataclass(frozen=True)
class ActionSpec:
    axis: str
    indicator: str
    description: str
    owner: str
    due: int  # days from today; negative means overdue
    status: str
    offer: str = ""  # a support offer's Swedish title


@dataclass(frozen=True)
class RoundSpec:
    program: str
    days_ago: int
    status: str
    horizontal_perspectives: str
    targets: tuple[TargetSpec, ...]
    actions: tuple[ActionSpec, ...]
