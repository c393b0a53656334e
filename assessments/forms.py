"""Forms of the compass rounds: start, round details, målbild, actions, follow-up, freeze.

Forms validate input and nothing else; views pass cleaned_data to assessments.services.
Every form that edits a row is an alakompass.forms.VersionedForm (the row's version guards
against lost updates), and templates render them with crispy-forms, as in the inventory.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from alakompass.conflicts import EditConflict
from alakompass.forms import (
    CapitalisedLabels,
    ConflictRow,
    VersionedForm,
    bound_version,
    conflict_rows,
    form_field,
)
from assessments.indicators import AXES, INDICATORS
from assessments.models import Action, AxisChoice, CompassRound, SupportOffer, Target
from assessments.scoring import AXIS_INDICATORS, Axis
from assessments.services import NO_TARGET_YET, OPEN_STATUSES, TargetInput

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundStartForm(CapitalisedLabels, forms.Form):
    date = forms.DateField(
        label=_("Reference date"),
        widget=DATE_WIDGET,
        help_text=_("The date the compass is taken on; usually today."),
    )


class RoundEditForm(VersionedForm):
    """An open round's details (the model's labels and help text)."""

    class Meta:
        model = CompassRound
        fields = ["date", "registry_number", "results_communicated", "horizontal_perspectives"]
        widgets = {
            "date": DATE_WIDGET,
            "horizontal_perspectives": forms.Textarea(attrs={"rows": 4}),
        }


class RoundStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in OPEN_STATUSES], label=_("Status")
    )


class RoundFreezeForm(CapitalisedLabels, forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm that the round is adopted: its scores, målbild and actions are stored "
            "for good and can no longer change."
        ),
        required=True,
    )


class TargetForm(VersionedForm):
    """The målbild of one axis; one such form per axis, prefixed with the axis key."""

    score = forms.IntegerField(label=_("Target score (0–100)"), min_value=0, max_value=100)
    target_year = forms.IntegerField(label=_("Target year"), min_value=2000, max_value=2100)

    class Meta:
        model = Target
        fields = ["score", "target_year", "motivation"]
        labels = {"motivation": _("Motivation")}
        help_texts = {
            "motivation": _("Why this level? An axis may be left deliberately low: say why.")
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 2})}

    def opened_version(self) -> int | None:
        """An axis without a target guards that it still has none (NO_TARGET_YET)."""
        return super().opened_version() if self.instance.pk else NO_TARGET_YET


@dataclass(frozen=True)
class AxisTargetForm:
    axis: Axis
    name: str
    form: TargetForm


class TargetsForm(forms.Form):
    """The målbild page: one TargetForm per axis (radar order), validated and saved together.

    It has no fields of its own; errors of the save as a whole (a round frozen meanwhile,
    an edit conflict) are its non-field errors.
    """

    def __init__(self, data: Any = None, *, compass_round: CompassRound) -> None:
        super().__init__(data)
        self.compass_round = compass_round
        saved = {target.axis: target for target in compass_round.targets.all()}
        default_year = compass_round.date.year + 2
        self.axes: list[AxisTargetForm] = []
        for axis in Axis:
            target = saved.get(axis.value) or Target(round=compass_round, axis=axis.value)
            initial = {} if target.pk else {"target_year": default_year}
            form = TargetForm(data, prefix=axis.value, instance=target, initial=initial)
            self.axes.append(AxisTargetForm(axis=axis, name=str(AXES[axis].name), form=form))

    def is_valid(self) -> bool:
        valid = [super().is_valid(), *(row.form.is_valid() for row in self.axes)]
        return all(valid)

    def non_field_errors(self) -> ErrorList:
        """The page's own errors and, once each, those of the axis forms (a missing version)."""
        messages = [str(error) for error in super().non_field_errors()]
        for row in self.axes:
            errors = [str(error) for error in row.form.non_field_errors()]
            messages += [error for error in errors if error not in messages]
        return self.error_class(messages, error_class="nonfield", renderer=self.renderer)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(row.form.errors for row in self.axes)

    def targets(self) -> list[TargetInput]:
        """targets_set's input: every axis with the version its form was opened with."""
        return [
            {
                "axis": row.axis.value,
                "score": row.form.cleaned_data["score"],
                "target_year": row.form.cleaned_data["target_year"],
                "motivation": row.form.cleaned_data["motivation"],
                "expected_version": row.form.expected_version,
            }
            for row in self.axes
        ]

    def show_conflict(self, exc: EditConflict) -> list[ConflictRow]:
        """Keep the input; list every axis where the saved målbild differs from it; let the
        next save go through (each axis form carries its target's saved version)."""
        self.add_error(None, exc)
        saved = {target.axis: target for target in self.compass_round.targets.all()}
        rows: list[ConflictRow] = []
        for row in self.axes:
            target = saved.get(row.axis.value)
            if target is None:
                continue
            bound_version(row.form, target.version)
            rows += conflict_rows(row.form, target, label_prefix=f"{row.name}: ")
        return rows


