"""Template context for the main navigation: links to the dashboard and faculty views."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from assessments import dashboard


@dataclass(frozen=True)
class DashboardNav:
    """What the navigation offers: the university dashboard and the user's faculty views."""

    show_university: bool
    board_faculties: tuple[tuple[int, str], ...]  # (pk, name) of faculties whose board they sit on


def _nav_for(request: HttpRequest) -> DashboardNav:
    user = request.user
    faculties = user.board_faculties.order_by("name_sv") if user.is_authenticated else ()
    return DashboardNav(
        show_university=dashboard.dashboard_can_view(user=user),
        board_faculties=tuple((faculty.pk, str(faculty)) for faculty in faculties),
    )


def dashboard_nav(request: HttpRequest) -> dict[str, object]:
    """`nav_dashboard`, evaluated lazily: pages that do not render the navigation pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_dashboard": SimpleLazyObject(lambda: _nav_for(request))}
