"""Reads for the inventory, split by topic; every public selector is re-exported here."""

from programs.selectors.access import (
    AnyUser,
    activity_types,
    partner_can_create,
    partner_can_edit,
    partner_register_get_for_user,
    partner_register_visible,
    partner_search,
    program_can_edit,
    program_get_for_user,
    program_list_for_user,
    user_is_sam,
    user_roles,
)
from programs.selectors.history import HistoryEntry, program_history
from programs.selectors.inventory import (
    ProgramInventory,
    ProgramOverview,
    completeness_facts,
    program_inventory,
    program_overview_for_user,
)
from programs.selectors.partners import (
    PartnerUses,
    normalised_name,
    partner_label,
    partner_list,
    partner_merge_counts,
    partner_resolve,
    partner_similar,
    partner_uses_for_user,
)

__all__ = [
    "AnyUser",
    "HistoryEntry",
    "PartnerUses",
    "ProgramInventory",
    "ProgramOverview",
    "activity_types",
    "completeness_facts",
    "normalised_name",
    "partner_can_create",
    "partner_can_edit",
    "partner_label",
    "partner_list",
    "partner_merge_counts",
    "partner_register_get_for_user",
    "partner_register_visible",
    "partner_resolve",
    "partner_search",
    "partner_similar",
    "partner_uses_for_user",
    "program_can_edit",
    "program_get_for_user",
    "program_history",
    "program_inventory",
    "program_list_for_user",
    "program_overview_for_user",
    "user_is_sam",
    "user_roles",
]
