"""tests/reuse_db.py puts the migrations' seed rows back so a reused database can serve again."""

from django.contrib.auth.models import Group

from programs.models import ActivityType
from tests.reuse_db import restore, snapshot


def test_restore_brings_back_the_seed_rows_after_a_flush_and_new_rows_still_get_fresh_ids(db):
    seeded = snapshot()
    types = set(ActivityType.objects.values_list("pk", "key"))
    assert types, "the migrations seed the activity taxonomy"

    restore(seeded)

    assert set(ActivityType.objects.values_list("pk", "key")) == types
    assert Group.objects.filter(name="SAM", permissions__isnull=False).exists()
    added = ActivityType.objects.create(
        key="new_type", name_sv="Ny", name_en="New", default_authenticity=0, default_proximity=0
    )
    assert added.pk not in {pk for pk, _key in types}
