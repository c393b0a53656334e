"""My settings: the language of the user's mails and the monthly reminder on or off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alakompass.types import AuthedRequest
from reports.forms_preferences import PreferenceForm
from reports.models import UserPreference
from reports.services import preferences as preference_services


@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    """Show and save the user's mail preferences."""
    preference = UserPreference.objects.for_user(request.user)
    initial = {"language": preference.language, "monthly_reminder": preference.monthly_reminder}
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            preference_services.user_preference_update(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your settings are saved."))
            return redirect("reports:preferences")
    return render(request, "reports/user_preference_form.html", {"form": form})
