"""What the URL-wide tests share: every URL of the URLconf, and real rows to open each one.

`url_names(resolver)` walks the URLconf (admin excluded: the Django admin keeps its own
permissions). `World` makes, on first use, the rows a URL needs: `program` (faculty A, with
the `coordinator` and the `board_member`) and its inventory, its open compass round and an
action, a partner, an archived report of the programme with its job; `other_program` is in
faculty B (`other_coordinator`, `other_board_member`). `URL_KWARGS` says, for every URL name,
which rows fill its path. Used by tests/test_url_matrix.py and tests/test_hostile_query_strings.py.
"""

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from assessments import services as compass_services
from assessments.models import Action, CompassRound
from programs.models import (
    Activity,
    Agreement,
    CouncilMeeting,
    CouncilMember,
    Faculty,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
)
from reports.models import Report
from tests import factories
from tests.reports.report_builders import archived, frozen_round

# Every role of the permission rules, as the conftest fixtures name them; "anonymous" is
# a visitor who is not logged in.
ROLES = (
    "anonymous",
    "outsider",  # logged in, no role at all
    "coordinator",  # of `program`
    "other_coordinator",  # of `other_program`, another faculty
    "sam_user",
    "board_member",  # of `program`'s faculty
    "other_board_member",  # of the other faculty
    "admin_user_",
)
EXCLUDED_NAMESPACES = ("admin",)  # the Django admin: its own staff permissions


@dataclass(frozen=True)
class UrlName:
    name: str  # "namespace:name"; "" for a pattern without a name
    route: str


def _walk(
    patterns: Sequence[URLPattern | URLResolver], prefix: str, namespace: str
) -> Iterator[UrlName]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, route, inner)
        else:
            name = pattern.name or ""
            yield UrlName(f"{namespace}:{name}" if namespace and name else name, route)


def url_names(resolver: URLResolver | None = None) -> list[UrlName]:
    """Every URL pattern of the URLconf (or of `resolver`), admin excluded."""
    resolver = resolver or get_resolver()
    return list(_walk(resolver.url_patterns, "", ""))


