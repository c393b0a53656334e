"""The faculty report's tables, built once and written both to the PDF and to the Excel file.

Each table is an `alakompass.spreadsheets.Sheet`: the workbook writes it through that module
(formula-like text neutralised, control characters dropped) and the PDF template renders
the same rows as text (`pdf_rows`), so the two files cannot disagree. Programmes appear in
code order in every table; nothing is sorted by a score.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from alakompass import spreadsheets
from assessments import dashboard_export
from assessments.models import Action
from reports.documents.faculty.context import FacultyReport, ProgramSummary


@dataclass(frozen=True)
class PdfTable:
    """A sheet as the PDF shows it: every cell as text, numeric columns marked."""

    key: str
    title: str
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    widths: tuple[int, ...] = ()  # per cent of the text width per column; () lays out by content

    @property
    def numeric_columns(self) -> set[int]:
        return {index for index, numeric in enumerate(self.numeric) if numeric}

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        """Each row's cells paired with whether their column is numeric."""
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


def basis_label(summary: ProgramSummary) -> str:
    return _("Live state") if summary.is_live else _("Adopted round")


def _basis_date(summary: ProgramSummary) -> datetime.date | None:
    if summary.frozen_round is not None:
        return summary.frozen_round.date
    return None


def _scope_columns(data: FacultyReport) -> bool:
    """The university-wide report names each programme's faculty."""
    return data.faculty is None


def programmes_sheet(data: FacultyReport) -> spreadsheets.Sheet:
    with_faculty = _scope_columns(data)
    headers: list[spreadsheets.Cell] = [_("Programme code"), _("Programme")]
    if with_faculty:
        headers.append(_("Faculty"))
    headers += [_("Basis"), _("Adopted round"), *(label for _k, label, _n in _status_header())]
    headers.append(_("Overdue"))
    rows = []
    for summary in data.programs:
        row: list[spreadsheets.Cell] = [summary.row.code, summary.row.name]
        if with_faculty:
            row.append(summary.row.faculty)
        row += [basis_label(summary), _basis_date(summary)]
        row += [count for _key, _label, count in summary.action_counts]
        row.append(summary.overdue)
        rows.append(row)
    return spreadsheets.Sheet(key="programs", title=_("Programmes"), headers=headers, rows=rows)


def status_short_labels() -> dict[str, str]:
    """One word per traffic light, for narrow table columns."""
    return {
        Action.Status.GREEN: _("Green"),
        Action.Status.YELLOW: _("Yellow"),
        Action.Status.RED: _("Red"),
        Action.Status.DONE: _("Done"),
    }


def _status_header() -> list[tuple[str, str, int]]:
    short = status_short_labels()
    return [(value, short[value], 0) for value in Action.Status.values]


def axes_sheet(data: FacultyReport) -> spreadsheets.Sheet:
    rows: list[list[spreadsheets.Cell]] = [
        [
            summary.row.code,
            summary.row.name,
            basis_label(summary),
            number,
            line.label,
            line.shown,
            line.target,
            line.gap,
        ]
        for summary in data.programs
        for number, line in enumerate(summary.axes, start=1)
    ]
    return spreadsheets.Sheet(
        key="axes",
        title=_("Axes per programme"),
        headers=[
            _("Programme code"),
            _("Programme"),
            _("Basis"),
            _("No."),
            _("Axis"),
            _("Score"),
            _("Target (målbild)"),
            _("Gap"),
        ],
        rows=rows,
    )


def distributions_sheet(data: FacultyReport) -> spreadsheets.Sheet:
    return spreadsheets.Sheet(
        key="distributions",
        title=_("Distributions"),
        headers=[
            _("No."),
            _("Axis"),
            _("Programmes scored"),
            _("N/A"),
            _("Lowest"),
            _("Lower quartile"),
            _("Median"),
            _("Upper quartile"),
            _("Highest"),
        ],
        rows=[
            [number, d.label, d.n, d.not_applicable, d.minimum, d.q1, d.median, d.q3, d.maximum]
            for number, d in enumerate(data.board.distributions, start=1)
        ],
        auto_filter=False,
    )


