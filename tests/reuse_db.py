"""A reused test database (--reuse-db, scripts/test outside CI) starts every run as migrated.

pytest-django runs the transactional tests (the real-worker and browser tests) last, and each
ends with a flush. A database kept for the next run would then start it without the rows the
data migrations seeded (the activity taxonomy, the SAM group and its permissions), because
migrations that are already applied do not run again. So, with --reuse-db, the rows are
snapshotted once the database is set up and put back when the session ends. A run killed
before its end can still leave the database flushed: the next run stops with a message to
rebuild it with --create-db.
"""

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from pytest_django import DjangoDbBlocker


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, django_db_keepdb: bool
) -> Iterator[None]:
    """pytest-django's setup; with --reuse-db, the session also ends with the seed rows in place."""
    if not django_db_keepdb:
        yield
        return
    from programs.models import ActivityType  # after django.setup()

    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        if not ActivityType.objects.exists():
            pytest.exit(
                "The reused test database has lost the rows its migrations seeded (a run was "
                "killed before its end?). Rebuild it once: add --create-db.",
                returncode=1,
            )
        snapshot = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        call_command(
            "flush",
            database=DEFAULT_DB_ALIAS,
            interactive=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )
        connection.creation.deserialize_db_from_string(snapshot)
