"""Writes of a user's report preferences (My settings)."""

from django.contrib.auth.models import User
from django.db import transaction

from reports.models import UserPreference


@transaction.atomic
def user_preference_update(*, user: User, language: str, monthly_reminder: bool) -> UserPreference:
    """Store the language of the user's mails and whether they get the monthly reminder."""
    preference = UserPreference.objects.select_for_update().filter(user=user).first()
    if preference is None:
        preference = UserPreference(user=user)
    preference.language = language
    preference.monthly_reminder = monthly_reminder
    preference.full_clean()  # an unknown language raises ValidationError
    preference.save()
    return preference
