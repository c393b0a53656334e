"""The quality-assurance report of one programme's compass round (PDF/A-3a)."""

from reports.documents.program.render import program_report

__all__ = ["program_report"]
