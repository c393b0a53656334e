"""Reads for the compass, split by topic; every public selector is re-exported here."""

from assessments.selectors.inputs import (
    OTHER_TYPE,
    compass_all,
    compass_for_program,
    program_input,
    program_inputs_all,
)
from assessments.selectors.inputs_json import program_input_as_dict, program_input_from_dict
from assessments.selectors.presentation import (
    AxisRow,
    IndicatorRow,
    Recommendation,
    activity_titles,
    compass_rows,
    frozen_activity_titles,
    recommendations,
    result_activity_ids,
)
from assessments.selectors.rounds import (
    AnyUser,
    action_get_for_user,
    round_actions,
    round_get_for_user,
    round_list_for_program,
    round_open_for_program,
    round_previous_frozen,
    round_result,
    round_targets,
)

__all__ = [
    "OTHER_TYPE",
    "AnyUser",
    "AxisRow",
    "IndicatorRow",
    "Recommendation",
    "action_get_for_user",
    "activity_titles",
    "compass_all",
    "compass_for_program",
    "compass_rows",
    "frozen_activity_titles",
    "program_input",
    "program_input_as_dict",
    "program_input_from_dict",
    "program_inputs_all",
    "recommendations",
    "result_activity_ids",
    "round_actions",
    "round_get_for_user",
    "round_list_for_program",
    "round_open_for_program",
    "round_previous_frozen",
    "round_result",
    "round_targets",
]
