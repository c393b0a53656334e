"""Writes for a programme's own fields."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from programs.models import Program
from programs.services.records import apply_fields, record_save


@transaction.atomic
def program_create(
    *, user: User | None, coordinators: Iterable[User] = (), **fields: Any
) -> Program:
    """Create a programme and name its coordinators."""
    program = record_save(Program(**fields), user=user)
    program.coordinators.set(list(coordinators))
    return program


def program_update(
    *, program: Program, user: User | None, expected_version: int | None = None, **fields: Any
) -> Program:
    """Change a programme's own fields."""
    return record_save(apply_fields(program, fields), user=user, expected_version=expected_version)
