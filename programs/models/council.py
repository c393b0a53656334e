"""Industry and programme councils (branschråd/programråd) and their meetings."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.base import TrackedModel
from programs.models.partner import Partner
from programs.models.program import Program
from programs.models.text import LONG_TEXT, TEXT, BoundedTextField


class Council(TrackedModel):
    program = models.OneToOneField(
        Program, models.CASCADE, related_name="council", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    is_formal = models.BooleanField(
        _("formal council"),
        default=False,
        help_text=_("Appointed by a decision, with a mandate and regular meetings."),
    )
    last_curriculum_review = models.DateField(
        _("last review of the curriculum or learning outcomes"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name


class CouncilMember(TrackedModel):
    """An external member, recorded by organisation and role (no personal data needed)."""

    council = models.ForeignKey(
        Council, models.CASCADE, related_name="members", verbose_name=_("council")
    )
    partner = models.ForeignKey(
        Partner,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="council_memberships",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(
        _("organisation (if not in the register)"), max_length=200, blank=True
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("external council member")
        verbose_name_plural = _("external council members")
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | ~Q(organisation_name=""),
                name="councilmember_has_organisation",
                violation_error_message=_("Give the member's organisation."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.partner or self.organisation_name)


class CouncilMeeting(TrackedModel):
    council = models.ForeignKey(
        Council, models.CASCADE, related_name="meetings", verbose_name=_("council")
    )
    date = models.DateField(_("date"))
    participants = models.PositiveSmallIntegerField(_("number of participants"), default=0)
    minutes = BoundedTextField(_("minutes"), max_length=LONG_TEXT, blank=True)
    decisions = BoundedTextField(_("decisions"), max_length=TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")

    def __str__(self) -> str:
        return f"{self.council} {self.date:%Y-%m-%d}"
