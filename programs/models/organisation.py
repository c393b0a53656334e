"""The university's organisation: faculties and departments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.i18n import localised


class Faculty(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    board_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("faculty board members"),
        related_name="board_faculties",
        blank=True,
    )
    history = HistoricalRecords(m2m_fields=[board_members])

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("faculty")
        verbose_name_plural = _("faculties")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (Swedish when no English name is recorded)."""
        return localised(self.name_sv, self.name_en)


class Department(models.Model):
    faculty = models.ForeignKey(
        Faculty, models.PROTECT, related_name="departments", verbose_name=_("faculty")
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["faculty", "name_sv"], name="department_unique_name_in_faculty"
            )
        ]

    def __str__(self) -> str:
        return self.name_sv
