"""Programmes, courses, a course's place in programmes, and learning outcomes."""

import math
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alakompass.types import AnyUser
from programs.models.base import TrackedModel
from programs.models.i18n import localised
from programs.models.organisation import Department, Faculty
from programs.models.text import SHORT_TEXT, BoundedTextField
from programs.validators import validate_course_code

SAM_GROUP = "SAM"


class ProgramQuerySet(models.QuerySet["Program"]):
    def visible_to(self, user: AnyUser) -> "ProgramQuerySet":
        """Programmes `user` may see: all for SAM and administrators, otherwise the
        programmes they coordinate and those of the faculties whose board they sit on."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.groups.filter(name=SAM_GROUP).exists():
            return self.all()
        return self.filter(Q(coordinators=user) | Q(faculty__board_members=user)).distinct()

    def editable_by(self, user: AnyUser) -> "ProgramQuerySet":
        """Programmes whose inventory `user` may change: coordinators and administrators."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(coordinators=user).distinct()


class Program(TrackedModel):
    class Profile(models.TextChoices):
        GENERAL = "general", _("General degree")
        PROFESSIONAL = "professional", _("Professional degree")
        PROFESSIONAL_PLACEMENT = (
            "professional_placement",
            _("Professional degree with statutory placement"),
        )

    class AlumniFollowUp(models.TextChoices):  # compass indicator F3
        NONE = "none", _("No alumni follow-up")
        UNIVERSITY = "university", _("Only the university-wide alumni survey")
        PROGRAM = (
            "program",
            _("Programme-level alumni survey with work-life questions within 3 years"),
        )

    class GenderAnalysis(models.TextChoices):  # compass indicator E3
        NONE = "none", _("No participation data by gender")
        COLLECTED = "collected", _("Participation data by gender collected")
        ANALYSED = "analysed", _("Analysed, with measures where needed")

    code = models.CharField(_("programme code"), max_length=20, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    credits = models.DecimalField(_("credits (hp)"), max_digits=5, decimal_places=1)
    years = models.PositiveSmallIntegerField(
        _("programme years"),
        blank=True,
        help_text=_("Leave empty to use credits / 60, rounded up."),
    )
    profile = models.CharField(
        _("profile"), max_length=30, choices=Profile, default=Profile.GENERAL
    )
    has_distance_students = models.BooleanField(
        _("has distance or part-time students"), default=False
    )
    faculty = models.ForeignKey(
        Faculty, models.PROTECT, related_name="programs", verbose_name=_("faculty")
    )
    department = models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("department"),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme coordinators"),
        related_name="coordinated_programs",
        blank=True,
    )
    alumni_follow_up = models.CharField(
        _("alumni follow-up"),
        max_length=20,
        choices=AlumniFollowUp,
        default=AlumniFollowUp.NONE,
    )
    gender_analysis = models.CharField(
        _("gender analysis of participation"),
        max_length=20,
        choices=GenderAnalysis,
        default=GenderAnalysis.NONE,
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=[coordinators])
    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=Q(credits__gt=0), name="program_credits_gt_0"),
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=10),
                name="program_years_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return localised(self.name_sv, self.name_en)

    def get_absolute_url(self) -> str:
        return reverse("programs:program_detail", kwargs={"pk": self.pk})

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.years and self.credits:
            self.years = max(1, math.ceil(Decimal(self.credits) / 60))
        super().save(*args, **kwargs)


class Course(TrackedModel):
    code = models.CharField(
        _("course code"), max_length=10, unique=True, validators=[validate_course_code]
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    credits = models.DecimalField(_("credits (hp)"), max_digits=5, decimal_places=1)
    programs = models.ManyToManyField(
        "programs.Program",
        through="programs.ProgramCourse",
        related_name="courses",
        verbose_name=_("programmes"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(condition=Q(credits__gt=0), name="course_credits_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return localised(self.name_sv, self.name_en)


class ProgramCourse(TrackedModel):
    """A course's place in one programme: year, term and whether it is mandatory."""

    class Kind(models.TextChoices):
        MANDATORY = "mandatory", _("Mandatory")
        ELECTIVE = "elective", _("Elective")

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="program_courses", verbose_name=_("programme")
    )
    course = models.ForeignKey(
        Course, models.CASCADE, related_name="program_courses", verbose_name=_("course")
    )
    year = models.PositiveSmallIntegerField(
        _("programme year"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    term = models.PositiveSmallIntegerField(
        _("term"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Term number within the programme (1, 2, 3 …)."),
    )
    kind = models.CharField(
        _("mandatory or elective"), max_length=20, choices=Kind, default=Kind.MANDATORY
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "term", "course__code"]
        verbose_name = _("course in programme")
        verbose_name_plural = _("courses in programme")
        constraints = [
            models.UniqueConstraint(fields=["program", "course"], name="programcourse_unique"),
            models.CheckConstraint(condition=Q(year__gte=1), name="programcourse_year_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.program.code} – {self.course.code}"


class LearningOutcome(TrackedModel):
    """A programme- or course-level learning outcome, possibly about working life."""

    class Level(models.TextChoices):
        PROGRAM = "program", _("Programme outcome")
        COURSE = "course", _("Course outcome")

    program = models.ForeignKey(
        Program,
        models.CASCADE,
        related_name="learning_outcomes",
        verbose_name=_("programme"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level)
    course = models.ForeignKey(
        Course,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="learning_outcomes",
        verbose_name=_("course"),
    )
    code = models.CharField(_("reference"), max_length=30, blank=True)
    text = BoundedTextField(_("outcome"), max_length=SHORT_TEXT)
    is_work_life = models.BooleanField(_("concerns working life or the profession"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "code", "pk"]
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="program") & Q(course__isnull=True))
                | (Q(level="course") & Q(course__isnull=False)),
                name="learningoutcome_course_iff_course_level",
            ),
        ]

    def __str__(self) -> str:
        prefix = f"{self.code} " if self.code else ""
        return f"{prefix}{self.text[:80]}"
