"""Writes for reports, split by topic; every public service is re-exported here."""

from reports.services.archive import StoredFile, report_filename, report_next_version
from reports.services.jobs import (
    MAX_ATTEMPTS,
    STUCK_AFTER,
    TRANSIENT_ERRORS,
    report_generate,
    report_job_create,
    report_job_fail,
    report_jobs_sweep,
    report_request,
)

__all__ = [
    "MAX_ATTEMPTS",
    "STUCK_AFTER",
    "TRANSIENT_ERRORS",
    "StoredFile",
    "report_filename",
    "report_generate",
    "report_job_create",
    "report_job_fail",
    "report_jobs_sweep",
    "report_next_version",
    "report_request",
]
