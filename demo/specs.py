"""The shapes of the demo data: frozen dataclasses holding plain values, no ORM.

`loading.py` fills them from the TOML files in `data/`, one field per key (the keys are
these field names, which are the model fields' where there is one); `build.py` turns them
into rows through the services. Dates are day offsets from the day the seed runs, so the
demo stays fresh: `…_days_ago` counts back, `…_in_days` forward (negative: in the past).
"""

from dataclasses import dataclass

# An activity's `support` items: the model's `support_…` fields without the prefix.
SUPPORT_ITEMS = (
    "preparation",
    "agreement",
    "workplace_supervisor",
    "university_contact",
    "debriefing",
)


@dataclass(frozen=True)
class UserSpec:
    """A demo login; `coordinator_of` holds programme codes, `board_member_of` faculty codes."""

    username: str
    last_name: str
    description: str  # Swedish, printed by `seed_demo --print-logins`
    is_superuser: bool = False
    is_staff: bool = False
    sam_group: bool = False
    coordinator_of: tuple[str, ...] = ()
    board_member_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class DepartmentSpec:
    name_sv: str
    name_en: str


@dataclass(frozen=True)
class FacultySpec:
    code: str
    name_sv: str
    name_en: str
    departments: tuple[DepartmentSpec, ...]


@dataclass(frozen=True)
class PartnerSpec:
    """A fictional organisation; `key` is how the other data files refer to it."""

    key: str
    name: str
    org_number: str
    sector: str
    region: str
    is_strategic: bool = False


@dataclass(frozen=True)
class CourseSpec:
    """A course's place in a programme (a shared course takes its names from `shared_courses`)."""

    code: str
    name_sv: str
    name_en: str
    credits: float
    year: int
    term: int
    kind: str = "mandatory"


@dataclass(frozen=True)
class SharedCourseSpec:
    """A course that several programmes place: defined once, placed with a year and term."""

    code: str
    name_sv: str
    name_en: str
    credits: float


@dataclass(frozen=True)
class OutcomeSpec:
    """A learning outcome; programme level unless `course` names a course code."""

    code: str
    text: str
    is_work_life: bool = False
    course: str = ""


@dataclass(frozen=True)
class ActivityPartnerSpec:
    partner: str  # a partner's key
    role: str
    feedback_collected: bool = False


@dataclass(frozen=True)
class ActivitySpec:
    """A work-integration activity. `support` lists support items (the model's `support_…`
    fields without the prefix), or None to keep the type's typical support; `authenticity`
    and `proximity` override the type's default and then need a `depth_motivation`."""

    type: str
    title: str
    year: int | None = None
    course: str = ""
    status: str = "mandatory"
    reach: int = 100
    hp: float = 0
    hours: float = 0
    description: str = ""
    outcomes: tuple[str, ...] = ()
    partners: tuple[ActivityPartnerSpec, ...] = ()
    support: tuple[str, ...] | None = None
    assessed: bool = False
    reflection: bool = False
    host_arranged_by: str = "program"
    open_to_distance: bool = False
    evaluated_by_students: bool = False
    alumni_take_part: bool = False
    authenticity: int | None = None
    proximity: int | None = None
    depth_motivation: str = ""


@dataclass(frozen=True)
class MeetingSpec:
    days_ago: int
    participants: int
    minutes: str = ""
    decisions: str = ""


@dataclass(frozen=True)
class CouncilMemberSpec:
    """A council member: a registered partner (its key) or an organisation's name."""

    role: str
    partner: str = ""
    organisation_name: str = ""


@dataclass(frozen=True)
class CouncilSpec:
    name: str
    is_formal: bool
    members: tuple[CouncilMemberSpec, ...]
    last_curriculum_review_days_ago: int | None = None  # None: never reviewed
    meetings: tuple[MeetingSpec, ...] = ()


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
    due_date_in_days: int  # negative: overdue
    status: str
    support_offer: str = ""  # a support offer's Swedish title


@dataclass(frozen=True)
class RoundSpec:
    days_ago: int
    status: str
    horizontal_perspectives: str
    targets: tuple[TargetSpec, ...]
    actions: tuple[ActionSpec, ...]


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
    compass_round: RoundSpec | None = None
    has_distance_students: bool = False
    alumni_follow_up: str = "none"
    gender_analysis: str = "none"
    years: int | None = None


@dataclass(frozen=True)
class AgreementSpec:
    title: str
    partner: str  # a partner's key
    programs: tuple[str, ...]  # programme codes
    kind: str
    level: str
    start_date_in_days: int
    end_date_in_days: int | None = None  # None: open-ended
    next_follow_up_in_days: int | None = None  # None: none planned
    notes: str = ""


@dataclass(frozen=True)
class SupportOfferSpec:
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class University:
    """The whole demo university, as read from the data files."""

    users: tuple[UserSpec, ...]
    faculties: tuple[FacultySpec, ...]
    partners: tuple[PartnerSpec, ...]
    support_offers: tuple[SupportOfferSpec, ...]
    agreements: tuple[AgreementSpec, ...]
    programs: tuple[ProgramSpec, ...]
