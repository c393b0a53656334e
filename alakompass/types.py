"""Typing helpers shared by views."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthedRequest(HttpRequest):
    """An HttpRequest whose user is logged in (LoginRequiredMiddleware guarantees it)."""

    user: User
