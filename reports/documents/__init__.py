"""The report documents: functions that return the bytes of a PDF or an Excel workbook.

The interface other parts of `reports` call (see reports-contract): `RenderedFile`,
`program_report(...)` and `faculty_report(...)`. They activate the requested language
themselves, read through selectors, write nothing, and raise on failure.
"""

from reports.documents.faculty import faculty_report
from reports.documents.files import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, RenderedFile
from reports.documents.program import program_report

__all__ = [
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "RenderedFile",
    "faculty_report",
    "program_report",
]
