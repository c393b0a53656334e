"""Migrations match the models and build the whole schema (with its seed data) from zero."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from programs.models import SAM_GROUP, ActivityType


def test_models_have_no_changes_without_a_migration(db):
    # makemigrations --check exits (SystemExit) when a model changed without a migration.
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exc:  # pragma: no cover - only on failure
        pytest.fail(f"Models changed without a migration (exit {exc.code}): run makemigrations")


def test_the_test_database_was_built_by_applying_every_migration(db):
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert unapplied == []
    applied = executor.loader.applied_migrations
    assert ("programs", "0002_seed_activity_types") in applied


def test_migrations_seed_the_activity_taxonomy(db):
    keys = set(ActivityType.objects.values_list("key", flat=True))
    assert {"placement", "guest_lecture", "other"} <= keys


def test_migrations_create_the_sam_group(db):
    assert Group.objects.filter(name=SAM_GROUP).exists()
