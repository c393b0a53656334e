"""The faculty report (PDF + Excel); faculty None gives the university-wide version for SAM."""

from reports.documents.faculty.render import faculty_report

__all__ = ["faculty_report"]
