"""Reads for the inventory, split by topic; every public selector is re-exported here."""

from programs.selectors.access import (
    AnyUser,
    activity_types,
    partner_can_edit,
    partner_search,
    program_can_edit,
    program_get_for_user,
    program_list_for_user,
    user_is_sam,
    user_roles,
)

__all__ = [
    "AnyUser",
    "activity_types",
    "partner_can_edit",
    "partner_search",
    "program_can_edit",
    "program_get_for_user",
    "program_list_for_user",
    "user_is_sam",
    "user_roles",
]