def _indicator_choices() -> list[tuple[Any, Any]]:
    """Sub-indicators grouped by axis, for a <select> with <optgroup>s."""
    choices: list[tuple[Any, Any]] = [("", _("(the axis as a whole)"))]
    for axis in Axis:
        options = [(key, f"{key} – {INDICATORS[key].name}") for key in AXIS_INDICATORS[axis]]
        choices.append((AXES[axis].name, options))
    return choices


class ActionForm(VersionedForm):
    """An action of the plan: new (instance=Action(round=…)) or saved."""

    axis = forms.ChoiceField(label=_("Axis"), choices=AxisChoice.choices)
    indicator = forms.ChoiceField(label=_("Sub-indicator"), choices=(), required=False)

    class Meta:
        model = Action
        fields = list(Action.EDITABLE_FIELDS)
        labels = {
            "description": _("Action"),
            "owner": _("Owner"),
            "due_date": _("Due date"),
            "status": _("Status"),
            "follow_up_note": _("Follow-up note"),
            "followed_up_at": _("Followed up on"),
            "support_offer": _("Support offer used"),
        }
        help_texts = {"owner": _("Who is responsible (a role or a name).")}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": DATE_WIDGET,
            "followed_up_at": DATE_WIDGET,
            "follow_up_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "indicator", forms.ChoiceField).choices = _indicator_choices()
        offers = SupportOffer.objects.filter(is_active=True)
        offer_id = getattr(self.instance, "support_offer_id", None)
        if offer_id:
            # Keep an offer SAM has since retired selectable on the actions that used it.
            offers = offers | SupportOffer.objects.filter(pk=offer_id)
        offer_field = form_field(self, "support_offer", forms.ModelChoiceField)
        offer_field.queryset = offers
        offer_field.empty_label = _("(none)")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        axis, indicator = data.get("axis"), data.get("indicator")
        if axis and indicator and indicator not in AXIS_INDICATORS[Axis(axis)]:
            self.add_error(
                "indicator",
                _("%(key)s does not belong to the chosen axis.") % {"key": indicator},
            )
        return data


class FollowUpForm(VersionedForm):
    """The follow-up of an action: traffic light, note and date (also on a frozen round)."""

    class Meta:
        model = Action
        fields = ["status", "follow_up_note", "followed_up_at"]
        labels = {
            "status": _("Status"),
            "follow_up_note": _("Follow-up note"),
            "followed_up_at": _("Followed up on"),
        }
        help_texts = {
            "follow_up_note": _("What was done, and what happens next."),
            "followed_up_at": _("Leave empty for today."),
        }
        widgets = {
            "follow_up_note": forms.Textarea(attrs={"rows": 3}),
            "followed_up_at": DATE_WIDGET,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up_note"].required = True  # a follow-up says what happened
