"""The dashboard as an Excel workbook: one sheet per table, in the user's language.

The cells and the file are written by `alakompass.spreadsheets`, the one module every export
goes through: a programme or partner name typed as "=HYPERLINK(...)" stays text, control
characters pasted from Word are dropped, numbers and dates stay typed values. Unlike the
page, the coverage sheet holds every programme in scope.
"""

from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from alakompass.spreadsheets import Cell, Sheet, sheets_xlsx
from assessments.dashboard import Dashboard, OverdueAction, ProgramRow, Share


def share_label(share: Share) -> str:
    """The translated name of a share shown on the dashboard."""
    labels = {
        "formal_council": _("Programmes with a formal council"),
        "current_round": _("Programmes with a current compass round"),
        "action_plan": _("Programmes with an action plan"),
    }
    return labels[share.key]


def _program_cells(row: ProgramRow) -> list[Cell]:
    return [row.code, row.name, row.faculty, row.profile]


def _overview(dashboard: Dashboard, title: str, filters: Sequence[tuple[str, str]]) -> Sheet:
    rows: list[list[Cell]] = [
        [_("Self-assessment – not intended for comparing programmes")],
        [_("Date"), dashboard.today],
        [_("Programmes"), dashboard.program_count],
    ]
    rows.extend([label, value] for label, value in filters)
    rows += [[], [_("Share"), _("Programmes"), _("Of"), _("Per cent")]]
    share_heading = len(rows) - 1
    rows.extend(
        [share_label(share), share.count, share.total, share.percent] for share in dashboard.shares
    )
    return Sheet(
        title=_("Overview"),
        headers=[title],
        rows=rows,
        auto_filter=False,
        bold_rows=frozenset({share_heading}),
    )


def dashboard_sheets(
    *, dashboard: Dashboard, title: str, filters: Sequence[tuple[str, str]]
) -> list[Sheet]:
    """The dashboard's tables as sheets: an overview and one sheet per table."""
    program_header = [_("Code"), _("Programme"), _("Faculty"), _("Profile")]
    return [
        _overview(dashboard, title, filters),
        Sheet(
            title=_("Distribution per axis"),
            headers=[
                _("Axis"),
                _("Scored"),
                _("N/A"),
                _("Min"),
                _("Q1"),
                _("Median"),
                _("Q3"),
                _("Max"),
            ],
            rows=[
                [d.label, d.n, d.not_applicable, d.minimum, d.q1, d.median, d.q3, d.maximum]
                for d in dashboard.distributions
            ],
        ),
        Sheet(
            title=_("Programmes"),
            headers=[
                *program_header,
                _("Formal council"),
                _("Current compass round"),
                _("Action plan"),
                _("Last inventory change"),
                _("Stale inventory"),
            ],
            rows=[
                [
                    *_program_cells(row),
                    row.has_formal_council,
                    row.has_current_round,
                    row.has_action_plan,
                    timezone.localdate(row.last_change),
                    row.is_stale,
                ]
                for row in dashboard.programs
            ],
        ),
        Sheet(
            title=_("Coverage"),
            headers=[_("Code"), _("Programme"), *(c.label for c in dashboard.coverage_columns)],
            rows=[[r.program.code, r.program.name, *r.counts] for r in dashboard.coverage_rows],
        ),
        Sheet(
            title=_("Stale inventories"),
            headers=[*program_header, _("Last inventory change")],
            rows=[
                [*_program_cells(row), timezone.localdate(row.last_change)]
                for row in dashboard.stale
            ],
        ),
        overdue_actions_sheet(dashboard.overdue_actions),
        Sheet(
            title=_("Agreements ending soon"),
            headers=[
                _("Agreement"),
                _("Partner"),
                _("Kind"),
                _("End date"),
                _("Days left"),
                _("Programmes"),
            ],
            rows=[
                [a.title, a.partner, a.kind, a.end_date, a.days_left, ", ".join(a.program_codes)]
                for a in dashboard.expiring_agreements
            ],
        ),
        Sheet(
            title=_("Partner organisations"),
            headers=[
                _("Partner organisation"),
                _("Sector"),
                _("Strategic partner"),
                _("Programmes"),
            ],
            rows=[[p.name, p.sector, p.is_strategic, p.programs] for p in dashboard.top_partners],
        ),
    ]


def dashboard_workbook(
    *, dashboard: Dashboard, title: str, filters: Sequence[tuple[str, str]]
) -> bytes:
    """The dashboard's tables as an .xlsx file (bytes): an overview sheet and one per table."""
    sheets = dashboard_sheets(dashboard=dashboard, title=title, filters=filters)
    return sheets_xlsx(sheets=sheets, title=title)


def overdue_actions_sheet(actions: Iterable[OverdueAction], *, key: str = "") -> Sheet:
    """The overdue actions as a sheet: the dashboard export and the faculty report's Excel."""
    return Sheet(
        key=key,
        title=_("Overdue actions"),
        headers=[
            _("Code"),
            _("Programme"),
            _("Action"),
            _("Owner"),
            _("Due date"),
            _("Days overdue"),
            _("Status"),
        ],
        rows=[
            [
                a.program_code,
                a.program_name,
                a.description,
                a.owner,
                a.due_date,
                a.days_overdue,
                a.status,
            ]
            for a in actions
        ],
    )
