"""The export's tables: one programme's inventory as localised headings and rows."""

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alakompass.spreadsheets import Cell, Sheet
from programs import selectors
from programs.models import (
    SUPPORT_FIELDS,
    Activity,
    ActivityPartner,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Course,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
)

DEFAULT_CSV_SHEET = "activities"
SHEET_TITLES = {
    "program": gettext_lazy("Programme"),
    "courses": gettext_lazy("Courses"),
    "activities": gettext_lazy("Activities"),
    "outcomes": gettext_lazy("Learning outcomes"),
    "partners": gettext_lazy("Partners"),
    "council": gettext_lazy("Council and meetings"),
    "agreements": gettext_lazy("Agreements"),
}
SHEET_KEYS = tuple(SHEET_TITLES)


def _heading(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)  # a relation's reverse side has no verbose_name
    return capfirst(str(getattr(field, "verbose_name", name)))


def _user_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _program_sheet(program: Program) -> list[list[Cell]]:
    field_rows: list[tuple[str, Cell]] = [
        (_heading(Program, "code"), program.code),
        (_heading(Program, "name_sv"), program.name_sv),
        (_heading(Program, "name_en"), program.name_en),
        (_heading(Program, "credits"), program.credits),
        (_heading(Program, "years"), program.years),
        (_heading(Program, "profile"), program.get_profile_display()),
        (_heading(Program, "has_distance_students"), program.has_distance_students),
        (_heading(Program, "faculty"), str(program.faculty)),
        (_heading(Program, "department"), str(program.department or "")),
        (
            _heading(Program, "coordinators"),
            "; ".join(_user_name(user) for user in program.coordinators.order_by("username")),
        ),
        (_heading(Program, "alumni_follow_up"), program.get_alumni_follow_up_display()),
        (_heading(Program, "gender_analysis"), program.get_gender_analysis_display()),
        (_heading(Program, "is_active"), program.is_active),
        (_heading(Program, "updated_at"), program.updated_at),
        (_("Exported"), timezone.now()),
    ]
    return [list(pair) for pair in field_rows]


def _courses(program: Program) -> tuple[list[str], list[list[Cell]]]:
    headers = [
        _heading(Course, "code"),
        _heading(Course, "name_sv"),
        _heading(Course, "name_en"),
        _heading(Course, "credits"),
        _heading(ProgramCourse, "year"),
        _heading(ProgramCourse, "term"),
        _heading(ProgramCourse, "kind"),
    ]
    places = ProgramCourse.objects.filter(program=program).select_related("course")
    rows: list[list[Cell]] = [
        [
            place.course.code,
            place.course.name_sv,
            place.course.name_en,
            place.course.credits,
            place.year,
            place.term,
            place.get_kind_display(),
        ]
        for place in places
    ]
    return headers, rows


def _activities(program: Program) -> tuple[list[str], list[list[Cell]]]:
    flags = [
        "assessed",
        "reflection",
        *SUPPORT_FIELDS,
    ]
    later_flags = ["open_to_distance", "evaluated_by_students", "alumni_take_part"]
    headers = [
        _("ID"),
        _heading(Activity, "title"),
        _heading(Activity, "type"),
        _heading(Course, "code"),
        _heading(Activity, "course"),
        _heading(Activity, "description"),
        _heading(Activity, "status"),
        _heading(Activity, "reach"),
        _heading(Activity, "hp"),
        _heading(Activity, "hours"),
        _heading(Activity, "year"),
        _heading(Activity, "authenticity"),
        _heading(Activity, "proximity"),
        _("Depth (A + P)"),
        _heading(Activity, "depth_motivation"),
        _heading(Activity, "outcomes"),
        *(_heading(Activity, name) for name in flags),
        _heading(Activity, "host_arranged_by"),
        *(_heading(Activity, name) for name in later_flags),
        _("Partner organisations (role)"),
        _heading(Activity, "updated_at"),
    ]
    activities = (
        Activity.objects.filter(program=program)
        .select_related("type", "course")
        .prefetch_related("outcomes", "partner_links__partner")
    )
    rows: list[list[Cell]] = []
    for activity in activities:
        rows.append(
            [
                activity.pk,
                activity.title,
                activity.type.name,
                activity.course.code if activity.course else "",
                activity.course.name if activity.course else "",
                activity.description,
                activity.get_status_display(),
                activity.reach,
                activity.hp,
                activity.hours,
                activity.year,
                activity.authenticity,
                activity.proximity,
                activity.depth,
                activity.depth_motivation,
                "; ".join(str(outcome) for outcome in activity.outcomes.all()),
                *(getattr(activity, name) for name in flags),
                activity.get_host_arranged_by_display(),
                *(getattr(activity, name) for name in later_flags),
                "; ".join(
                    f"{link.partner.name} ({link.get_role_display()})"
                    for link in activity.partner_links.all()
                ),
                activity.updated_at,
            ]
        )
    return headers, rows


