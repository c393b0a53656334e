"""Celery tasks for reports. Tasks take ids and call services."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="reports.tasks.heartbeat")
def heartbeat() -> str:
    """A health task: proves a worker runs and can reach Django's settings."""
    return f"ok {timezone.now():%Y-%m-%dT%H:%M}"
