"""Writing export tables as CSV and Excel, safe against formula injection."""

import csv
import datetime
import io
import re
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from programs.exporting.sheets import Sheet, inventory_sheets, yes_no
from programs.models import Program

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"


def neutralise(value: Any) -> Any:
    """Prefix an apostrophe to text a spreadsheet would run as a formula; keep the rest."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_filename(*, program: Program, extension: str, sheet: Sheet | None = None) -> str:
    """`<code>-inventering-YYYY-MM-DD.xlsx`, with the sheet's name for a CSV."""
    code = re.sub(r"[^A-Za-z0-9_-]+", "_", program.code) or "program"
    parts = [code, slugify(_("inventory"))]
    if sheet is not None:
        parts.append(slugify(sheet.title))
    parts.append(timezone.localdate().isoformat())
    return "-".join(part for part in parts if part) + f".{extension}"


def _csv_text(value: Any, decimal_separator: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Decimal | float):
        return str(value).replace(".", decimal_separator)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def sheet_csv(*, sheet: Sheet) -> bytes:
    """The sheet as semicolon-separated UTF-8 with BOM, numbers in the language's format."""
    decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([neutralise(header) for header in sheet.headers])
    for row in sheet.rows:
        writer.writerow([_csv_text(value, decimal_separator) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_value(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet"
    candidate, number = base, 2
    while candidate.casefold() in used:
        suffix = f" {number}"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.casefold())
    return candidate


def sheets_xlsx(*, sheets: list[Sheet], title: str = "") -> bytes:
    """An Excel workbook with one worksheet per sheet, headings bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.creator = "ALA-kompassen"
    used: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title, used))
        worksheet.append([_xlsx_value(header) for header in sheet.headers])
        for cell in worksheet[1]:
            cell.font = bold
        widths = [len(str(header)) for header in sheet.headers]
        for row in sheet.rows:
            worksheet.append([_xlsx_value(value) for value in row])
            for index, value in enumerate(row[: len(widths)]):
                widths[index] = max(widths[index], min(len(str(value or "")), 60))
        for row_cells in worksheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, datetime.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = max(8, width + 2)
        worksheet.freeze_panes = "A2"
        if sheet.rows and sheet.key != "program":
            worksheet.auto_filter.ref = worksheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def inventory_xlsx(*, program: Program) -> bytes:
    """The programme's whole inventory as an Excel workbook, in the active language."""
    return sheets_xlsx(sheets=inventory_sheets(program=program), title=str(program))
