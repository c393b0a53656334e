"""Writes for the compass, split by noun; every public service is re-exported here.

rounds (start, details, workflow steps, freezing), targets (the målbild), actions (the plan
and its follow-up), support (SAM's catalogue), scores (stored programme scores and their
refresh on commit).
"""

from assessments.services.actions import (
    ACTION_FIELDS,
    FOLLOW_UP_FIELDS,
    action_create,
    action_delete,
    action_follow_up,
    action_update,
)
from assessments.services.rounds import (
    OPEN_STATUSES,
    ROUND_FIELDS,
    RoundStep,
    round_freeze,
    round_lock_open,
    round_next_status,
    round_set_status,
    round_start,
    round_steps,
    round_update,
)
from assessments.services.scores import (
    REFRESH_TASK,
    program_scores_mark_stale,
    program_scores_refresh,
)
from assessments.services.support import support_offer_create
from assessments.services.targets import NO_TARGET_YET, TargetInput, target_set, targets_set

__all__ = [
    "ACTION_FIELDS",
    "FOLLOW_UP_FIELDS",
    "NO_TARGET_YET",
    "OPEN_STATUSES",
    "REFRESH_TASK",
    "ROUND_FIELDS",
    "RoundStep",
    "TargetInput",
    "action_create",
    "action_delete",
    "action_follow_up",
    "action_update",
    "program_scores_mark_stale",
    "program_scores_refresh",
    "round_freeze",
    "round_lock_open",
    "round_next_status",
    "round_set_status",
    "round_start",
    "round_steps",
    "round_update",
    "support_offer_create",
    "target_set",
    "targets_set",
]
