"""Forms of the compass rounds: start, round details, målbild, actions, follow-up, freeze.

Forms validate input and nothing else; views pass cleaned_data to assessments.services.
"""

from typing import Any

from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from assessments.indicators import AXES, INDICATORS
from assessments.models import Action, AxisChoice, CompassRound, SupportOffer
from assessments.scoring import AXIS_INDICATORS, Axis
from assessments.services import OPEN_STATUSES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapMixin:
    """Adds Bootstrap's classes to every widget, so templates stay free of styling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class VersionedForm(BootstrapMixin, forms.Form):
    """Carries the version the record had when the form was opened (lost-update guard)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def service_data(self) -> dict[str, Any]:
        """cleaned_data without the version, which the service takes apart."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class RoundStartForm(BootstrapMixin, forms.Form):
    date = forms.DateField(
        label=_("Reference date"),
        widget=DATE_WIDGET,
        help_text=_("The date the compass is taken on; usually today."),
    )


class RoundEditForm(VersionedForm):
    date = forms.DateField(label=_("Reference date"), widget=DATE_WIDGET)
    registry_number = forms.CharField(
        label=_("Registry number (dnr)"), max_length=50, required=False
    )
    results_communicated = forms.BooleanField(
        label=_("Results communicated to students and partners"), required=False
    )
    horizontal_perspectives = forms.CharField(
        label=_("Horizontal perspectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "How the programme's work integration addresses gender equality, accessibility, "
            "non-discrimination and environmental sustainability."
        ),
    )

    @classmethod
    def for_round(cls, compass_round: CompassRound, data: Any = None) -> "RoundEditForm":
        initial = {
            "date": compass_round.date,
            "registry_number": compass_round.registry_number,
            "results_communicated": compass_round.results_communicated,
            "horizontal_perspectives": compass_round.horizontal_perspectives,
            "version": compass_round.version,
        }
        return cls(data, initial=initial)


class RoundStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in OPEN_STATUSES], label=_("Status")
    )


class RoundFreezeForm(BootstrapMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm that the round is adopted: its scores, målbild and actions are stored "
            "for good and can no longer change."
        ),
        required=True,
    )


class TargetForm(BootstrapMixin, forms.Form):
    """The målbild of one axis; one such form per axis, prefixed with the axis key."""

    score = forms.IntegerField(label=_("Target score (0–100)"), min_value=0, max_value=100)
    target_year = forms.IntegerField(label=_("Target year"), min_value=2000, max_value=2100)
    motivation = forms.CharField(
        label=_("Motivation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why this level? An axis may be left deliberately low: say why."),
    )


def target_forms(
    *, compass_round: CompassRound, data: Any = None
) -> list[tuple[Axis, Any, TargetForm]]:
    """One TargetForm per axis (in radar order), filled with the round's current målbild."""
    current = {target.axis: target for target in compass_round.targets.all()}
    default_year = compass_round.date.year + 2
    forms_by_axis = []
    for axis in Axis:
        target = current.get(axis.value)
        initial = {"score": None, "target_year": default_year, "motivation": ""}
        if target is not None:
            initial = {
                "score": target.score,
                "target_year": target.target_year,
                "motivation": target.motivation,
            }
        form = TargetForm(data, prefix=axis.value, initial=initial)
        forms_by_axis.append((axis, AXES[axis].name, form))
    return forms_by_axis


def _indicator_choices() -> list[tuple[Any, Any]]:
    """Sub-indicators grouped by axis, for a <select> with <optgroup>s."""
    choices: list[tuple[Any, Any]] = [("", _("(the axis as a whole)"))]
    for axis in Axis:
        options = [(key, f"{key} – {INDICATORS[key].name}") for key in AXIS_INDICATORS[axis]]
        choices.append((AXES[axis].name, options))
    return choices


class ActionForm(VersionedForm):
    axis = forms.ChoiceField(label=_("Axis"), choices=AxisChoice.choices)
    indicator = forms.ChoiceField(label=_("Sub-indicator"), choices=(), required=False)
    description = forms.CharField(
        label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    owner = forms.CharField(
        label=_("Owner"),
        max_length=200,
        required=False,
        help_text=_("Who is responsible (a role or a name)."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE_WIDGET, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    follow_up_note = forms.CharField(
        label=_("Follow-up note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    followed_up_at = forms.DateField(label=_("Followed up on"), widget=DATE_WIDGET, required=False)
    support_offer = forms.ModelChoiceField(
        label=_("Support offer used"),
        queryset=SupportOffer.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = _indicator_choices()
        self.fields["support_offer"].queryset = SupportOffer.objects.filter(is_active=True)

    @classmethod
    def for_action(cls, action: Action, data: Any = None) -> "ActionForm":
        initial = model_to_dict(action, fields=Action.EDITABLE_FIELDS)  # support_offer: its pk
        initial["version"] = action.version
        form = cls(data, initial=initial)
        if action.support_offer_id and not action.support_offer.is_active:
            # Keep an offer SAM has since retired selectable on the actions that used it.
            form.fields["support_offer"].queryset = SupportOffer.objects.filter(
                is_active=True
            ) | SupportOffer.objects.filter(pk=action.support_offer_id)
        return form

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
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    follow_up_note = forms.CharField(
        label=_("Follow-up note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, and what happens next."),
    )
    followed_up_at = forms.DateField(
        label=_("Followed up on"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Leave empty for today."),
    )

    @classmethod
    def for_action(cls, action: Action, data: Any = None) -> "FollowUpForm":
        initial = {
            "status": action.status,
            "follow_up_note": action.follow_up_note,
            "followed_up_at": action.followed_up_at,
            "version": action.version,
        }
        return cls(data, initial=initial)
