"""Typing helpers shared by every app: the user types and the logged-in request."""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

# The project uses Django's own User model (no AUTH_USER_MODEL swap), so annotations name it.
AnyUser = User | AnonymousUser


class AuthedRequest(HttpRequest):
    """An HttpRequest whose user is logged in (LoginRequiredMiddleware guarantees it)."""

    user: User


class UploadRequest(HttpRequest):
    """A request the bounded upload handler may mark as too large."""

    upload_too_large: bool
