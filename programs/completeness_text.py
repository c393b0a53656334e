"""The sentence a user reads for each missing item of `programs.completeness`.

Shared by the programme page (programs.views) and the report PDFs (reports.documents), so
both say the same thing about what an inventory still lacks.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs.completeness import Missing


def missing_text(item: Missing) -> str:
    """What `item` means, in the active language, with its count filled in."""
    count = item.count
    texts = {
        "no_activities": _("No work-integration activities recorded yet."),
        "activities_without_year": ngettext(
            "%(count)d activity has no programme year.",
            "%(count)d activities have no programme year.",
            count,
        ),
        "activities_without_partner": ngettext(
            "%(count)d activity of a type that involves an organisation has no partner.",
            "%(count)d activities of a type that involves an organisation have no partner.",
            count,
        ),
        "deep_without_support": ngettext(
            "%(count)d deep activity has no support item recorded.",
            "%(count)d deep activities have no support items recorded.",
            count,
        ),
        "no_work_life_outcome": _("No learning outcome is marked as concerning working life."),
        "no_program_outcome": _("No programme-level learning outcome concerning working life."),
        "no_council": _("No council recorded."),
        "council_without_members": _("The council has no external members recorded."),
        "council_without_meetings": _("The council has no meetings recorded."),
        "alumni_follow_up_unset": _("Alumni follow-up (F3) is still “none”."),
        "gender_analysis_unset": _("Gender analysis of participation (E3) is still “none”."),
    }
    return texts.get(item.key, item.key) % {"count": count}
