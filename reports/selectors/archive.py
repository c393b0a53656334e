"""Who may see and request which report, and the archive as one user may see it.

Who may see a report is who may see its scope: a programme's report follows
`Program.objects.visible_to(user)` (its coordinators, its faculty's board, SAM, admins); a
faculty report is for SAM, administrators and that faculty's board members; the
university-wide report for SAM and administrators only. Everything else answers 404.
Whoever may see a scope may also request a report of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.models import CompassRound
from assessments.selectors import round_get_for_user
from programs import selectors as program_selectors
from programs.models import Faculty, Program
from programs.selectors import AnyUser
from reports.models import Report, ReportJob, ReportKind


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: a programme's round, a faculty, or the whole university."""

    kind: str
    program: Program | None = None
    faculty: Faculty | None = None
    compass_round: CompassRound | None = None


def _board_faculties(user: AnyUser) -> QuerySet[Faculty]:
    if not isinstance(user, User) or not user.is_authenticated:
        return Faculty.objects.none()
    return Faculty.objects.filter(board_members=user)


def report_scope_visible(
    *, user: AnyUser, kind: str, program: Program | None = None, faculty: Faculty | None = None
) -> bool:
    """True when `user` may see reports of this scope (the rules in the module docstring)."""
    if not user.is_authenticated:
        return False
    if program_selectors.user_is_sam(user=user):
        return True
    if kind == ReportKind.PROGRAM:
        return program is not None and (
            Program.objects.visible_to(user).filter(pk=program.pk).exists()
        )
    if kind == ReportKind.FACULTY:
        return faculty is not None and _board_faculties(user).filter(pk=faculty.pk).exists()
    return False


def report_can_request(*, user: AnyUser, scope: ReportScope) -> bool:
    """Whoever may see a scope may request its report."""
    return report_scope_visible(
        user=user, kind=scope.kind, program=scope.program, faculty=scope.faculty
    )


def report_list_for_user(*, user: AnyUser) -> QuerySet[Report]:
    """The archive rows `user` may see, newest first."""
    reports = Report.objects.select_related("program", "faculty", "compass_round")
    if not user.is_authenticated:
        return reports.none()
    if program_selectors.user_is_sam(user=user):
        return reports.all()
    return reports.filter(
        Q(kind=ReportKind.PROGRAM, program__in=Program.objects.visible_to(user))
        | Q(kind=ReportKind.FACULTY, faculty__in=_board_faculties(user))
    )


def report_get_for_user(*, user: AnyUser, pk: int) -> Report:
    """The archived report if `user` may see it; 404 otherwise."""
    return get_object_or_404(report_list_for_user(user=user), pk=pk)


def report_job_get_for_user(*, user: AnyUser, pk: int) -> ReportJob:
    """The job if `user` may see its scope; 404 otherwise."""
    job = get_object_or_404(
        ReportJob.objects.select_related("program", "faculty", "compass_round__program"), pk=pk
    )
    if not report_scope_visible(user=user, kind=job.kind, program=job.program, faculty=job.faculty):
        raise Http404
    return job


def report_round_choices(*, program: Program) -> list[CompassRound]:
    """The rounds a programme report can be made of from its compass page: the latest
    adopted round (the official record) and the open round (a draft), each if it exists."""
    rounds = CompassRound.objects.filter(program=program).order_by("-date", "-pk")
    latest = [
        rounds.filter(status=CompassRound.Status.FROZEN).first(),
        rounds.exclude(status=CompassRound.Status.FROZEN).first(),
    ]
    return [compass_round for compass_round in latest if compass_round is not None]


def report_filter_faculties(*, user: AnyUser) -> QuerySet[Faculty]:
    """Faculties offered by the archive filter: those of the programmes and boards in reach."""
    if program_selectors.user_is_sam(user=user):
        return Faculty.objects.all()
    return Faculty.objects.filter(
        Q(pk__in=Program.objects.visible_to(user).values("faculty"))
        | Q(pk__in=_board_faculties(user).values("pk"))
    )


def report_filter_programs(*, user: AnyUser) -> QuerySet[Program]:
    """Programmes offered by the archive filter: those `user` may see, in code order."""
    return Program.objects.visible_to(user).order_by("code")


def report_filter_years(*, user: AnyUser) -> list[int]:
    """The years in which reports `user` may see were created, newest first."""
    moments = report_list_for_user(user=user).datetimes("created_at", "year", order="DESC")
    return [moment.year for moment in moments]


def report_scope_get_for_user(
    *, user: AnyUser, kind: str, compass_round_id: int | None, faculty_id: int | None
) -> ReportScope:
    """The scope of a report request by ids, if `user` may request it; 404 otherwise."""
    if kind == ReportKind.PROGRAM and compass_round_id is not None:
        compass_round = round_get_for_user(user=user, pk=compass_round_id)
        return ReportScope(kind=kind, program=compass_round.program, compass_round=compass_round)
    if kind == ReportKind.FACULTY and faculty_id is not None:
        faculty = get_object_or_404(Faculty, pk=faculty_id)
        if report_scope_visible(user=user, kind=kind, faculty=faculty):
            return ReportScope(kind=kind, faculty=faculty)
    if kind == ReportKind.UNIVERSITY and report_scope_visible(user=user, kind=kind):
        return ReportScope(kind=kind)
    raise Http404
