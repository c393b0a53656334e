"""The monthly reminder: each coordinator's own programmes and their open items.

Sent only to coordinators who have not turned it off (My settings) and only when at least
one of their active programmes has an overdue action, an agreement ending within 90 days or
something missing in its inventory. Every reminder says how to turn it off.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs.completeness import Missing
from reports.mail.sending import mail_render, mails_send
from reports.selectors import digest


@dataclass(frozen=True)
class MissingLine:
    text: str
    path: str


def missing_text(item: Missing) -> str:
    """One missing inventory item as a sentence (the programme page's own wording)."""
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


def _missing_lines(program: digest.ProgramReminder) -> list[MissingLine]:
    return [
        MissingLine(
            text=missing_text(item),
            path=f"{program.path}#{item.anchor}" if item.anchor else program.path,
        )
        for item in program.missing
    ]


def coordinator_reminders_send(*, today: datetime.date | None = None) -> int:
    """Mail each coordinator who wants it the open items of their own programmes; returns
    the number of mails sent (none to a coordinator with nothing open)."""
    today = today or timezone.localdate()
    messages = []
    for user, language in digest.reminder_recipients():
        with translation.override(language):
            reminder = digest.coordinator_reminder(user=user, today=today)
            if reminder.is_empty:
                continue
            programs = [
                {"program": program, "missing": _missing_lines(program)}
                for program in reminder.programs
            ]
        context = {"reminder": reminder, "programs": programs, "month": today}
        messages.append(
            mail_render(name="coordinator_reminder", context=context, user=user, language=language)
        )
    return mails_send(messages)
