"""Storing rendered reports in the archive: file names, paths, checksums and versions.

Each file goes to Django's default storage (`STORAGES["default"]`, MEDIA_ROOT unless a site
configures a file share or an object store) under a path with a random component, so no path
is ever reused and nothing is overwritten. The archive rows are created only after every file
of a job is stored; `files_discard` removes stored files again when anything fails.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max

from reports.models import Report, ReportJob, ReportKind

logger = logging.getLogger(__name__)

# Prefixes of faculty and university file names, in the report's own language.
_PREFIXES = {
    ReportKind.FACULTY: {"sv": "fakultet", "en": "faculty"},
    ReportKind.UNIVERSITY: {"sv": "universitet", "en": "university"},
}
_DRAFT = {"sv": "utkast", "en": "draft"}


@dataclass(frozen=True)
class StoredFile:
    """One file written to storage, not yet in the archive."""

    name: str  # the storage name (path) it was saved under
    filename: str  # the download name
    content_type: str
    extension: str
    title: str
    sha256: str
    size: int
    page_count: int | None


def _safe(value: str) -> str:
    """ASCII letters, digits, '-' and '_' only: safe in any file system and header."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", value).strip("-") or "x"


def report_filename(*, job: ReportJob, version: int, extension: str, on: datetime.date) -> str:
    """The download name: programme code, round date, draft mark, language and version, e.g.
    `TKGEO-2026-03-15-sv-v2.pdf`; faculty and university reports carry the day generated."""
    language = job.language
    if job.kind == ReportKind.PROGRAM and job.compass_round is not None:
        compass_round = job.compass_round
        parts = [_safe(compass_round.program.code), f"{compass_round.date:%Y-%m-%d}"]
        if not compass_round.is_frozen:
            parts.append(_DRAFT.get(language, "draft"))
    else:
        parts = [_PREFIXES[ReportKind(job.kind)].get(language, str(job.kind))]
        if job.faculty is not None:
            parts.append(_safe(job.faculty.code))
        parts.append(f"{on:%Y-%m-%d}")
    parts += [_safe(language), f"v{version}"]
    return "-".join(parts) + "." + _safe(extension)


def user_display_name(*, user: User | None) -> str:
    """A user's full name, else their login; empty for none (a periodic task)."""
    if user is None:
        return ""
    full_name = getattr(user, "get_full_name", None)
    return (full_name() if callable(full_name) else "") or user.get_username()


def report_next_version(*, job: ReportJob) -> int:
    """One more than the highest version of the same report (any format), so a PDF and its
    workbook made together share their number."""
    highest = Report.objects.filter(
        kind=job.kind, scope_key=job.scope_key, language=job.language
    ).aggregate(highest=Max("version"))["highest"]
    return (highest or 0) + 1


def file_store(
    *,
    content: bytes,
    filename: str,
    content_type: str,
    extension: str,
    title: str,
    page_count: int | None,
    at: datetime.datetime,
) -> StoredFile:
    """Write one file under a fresh path and measure it (SHA-256, size)."""
    path = f"reports/{at:%Y/%m}/{uuid.uuid4().hex}/{filename}"
    name = default_storage.save(path, ContentFile(content))
    return StoredFile(
        name=name,
        filename=filename,
        content_type=content_type,
        extension=extension,
        title=title,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        page_count=page_count,
    )


def files_discard(*, names: Iterable[str]) -> None:
    """Remove stored files of a generation that did not complete; never raises."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.exception("Could not remove the unarchived report file %s", name)


def reports_archive(
    *,
    job: ReportJob,
    files: Sequence[StoredFile],
    version: int,
    created_by: User | None,
    created_at: datetime.datetime,
    model_version: str,
) -> list[Report]:
    """Create the archive rows of stored files (call inside the job's transaction)."""
    compass_round = job.compass_round
    creator_name = user_display_name(user=created_by)
    rows = []
    for stored in files:
        report = Report(
            kind=job.kind,
            format=stored.extension,
            scope_key=job.scope_key,
            program=job.program,
            faculty=job.faculty,
            compass_round=compass_round,
            round_date=compass_round.date if compass_round is not None else None,
            is_draft=compass_round is not None and not compass_round.is_frozen,
            language=job.language,
            version=version,
            model_version=model_version,
            title=stored.title[:300],
            filename=stored.filename,
            content_type=stored.content_type,
            sha256=stored.sha256,
            size=stored.size,
            page_count=stored.page_count,
            job=job,
            created_by=created_by,
            created_by_name=creator_name,
            created_at=created_at,
        )
        report.file.name = stored.name
        report.save()
        rows.append(report)
    return rows
