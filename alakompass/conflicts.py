"""The lost-update refusal every edit form shares (raised by programs.services.record_save).

It lives in the project package so that the shared form page (alakompass.forms.form_page)
can show it without importing an app; programs.services re-exports it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


class EditConflict(ValidationError):
    """Somebody else saved the record after this form was opened; `current` is their save."""

    def __init__(self, current: models.Model) -> None:
        self.current = current
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. "
                "Your input is kept below; compare it with the saved values and save again."
            ),
            code="edit_conflict",
        )
