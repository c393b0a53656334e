"""Forms of the partner register: register or edit a partner, merge two records."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alakompass.forms import CapitalisedLabels, VersionedForm
from programs.forms.fields import (
    PartnerField,
    no_similar_partner_error,
    partner_org_number_error,
)
from programs.models import Partner
from programs.validators import normalise_org_number


class PartnerForm(VersionedForm):
    """A register entry. Duplicates are refused by org number and warned about by name."""

    confirm_different = forms.BooleanField(
        label=_("It is a different organisation"),
        required=False,
        help_text=_("Tick only if a similar name shown above is another organisation."),
    )

    class Meta:
        model = Partner
        fields = ["name", "org_number", "sector", "region", "is_strategic"]

    def clean_org_number(self) -> str:
        org_number = normalise_org_number(self.cleaned_data.get("org_number", ""))
        if org_number:
            error = partner_org_number_error(org_number=org_number, exclude_pk=self.instance.pk)
            if error is not None:
                raise error
        return org_number

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        name = (data.get("name") or "").strip()
        name_changed = not self.instance.pk or name != self.instance.name
        if name and name_changed:
            error = no_similar_partner_error(
                name=name,
                exclude_pk=self.instance.pk,
                confirmed=bool(data.get("confirm_different")),
            )
            if error is not None:
                self.add_error("name", error)
        return data

    def _get_validation_exclusions(self) -> set[str]:
        # The org number's uniqueness is checked (with a clearer message) in clean_org_number.
        # (django-stubs does not declare this BaseModelForm hook.)
        exclusions: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        return exclusions | {"org_number"}


class PartnerMergeForm(CapitalisedLabels, forms.Form):
    """Merge another record into this one, or this one into the other."""

    KEEP_THIS = "this"
    KEEP_OTHER = "other"

    other = PartnerField(label=_("the other partner record"))
    keep = forms.ChoiceField(
        label=_("record to keep"),
        choices=[(KEEP_THIS, _("Keep this record")), (KEEP_OTHER, _("Keep the other record"))],
        initial=KEEP_THIS,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I have checked that both records are the same organisation"), required=True
    )

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partner = partner

    def clean_other(self) -> Partner:
        other = self.cleaned_data["other"]
        if other is not None and other.pk == self.partner.pk:
            raise forms.ValidationError(_("Choose another record than this one."))
        return other

    def keep_and_remove(self) -> tuple[Partner, Partner]:
        other = self.cleaned_data["other"]
        if self.cleaned_data["keep"] == self.KEEP_THIS:
            return self.partner, other
        return other, self.partner


class PartnerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or organisation number"), required=False)
