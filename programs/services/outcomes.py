"""Writes for a programme's learning outcomes (programme or course level)."""

from typing import Any

from django.contrib.auth.models import User

from programs.models import LearningOutcome, Program
from programs.services.records import record_delete, record_save, record_update


def outcome_create(*, program: Program, user: User | None, **fields: Any) -> LearningOutcome:
    """Add a programme- or course-level learning outcome."""
    return record_save(LearningOutcome(program=program, **fields), user=user)


def outcome_update(
    *,
    outcome: LearningOutcome,
    user: User | None,
    expected_version: int | None = None,
    **fields: Any,
) -> LearningOutcome:
    """Change a learning outcome."""
    return record_update(outcome, user=user, expected_version=expected_version, **fields)


def outcome_delete(*, outcome: LearningOutcome, user: User | None) -> None:
    """Delete a learning outcome (its links to activities go with it)."""
    record_delete(outcome, user=user)
