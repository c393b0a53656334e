"""The dashboard as an Excel workbook: one sheet per table, in the user's language.

Text cells that a spreadsheet could read as a formula (starting with = + - @, or a tab or
carriage return) get a leading apostrophe, so a programme or partner name typed as
"=HYPERLINK(...)" stays text (CSV/formula injection). Numbers and dates stay typed values.
Unlike the page, the coverage sheet holds every programme in scope.
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessments.dashboard import Dashboard, ProgramRow, Share

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: object) -> object:
    """A cell value safe from formula injection; non-text values pass unchanged.

    Control characters (Word's line break \\x0b, pasted into a text) are dropped: an
    .xlsx file cannot hold them and openpyxl refuses the whole workbook.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def sheet_title(text: str) -> str:
    """A valid Excel sheet name: no []:*?/\\ and at most 31 characters."""
    return _SHEET_TITLE_FORBIDDEN.sub(" ", text)[:SHEET_TITLE_MAX]


def share_label(share: Share) -> str:
    """The translated name of a share shown on the dashboard."""
    labels = {
        "formal_council": _("Programmes with a formal council"),
        "current_round": _("Programmes with a current compass round"),
        "action_plan": _("Programmes with an action plan"),
    }
    return labels[share.key]


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _add_table(
    workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Worksheet:
    sheet = workbook.create_sheet(sheet_title(title))
    sheet.append([neutralise(text) for text in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(text)) for text in header]
    for row in rows:
        values = [neutralise(value) for value in row]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], min(60, len(str(value))))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    return sheet


def _program_cells(row: ProgramRow) -> list[object]:
    return [row.code, row.name, row.faculty, row.profile]


def dashboard_workbook(
    *, dashboard: Dashboard, title: str, filters: Sequence[tuple[str, str]]
) -> bytes:
    """The dashboard's tables as an .xlsx file (bytes): an overview sheet and one per table."""
    workbook = Workbook()
    overview = workbook.active
    overview.title = sheet_title(_("Overview"))
    overview.append([neutralise(title)])
    overview["A1"].font = Font(bold=True, size=14)
    overview.append([_("Self-assessment – not intended for comparing programmes")])
    overview.append([_("Date"), dashboard.today])
    overview.append([_("Programmes"), dashboard.program_count])
    for label, value in filters:
        overview.append([neutralise(label), neutralise(value)])
    overview.append([])
    overview.append([_("Share"), _("Programmes"), _("Of"), _("Per cent")])
    overview.cell(row=overview.max_row, column=1).font = Font(bold=True)
    for share in dashboard.shares:
        overview.append([share_label(share), share.count, share.total, share.percent])
    overview.column_dimensions["A"].width = 50
    overview.column_dimensions["B"].width = 20

    _add_table(
        workbook,
        _("Distribution per axis"),
        [_("Axis"), _("Scored"), _("N/A"), _("Min"), _("Q1"), _("Median"), _("Q3"), _("Max")],
        (
            [d.label, d.n, d.not_applicable, d.minimum, d.q1, d.median, d.q3, d.maximum]
            for d in dashboard.distributions
        ),
    )
    program_header = [_("Code"), _("Programme"), _("Faculty"), _("Profile")]
    _add_table(
        workbook,
        _("Programmes"),
        [
            *program_header,
            _("Formal council"),
            _("Current compass round"),
            _("Action plan"),
            _("Last inventory change"),
            _("Stale inventory"),
        ],
        (
            [
                *_program_cells(row),
                yes_no(row.has_formal_council),
                yes_no(row.has_current_round),
                yes_no(row.has_action_plan),
                timezone.localdate(row.last_change),
                yes_no(row.is_stale),
            ]
            for row in dashboard.programs
        ),
    )
    _add_table(
        workbook,
        _("Coverage"),
        [_("Code"), _("Programme"), *(c.label for c in dashboard.coverage_columns)],
        ([r.program.code, r.program.name, *r.counts] for r in dashboard.coverage_rows),
    )
    _add_table(
        workbook,
        _("Stale inventories"),
        [*program_header, _("Last inventory change")],
        ([*_program_cells(row), timezone.localdate(row.last_change)] for row in dashboard.stale),
    )
    _add_table(
        workbook,
        _("Overdue actions"),
        [
            _("Code"),
            _("Programme"),
            _("Action"),
            _("Owner"),
            _("Due date"),
            _("Days overdue"),
            _("Status"),
        ],
        (
            [
                a.program_code,
                a.program_name,
                a.description,
                a.owner,
                a.due_date,
                a.days_overdue,
                a.status,
            ]
            for a in dashboard.overdue_actions
        ),
    )
    _add_table(
        workbook,
        _("Agreements ending soon"),
        [_("Agreement"), _("Partner"), _("Kind"), _("End date"), _("Days left"), _("Programmes")],
        (
            [a.title, a.partner, a.kind, a.end_date, a.days_left, ", ".join(a.program_codes)]
            for a in dashboard.expiring_agreements
        ),
    )
    _add_table(
        workbook,
        _("Partner organisations"),
        [_("Partner organisation"), _("Sector"), _("Strategic partner"), _("Programmes")],
        ([p.name, p.sector, yes_no(p.is_strategic), p.programs] for p in dashboard.top_partners),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
