"""Reads for the inventory, including the one place that decides who may see what."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from alakompass.types import AnyUser as AnyUser  # re-exported for views and other apps
from programs.models import SAM_GROUP, ActivityType, Partner, Program


def user_is_sam(*, user: AnyUser) -> bool:
    """True for partnership staff (the SAM group) and administrators."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=SAM_GROUP).exists()


def user_roles(*, user: AnyUser) -> list[str]:
    """Role keys a user holds: coordinator, sam, board, admin (a user may hold several)."""
    if not user.is_authenticated:
        return []
    roles = []
    if user.is_superuser:
        roles.append("admin")
    if user.groups.filter(name=SAM_GROUP).exists():
        roles.append("sam")
    if user.coordinated_programs.exists():
        roles.append("coordinator")
    if user.board_faculties.exists():
        roles.append("board")
    return roles


def program_list_for_user(*, user: AnyUser) -> QuerySet[Program]:
    """Programmes the user may see, with faculty loaded."""
    return Program.objects.visible_to(user).select_related("faculty", "department")


def program_get_for_user(*, user: AnyUser, pk: int, for_edit: bool = False) -> Program:
    """Return the programme if `user` may see it: 404 if not, 403 if editing is denied."""
    program = get_object_or_404(program_list_for_user(user=user), pk=pk)
    if for_edit and not program_can_edit(user=user, program=program):
        raise PermissionDenied
    return program


def program_can_edit(*, user: AnyUser, program: Program) -> bool:
    """Coordinators of the programme and administrators edit its inventory."""
    return Program.objects.editable_by(user).filter(pk=program.pk).exists()


def partner_can_edit(*, user: AnyUser) -> bool:
    """SAM keeps the partner register; coordinators may add partners but not merge."""
    return user_is_sam(user=user)


def partner_can_create(*, user: AnyUser) -> bool:
    """SAM and programme coordinators register new partners (e.g. from an activity)."""
    if not user.is_authenticated:
        return False
    return user_is_sam(user=user) or user.coordinated_programs.exists()


def partner_register_visible(*, user: AnyUser) -> bool:
    """Anyone holding a role reads the university-wide partner register."""
    return bool(user_roles(user=user))


def partner_register_get_for_user(
    *, user: AnyUser, write: Literal["create", "edit"] | None = None
) -> None:
    """404 unless `user` may read the partner register (what one may not see does not
    exist); 403 if they may read it but not add to it (`create`) or correct it (`edit`)."""
    if not partner_register_visible(user=user):
        raise Http404
    if write == "create" and not partner_can_create(user=user):
        raise PermissionDenied
    if write == "edit" and not partner_can_edit(user=user):
        raise PermissionDenied


def partner_query_condition(*, query: str) -> Q:
    """Name contains `query`, or the org number starts with its digits (4 or more)."""
    query = query.strip()
    condition = Q(name__icontains=query)
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) >= 4 and len(digits) >= len(query.replace("-", "").replace(" ", "")):
        # Stored as NNNNNN-NNNN: put the dash where it belongs before matching.
        prefix = digits if len(digits) <= 6 else f"{digits[:6]}-{digits[6:10]}"
        condition |= Q(org_number__startswith=prefix)
    return condition


def partner_search(*, query: str, limit: int = 20) -> QuerySet[Partner]:
    """Partners whose name contains `query` or whose org number starts with its digits."""
    partners = Partner.objects.all()
    if query.strip():
        partners = partners.filter(partner_query_condition(query=query))
    return partners.order_by("name")[:limit]


def activity_types() -> QuerySet[ActivityType]:
    """The activity taxonomy in display order."""
    return ActivityType.objects.all()
