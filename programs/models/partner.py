"""The university-wide partner register and formal agreements."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.base import TrackedModel
from programs.models.text import TEXT, BoundedTextField
from programs.validators import validate_org_number

AGREEMENT_EXPIRY_WARNING_DAYS = 90


class Partner(TrackedModel):
    class Sector(models.TextChoices):
        PRIVATE = "private", _("Private")
        PUBLIC = "public", _("Public")
        NON_PROFIT = "non_profit", _("Non-profit")
        UNIVERSITY = "university", _("Own university")

    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
        help_text=_("NNNNNN-NNNN, when known."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector)
    region = models.CharField(_("region"), max_length=100, blank=True)
    is_strategic = models.BooleanField(_("strategic partner"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~Q(org_number=""),
                name="partner_unique_org_number",
                violation_error_message=_(
                    "A partner with this organisation number is already registered."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Agreement(TrackedModel):
    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement")
        LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")

    class Level(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic")
        OPERATIVE = "operative", _("Operative")

    partner = models.ForeignKey(
        Partner, models.PROTECT, related_name="agreements", verbose_name=_("partner")
    )
    programs = models.ManyToManyField(
        "programs.Program",
        related_name="agreements",
        verbose_name=_("programmes"),
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    notes = BoundedTextField(_("notes"), max_length=TEXT, blank=True)
    history = HistoricalRecords(m2m_fields=[programs])

    class Meta:
        ordering = ["end_date", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="agreement_end_after_start",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def ends_soon(self, today: datetime.date) -> bool:
        """True if the agreement ends within 90 days from `today` (and has not ended)."""
        if self.end_date is None:
            return False
        days_left = (self.end_date - today).days
        return 0 <= days_left <= AGREEMENT_EXPIRY_WARNING_DAYS
