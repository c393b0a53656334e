"""Celery tasks for the compass. Tasks take ids and call services."""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from assessments import services


@shared_task(
    name="assessments.tasks.program_scores_refresh",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def program_scores_refresh(program_ids: list[int] | None = None) -> int:
    """Recompute and store today's compass of the given programmes (all when None)."""
    stored = services.program_scores_refresh(
        program_ids=program_ids, reference_date=timezone.localdate()
    )
    return len(stored)
