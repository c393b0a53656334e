"""A reused test database (--reuse-db, scripts/test outside CI) starts every run as migrated.

pytest-django runs the transactional tests (the real-worker and browser tests) last, and each
ends with a flush. A database kept for the next run would then start it without the rows the
data migrations seeded (the activity taxonomy, the SAM group and its permissions), because
migrations that are already applied do not run again. So, with --reuse-db, the rows are
snapshotted once the database is set up and put back when the session ends, with every id
sequence moved past the restored rows (a new row must not take a restored id). A run killed
before its end can still leave the database flushed: the next run stops with a message to
rebuild it with --create-db.
"""

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections
from pytest_django import DjangoDbBlocker


def snapshot() -> str:
    """Every row of the test database, serialized as Django's serialized rollback does."""
    return connections[DEFAULT_DB_ALIAS].creation.serialize_db_to_string()


def restore(rows: str) -> None:
    """Empty the test database and load `rows` back, with every id sequence past its rows."""
    connection = connections[DEFAULT_DB_ALIAS]
    call_command(
        "flush",
        database=DEFAULT_DB_ALIAS,
        interactive=False,
        inhibit_post_migrate=True,
        verbosity=0,
    )
    connection.creation.deserialize_db_from_string(rows)
    sequences_past_rows()


def sequences_past_rows() -> None:
    """Move each id sequence past its table's rows, as loaddata does after loading ids."""
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(
        no_style(), apps.get_models(include_auto_created=True)
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, django_db_keepdb: bool
) -> Iterator[None]:
    """pytest-django's setup; with --reuse-db, the session also ends with the seed rows in place."""
    if not django_db_keepdb:
        yield
        return
    from programs.models import ActivityType  # after django.setup()

    with django_db_blocker.unblock():
        if not ActivityType.objects.exists():
            pytest.exit(
                "The reused test database has lost the rows its migrations seeded (a run was "
                "killed before its end?). Rebuild it once: add --create-db.",
                returncode=1,
            )
        rows = snapshot()
        sequences_past_rows()  # whatever state the last run left them in
    yield
    with django_db_blocker.unblock():
        restore(rows)
