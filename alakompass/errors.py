"""Error and refusal pages in the site's layout and the user's language.

handler400: Django turns a SuspiciousOperation into handler400. The ones a person can cause by accident
are a request body that is too large (a pasted book, a huge file: RequestDataTooBig), or one
with too many fields or files; they get 413 and say what the limits are. Anything else gets a
generic 400 page. Both render in the site's layout with the request (language, menu).

login_lockout: django-axes' lockout answer (429) when a username or a client address has
failed to log in too often. login_username: the username axes counts, cut to its column.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import bad_request as django_bad_request

logger = logging.getLogger(__name__)

TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def megabytes(size: int) -> float:
    """A byte count in megabytes (MiB), for the error page to show with one decimal."""
    return round(size / (1024 * 1024), 1)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Render 400.html (413 for a too-large request) in the site's layout."""
    too_large = isinstance(exception, TOO_LARGE)
    context = {
        "too_large": too_large,
        "form_megabytes": megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "file_megabytes": megabytes(settings.UPLOAD_MAX_BYTES),
    }
    try:
        content = render_to_string("400.html", context, request=request)
    except Exception:
        # The layout needs the request (menu, language form); a request too broken for that
        # (e.g. a disallowed Host header) still gets Django's own plain 400 page.
        logger.exception("The 400 page could not be rendered in the layout")
        return django_bad_request(request, exception)
    return HttpResponse(content, status=413 if too_large else 400)


def login_lockout(
    request: HttpRequest,
    original_response: HttpResponse | None,
    credentials: dict[str, object] | None,
) -> HttpResponse:
    """django-axes' AXES_LOCKOUT_CALLABLE: the lockout page in the layout, 429 Too Many Requests."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": settings.LOGIN_COOLOFF_MINUTES,
    }
    return HttpResponse(
        render_to_string("registration/lockout.html", context, request=request), status=429
    )


AXES_USERNAME_MAX = 255  # the length of axes' AccessAttempt.username column


def login_username(request: HttpRequest, credentials: dict[str, object] | None) -> str | None:
    """django-axes' AXES_USERNAME_CALLABLE: the typed username, cut to axes' 255 characters.

    Django's login form only sets `maxlength` on the input and does not refuse a longer
    username, so a 100,000-character one reached axes' column and the login failed with a
    database error (500). No user's name is that long (150 at most), so cutting it changes
    no real user's count.
    """
    value = credentials.get("username") if credentials else request.POST.get("username")
    return str(value)[:AXES_USERNAME_MAX] if value is not None else None
