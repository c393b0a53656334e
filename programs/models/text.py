"""Bounded free text: every text field a user types into has a maximum length.

Without one, a 100,000-character paste (or a script) is stored, shown on every page and
copied into every export and report. The limits are generous for what users write here:

- `SHORT_TEXT` (2,000 characters, about a third of a page): a paragraph. A learning
  outcome (`LearningOutcome.text`; a syllabus states one in a sentence or two), an axis's
  målbild motivation (`Target.motivation`), an action (`Action.description`) and its
  follow-up note (`Action.follow_up_note`).
- `TEXT` (4,000, about two thirds of a page): a description of a few paragraphs. An
  activity's description (`Activity.description`), an agreement's notes (`Agreement.notes`),
  a meeting's decisions (`CouncilMeeting.decisions`), a round's horizontal perspectives
  (`CompassRound.horizontal_perspectives`), a support offer's description (`SupportOffer.
  description_sv`, `description_en`).
- `LONG_TEXT` (20,000, about eight pages): a meeting's minutes (`CouncilMeeting.minutes`),
  often pasted whole from the minutes document.

Names, titles and other one-line texts are CharFields with their own `max_length` (200 for a
name or title, 300 for a motivation of changed levels), which Django enforces the same way.

A `BoundedTextField` keeps its limit in three places at once: the form's textarea gets
`maxlength`, the form field refuses a longer text with `TOO_LONG` (the input is kept on the
page), and the model's validator refuses it in `full_clean`, so a service refuses it too.
The form counts a line break as one character, as the browser's `maxlength` does (browsers
send CRLF, two characters, for each break): it stores line breaks as LF.
"""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SHORT_TEXT = 2_000
TEXT = 4_000
LONG_TEXT = 20_000

TOO_LONG = _("This text is too long: at most %(limit_value)d characters (it has %(show_value)d).")


class TextLengthValidator(MaxLengthValidator):
    """Django's MaxLengthValidator with the message of every bounded text."""

    message = TOO_LONG


class BoundedTextFormField(forms.CharField):
    """A textarea's text with its line breaks as LF, so it counts as the browser counts."""

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


class BoundedTextField(models.TextField):
    """A TextField whose `max_length` (required) the form and `full_clean` both enforce."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        # Like CharField: the validator is added here, so it is not written into migrations.
        self.validators.append(TextLengthValidator(max_length))

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        kwargs.setdefault("error_messages", {"max_length": TOO_LONG})
        return super().formfield(
            form_class=form_class or BoundedTextFormField,
            choices_form_class=choices_form_class,
            **kwargs,
        )