class World:
    """The rows the URLs open, made on first use (a test pays only for what it opens)."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def fixture(self, name: str) -> Any:
        return self._request.getfixturevalue(name)

    @cached_property
    def program(self) -> Program:
        return self.fixture("program")

    @cached_property
    def faculty(self) -> Faculty:
        return self.fixture("faculty")

    @cached_property
    def activity(self) -> Activity:
        return factories.ActivityFactory(program=self.program)

    @cached_property
    def place(self) -> ProgramCourse:
        return factories.ProgramCourseFactory(program=self.program)

    @cached_property
    def outcome(self) -> LearningOutcome:
        return factories.LearningOutcomeFactory(program=self.program)

    @cached_property
    def member(self) -> CouncilMember:
        return factories.CouncilMemberFactory(council=self.council)

    @cached_property
    def meeting(self) -> CouncilMeeting:
        return factories.CouncilMeetingFactory(council=self.council)

    @cached_property
    def council(self) -> Any:
        return factories.CouncilFactory(program=self.program)

    @cached_property
    def agreement(self) -> Agreement:
        agreement = factories.AgreementFactory()
        agreement.programs.add(self.program)
        return agreement

    @cached_property
    def partner(self) -> Partner:
        return factories.PartnerFactory(name="Mittuniversitetets Vänner AB")

    @cached_property
    def open_round(self) -> CompassRound:
        return compass_services.round_start(
            program=self.program, user=None, date=datetime.date(2026, 9, 1)
        )

    @cached_property
    def action(self) -> Action:
        return compass_services.action_create(
            compass_round=self.open_round,
            user=None,
            axis="career",
            description="Starta ett mentorprogram",
            owner="Programansvarig",
            due_date=datetime.date(2027, 6, 1),
        )

    @cached_property
    def frozen_round(self) -> CompassRound:
        return frozen_round(self.program, date=datetime.date(2025, 3, 15))

    @cached_property
    def report(self) -> Report:
        """An archived report of `program` (stand-in bytes, made through the archive service)."""
        return archived(compass_round=self.frozen_round)


def _program(key: str) -> Callable[[World], dict[str, int]]:
    return lambda world: {key: world.program.pk}


def _row(row: str) -> Callable[[World], dict[str, int]]:
    return lambda world: {"program_pk": world.program.pk, "pk": getattr(world, row).pk}


def _pk(row: str) -> Callable[[World], dict[str, int]]:
    return lambda world: {"pk": getattr(world, row).pk}


def _none(world: World) -> dict[str, int]:
    return {}


# The path arguments of every URL (admin excluded): which of the World's rows each one opens.
URL_KWARGS: dict[str, Callable[[World], dict[str, int]]] = {
    "programs:home": _none,
    "programs:program_detail": _program("pk"),
    "programs:program_edit": _program("pk"),
    "programs:program_history": _program("pk"),
    "programs:activity_create": _program("program_pk"),
    "programs:activity_edit": _row("activity"),
    "programs:activity_duplicate": _row("activity"),
    "programs:activity_delete": _row("activity"),
    "programs:course_add": _program("program_pk"),
    "programs:course_place_edit": _row("place"),
    "programs:course_place_delete": _row("place"),
    "programs:outcome_create": _program("program_pk"),
    "programs:outcome_edit": _row("outcome"),
    "programs:outcome_delete": _row("outcome"),
    "programs:council_edit": _program("program_pk"),
    "programs:member_create": lambda world: {"program_pk": world.council.program_id},
    "programs:member_edit": _row("member"),
    "programs:member_delete": _row("member"),
    "programs:meeting_create": lambda world: {"program_pk": world.council.program_id},
    "programs:meeting_edit": _row("meeting"),
    "programs:meeting_delete": _row("meeting"),
    "programs:agreement_create": _program("program_pk"),
    "programs:agreement_edit": _row("agreement"),
    "programs:agreement_delete": _row("agreement"),
    "programs:partner_list": _none,
    "programs:partner_search": _none,
    "programs:partner_create": _none,
    "programs:partner_detail": _pk("partner"),
    "programs:partner_edit": _pk("partner"),
    "programs:partner_merge": _pk("partner"),
    "programs:course_import": _program("pk"),
    "programs:course_import_preview": _program("pk"),
    "programs:course_import_commit": _program("pk"),
    "programs:course_import_cancel": _program("pk"),
    "programs:inventory_export": _program("pk"),
    "programs:inventory_export_xlsx": _program("pk"),
    "programs:inventory_export_csv": _program("pk"),
    "assessments:program_compass": _program("pk"),
    "assessments:round_start": _program("pk"),
    "assessments:round_detail": _pk("open_round"),
    "assessments:round_edit": _pk("open_round"),
    "assessments:round_status": _pk("open_round"),
    "assessments:round_targets": _pk("open_round"),
    "assessments:round_freeze": _pk("open_round"),
    "assessments:action_create": _pk("open_round"),
    "assessments:action_edit": _pk("action"),
    "assessments:action_follow_up": _pk("action"),
    "assessments:action_delete": _pk("action"),
    "assessments:dashboard": _none,
    "assessments:dashboard_export": _none,
    "assessments:faculty_dashboard": lambda world: {"faculty_pk": world.faculty.pk},
    "assessments:faculty_dashboard_export": lambda world: {"faculty_pk": world.faculty.pk},
    "reports:health": _none,
    "reports:job_create": _none,
    "reports:job_detail": lambda world: {"pk": world.report.job_id},
    "reports:archive": _none,
    "reports:download": _pk("report"),
    "reports:preferences": _none,
    "login": _none,
    "logout": _none,
    "set_language": _none,
}


@pytest.fixture
def world(request: pytest.FixtureRequest, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"  # archived stand-in reports land here
    return World(request)
