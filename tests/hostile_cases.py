"""The forms of the hostile-input sweep (tests/test_hostile_input.py), one row each.

A `FormCase` names the URL a form posts to, who may post it, its free-text fields (stored
exactly as typed), its validated fields (codes, numbers, dates, lookups, choices: hostile
text is refused), how to read the stored values back, and what a new row needs besides.
Every URL of the URLconf is a form here, or says in NOT_SWEPT why it is not.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from assessments.models import Action, Target
from programs.models import (
    Activity,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Course,
    LearningOutcome,
    Partner,
)
from tests.hostile_forms import World


def latest(model: type) -> Callable[[World], Any]:
    return lambda world: model.objects.order_by("-pk").first()


def saved_row(row: Callable[[World], Any], **names: str) -> Callable[[World], dict[str, str]]:
    """The stored values of the form's fields: field name → the row's attribute (same name
    unless given), read fresh from the database."""

    def saved(world: World, fields: tuple[str, ...]) -> dict[str, str]:
        obj = row(world)
        if obj is None:
            return {}
        obj = type(obj).objects.get(pk=obj.pk)
        return {name: getattr(obj, names.get(name, name)) for name in fields}

    return saved


@dataclass(frozen=True)
class FormCase:
    """One form: where it is, who posts it, its free and its validated fields."""

    name: str  # the URL name it posts to
    user: str  # the fixture of the user who may post it
    url: Callable[[World], str]
    free: tuple[str, ...] = ()  # free text: stored exactly as typed
    strict: tuple[str, ...] = ()  # validated: a hostile text is refused
    saved: Callable[[World, tuple[str, ...]], dict[str, str]] | None = None
    base: Callable[[World], dict[str, str]] = lambda world: {}
    page: Callable[[World], str] | None = None  # the page showing the form, if elsewhere


TARGET_AXES = ("scope", "authenticity", "integration", "support", "partnership", "career")
TARGET_AXES += ("follow_up", "equity")
ACTIVITY = ("title", "description", "depth_motivation", "new_partner-name")
ACTIVITY_STRICT = ("hp", "hours", "reach", "partners-0-partner", "new_partner-org_number")
NEW_PARTNER = {"new_partner-sector": "private", "new_partner-role": "host"}
NEW_ACTIVITY = {"hours": "2", **NEW_PARTNER}


def activity_saved(row: Callable[[World], Any]) -> Callable[[World, tuple[str, ...]], dict]:
    def saved(world: World, fields: tuple[str, ...]) -> dict[str, str]:
        values = saved_row(row)(world, tuple(f for f in fields if "-" not in f))
        newest = Partner.objects.order_by("-pk").first()
        values["new_partner-name"] = newest.name if newest else ""
        return values

    return saved


def targets_saved(world: World, fields: tuple[str, ...]) -> dict[str, str]:
    targets = {t.axis: t.motivation for t in Target.objects.filter(round=world.round)}
    return {f"{axis}-motivation": targets.get(axis, "") for axis in TARGET_AXES}


FORMS = [
    FormCase(
        "programs:program_edit",
        "coordinator",
        lambda w: reverse("programs:program_edit", args=[w.program.pk]),
        free=("name_sv", "name_en"),
        strict=("credits", "years"),
        saved=saved_row(lambda w: w.program),
    ),
    FormCase(
        "programs:activity_create",
        "coordinator",
        lambda w: reverse("programs:activity_create", args=[w.program.pk]),
        free=ACTIVITY,
        strict=ACTIVITY_STRICT,
        saved=activity_saved(latest(Activity)),
        base=lambda w: {"type": str(w.activity.type_id), **NEW_ACTIVITY},
    ),
    FormCase(
        "programs:activity_edit",
        "coordinator",
        lambda w: reverse("programs:activity_edit", args=[w.program.pk, w.activity.pk]),
        free=ACTIVITY,
        strict=ACTIVITY_STRICT,
        saved=activity_saved(lambda w: w.activity),
        base=lambda w: NEW_PARTNER,
    ),
    FormCase(
        "programs:course_add",
        "coordinator",
        lambda w: reverse("programs:course_add", args=[w.program.pk]),
        free=("name_sv", "name_en"),
        strict=("code", "credits", "term"),
        saved=saved_row(latest(Course)),
        base=lambda w: {"code": "HX100A", "credits": "7,5"},
    ),
    FormCase(
        "programs:course_place_edit",
        "coordinator",
        lambda w: reverse("programs:course_place_edit", args=[w.program.pk, w.place.pk]),
        free=("name_sv", "name_en"),
        strict=("credits", "term"),
        saved=saved_row(lambda w: w.place.course),
    ),
    FormCase(
        "programs:outcome_create",
        "coordinator",
        lambda w: reverse("programs:outcome_create", args=[w.program.pk]),
        free=("code", "text"),
        strict=("course",),
        saved=saved_row(latest(LearningOutcome)),
    ),
    FormCase(
        "programs:outcome_edit",
        "coordinator",
        lambda w: reverse("programs:outcome_edit", args=[w.program.pk, w.outcome.pk]),
        free=("code", "text"),
        strict=("level",),
        saved=saved_row(lambda w: w.outcome),
    ),
    FormCase(
        "programs:council_edit",
        "coordinator",
        lambda w: reverse("programs:council_edit", args=[w.program.pk]),
        free=("name",),
        strict=("last_curriculum_review",),
        saved=saved_row(lambda w: Council.objects.get(program=w.program)),
    ),
    FormCase(
        "programs:member_create",
        "coordinator",
        lambda w: reverse("programs:member_create", args=[w.program.pk]),
        free=("organisation_name", "role"),
        strict=("partner",),
        saved=saved_row(latest(CouncilMember)),
    ),
    FormCase(
        "programs:member_edit",
        "coordinator",
        lambda w: reverse("programs:member_edit", args=[w.program.pk, w.member.pk]),
        free=("organisation_name", "role"),
        strict=("partner",),
        saved=saved_row(lambda w: w.member),
    ),
    FormCase(
        "programs:meeting_create",
        "coordinator",
        lambda w: reverse("programs:meeting_create", args=[w.program.pk]),
        free=("minutes", "decisions"),
        strict=("date", "participants"),
        saved=saved_row(latest(CouncilMeeting)),
        base=lambda w: {"date": "2026-02-01"},
    ),
    FormCase(
        "programs:meeting_edit",
        "coordinator",
        lambda w: reverse("programs:meeting_edit", args=[w.program.pk, w.meeting.pk]),
        free=("minutes", "decisions"),
        strict=("date",),
        saved=saved_row(lambda w: w.meeting),
    ),
    FormCase(
        "programs:agreement_create",
        "coordinator",
        lambda w: reverse("programs:agreement_create", args=[w.program.pk]),
        free=("title", "notes"),
        strict=("partner", "start_date", "kind"),
        saved=saved_row(latest(Agreement)),
        base=lambda w: {
            "partner": w.partner.org_number,
            "kind": "agreement",
            "level": "operative",
            "start_date": "2026-01-01",
        },
    ),
    FormCase(
        "programs:agreement_edit",
        "coordinator",
        lambda w: reverse("programs:agreement_edit", args=[w.program.pk, w.agreement.pk]),
        free=("title", "notes"),
        strict=("partner", "end_date"),
        saved=saved_row(lambda w: w.agreement),
    ),
    FormCase(
        "programs:partner_create",
        "coordinator",
        lambda w: reverse("programs:partner_create"),
        free=("name", "region"),
        strict=("org_number", "sector"),
        saved=saved_row(latest(Partner)),
        base=lambda w: {"sector": "public"},
    ),
    FormCase(
        "programs:partner_edit",
        "sam_user",
        lambda w: reverse("programs:partner_edit", args=[w.partner.pk]),
        free=("name", "region"),
        strict=("org_number",),
        saved=saved_row(lambda w: w.partner),
    ),
    FormCase(
        "programs:partner_merge",
        "sam_user",
        lambda w: reverse("programs:partner_merge", args=[w.partner.pk]),
        strict=("other", "keep"),
    ),
    FormCase(
        "assessments:round_start",
        "coordinator",
        lambda w: reverse("assessments:round_start", args=[w.program.pk]),
        strict=("date",),
    ),
    FormCase(
        "assessments:round_edit",
        "coordinator",
        lambda w: reverse("assessments:round_edit", args=[w.round.pk]),
        free=("registry_number", "horizontal_perspectives"),
        strict=("date",),
        saved=saved_row(lambda w: w.round),
    ),
    FormCase(
        "assessments:round_status",
        "coordinator",
        lambda w: reverse("assessments:round_status", args=[w.round.pk]),
        strict=("status",),
        page=lambda w: reverse("assessments:round_detail", args=[w.round.pk]),
    ),
    FormCase(
        "assessments:round_targets",
        "coordinator",
        lambda w: reverse("assessments:round_targets", args=[w.round.pk]),
        free=tuple(f"{axis}-motivation" for axis in TARGET_AXES),
        strict=("scope-score", "equity-target_year"),
        saved=targets_saved,
        base=lambda w: {f"{axis}-score": "60" for axis in TARGET_AXES},
    ),
    FormCase(
        "assessments:action_create",
        "coordinator",
        lambda w: reverse("assessments:action_create", args=[w.round.pk]),
        free=("description", "owner", "follow_up_note"),
        strict=("axis", "indicator", "due_date", "support_offer"),
        saved=saved_row(latest(Action)),
    ),
    FormCase(
        "assessments:action_edit",
        "coordinator",
        lambda w: reverse("assessments:action_edit", args=[w.action.pk]),
        free=("description", "owner", "follow_up_note"),
        strict=("status", "followed_up_at"),
        saved=saved_row(lambda w: w.action),
    ),
    FormCase(
        "assessments:action_follow_up",
        "coordinator",
        lambda w: reverse("assessments:action_follow_up", args=[w.action.pk]),
        free=("follow_up_note",),
        strict=("status", "followed_up_at"),
        saved=saved_row(lambda w: w.action),
    ),
    FormCase(
        "reports:job_create",
        "coordinator",
        lambda w: reverse("reports:job_create"),
        strict=("kind", "compass_round", "language"),
        page=lambda w: reverse("assessments:round_detail", args=[w.round.pk]),
    ),
    FormCase(
        "reports:preferences",
        "coordinator",
        lambda w: reverse("reports:preferences"),
        strict=("language", "monthly_reminder"),
    ),
    FormCase(
        "set_language",
        "coordinator",
        lambda w: reverse("set_language"),
        strict=("language", "next"),
        page=lambda w: reverse("programs:home"),
    ),
    FormCase("login", "anonymous", lambda w: reverse("login"), strict=("username", "password")),
]
CASES = {case.name: case for case in FORMS}
WITH_FREE_TEXT = [case for case in FORMS if case.free]
# Free texts no reading page shows (only their form does), with the reason.
NOT_SHOWN: dict[str, set[str]] = {
    # An agreement's notes are on its form; the programme page lists its title, partner and
    # dates (the history shows the notes once they are changed: agreement_edit).
    "programs:agreement_create": {"notes"},
}

# Every other URL, and why the form sweep has nothing to type into it.
NOT_SWEPT = {
    **dict.fromkeys(
        (
            "programs:activity_delete",
            "programs:course_place_delete",
            "programs:outcome_delete",
            "programs:member_delete",
            "programs:meeting_delete",
            "programs:agreement_delete",
            "assessments:action_delete",
            "programs:activity_duplicate",
            "assessments:round_freeze",
            "logout",
        ),
        "a button or a confirmation box: no text to type",
    ),
    **dict.fromkeys(
        (
            "programs:course_import",
            "programs:course_import_preview",
            "programs:course_import_commit",
            "programs:course_import_cancel",
        ),
        "the course-list import: hostile file content, in test_hostile_input",
    ),
    **dict.fromkeys(
        (
            "programs:home",
            "programs:program_detail",
            "programs:program_history",
            "programs:partner_list",
            "programs:partner_search",
            "programs:partner_detail",
            "programs:inventory_export",
            "programs:inventory_export_xlsx",
            "programs:inventory_export_csv",
            "assessments:program_compass",
            "assessments:round_detail",
            "assessments:dashboard",
            "assessments:dashboard_export",
            "assessments:faculty_dashboard",
            "assessments:faculty_dashboard_export",
            "reports:job_detail",
            "reports:archive",
            "reports:download",
            "reports:health",
        ),
        "reads only: its pages and exports are checked here, its query parameters by "
        "tests/test_hostile_query_strings.py",
    ),
}