def activity_types_sheet(data: FacultyReport) -> spreadsheets.Sheet:
    return spreadsheets.Sheet(
        key="activity_types",
        title=_("Activity types"),
        headers=[_("No."), _("Activity type"), _("Programmes with the type"), _("Activities")],
        rows=[
            [number, column.label, column.programs_with, column.activities]
            for number, column in enumerate(data.board.coverage_columns, start=1)
        ],
        auto_filter=False,
    )


def coverage_sheet(data: FacultyReport, *, numbered: bool = False) -> spreadsheets.Sheet:
    """Activities per programme and type; `numbered` heads the type columns 1, 2, … (PDF)."""
    columns = data.board.coverage_columns
    type_headers = [str(n) if numbered else c.label for n, c in enumerate(columns, start=1)]
    return spreadsheets.Sheet(
        key="coverage",
        title=_("Coverage"),
        headers=[_("Programme code"), _("Programme"), *type_headers],
        rows=[
            [row.program.code, row.program.name, *row.counts] for row in data.board.coverage_rows
        ],
    )


def overdue_sheet(data: FacultyReport) -> spreadsheets.Sheet:
    actions = sorted(data.board.overdue_actions, key=lambda a: (a.program_code, a.due_date))
    return dashboard_export.overdue_actions_sheet(actions, key="overdue")


def round_gaps_sheet(data: FacultyReport) -> spreadsheets.Sheet:
    return spreadsheets.Sheet(
        key="round_gaps",
        title=_("No adopted round"),
        headers=[
            _("Programme code"),
            _("Programme"),
            _("Latest adopted round"),
            _("Round in progress"),
        ],
        rows=[[g.row.code, g.row.name, g.latest_frozen, g.has_open_round] for g in data.round_gaps],
    )


def agreements_sheet(data: FacultyReport) -> spreadsheets.Sheet:
    return spreadsheets.Sheet(
        key="agreements",
        title=_("Agreements ending"),
        headers=[
            _("Agreement"),
            _("Partner"),
            _("Kind"),
            _("Ends"),
            _("Days left"),
            _("Programmes"),
        ],
        rows=[
            [a.title, a.partner, a.kind, a.end_date, a.days_left, ", ".join(a.program_codes)]
            for a in data.board.expiring_agreements
        ],
    )


def faculty_sheets(*, data: FacultyReport, for_pdf: bool = False) -> list[spreadsheets.Sheet]:
    """Every table of the report, in the report's order."""
    return [
        programmes_sheet(data),
        axes_sheet(data),
        distributions_sheet(data),
        activity_types_sheet(data),
        coverage_sheet(data, numbered=for_pdf),
        overdue_sheet(data),
        round_gaps_sheet(data),
        agreements_sheet(data),
    ]


def _text(value: spreadsheets.Cell) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return spreadsheets.yes_no(value)
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float | Decimal):
        return formats.number_format(value, decimal_pos=1)
    return str(value)


def _numeric(rows: Sequence[Sequence[spreadsheets.Cell]], index: int) -> bool:
    values = [row[index] for row in rows if row[index] is not None]
    return bool(values) and all(
        isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in values
    )


# Column widths (per cent) of the tables whose long Swedish compounds would otherwise push
# the narrow count columns past the margin.
WIDTHS = {
    # The count heads ("Grön"/"Green", "Röd", "Försenade") need 6–8 % to stay whole words.
    ("programs", 10): (10, 17, 16, 11, 12, 8, 6, 6, 6, 8),  # university-wide: with faculty
    ("programs", 9): (10, 30, 11, 12, 8, 6, 6, 7, 10),
}


def pdf_table(sheet: spreadsheets.Sheet, *, caption: str) -> PdfTable:
    """The sheet's cells as the PDF prints them."""
    width = len(sheet.headers)
    return PdfTable(
        widths=WIDTHS.get((sheet.key, width), ()),
        key=sheet.key,
        title=sheet.title,
        caption=caption,
        headers=[str(h) for h in sheet.headers],
        rows=[[_text(v) for v in row] for row in sheet.rows],
        numeric=[_numeric(sheet.rows, i) for i in range(width)],
    )
