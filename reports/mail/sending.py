"""Render a mail from its three templates in one language and send it, one per recipient.

A mail `name` has `reports/email/<name>_subject.txt`, `<name>.txt` and `<name>.html`. The
HTML is autoescaped like every template; the plain text is rendered without autoescaping
(it is not HTML, so `&` must stay `&`) and contains no markup.
"""

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """`path` (from `reverse`) on the site's public address, SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


def recipient_name(user: User) -> str:
    """How a mail greets its recipient: the full name, else the login name."""
    return user.get_full_name() or user.get_username()


def mail_render(
    *, name: str, context: Mapping[str, Any], user: User, language: str
) -> EmailMultiAlternatives:
    """The mail `name` to `user` in `language`: plain text with an HTML alternative."""
    full_context = {
        **context,
        "recipient": recipient_name(user),
        "site_url": settings.SITE_URL.rstrip("/"),
        "settings_url": absolute_url(reverse("reports:preferences")),
        "language": language,
    }
    with translation.override(language):
        subject = render_to_string(f"reports/email/{name}_subject.txt", full_context)
        text = render_to_string(f"reports/email/{name}.txt", full_context)
        html = render_to_string(f"reports/email/{name}.html", full_context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # a header: one line
        body=text,
        to=[user.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def mails_send(messages: Iterable[EmailMultiAlternatives]) -> int:
    """Send each mail on one connection; a refused recipient is logged, not fatal. Returns
    the number sent."""
    sent = 0
    with get_connection() as connection:
        for message in messages:
            message.connection = connection
            try:
                sent += message.send()
            except OSError:  # smtplib.SMTPException is an OSError
                logger.exception("Could not send %r to %s", message.subject, message.to)
    return sent
