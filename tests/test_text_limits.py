"""Every free text a user types has a maximum length, kept by the form and by full_clean.

The posts of 100,000 characters to every form are in tests/test_hostile_input.py; here are
the rules themselves: no model of the apps has an unbounded text a user edits, a bounded
text refuses one character too many with the same message in the form and in full_clean
(so a service refuses it too), and the form counts a line break as the browser's
`maxlength` counts it.
"""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from assessments.forms import ActionForm, FollowUpForm
from assessments.models import Action
from programs.forms import CouncilMeetingForm
from programs.models import CouncilMeeting
from programs.models.text import LONG_TEXT, SHORT_TEXT, TOO_LONG, BoundedTextField

APPS = ("programs", "assessments", "reports")
# Texts no user types: written by the system, never shown in a form.
SYSTEM_TEXTS = {("reports", "ReportJob", "error_detail")}


def user_models() -> list[type[models.Model]]:
    """The apps' models, without django-simple-history's copies of them."""
    return [
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]


def bounded_fields() -> list[tuple[type[models.Model], BoundedTextField]]:
    return [
        (model, field)
        for model in user_models()
        for field in model._meta.get_fields()
        if isinstance(field, BoundedTextField)
    ]


def test_no_model_has_an_unbounded_text_a_user_edits():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in user_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField | models.CharField)
        and field.editable
        and (model._meta.app_label, model.__name__, field.name) not in SYSTEM_TEXTS
        and (field.max_length is None or field.max_length > LONG_TEXT)
    ]
    assert unbounded == []
    assert len(bounded_fields()) >= 11  # descriptions, minutes, motivations, notes …


@pytest.mark.parametrize(
    ("model", "field"),
    bounded_fields(),
    ids=[f"{model.__name__}.{field.name}" for model, field in bounded_fields()],
)
def test_full_clean_refuses_one_character_too_many_with_the_message(model, field):
    limit = field.max_length
    others = [f.name for f in model._meta.fields if f.name != field.name]
    instance = model(**{field.name: "x" * limit})
    instance.clean_fields(exclude=others)  # exactly the limit is fine
    setattr(instance, field.name, "x" * (limit + 1))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        instance.clean_fields(exclude=others)
    expected = str(TOO_LONG) % {"limit_value": limit, "show_value": limit + 1}
    assert refused.value.message_dict == {field.name: [expected]}


def test_the_form_shows_the_limit_and_refuses_a_longer_text_with_the_same_message():
    form = CouncilMeetingForm(
        {"date": "2026-02-01", "participants": "3", "minutes": "x" * (LONG_TEXT + 1)},
        council=None,
        instance=CouncilMeeting(),
    )
    assert form.fields["minutes"].widget.attrs["maxlength"] == str(LONG_TEXT)
    with translation.override("sv"):
        assert not form.is_valid()
        assert form.errors["minutes"] == [
            f"Texten är för lång: högst {LONG_TEXT} tecken (den har {LONG_TEXT + 1})."
        ]


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    # A browser's maxlength counts a break as one character and sends it as CRLF (two).
    text = "rad\r\n" * (SHORT_TEXT // 4)
    assert len(text.replace("\r\n", "\n")) == SHORT_TEXT
    form = FollowUpForm(
        {"status": "green", "follow_up_note": text, "version": "1"},
        instance=Action(pk=1, version=1),
    )
    form.is_valid()
    assert "follow_up_note" not in form.errors
    assert form.cleaned_data["follow_up_note"] == text.replace("\r\n", "\n").strip()


def test_declared_form_fields_keep_the_model_limit():
    # The action form once declared its description itself with a limit of its own.
    for form_class, name in ((ActionForm, "description"), (FollowUpForm, "follow_up_note")):
        field = form_class.base_fields[name]
        assert field.max_length == SHORT_TEXT, (form_class.__name__, name)
        assert field.widget.attrs["maxlength"] == str(SHORT_TEXT)
    assert FollowUpForm().fields["follow_up_note"].required
