"""Compass rounds, målbild (targets), actions, SAM's support offers and survey results."""

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models import Program, TrackedModel
from programs.models.text import SHORT_TEXT, TEXT, BoundedTextField


class AxisChoice(models.TextChoices):
    """The eight compass axes; the values equal `assessments.scoring.Axis`."""

    SCOPE = "scope", _("Scope & reach")
    AUTHENTICITY = "authenticity", _("Authenticity & proximity")
    INTEGRATION = "integration", _("Integration & assessment")
    SUPPORT = "support", _("Preparation, supervision & support")
    PARTNERSHIP = "partnership", _("Partnership & employer engagement")
    CAREER = "career", _("Career, entrepreneurship & professional identity")
    FOLLOW_UP = "follow_up", _("Follow-up, feedback & improvement")
    EQUITY = "equity", _("Equity & gender equality")


class CompassRound(TrackedModel):
    """One turn of the two-year cycle. Frozen (fastställd) rounds never change."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        WORKSHOP_1 = "workshop_1", _("Workshop 1 done (målbild)")
        WORKSHOP_2 = "workshop_2", _("Workshop 2 done (actions)")
        FROZEN = "frozen", _("Adopted (frozen)")

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="compass_rounds", verbose_name=_("programme")
    )
    date = models.DateField(_("reference date"), default=timezone.localdate)
    model_version = models.CharField(_("model version"), max_length=20, default="v1")
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    results_communicated = models.BooleanField(
        _("results communicated to students and partners"), default=False
    )
    registry_number = models.CharField(_("registry number (dnr)"), max_length=50, blank=True)
    horizontal_perspectives = BoundedTextField(
        _("horizontal perspectives"),
        max_length=TEXT,
        blank=True,
        help_text=_(
            "How the programme's work integration addresses gender equality, "
            "accessibility, non-discrimination and environmental sustainability."
        ),
    )
    inputs = models.JSONField(_("frozen inputs"), null=True, blank=True, editable=False)
    scores = models.JSONField(_("frozen scores"), null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "-date", "-pk"]
        get_latest_by = "date"
        verbose_name = _("compass round")
        verbose_name_plural = _("compass rounds")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="frozen")
                | (Q(scores__isnull=False) & Q(frozen_at__isnull=False)),
                name="compassround_frozen_has_scores",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.code} {self.date:%Y-%m-%d}"

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.FROZEN

    def get_absolute_url(self) -> str:
        return reverse("assessments:round_detail", kwargs={"pk": self.pk})


class Target(TrackedModel):
    """The målbild for one axis in one round."""

    round = models.ForeignKey(
        CompassRound, models.CASCADE, related_name="targets", verbose_name=_("round")
    )
    axis = models.CharField(_("axis"), max_length=20, choices=AxisChoice)
    score = models.PositiveSmallIntegerField(_("target score"), validators=[MaxValueValidator(100)])
    motivation = BoundedTextField(_("motivation"), max_length=SHORT_TEXT, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("target year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "axis"]
        verbose_name = _("target (målbild)")
        verbose_name_plural = _("targets (målbild)")
        constraints = [
            models.UniqueConstraint(fields=["round", "axis"], name="target_one_per_axis"),
            models.CheckConstraint(condition=Q(score__lte=100), name="target_score_le_100"),
        ]

    def __str__(self) -> str:
        return f"{self.get_axis_display()}: {self.score}"


class Action(TrackedModel):
    class Status(models.TextChoices):
        GREEN = "green", _("Green: on track")
        YELLOW = "yellow", _("Yellow: at risk")
        RED = "red", _("Red: off track")
        DONE = "done", _("Done")

    round = models.ForeignKey(
        CompassRound, models.CASCADE, related_name="actions", verbose_name=_("round")
    )
    axis = models.CharField(_("axis"), max_length=20, choices=AxisChoice)
    indicator = models.CharField(_("sub-indicator"), max_length=5, blank=True)
    description = BoundedTextField(_("description"), max_length=SHORT_TEXT)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.GREEN)
    follow_up_note = BoundedTextField(_("follow-up note"), max_length=SHORT_TEXT, blank=True)
    followed_up_at = models.DateField(_("followed up on"), null=True, blank=True)
    support_offer = models.ForeignKey(
        "assessments.SupportOffer",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("support offer used"),
    )
    history = HistoricalRecords()

    # The fields a coordinator edits on the action form and action_update may change.
    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "axis",
        "indicator",
        "description",
        "owner",
        "due_date",
        "status",
        "follow_up_note",
        "followed_up_at",
        "support_offer",
    )

    class Meta:
        ordering = ["round", "due_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def has_follow_up(self) -> bool:
        return bool(self.follow_up_note.strip())


class SupportOffer(TrackedModel):
    """SAM's catalogue of help, tied to the sub-indicators each offer improves."""

    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_sv = BoundedTextField(_("description (Swedish)"), max_length=TEXT, blank=True)
    description_en = BoundedTextField(_("description (English)"), max_length=TEXT, blank=True)
    indicators = models.JSONField(
        _("sub-indicators it improves"),
        default=list,
        blank=True,
        help_text=_('Keys such as ["P1", "C2"].'),
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title_sv"]
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")

    def __str__(self) -> str:
        return self.title_sv


class SurveyResult(models.Model):
    """The planned survey layer: one series' mean on a 1–5 scale for one axis."""

    class Series(models.TextChoices):
        SELF = "self", _("Programme self-rating")
        STUDENTS = "students", _("Students")
        ALUMNI = "alumni", _("Alumni")

    round = models.ForeignKey(
        CompassRound, models.CASCADE, related_name="survey_results", verbose_name=_("round")
    )
    axis = models.CharField(_("axis"), max_length=20, choices=AxisChoice)
    series = models.CharField(_("series"), max_length=20, choices=Series)
    mean = models.DecimalField(
        _("mean (1–5)"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    responses = models.PositiveIntegerField(_("responses"))

    class Meta:
        verbose_name = _("survey result")
        verbose_name_plural = _("survey results")
        constraints = [
            models.UniqueConstraint(fields=["round", "axis", "series"], name="surveyresult_unique"),
            models.CheckConstraint(
                condition=Q(mean__gte=1) & Q(mean__lte=5), name="surveyresult_mean_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.axis} {self.series}"


class ProgramScore(models.Model):
    """A programme's live compass axes, stored so the dashboards need not score every programme.

    A cache of `assessments.selectors.compass_all`, kept fresh incrementally: every write to
    the inventory the compass reads marks the programme's row stale (assessments/signals.py)
    and queues its refresh (assessments.tasks.program_scores_refresh); a nightly run
    recomputes all rows for the new date, because P1 depends on the reference date. A row
    that is stale, of another model version or computed for another date is never shown: the
    dashboard recomputes it first.

    `generation` is bumped by every invalidation and `computed_generation` records the
    generation a refresh read before scoring. A refresh that read the inventory just before
    a concurrent edit committed would otherwise store outdated axes as fresh; after its
    upsert it marks stale again every row whose generation moved on meanwhile.
    """

    program = models.OneToOneField(
        Program,
        models.CASCADE,
        primary_key=True,
        related_name="stored_score",
        verbose_name=_("programme"),
    )
    reference_date = models.DateField(_("reference date"))
    model_version = models.CharField(_("model version"), max_length=20, blank=True)
    axes = models.JSONField(
        _("axis scores"),
        default=dict,
        blank=True,
        help_text=_("Axis value → score 0–100, or null when the axis is N/A."),
    )
    stale = models.BooleanField(_("stale"), default=True, db_index=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    generation = models.PositiveIntegerField(_("invalidations"), default=0)
    computed_generation = models.PositiveIntegerField(_("invalidations when computed"), default=0)

    class Meta:
        verbose_name = _("stored programme score")
        verbose_name_plural = _("stored programme scores")

    def __str__(self) -> str:
        return f"{self.program_id} {self.reference_date:%Y-%m-%d} {self.model_version}"
