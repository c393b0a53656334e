"""The query-string parameters (and bare button fields) the compass views read.

Each form names what one view reads and what the value may be; a view takes values only
through these (alakompass.query.ParamsForm), so hostile input is dropped, never used.
"""

from django import forms

from alakompass.query import PageParams, ParamsForm
from assessments.models import AxisChoice
from assessments.scoring import AXIS_INDICATORS


class ActionCreateParams(ParamsForm):
    """?axis=…&indicator=… preselect the axis and sub-indicator of a new action."""

    axis = forms.ChoiceField(choices=AxisChoice.choices, required=False)
    indicator = forms.ChoiceField(
        choices=[(key, key) for keys in AXIS_INDICATORS.values() for key in keys],
        required=False,
    )


class FollowUpButtons(ParamsForm):
    """The follow-up form's "save and return to the open round" button."""

    back_to_open_round = forms.BooleanField(required=False)


__all__ = ["ActionCreateParams", "FollowUpButtons", "PageParams"]
