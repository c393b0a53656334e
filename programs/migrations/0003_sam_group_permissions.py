"""Give the SAM group the admin rights its role needs: the partner register, agreements and
SAM's support catalogue (view, add, change). Deleting stays with administrators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SAM_MODELS = [
    ("programs", "partner"),
    ("programs", "agreement"),
    ("assessments", "supportoffer"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; create them now so they can be granted.
    # A migration's app configs are stubs; the documented workaround marks them as having models.
    for app_label in {label for label, _model in SAM_MODELS}:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    sam, _created = Group.objects.get_or_create(name="SAM")
    for app_label, model in SAM_MODELS:
        for action in ("view", "add", "change"):
            sam.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_seed_activity_types"),
        ("assessments", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
