"""The activity form, its partner-link formset and the inline "new partner" form.

Type defaults: static/js/inventory.js fills authenticity, proximity and the typical
support items when the type changes, and writes the type's key into the hidden
`defaults_for` field. When that field does not name the chosen type (no JavaScript,
or the script did not run), the server applies the same defaults itself: to empty
A/P fields, to fields still at their initial value, and, on a new activity, to the
typical support items. Mandatory activities always get reach 100.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from alakompass.forms import CapitalisedLabels, VersionedForm, form_field
from programs.forms.fields import (
    DecimalCommaField,
    PartnerField,
    no_similar_partner_error,
    partner_org_number_error,
)
from programs.models import (
    SUPPORT_FIELDS,
    Activity,
    ActivityPartner,
    ActivityType,
    Course,
    LearningOutcome,
    Partner,
    Program,
)
from programs.services import NewPartner
from programs.validators import normalise_org_number

AUTHENTICITY_CHOICES = [
    (0, _("0 – no professional task")),
    (1, _("1 – a task resembling professional work")),
    (2, _("2 – a real professional task or deliverable")),
]
PROXIMITY_CHOICES = [
    (0, _("0 – no contact with practitioners")),
    (1, _("1 – contact with practitioners (a guest, a remote client)")),
    (2, _("2 – in the workplace or integrated in its practice")),
]
ROLE_CHOICES = [
    ("", pgettext_lazy("no role chosen", "— choose a role —")),
    *ActivityPartner.Role.choices,
]


def year_choices(program: Program) -> list[tuple[int | str, StrOrPromise]]:
    """Programme years 1..Y, plus "not tied to a year"."""
    years: list[tuple[int | str, StrOrPromise]] = [
        (year, _("Year %(year)s") % {"year": year}) for year in range(1, program.years + 1)
    ]
    return [("", _("Not tied to a programme year")), *years]


class ActivityForm(VersionedForm):
    hp = DecimalCommaField(
        label=_("credits (hp)"), required=False, min_value=0, max_digits=5, decimal_places=1
    )
    hours = DecimalCommaField(
        label=_("hours"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
        help_text=_("Give credits (hp) or hours. A decimal comma is fine: 7,5."),
    )
    year = forms.TypedChoiceField(
        label=_("programme year"), required=False, coerce=int, empty_value=None
    )
    authenticity = forms.TypedChoiceField(
        label=_("authenticity (A)"),
        choices=AUTHENTICITY_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("Left empty, the type's default applies."),
    )
    proximity = forms.TypedChoiceField(
        label=_("proximity (P)"),
        choices=PROXIMITY_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("Left empty, the type's default applies."),
    )
    defaults_for = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = [
            "type",
            "title",
            "course",
            "year",
            "status",
            "reach",
            "hp",
            "hours",
            "authenticity",
            "proximity",
            "depth_motivation",
            "description",
            "outcomes",
            "assessed",
            "reflection",
            *SUPPORT_FIELDS,
            "host_arranged_by",
            "open_to_distance",
            "evaluated_by_students",
            "alumni_take_part",
        ]
        widgets = {
            "outcomes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
            "host_arranged_by": forms.RadioSelect,
        }

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        if kwargs.get("instance") is None:
            kwargs["instance"] = Activity(program=program)
        super().__init__(*args, **kwargs)
        self.program = program
        type_field = form_field(self, "type", forms.ModelChoiceField)
        type_field.queryset = ActivityType.objects.all()
        type_field.empty_label = _("— choose a type —")
        course_field = form_field(self, "course", forms.ModelChoiceField)
        course_field.queryset = Course.objects.filter(program_courses__program=program).order_by(
            "code"
        )
        course_field.required = False
        course_field.empty_label = _("— no particular course —")
        if not self.instance.pk:
            # A new activity starts with empty size fields, not "0".
            for name in ("hp", "hours"):
                if name not in (kwargs.get("initial") or {}):
                    self.initial[name] = None
        form_field(self, "year", forms.ChoiceField).choices = year_choices(program)
        form_field(
            self, "outcomes", forms.ModelMultipleChoiceField
        ).queryset = LearningOutcome.objects.filter(program=program).select_related("course")
        self.fields["outcomes"].required = False
        self.fields["reach"].widget.attrs.update({"min": 0, "max": 100})
        self.fields["reach"].help_text = _("A mandatory activity always reaches 100 %.")
        self.fields["depth_motivation"].help_text = _(
            "Needed only when authenticity or proximity differs from the type's default."
        )
        self.fields["title"].widget.attrs["autofocus"] = not self.is_bound and not self.instance.pk

    def clean_hp(self) -> Any:
        return self.cleaned_data.get("hp") or 0

    def clean_hours(self) -> Any:
        return self.cleaned_data.get("hours") or 0

    def _clean_type_defaults(self, activity_type: ActivityType) -> None:
        data = self.cleaned_data
        js_applied = data.get("defaults_for") == activity_type.key
        type_changed = self.instance.pk and self.instance.type_id != activity_type.pk
        defaults = {
            "authenticity": activity_type.default_authenticity,
            "proximity": activity_type.default_proximity,
        }
        for name, default in defaults.items():
            left_alone = data.get(name) == self.initial.get(name) and type_changed
            if data.get(name) is None or (left_alone and not js_applied):
                data[name] = default
        if js_applied or (self.instance.pk and not type_changed):
            return
        for name in activity_type.typical_support:
            if name in data and not data[name] and data[name] == self.initial.get(name, False):
                data[name] = True

    def clean(self) -> dict[str, Any]:
        # Type defaults and the mandatory rule, before the model's own validation (which
        # runs after clean()).
        super().clean()
        data = self.cleaned_data
        activity_type = data.get("type")
        if activity_type is not None:
            self._clean_type_defaults(activity_type)
        if data.get("status") == Activity.Status.MANDATORY:
            data["reach"] = 100
        return data


class PartnerLinkForm(CapitalisedLabels, forms.Form):
    """One partner organisation's part in the activity."""

    partner = PartnerField(label=_("partner organisation"), required=False)
    role = forms.ChoiceField(label=_("role"), choices=ROLE_CHOICES, required=False)
    feedback_collected = forms.BooleanField(
        label=_("feedback collected from the partner"), required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        if data.get("partner") and not data.get("role"):
            self.add_error("role", _("Choose the partner's role in the activity."))
        if data.get("role") and not data.get("partner") and not data.get("DELETE"):
            self.add_error("partner", _("Choose a partner for this role, or clear the role."))
        return data


class BasePartnerLinkFormSet(forms.BaseFormSet):
    def links(self) -> list[tuple[Partner, str, bool]]:
        """(partner, role, feedback collected) of every filled, not deleted row."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("partner") and data.get("role") and not data.get("DELETE"):
                rows.append((data["partner"], data["role"], data["feedback_collected"]))
        return rows


PartnerLinkFormSet = forms.formset_factory(
    PartnerLinkForm, formset=BasePartnerLinkFormSet, extra=2, can_delete=True
)


def partner_link_formset(*, data: Any = None, activity: Activity | None) -> BasePartnerLinkFormSet:
    """The partner rows of the activity form, filled from the activity's links."""
    initial = []
    if activity is not None and activity.pk:
        initial = [
            {
                "partner": link.partner,
                "role": link.role,
                "feedback_collected": link.feedback_collected,
            }
            for link in activity.partner_links.select_related("partner")
        ]
    formset = PartnerLinkFormSet(data=data, initial=initial, prefix="partners")
    assert isinstance(formset, BasePartnerLinkFormSet)
    return formset


class NewPartnerForm(CapitalisedLabels, forms.Form):
    """Register an organisation that is not in the register yet, and link it at once."""

    name = forms.CharField(label=_("name of the new organisation"), max_length=200, required=False)
    org_number = forms.CharField(
        label=_("organisation number"),
        max_length=13,
        required=False,
        help_text=_("NNNNNN-NNNN, when known."),
    )
    sector = forms.ChoiceField(
        label=_("sector"), choices=[("", "—"), *Partner.Sector.choices], required=False
    )
    role = forms.ChoiceField(label=_("role"), choices=ROLE_CHOICES, required=False)
    feedback_collected = forms.BooleanField(
        label=_("feedback collected from the partner"), required=False
    )
    confirm_different = forms.BooleanField(
        label=_("It is a different organisation"), required=False
    )

    def clean_org_number(self) -> str:
        return normalise_org_number(self.cleaned_data.get("org_number", ""))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("name"):
            if data.get("org_number") or data.get("sector"):
                self.add_error("name", _("Give the organisation's name."))
            return data
        for name in ("sector", "role"):
            if not data.get(name):
                self.add_error(name, _("This field is required."))
        if data.get("org_number"):
            error = partner_org_number_error(org_number=data["org_number"])
            if error is not None:
                self.add_error("org_number", error)
        error = no_similar_partner_error(
            name=data["name"], confirmed=bool(data.get("confirm_different"))
        )
        if error is not None:
            self.add_error("name", error)
        return data

    @property
    def is_filled(self) -> bool:
        return bool(self.is_bound and self.data.get(self.add_prefix("name"), "").strip())

    def new_partner(self) -> NewPartner | None:
        """The organisation to register with the activity, or None if none was typed."""
        if not self.is_filled:
            return None
        data = self.cleaned_data
        return NewPartner(
            name=data["name"],
            org_number=data["org_number"],
            sector=data["sector"],
            role=data["role"],
            feedback_collected=data["feedback_collected"],
        )
