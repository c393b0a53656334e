"""Writes for the organisation around the programmes: faculties and departments."""

from programs.models import Department, Faculty


def faculty_get_or_create(*, code: str, name_sv: str, name_en: str = "") -> Faculty:
    """The faculty with this code, created if missing."""
    faculty, _created = Faculty.objects.get_or_create(
        code=code, defaults={"name_sv": name_sv, "name_en": name_en}
    )
    return faculty


def department_get_or_create(*, faculty: Faculty, name_sv: str, name_en: str = "") -> Department:
    """The department of this name in the faculty, created if missing."""
    department, _created = Department.objects.get_or_create(
        faculty=faculty, name_sv=name_sv, defaults={"name_en": name_en}
    )
    return department
