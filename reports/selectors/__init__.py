"""Reads for reports, split by topic; every public selector is re-exported here."""

from reports.selectors.archive import (
    ReportScope,
    report_can_request,
    report_filter_faculties,
    report_filter_programs,
    report_filter_years,
    report_get_for_user,
    report_job_get_for_user,
    report_list_for_user,
    report_round_choices,
    report_scope_get_for_user,
    report_scope_visible,
)

__all__ = [
    "ReportScope",
    "report_can_request",
    "report_filter_faculties",
    "report_filter_programs",
    "report_filter_years",
    "report_get_for_user",
    "report_job_get_for_user",
    "report_list_for_user",
    "report_round_choices",
    "report_scope_get_for_user",
    "report_scope_visible",
]
