"""Saving and deleting any inventory row: validation, history author, lost-update guard."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import models, transaction

from alakompass.conflicts import EditConflict
from programs.models import TrackedModel

M = TypeVar("M", bound=models.Model)


def history_note(instance: models.Model, *, user: User | None, reason: str = "") -> None:
    """Name the author (and a reason) of the history row django-simple-history writes next."""
    instance._history_user = user  # type: ignore[attr-defined]  # simple_history reads it
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]  # likewise


def record_save(instance: M, *, user: User | None, expected_version: int | None = None) -> M:
    """Validate and save `instance`, attributing the history row to `user`.

    For tracked rows, `expected_version` (the version the form was opened with) guards
    against lost updates: a stale version raises EditConflict and nothing is written.
    """
    with transaction.atomic():
        if isinstance(instance, TrackedModel) and instance.pk:
            current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
            if expected_version is not None and current.version != expected_version:
                raise EditConflict(current)
            instance.version = current.version + 1
        instance.full_clean()
        history_note(instance, user=user)
        instance.save()
    return instance


def record_delete(instance: models.Model, *, user: User | None) -> None:
    """Delete a row, attributing the history row to `user`."""
    history_note(instance, user=user)
    instance.delete()


def apply_fields(instance: M, fields: dict[str, Any]) -> M:
    """Set `fields` on `instance` (not saved)."""
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def record_update(
    instance: M,
    *,
    user: User | None,
    expected_version: int | None = None,
    editable: Iterable[str] | None = None,
    **fields: Any,
) -> M:
    """Set `fields` on `instance` and save it with the version check of record_save.

    With `editable`, any other field name is a programming error (ValueError), not input.
    """
    unknown = set(fields) - set(editable) if editable is not None else set()
    if unknown:
        name = type(instance).__name__
        raise ValueError(f"{name}: not editable here: {sorted(unknown)}")
    return record_save(apply_fields(instance, fields), user=user, expected_version=expected_version)
