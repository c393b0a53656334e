"""The beat scheduler: the schedule in code is the default, the admin's changes stick.

django-celery-beat's DatabaseScheduler writes every entry of `app.conf.beat_schedule` into
its PeriodicTask table at each beat start with `update_or_create` (schedulers.py,
`ModelEntry.from_entry`), so a time an administrator set in the admin is put back to the
code's at the next restart (celery/django-celery-beat#153, still open); only the enabled
flag survives, because the code does not set it. This subclass installs a code entry only
when no periodic task of that name exists yet. After that the row is the administrator's:
its schedule (crontab or interval) and enabled flag stick across restarts and deployments.
The task name, arguments and options still follow the code, so a renamed task keeps working.

To go back to the code's default time, delete the periodic task in the admin: beat creates
it again from the code at its next start. A changed default in code reaches an installation
the same way (delete the row, restart beat).
"""

import logging
from collections.abc import Mapping
from typing import Any

from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler, ModelEntry
from kombu.utils.json import dumps

logger = logging.getLogger(__name__)

# The fields the code keeps owning on an existing row (never the schedule or `enabled`).
CODE_OWNED = ("task", "args", "kwargs", "queue", "exchange", "routing_key", "priority")


class CodeDefaultScheduler(DatabaseScheduler):
    """DatabaseScheduler that creates missing code entries and never overwrites a schedule."""

    def update_from_dict(self, mapping: Mapping[str, Mapping[str, Any]]) -> None:
        entries = {}
        for name, entry_fields in mapping.items():
            try:
                model = PeriodicTask.objects.filter(name=name).first()
                if model is None:
                    entry = self.Entry.from_entry(name, app=self.app, **entry_fields)
                else:
                    entry = self._code_owned_update(model, dict(entry_fields))
                if entry.model.enabled:
                    entries[name] = entry
            except Exception:
                logger.exception("Cannot add the beat entry %r from the code", name)
        self.schedule.update(entries)

    def _code_owned_update(self, model: PeriodicTask, fields: dict[str, Any]) -> ModelEntry:
        """Refresh the code-owned fields of an existing row; keep its schedule and flag."""
        code = {
            "task": fields["task"],
            "args": dumps(fields.get("args") or []),
            "kwargs": dumps(fields.get("kwargs") or {}),
            **self.Entry._unpack_options(**(fields.get("options") or {})),
        }
        changed = [
            field for field in CODE_OWNED if field in code and getattr(model, field) != code[field]
        ]
        for field in changed:
            setattr(model, field, code[field])
        if changed:
            model.save(update_fields=changed)
        return self.Entry(model, app=self.app)
