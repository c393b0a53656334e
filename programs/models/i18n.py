"""Pick the Swedish or English variant of a bilingual field for the active language."""

from django.utils.translation import get_language


def localised(sv: str, en: str) -> str:
    """The English text when English is active and present, else the Swedish."""
    if en and (get_language() or "sv").startswith("en"):
        return en
    return sv
