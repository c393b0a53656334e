"""The dashboard's filter form: GET parameters, labelled, usable without JavaScript."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from programs.models import Faculty, Program


class DashboardFilterForm(forms.Form):
    """Faculty and programme profile; both optional. The faculty view drops the faculty field."""

    faculty = forms.ModelChoiceField(
        label=_("Faculty"),
        queryset=Faculty.objects.all(),
        required=False,
        empty_label=_("All faculties"),
    )
    profile = forms.ChoiceField(
        label=_("Programme profile"),
        choices=[("", _("All profiles")), *Program.Profile.choices],
        required=False,
    )

    def __init__(self, *args: Any, with_faculty: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_faculty:
            del self.fields["faculty"]

    def filters(self) -> tuple[Faculty | None, str]:
        """The chosen faculty and profile; nothing chosen (or invalid input) filters nothing."""
        if not self.is_bound or not self.is_valid():
            return None, ""
        return self.cleaned_data.get("faculty"), self.cleaned_data.get("profile") or ""
