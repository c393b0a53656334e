"""Writes for SAM's support catalogue (the offers an action may use)."""

from typing import Any

from django.contrib.auth.models import User

from assessments.models import SupportOffer
from programs.services import record_save


def support_offer_create(*, user: User | None, title_sv: str, **fields: Any) -> SupportOffer:
    """Add an offer to SAM's support catalogue."""
    return record_save(SupportOffer(title_sv=title_sv, **fields), user=user)
