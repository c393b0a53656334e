"""Seed the activity taxonomy of compass-model.md and the SAM group."""

from django.db import migrations

ALL = [
    "support_preparation",
    "support_agreement",
    "support_workplace_supervisor",
    "support_university_contact",
    "support_debriefing",
]
PREP_DEBRIEF = ["support_preparation", "support_debriefing"]

# key, Swedish, English, A, P, typical support items (pre-ticked on the form)
ACTIVITY_TYPES = [
    ("placement", "VFU / praktik", "Placement / internship", 2, 2, ALL),
    ("coop", "Varvad utbildning", "Co-op / alternating work terms", 2, 2, ALL),
    (
        "degree_project",
        "Examensarbete med extern part",
        "Degree project with external partner",
        2,
        2,
        ALL[:4],
    ),
    (
        "partner_project",
        "Projekt/uppdrag med extern part",
        "Project or case with external partner",
        2,
        1,
        ["support_preparation", "support_university_contact", "support_debriefing"],
    ),
    ("field_study", "Fältstudie", "Field study", 1, 2, PREP_DEBRIEF),
    ("simulation", "Simulering / realistiskt case", "Simulation / realistic case", 2, 0, PREP_DEBRIEF),
    ("study_visit", "Studiebesök", "Study visit", 0, 2, PREP_DEBRIEF),
    ("competition", "Tävling / hackathon", "Competition / hackathon", 1, 1, ["support_preparation"]),
    ("entrepreneurship", "Entreprenörskap", "Entrepreneurship", 1, 1, ["support_preparation"]),
    ("guest_lecture", "Gästföreläsning", "Guest lecture", 0, 1, []),
    (
        "mentorship",
        "Mentorprogram",
        "Mentorship",
        0,
        1,
        ["support_preparation", "support_workplace_supervisor"],
    ),
    ("career", "Karriärmoment", "Career learning element", 1, 0, []),
    ("alumni", "Alumnmedverkan", "Alumni involvement", 0, 1, []),
    ("other", "Övrigt", "Other", 0, 0, []),
]


def seed(apps, schema_editor):
    ActivityType = apps.get_model("programs", "ActivityType")
    for position, (key, name_sv, name_en, a, p, support) in enumerate(ACTIVITY_TYPES):
        ActivityType.objects.update_or_create(
            key=key,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "default_authenticity": a,
                "default_proximity": p,
                "typical_support": support,
                "position": position,
            },
        )
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="SAM")


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
