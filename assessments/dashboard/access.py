"""Who may open the SAM dashboard and the faculty views, and which programmes are in scope."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from programs import selectors as program_selectors
from programs.models import Faculty, Program
from programs.selectors import AnyUser


def dashboard_can_view(*, user: AnyUser) -> bool:
    """SAM and administrators see the university dashboard."""
    return program_selectors.user_is_sam(user=user)


def dashboard_faculties_for_user(*, user: AnyUser) -> QuerySet[Faculty]:
    """Faculties whose faculty view `user` may open: all for SAM, else the boards they sit on."""
    if not user.is_authenticated:
        return Faculty.objects.none()
    if program_selectors.user_is_sam(user=user):
        return Faculty.objects.all()
    return Faculty.objects.filter(board_members=user)


def dashboard_faculty_get(*, user: AnyUser, pk: int) -> Faculty:
    """The faculty if `user` may open its view (SAM, admin, its board): 404 otherwise."""
    return get_object_or_404(dashboard_faculties_for_user(user=user), pk=pk)


def dashboard_programs(*, faculty: Faculty | None = None, profile: str = "") -> QuerySet[Program]:
    """Active programmes in scope, optionally restricted to one faculty and one profile."""
    programs = Program.objects.filter(is_active=True)
    if faculty is not None:
        programs = programs.filter(faculty=faculty)
    if profile:
        programs = programs.filter(profile=profile)
    return programs
