"""Shared model parts: timestamps and an edit version for conflict detection."""

from typing import Any, ClassVar

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

    # Every concrete inventory model declares `history = HistoricalRecords(...)`
    # (django-simple-history, untyped); this annotation only tells the type checker so.
    history: ClassVar[Any]

    class Meta:
        abstract = True


def concrete_field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    """`model._meta.get_field(name)` for a concrete field, typed as one (not a reverse relation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return field
