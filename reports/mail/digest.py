"""The weekly SAM digest: one mail per SAM member, nothing when there is nothing to say."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from reports.mail.sending import absolute_url, mail_render, mails_send
from reports.selectors import digest

# Lines shown per section; the dashboard (linked) has the rest.
SECTION_LIMIT = 25


def sam_digest_send(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> int:
    """Mail the weekly digest to every active SAM member with an address, each in their
    language; returns the number of mails sent (0 when the digest would be empty)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    built: dict[str, digest.SamDigest] = {}
    messages = []
    for user, language in digest.digest_recipients():
        if language not in built:
            with translation.override(language):
                built[language] = digest.sam_digest(today=today, now=now)
        content = built[language]
        if content.is_empty:
            continue
        context = {
            "digest": content,
            "limit": SECTION_LIMIT,
            "dashboard_url": absolute_url(reverse("assessments:dashboard")),
            "week": today.isocalendar().week,
        }
        messages.append(
            mail_render(name="sam_digest", context=context, user=user, language=language)
        )
    return mails_send(messages)
