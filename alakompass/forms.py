"""The one edit-form convention of every app: the form base, how forms render, the form page.

It lives in the project package so that every app may import it (apps import each other's
models, selectors and services, never their forms or views).

- `VersionedForm` edits one tracked row (programs.models.TrackedModel) and carries the
  version the row had when the form was opened. Services pass it to `record_save`, which
  refuses a stale save with `EditConflict`. A POST that should carry a version and does not
  is refused with a message, never saved unchecked.
- `form_page` is the page every edit form uses: validate, save through one service call,
  then redirect with a message; or show the page again with the input kept, the service's
  refusal on the form, and, after an EditConflict, the conflict table
  (templates/programs/_conflict.html) and the saved version, so that saving again goes
  through.
- Rendering: django-crispy-forms with crispy-bootstrap5, in templates only
  (`{{ form|crispy }}` or `{{ form.field|as_crispy_field }}`). It is the declared dependency
  and what the inventory's templates and formset rows already used; it renders Bootstrap 5
  markup with a `<label for>` (or a `<legend>` for radio and checkbox groups) for every
  field, the error text in an `invalid-feedback` block with an id, `is-invalid` on the input,
  and the help text with the id Django 5.2's `aria-describedby` points to. The hand-written
  widget-class mixin the compass forms had only added CSS classes and left labels and errors
  to Django's plain field template (no `is-invalid`, no Bootstrap error block), so keeping it
  would have meant more code for less accessible markup; it is gone.
"""

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypedDict, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alakompass.conflicts import EditConflict

T = TypeVar("T")

MISSING_VERSION = gettext_lazy(
    "This form was sent without the version of the record it changes, so a save made by "
    "someone else meanwhile could be lost. Nothing was saved: open the page again and repeat "
    "your change."
)


class ConflictRow(TypedDict):
    """One field of the conflict table: its label, the saved value and the user's input."""

    label: str
    saved: str
    theirs: str


# What a caller adds to the conflict table beyond the form's own fields: key → (label,
# saved value, the user's value), e.g. an activity's partner links.
ConflictExtra = dict[str, tuple[str, Any, Any]]


class CapitalisedLabels:
    """Start every label with a capital letter (model verbose names are lower case)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class VersionedForm(CapitalisedLabels, forms.ModelForm):
    """A model form for one tracked row, carrying the row's version in a hidden field.

    The version is required whenever the form guards one (`opened_version` is not None):
    a bound form without it, or with a value that is not a number, gets a form error and
    is not valid. A form for a new row guards nothing unless it overrides `opened_version`
    (the målbild does: a target saved meanwhile on an axis that had none is a conflict).
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guarded_version = self.opened_version()
        if self.guarded_version is not None:
            self.fields["version"].initial = self.guarded_version

    def opened_version(self) -> int | None:
        """The version this form guards: the saved row's, or None for a row not yet saved."""
        return getattr(self.instance, "version", None) if self.instance.pk else None

    def clean_version(self) -> int | None:
        text = str(self.cleaned_data.get("version") or "").strip()
        return int(text) if text.isdigit() else None

    def clean(self) -> dict[str, Any]:
        super().clean()
        if self.guarded_version is not None and self.cleaned_data.get("version") is None:
            self.add_error(None, ValidationError(MISSING_VERSION, code="missing_version"))
        return self.cleaned_data

    @property
    def expected_version(self) -> int | None:
        """The version the form was opened with (for the service's `expected_version`)."""
        return self.cleaned_data.get("version")

    def service_data(self) -> dict[str, Any]:
        """cleaned_data for the service: the model fields only, the version passed apart."""
        fields = self._meta.fields or ()
        return {name: value for name, value in self.cleaned_data.items() if name in fields}


def bound_version(form: forms.BaseForm, version: int) -> None:
    """Point a bound form's hidden version at `version` (after showing a conflict)."""
    data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
    data[form.add_prefix("version")] = str(version)
    form.data = data


F = TypeVar("F", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field `name` as the field class it is (to set its choices or queryset)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def show(value: Any) -> str:
    """A saved or typed value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return "; ".join(sorted(str(item) for item in value)) or "—"
    if isinstance(value, Decimal | int | float):
        return str(formats.localize(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _comparable(value: Any) -> Any:
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(getattr(item, "pk", item) for item in value)
    if isinstance(value, models.Model):
        return value.pk
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return Decimal(value)
    return value


def conflict_rows(
    form: forms.BaseForm,
    current: models.Model,
    extra: ConflictExtra | None = None,
    *,
    label_prefix: str = "",
) -> list[ConflictRow]:
    """Fields whose saved value differs from what the user typed: label, saved, theirs."""
    rows: list[ConflictRow] = []
    for name, field in form.fields.items():
        if name not in form.cleaned_data or isinstance(field.widget, forms.HiddenInput):
            continue
        try:
            current._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field, not stored on the record
            continue
        saved = getattr(current, name)
        if isinstance(saved, models.Manager):
            saved = list(saved.all())
        theirs = form.cleaned_data[name]
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = dict(field.choices)  # type: ignore[arg-type]
            saved_text = str(choices.get(saved, show(saved)))
            theirs_text = str(choices.get(theirs, show(theirs)))
        else:
            saved_text, theirs_text = show(saved), show(theirs)
        if _comparable(saved) != _comparable(theirs):
            label = f"{label_prefix}{field.label}"
            rows.append({"label": label, "saved": saved_text, "theirs": theirs_text})
    for label, saved, theirs in (extra or {}).values():
        if _comparable(saved) != _comparable(theirs):
            rows.append({"label": label, "saved": show(saved), "theirs": show(theirs)})
    return rows


def show_conflict(
    form: forms.BaseForm, exc: EditConflict, extra: ConflictExtra | None = None
) -> list[ConflictRow]:
    """Keep the user's input, explain the conflict, and let the next save go through."""
    form.add_error(None, exc)
    bound_version(form, getattr(exc.current, "version", 0))
    return conflict_rows(form, exc.current, extra)


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[], T],
    done: Callable[[T], HttpResponse],
    saved_message: str | Callable[[T], str],
    template: str,
    context: Mapping[str, Any],
    valid: bool | None = None,
    on_conflict: Callable[[EditConflict], list[ConflictRow]] | None = None,
) -> HttpResponse:
    """An edit page: on a valid POST save through `save()` and return `done(saved)`, else
    render `template` with `context`, the form and the conflict rows.

    `valid` replaces `form.is_valid()` when the page validates more than one form (the
    activity's partner rows, the målbild's eight axes). A ValidationError from the service
    goes on the form; an EditConflict keeps the input, lists what differs from the saved
    record (`on_conflict`, by default `show_conflict` on the form) and carries the saved
    version, so that saving again replaces the saved values.
    """
    conflict: list[ConflictRow] = []
    is_valid = form.is_valid() if valid is None else valid
    if request.method == "POST" and is_valid:
        try:
            saved = save()
        except EditConflict as exc:
            conflict = on_conflict(exc) if on_conflict else show_conflict(form, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            text = saved_message(saved) if callable(saved_message) else saved_message
            messages.success(request, text)
            return done(saved)
    return render(request, template, {**context, "form": form, "conflict": conflict})