def _outcomes(program: Program) -> tuple[list[str], list[list[Cell]]]:
    headers = [
        _("ID"),
        _heading(LearningOutcome, "level"),
        _heading(Course, "code"),
        _heading(LearningOutcome, "code"),
        _heading(LearningOutcome, "text"),
        _heading(LearningOutcome, "is_work_life"),
        _("Activities"),
    ]
    outcomes = (
        LearningOutcome.objects.filter(program=program)
        .select_related("course")
        .prefetch_related("activities")
    )
    rows: list[list[Cell]] = [
        [
            outcome.pk,
            outcome.get_level_display(),
            outcome.course.code if outcome.course else "",
            outcome.code,
            outcome.text,
            outcome.is_work_life,
            "; ".join(activity.title for activity in outcome.activities.all()),
        ]
        for outcome in outcomes
    ]
    return headers, rows


def _partners(program: Program) -> tuple[list[str], list[list[Cell]]]:
    headers = [
        _("Activity ID"),
        _heading(ActivityPartner, "activity"),
        _heading(Partner, "name"),
        _heading(Partner, "org_number"),
        _heading(Partner, "sector"),
        _heading(Partner, "region"),
        _heading(Partner, "is_strategic"),
        _heading(ActivityPartner, "role"),
        _heading(ActivityPartner, "feedback_collected"),
    ]
    links = (
        ActivityPartner.objects.filter(activity__program=program)
        .select_related("activity", "partner")
        .order_by("activity__title", "partner__name", "role")
    )
    rows: list[list[Cell]] = [
        [
            link.activity_id,
            link.activity.title,
            link.partner.name,
            link.partner.org_number,
            link.partner.get_sector_display(),
            link.partner.region,
            link.partner.is_strategic,
            link.get_role_display(),
            link.feedback_collected,
        ]
        for link in links
    ]
    return headers, rows


def _council(program: Program) -> tuple[list[str], list[list[Cell]]]:
    """Council, members and meetings in one table; the first column says which a row is."""
    headers = [
        _("Record"),
        _("Name or organisation"),
        _heading(CouncilMember, "role"),
        _heading(Council, "is_formal"),
        _heading(Council, "last_curriculum_review"),
        _heading(CouncilMeeting, "date"),
        _heading(CouncilMeeting, "participants"),
        _heading(CouncilMeeting, "minutes"),
        _heading(CouncilMeeting, "decisions"),
    ]
    council = selectors.council_for_program(program=program)
    if council is None:
        return headers, []
    rows: list[list[Cell]] = [
        [
            capfirst(str(Council._meta.verbose_name)),
            council.name,
            "",
            council.is_formal,
            council.last_curriculum_review,
            None,
            None,
            "",
            "",
        ]
    ]
    member_label = capfirst(str(CouncilMember._meta.verbose_name))
    for member in council.members.select_related("partner"):
        rows.append([member_label, str(member), member.role, "", None, None, None, "", ""])
    meeting_label = capfirst(str(CouncilMeeting._meta.verbose_name))
    for meeting in council.meetings.all():
        rows.append(
            [
                meeting_label,
                "",
                "",
                "",
                None,
                meeting.date,
                meeting.participants,
                meeting.minutes,
                meeting.decisions,
            ]
        )
    return headers, rows


def _agreements(program: Program) -> tuple[list[str], list[list[Cell]]]:
    headers = [
        _heading(Agreement, "title"),
        _heading(Agreement, "partner"),
        _heading(Partner, "org_number"),
        _heading(Agreement, "kind"),
        _heading(Agreement, "level"),
        _heading(Agreement, "start_date"),
        _heading(Agreement, "end_date"),
        _heading(Agreement, "next_follow_up"),
        _heading(Agreement, "programs"),
        _heading(Agreement, "notes"),
    ]
    agreements = (
        Agreement.objects.filter(programs=program)
        .select_related("partner")
        .prefetch_related("programs")
        .distinct()
    )
    rows: list[list[Cell]] = [
        [
            agreement.title,
            agreement.partner.name,
            agreement.partner.org_number,
            agreement.get_kind_display(),
            agreement.get_level_display(),
            agreement.start_date,
            agreement.end_date,
            agreement.next_follow_up,
            ", ".join(sorted(p.code for p in agreement.programs.all())),
            agreement.notes,
        ]
        for agreement in agreements
    ]
    return headers, rows


TABLE_BUILDERS: dict[str, Callable[[Program], tuple[list[str], list[list[Cell]]]]] = {
    "courses": _courses,
    "activities": _activities,
    "outcomes": _outcomes,
    "partners": _partners,
    "council": _council,
    "agreements": _agreements,
}


def inventory_sheet(*, program: Program, key: str) -> Sheet:
    """One sheet of the export, in the active language; KeyError for an unknown key."""
    title = str(SHEET_TITLES[key])
    if key == "program":
        return Sheet(
            key=key,
            title=title,
            headers=[_("Field"), _("Value")],
            rows=_program_sheet(program),
            auto_filter=False,
        )
    headers, rows = TABLE_BUILDERS[key](program)
    return Sheet(key=key, title=title, headers=headers, rows=rows)


def inventory_sheets(*, program: Program) -> list[Sheet]:
    """Every sheet of the export, in order."""
    return [inventory_sheet(program=program, key=key) for key in SHEET_KEYS]
