"""Builders for the report core's tests: adoptable rounds and archive rows without rendering."""

import datetime

from django.utils import timezone

from assessments import services as compass_services
from assessments.models import AxisChoice, CompassRound
from programs.models import Faculty, Program
from reports import documents
from reports.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, RenderedFile
from reports.models import Report, ReportJob, ReportKind
from reports.services import archive, jobs
from tests import factories

PDF_BYTES = b"%PDF-1.7\n% a stand-in document for permission tests\n%%EOF\n"


def open_round(program: Program, date: datetime.date = datetime.date(2026, 3, 15)) -> CompassRound:
    """An open round of `program` with a målbild on every axis and one activity."""
    factories.ActivityFactory(program=program, title="Gästföreläsning om yrkesrollen")
    compass_round = factories.CompassRoundFactory(program=program, date=date)
    for axis in AxisChoice.values:
        factories.TargetFactory(round=compass_round, axis=axis, score=70)
    return compass_round


def frozen_round(program: Program, user=None, date=datetime.date(2026, 3, 15)) -> CompassRound:
    """An adopted (frozen) round of `program`."""
    return compass_services.round_freeze(compass_round=open_round(program, date), user=user)


def archived(
    *,
    kind: str = ReportKind.PROGRAM,
    compass_round: CompassRound | None = None,
    faculty: Faculty | None = None,
    language: str = "sv",
    user=None,
    content: bytes | None = None,
) -> Report:
    """An archive row made through the archive service, with stand-in bytes (no rendering)."""
    job = jobs.report_job_create(
        kind=kind,
        language=language,
        requested_by=user,
        compass_round=compass_round,
        faculty=faculty,
    )
    at = timezone.now()
    version = archive.report_next_version(job=job)
    if content is None:  # distinct bytes, so every stand-in file has its own checksum
        content = PDF_BYTES + f"{job.scope_key} {language} v{version}".encode()
    stored = archive.file_store(
        content=content,
        filename=archive.report_filename(job=job, version=version, extension="pdf", on=at.date()),
        content_type="application/pdf",
        extension="pdf",
        title="Test",
        page_count=1,
        at=at,
    )
    (report,) = archive.reports_archive(
        job=job, files=[stored], version=version, created_by=user, created_at=at, model_version="v1"
    )
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.DONE)
    return report


def stand_in_documents(monkeypatch) -> list[dict]:
    """Replace the document functions with instant stand-ins (for tests of the job machinery,
    not of the documents); returns the list of calls they received."""
    calls: list[dict] = []

    def program_report(**kwargs) -> RenderedFile:
        calls.append(kwargs)
        title = f"Stand-in {kwargs['compass_round']} {kwargs['language']}"
        return RenderedFile(PDF_BYTES + title.encode(), PDF_CONTENT_TYPE, "pdf", 1, title)

    def faculty_report(**kwargs) -> tuple[RenderedFile, RenderedFile]:
        calls.append(kwargs)
        title = f"Stand-in {kwargs['faculty'] or 'university'} {kwargs['language']}"
        return (
            RenderedFile(PDF_BYTES + title.encode(), PDF_CONTENT_TYPE, "pdf", 1, title),
            RenderedFile(b"PK\x03\x04 stand-in", XLSX_CONTENT_TYPE, "xlsx", None, title),
        )

    monkeypatch.setattr(documents, "program_report", program_report)
    monkeypatch.setattr(documents, "faculty_report", faculty_report)
    return calls
