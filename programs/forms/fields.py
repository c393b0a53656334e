"""Form fields and helpers shared by the inventory forms."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from programs import selectors
from programs.models import Partner
from programs.validators import validate_org_number


class DecimalCommaField(forms.DecimalField):
    """A decimal that accepts "7,5" as well as "7.5" in every language.

    Swedish writes a decimal comma; English users paste either. Spaces (thousands
    separators, stray blanks) are dropped before parsing.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    # django-stubs types DecimalField as an IntegerField and ignores its own override too.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


class PartnerField(forms.CharField):
    """A registered partner, typed as its name or org number (suggestions via a datalist).

    Works without JavaScript: the typed text is resolved on the server, exact
    organisation number first, then exact name; ambiguity is reported, not guessed.
    """

    default_error_messages = {
        "not_found": _(
            "No registered partner matches “%(text)s”. Pick one of the suggestions, "
            "or register the organisation first."
        ),
        "ambiguous": _(
            "Several registered partners are called “%(text)s”: add the organisation "
            "number in brackets, as in the suggestions."
        ),
    }

    def __init__(self, *, datalist: str = "partner-options", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 230)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "list": datalist,
                "autocomplete": "off",
                "data-partner-search": "true",
            }
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Partner):
            return selectors.partner_label(partner=value)
        if isinstance(value, int):
            partner = Partner.objects.filter(pk=value).first()
            return selectors.partner_label(partner=partner) if partner else ""
        return value

    def clean(self, value: Any) -> Partner | None:
        text = super().clean(value)
        if not text:
            return None
        found = selectors.partner_resolve(text=text)
        if not found:
            raise ValidationError(
                self.error_messages["not_found"], code="not_found", params={"text": text}
            )
        if len(found) > 1:
            raise ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"text": text}
            )
        return found[0]


def no_similar_partner_error(
    *, name: str, exclude_pk: int | None = None, confirmed: bool
) -> ValidationError | None:
    """The similar-name warning, unless the user confirmed it is another organisation."""
    if confirmed or not name:
        return None
    similar = selectors.partner_similar(name=name, exclude_pk=exclude_pk)
    if not similar:
        return None
    names = ", ".join(selectors.partner_label(partner=p) for p in similar)
    return ValidationError(
        _(
            "Similar partners are already registered: %(names)s. Use one of them, or tick "
            "“It is a different organisation” to register this one."
        ),
        code="similar_name",
        params={"names": names},
    )


def partner_org_number_error(
    *, org_number: str, exclude_pk: int | None = None
) -> ValidationError | None:
    """A malformed organisation number, or one that is already registered."""
    try:
        validate_org_number(org_number)
    except ValidationError as exc:
        return exc
    same_number = Partner.objects.filter(org_number=org_number)
    if exclude_pk is not None:
        same_number = same_number.exclude(pk=exclude_pk)
    existing = same_number.first()
    if existing is None:
        return None
    return ValidationError(
        _(
            "%(name)s is already registered with this organisation number: "
            "choose it instead of registering it again."
        ),
        code="duplicate_org_number",
        params={"name": existing.name},
    )
