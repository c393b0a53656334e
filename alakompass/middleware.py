"""The project's own middleware: response headers, the session policy and the body limit.

Each class is small and reads its numbers from settings (alakompass/settings.py, where the
environment variables are read), so the policy lives in one place and tests can change it.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

GetResponse = Callable[[HttpRequest], HttpResponseBase]

# Session keys (seconds since the epoch) of the session policy.
SESSION_STARTED = "_alakompass_session_started"
SESSION_LAST_SEEN = "_alakompass_session_last_seen"
# The last-seen stamp is rewritten at most this often, so an ordinary page view does not write
# the session row each time; idle expiry is therefore exact to about a minute.
LAST_SEEN_RESOLUTION = 60


def _is_authenticated(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)  # absent when a middleware before auth answered
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: no-store` for logged-in users.

    A logged-in page shows data of the user's programmes: no browser or shared cache may keep
    it (the back button after logging out, a shared computer). Static files never reach this
    middleware: WhiteNoise answers them before it, with their own long-lived caching.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if _is_authenticated(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


class SessionPolicyMiddleware:
    """Logs a user out after SESSION_IDLE_TIMEOUT idle seconds or SESSION_COOKIE_AGE in all.

    Django's session age alone cannot do either: every save of the session (a message, a
    language change) pushes its expiry forward again, and it has no notion of inactivity. The
    session remembers when it was first seen logged in and when it was last used; the login
    page then says why the user was logged out. Sits after MessageMiddleware (it adds a
    message) and before the views (LoginRequiredMiddleware then sends the user to log in).
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _is_authenticated(request):
            self._apply(request)
        return self.get_response(request)

    def _apply(self, request: HttpRequest) -> None:
        session = request.session
        now = time.time()
        started = session.get(SESSION_STARTED)
        last_seen = session.get(SESSION_LAST_SEEN)
        if not isinstance(started, int | float) or not isinstance(last_seen, int | float):
            session[SESSION_STARTED] = now
            session[SESSION_LAST_SEEN] = now
            return
        if now - started > settings.SESSION_COOKIE_AGE:
            self._end(request, _("You were logged out at the end of the working day."))
        elif now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            self._end(request, _("You were logged out after a period without activity."))
        elif now - last_seen >= LAST_SEEN_RESOLUTION:
            session[SESSION_LAST_SEEN] = now

    @staticmethod
    def _end(request: HttpRequest, message: str) -> None:
        logout(request)  # flushes the session; the request goes on as an anonymous user
        messages.info(request, f"{message} {_('Please log in again.')}")


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body exceeds REQUEST_MAX_BYTES before anything reads it.

    Django bounds a urlencoded body (DATA_UPLOAD_MAX_MEMORY_SIZE) and BoundedUploadHandler
    stops storing a file past UPLOAD_MAX_BYTES, but a multipart body would still be read to
    its end. Raising RequestDataTooBig here answers at once, through handler400
    (alakompass.errors), with the "too large" page in the user's language. Bodies without a
    Content-Length (chunked) are bounded by the reverse proxy's client_max_body_size.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django's own parsing treats a malformed length as no body
        if declared > settings.REQUEST_MAX_BYTES:
            raise RequestDataTooBig(
                f"Request body of {declared} bytes exceeds REQUEST_MAX_BYTES "
                f"({settings.REQUEST_MAX_BYTES})."
            )
        return self.get_response(request)
