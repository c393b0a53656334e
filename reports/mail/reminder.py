"""The monthly reminder: each coordinator's own programmes and their open items.

Sent only to coordinators who have not turned it off (My settings) and only when at least
one of their active programmes has an overdue action, an agreement ending within 90 days or
something missing in its inventory. Every reminder says how to turn it off.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation

from programs.completeness_text import missing_text
from reports.mail.sending import mail_render, mails_send
from reports.selectors import digest


@dataclass(frozen=True)
class MissingLine:
    text: str
    path: str


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
