"""The course-list upload form (the import's only form; kept apart from forms.py)."""

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ACCEPT = (
    ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


class CourseImportForm(forms.Form):
    file = forms.FileField(
        label=_("Course list (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s and %(rows)s course rows. The first row names the columns."
        ) % {
            "size": filesizeformat(settings.IMPORT_MAX_BYTES),
            "rows": settings.IMPORT_MAX_ROWS,
        }
