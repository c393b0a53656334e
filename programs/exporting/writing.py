"""The inventory export as files: its download names and the whole-inventory workbook.

Cells, sheets and files are written by `alakompass.spreadsheets`, the one place that keeps
every export safe against formula injection.
"""

import re

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alakompass import spreadsheets
from programs.exporting.sheets import inventory_sheets
from programs.models import Program


def export_filename(
    *, program: Program, extension: str, sheet: spreadsheets.Sheet | None = None
) -> str:
    """`<code>-inventering-YYYY-MM-DD.xlsx`, with the sheet's name for a CSV."""
    code = re.sub(r"[^A-Za-z0-9_-]+", "_", program.code) or "program"
    parts = [code, slugify(_("inventory"))]
    if sheet is not None:
        parts.append(slugify(sheet.title))
    parts.append(timezone.localdate().isoformat())
    return "-".join(part for part in parts if part) + f".{extension}"


def inventory_xlsx(*, program: Program) -> bytes:
    """The programme's whole inventory as an Excel workbook, in the active language."""
    return spreadsheets.sheets_xlsx(sheets=inventory_sheets(program=program), title=str(program))
