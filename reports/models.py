"""The report archive, report generation jobs and each user's report preferences.

`Report` rows are the archive: one immutable file in Django's default storage with its
checksum. Nothing updates or deletes them (model, queryset and admin all refuse); a
regenerated report is a new row with the next version. `ReportJob` is one requested
generation and its progress; `UserPreference` holds the language of mailed reports and the
opt-out of the monthly reminder.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alakompass.types import AnyUser
from assessments.models import CompassRound
from programs.models import Faculty, Program


class ReportKind(models.TextChoices):
    PROGRAM = "program", _("Programme report")
    FACULTY = "faculty", _("Faculty report")
    UNIVERSITY = "university", _("University report")


class ReportLanguage(models.TextChoices):
    SV = "sv", _("Swedish")
    EN = "en", _("English")


def scope_key_for(
    *,
    kind: str,
    program: Program | None = None,
    faculty: Faculty | None = None,
    compass_round: CompassRound | None = None,
) -> str:
    """A text key naming a report's scope, e.g. `program:3:round:7`, `faculty:2`, `university`.

    Stored so that uniqueness (one active job, one row per version) holds without
    comparing nullable foreign keys, which SQL treats as all distinct.
    """
    if kind == ReportKind.PROGRAM:
        if program is None or compass_round is None:
            raise ValueError("A programme report needs a programme and a compass round.")
        return f"program:{program.pk}:round:{compass_round.pk}"
    if kind == ReportKind.FACULTY:
        if faculty is None:
            raise ValueError("A faculty report needs a faculty.")
        return f"faculty:{faculty.pk}"
    if kind == ReportKind.UNIVERSITY:
        return "university"
    raise ValueError(f"Unknown report kind {kind!r}.")


class ArchiveImmutableError(Exception):
    """Raised on any attempt to change or delete an archived report."""


class ReportQuerySet(models.QuerySet["Report"]):
    """Archive rows: created, never updated or deleted, not even in bulk."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise ArchiveImmutableError("Archived reports are never updated.")

    def delete(self) -> NoReturn:
        raise ArchiveImmutableError("Archived reports are never deleted.")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> NoReturn:
        raise ArchiveImmutableError("Archived reports are never updated.")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ArchiveImmutableError("Archived reports are never updated.")


class Report(models.Model):
    """One archived report file (a PDF or an Excel workbook), immutable once created."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind)
    format = models.CharField(_("format"), max_length=10, choices=Format)
    scope_key = models.CharField(_("scope"), max_length=100, editable=False)
    program = models.ForeignKey(
        Program,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("programme"),
    )
    faculty = models.ForeignKey(
        Faculty,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("faculty"),
    )
    compass_round = models.ForeignKey(
        CompassRound,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("compass round"),
    )
    round_date = models.DateField(_("reference date"), null=True, blank=True)
    is_draft = models.BooleanField(
        _("draft"), default=False, help_text=_("Generated from an open (not adopted) round.")
    )
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage)
    version = models.PositiveIntegerField(_("version"))
    model_version = models.CharField(_("model version"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    # The services choose a path that is never reused (see reports/services/archive.py).
    file = models.FileField(_("file"), upload_to="reports/", max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    job = models.ForeignKey(
        "reports.ReportJob",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("job"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # The creator's name as it was, so the record survives the account.
    created_by_name = models.CharField(_("created by (name)"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("archived report")
        verbose_name_plural = _("archived reports")
        default_permissions = ("view",)  # created by the services only
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "format", "scope_key", "language", "version"],
                name="report_one_row_per_version",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="report_version_gte_1"),
            models.CheckConstraint(
                condition=(
                    Q(kind="program", program__isnull=False, compass_round__isnull=False)
                    | Q(kind="faculty", faculty__isnull=False, program__isnull=True)
                    | Q(kind="university", faculty__isnull=True, program__isnull=True)
                ),
                name="report_scope_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "created_at"], name="report_kind_created")]

    def __str__(self) -> str:
        return self.filename

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ArchiveImmutableError("Archived reports are never updated.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:download", kwargs={"pk": self.pk})

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ArchiveImmutableError("Archived reports are never deleted.")

    @property
    def scope_label(self) -> str:
        """The programme, the faculty or the university, for lists."""
        if self.program is not None:
            return str(self.program)
        if self.faculty is not None:
            return str(self.faculty)
        return str(_("The whole university"))


class ReportJob(models.Model):
    """One requested generation and its progress: queued → rendering → done | failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        RENDER = "render", _("The report could not be produced from the data.")
        RETRIES = (
            "retries",
            _("The report could not be produced after several attempts. Please try again later."),
        )

    ACTIVE_STATUSES = (Status.QUEUED, Status.RENDERING)

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind)
    scope_key = models.CharField(_("scope"), max_length=100, editable=False)
    program = models.ForeignKey(
        Program,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("programme"),
    )
    faculty = models.ForeignKey(
        Faculty,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("faculty"),
    )
    compass_round = models.ForeignKey(
        CompassRound,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("compass round"),
    )
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("requested by"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    failure = models.CharField(_("failure"), max_length=20, choices=Failure, blank=True)
    # Technical detail for administrators (the exception); never shown to users.
    error_detail = models.TextField(_("error detail"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            # The same request twice while one is queued or rendering gives one job.
            models.UniqueConstraint(
                fields=["kind", "scope_key", "language"],
                condition=Q(status__in=["queued", "rendering"]),
                name="reportjob_one_active_per_request",
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="reportjob_status_upd")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scope_key} {self.language} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("reports:job_detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def failure_message(self) -> str:
        """The failure in the active language, for the job page."""
        if self.status != self.Status.FAILED:
            return ""
        return str(self.get_failure_display() or self.Failure.RENDER.label)

    @property
    def requester_name(self) -> str:
        """Who asked for it (full name, else login); empty for a periodic task."""
        user = self.requested_by
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()

    @property
    def scope_label(self) -> str:
        if self.compass_round is not None:
            return f"{self.compass_round.program} {self.compass_round.date:%Y-%m-%d}"
        if self.faculty is not None:
            return str(self.faculty)
        return str(_("The whole university"))


class UserPreferenceQuerySet(models.QuerySet["UserPreference"]):
    def for_user(self, user: AnyUser) -> "UserPreference":
        """The user's stored preferences, or unsaved defaults when there are none yet."""
        if user.is_authenticated:
            found = self.filter(user_id=user.pk).first()
            if found is not None:
                return found
            return UserPreference(user_id=user.pk)
        return UserPreference()


class UserPreference(models.Model):
    """A user's report preferences: mail language and the monthly reminder's opt-out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="report_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language of mailed reports"),
        max_length=2,
        choices=ReportLanguage,
        default=ReportLanguage.SV,
    )
    monthly_reminder = models.BooleanField(
        _("monthly reminder"),
        default=True,
        help_text=_("A monthly email about the open items of your own programmes."),
    )

    objects = UserPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("report preference")
        verbose_name_plural = _("report preferences")

    def __str__(self) -> str:
        return str(self.user)
