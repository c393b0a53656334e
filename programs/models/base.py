"""Shared model parts: timestamps and an edit version for conflict detection."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackedModel(models.Model):
    """Inventory rows: created/updated timestamps and a version bumped on every edit.

    `version` lets a form detect lost updates: the form carries the version it was
    rendered with, and the service refuses a save whose version is no longer current.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
