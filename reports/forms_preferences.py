"""The form of "My settings": the language of mailed reports and the monthly reminder."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import ReportLanguage


class PreferenceForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of my emails"),
        choices=ReportLanguage.choices,
        widget=forms.RadioSelect,
        help_text=_("The weekly digest, the monthly reminder and other mails from ALA-kompassen."),
    )
    monthly_reminder = forms.BooleanField(
        label=_("Send me the monthly reminder of my programmes' open items"),
        required=False,
        help_text=_(
            "Sent on the first Monday of each month to programme coordinators, only when a "
            "programme has overdue actions, agreements ending within 90 days or missing "
            "inventory data."
        ),
    )
