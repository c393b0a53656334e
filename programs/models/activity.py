"""Work-integration activities, their taxonomy and their partner organisations."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.base import TrackedModel
from programs.models.i18n import localised
from programs.models.partner import Partner
from programs.models.program import Course, LearningOutcome, Program
from programs.models.text import TEXT, BoundedTextField

LEVEL_VALIDATORS = [MinValueValidator(0), MaxValueValidator(2)]
SUPPORT_FIELDS = (
    "support_preparation",
    "support_agreement",
    "support_workplace_supervisor",
    "support_university_contact",
    "support_debriefing",
)


class ActivityType(models.Model):
    """The taxonomy of compass-model.md, seeded by a data migration."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    default_authenticity = models.PositiveSmallIntegerField(
        _("default authenticity"), validators=LEVEL_VALIDATORS
    )
    default_proximity = models.PositiveSmallIntegerField(
        _("default proximity"), validators=LEVEL_VALIDATORS
    )
    typical_support = models.JSONField(
        _("typical support items"),
        default=list,
        blank=True,
        help_text=_("Support items pre-ticked when this type is chosen."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        constraints = [
            models.CheckConstraint(
                condition=Q(default_authenticity__lte=2) & Q(default_proximity__lte=2),
                name="activitytype_levels_0_to_2",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self.name_sv, self.name_en)


class Activity(TrackedModel):
    class Status(models.TextChoices):
        MANDATORY = "mandatory", _("Mandatory")
        ELECTIVE = "elective", _("Elective")
        EXTRACURRICULAR = "extracurricular", _("Extracurricular")

    class HostArrangedBy(models.TextChoices):
        PROGRAM = "program", _("The programme or university")
        STUDENT = "student", _("The student")

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="activities", verbose_name=_("programme")
    )
    course = models.ForeignKey(
        Course,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("course"),
    )
    type = models.ForeignKey(
        ActivityType, models.PROTECT, related_name="activities", verbose_name=_("type")
    )
    title = models.CharField(_("title"), max_length=200)
    description = BoundedTextField(_("description"), max_length=TEXT, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.MANDATORY)
    reach = models.PositiveSmallIntegerField(
        _("reach (percent of the cohort)"),
        default=100,
        validators=[MaxValueValidator(100)],
    )
    hp = models.DecimalField(_("credits (hp)"), max_digits=5, decimal_places=1, default=0)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=0)
    year = models.PositiveSmallIntegerField(
        _("programme year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    authenticity = models.PositiveSmallIntegerField(
        _("authenticity (A)"), validators=LEVEL_VALIDATORS
    )
    proximity = models.PositiveSmallIntegerField(_("proximity (P)"), validators=LEVEL_VALIDATORS)
    depth_motivation = models.CharField(
        _("motivation for changed authenticity or proximity"),
        max_length=300,
        blank=True,
    )
    outcomes = models.ManyToManyField(
        LearningOutcome,
        verbose_name=_("learning outcomes"),
        related_name="activities",
        blank=True,
    )
    assessed = models.BooleanField(_("has an assessed (examined) element"), default=False)
    reflection = models.BooleanField(_("structured reflection task"), default=False)
    support_preparation = models.BooleanField(_("preparation or introduction"), default=False)
    support_agreement = models.BooleanField(
        _("written agreement or learning contract with the host"), default=False
    )
    support_workplace_supervisor = models.BooleanField(
        _("named supervisor in working life"), default=False
    )
    support_university_contact = models.BooleanField(
        _("contact with a university supervisor during the activity"), default=False
    )
    support_debriefing = models.BooleanField(_("debriefing afterwards"), default=False)
    host_arranged_by = models.CharField(
        _("who arranges the host or partner"),
        max_length=20,
        choices=HostArrangedBy,
        default=HostArrangedBy.PROGRAM,
    )
    open_to_distance = models.BooleanField(
        _("open to distance and part-time students"), default=False
    )
    evaluated_by_students = models.BooleanField(
        _("evaluated by students in the latest cycle"), default=False
    )
    alumni_take_part = models.BooleanField(_("alumni take part"), default=False)
    history = HistoricalRecords(m2m_fields=[outcomes])

    class Meta:
        ordering = ["year", "title", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(reach__lte=100), name="activity_reach_0_to_100"),
            models.CheckConstraint(
                condition=~Q(status="mandatory") | Q(reach=100),
                name="activity_mandatory_reach_100",
            ),
            models.CheckConstraint(
                condition=Q(hp__gte=0) & Q(hours__gte=0),
                name="activity_size_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(hp__gt=0) | Q(hours__gt=0),
                name="activity_hp_or_hours",
            ),
            models.CheckConstraint(
                condition=Q(authenticity__lte=2) & Q(proximity__lte=2),
                name="activity_levels_0_to_2",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1),
                name="activity_year_gte_1",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.program.get_absolute_url() + f"#activity-{self.pk}"

    @property
    def depth(self) -> int:
        return self.authenticity + self.proximity

    @property
    def support_count(self) -> int:
        return sum(bool(getattr(self, name)) for name in SUPPORT_FIELDS)

    @property
    def depth_overridden(self) -> bool:
        return (self.authenticity, self.proximity) != (
            self.type.default_authenticity,
            self.type.default_proximity,
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.status == self.Status.MANDATORY and self.reach != 100:
            errors.setdefault("reach", []).append(
                _("A mandatory activity reaches the whole cohort: reach must be 100 %.")
            )
        if not (self.hp or 0) > 0 and not (self.hours or 0) > 0:
            errors.setdefault("hours", []).append(
                _("Give the activity's credits (hp) or its hours.")
            )
        if (
            self.type_id
            and self.authenticity is not None
            and self.proximity is not None
            and self.depth_overridden
            and not self.depth_motivation.strip()
        ):
            errors.setdefault("depth_motivation", []).append(
                _("You changed authenticity or proximity from the type's default: say briefly why.")
            )
        if self.year and self.program_id and self.year > self.program.years:
            errors.setdefault("year", []).append(
                _("The programme has only %(years)s years.") % {"years": self.program.years}
            )
        if errors:
            raise ValidationError(errors)


class ActivityPartner(TrackedModel):
    """A partner organisation's part in one activity, with its role."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CO_CREATOR = "co_creator", _("Co-creator of the task")
        CO_ASSESSOR = "co_assessor", _("Co-assessor")
        SUPERVISOR = "supervisor", _("Supervisor")
        GUEST_TEACHER = "guest_teacher", _("Guest teacher")
        ADVISORY = "advisory", _("Advisory")

    activity = models.ForeignKey(
        Activity,
        models.CASCADE,
        related_name="partner_links",
        verbose_name=_("activity"),
    )
    partner = models.ForeignKey(
        Partner,
        models.PROTECT,
        related_name="activity_links",
        verbose_name=_("partner organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    feedback_collected = models.BooleanField(
        _("feedback collected from the partner"), default=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name", "role"]
        verbose_name = _("activity partner")
        verbose_name_plural = _("activity partners")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "partner", "role"],
                name="activitypartner_unique_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_role_display()})"
