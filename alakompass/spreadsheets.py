"""Spreadsheet safety: the one place every Excel and CSV download is written.

The inventory export (`programs.exporting`), the dashboard export
(`assessments.dashboard_export`) and the reports' Excel files all write their cells and
send their files through this module, so each rule below holds for every download:

- Formula injection (OWASP, "CSV Injection"): a text cell that begins with = + - @, a tab,
  a carriage return or a line feed, also after leading white space, gets a leading
  apostrophe, so Excel, LibreOffice and Google Sheets show it as text and never run it.
  Numbers, dates and booleans are typed values, never formulas, and stay as they are. In CSV
  a field holding the separator, a quote or a line break is quoted by the csv module, so no
  text can start a new cell of its own.
- Control characters that an .xlsx cannot hold (openpyxl refuses the whole workbook, e.g.
  Word's line break \\x0b pasted into a text) are dropped from every text, in CSV as well.
- Sheet titles follow Excel's rules: at most 31 characters, none of []:*?/\\, no apostrophe
  at either end, unique in the workbook regardless of case.
- Booleans are written as Yes/No and time stamps as local wall-clock time (spreadsheets have
  no time zones), in the active language.
- CSV is semicolon-separated UTF-8 with BOM with the language's decimal separator (7,5 in
  Swedish), so Swedish Excel opens it with å ä ö and numbers intact.
- Downloads are attachments (RFC 6266) with a file name safe on every system, an ASCII
  fallback beside the UTF-8 name, and are never stored by shared caches.
"""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"
# OWASP's list: a cell beginning with one of these is read as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
SHEET_TITLE_MAX = 31
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_RESERVED = "history"  # Excel keeps this name for its change history
COLUMN_WIDTH_MAX = 60  # characters; longer texts wrap in the spreadsheet instead
FILENAME_MAX = 150  # characters, extension included
# XML 1.0 cannot hold lone surrogates nor U+FFFE/U+FFFF either.
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_FILENAME_UNSAFE = re.compile(r"[^\w.-]+")
_WINDOWS_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$")

Cell = str | Promise | int | float | Decimal | datetime.date | None  # bool is an int


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: a title, a heading row and the rows under it.

    `key` names the sheet in URLs (?sheet=courses); `auto_filter` puts Excel's filter
    buttons on the heading row; `bold_rows` are indexes into `rows` set in bold, for a
    heading in the middle of a sheet.
    """

    title: str
    headers: Sequence[Cell]
    rows: Sequence[Sequence[Cell]]
    key: str = ""
    auto_filter: bool = True
    bold_rows: Collection[int] = field(default_factory=frozenset)


def strip_control_characters(text: str) -> str:
    """The text without the control characters an .xlsx (XML) file cannot hold.

    Tab, line feed and carriage return stay: a cell may hold them.
    """
    return _NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))


def neutralise(text: str) -> str:
    """The text safe to put in a cell: control characters gone, formula starts quoted."""
    text = strip_control_characters(text)
    if text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def yes_no(value: bool) -> str:
    """A boolean as the word Yes or No in the active language."""
    return _("Yes") if value else _("No")


def local_time(value: datetime.datetime) -> datetime.datetime:
    """Local wall-clock time without zone or microseconds: spreadsheets have no time zones."""
    if timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    return value.replace(microsecond=0)


def sheet_title(text: str, used: set[str] | None = None) -> str:
    """A valid Excel sheet name for `text`, unique among `used` (which it extends)."""
    base = SHEET_TITLE_FORBIDDEN.sub(" ", strip_control_characters(text))
    base = " ".join(base.split())[:SHEET_TITLE_MAX].strip().strip("'").strip()
    base = base or "Sheet"
    taken = {SHEET_TITLE_RESERVED} | (used if used is not None else set())
    candidate, number = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate, number = base[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix, number + 1
    if used is not None:
        used.add(candidate.casefold())
    return candidate


def xlsx_cell(value: Cell) -> Cell:
    """A value as an .xlsx cell holds it: text neutralised, Yes/No, local time, numbers kept."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, str | Promise):
        return neutralise(str(value))
    if isinstance(value, datetime.datetime):
        return local_time(value)
    return value


def csv_field(value: Cell, *, decimal_separator: str = ".") -> str:
    """A value as CSV text: numbers with the decimal separator, ISO dates, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal | float):
        return str(value).replace(".", decimal_separator)
    if isinstance(value, datetime.datetime):
        return local_time(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def sheet_csv(*, sheet: Sheet) -> bytes:
    """The sheet as semicolon-separated UTF-8 with BOM, numbers in the language's format."""
    decimal_separator = str(formats.get_format("DECIMAL_SEPARATOR"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for row in [sheet.headers, *sheet.rows]:
        writer.writerow([csv_field(value, decimal_separator=decimal_separator) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def sheets_xlsx(*, sheets: Sequence[Sheet], title: str = "") -> bytes:
    """An Excel workbook with one worksheet per sheet, headings bold and frozen."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty default sheet
    workbook.properties.title = neutralise(title)
    workbook.properties.creator = "ALA-kompassen"
    used: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.title, used))
        worksheet.append([xlsx_cell(header) for header in sheet.headers])
        for cell in worksheet[1]:
            cell.font = bold
        widths: dict[int, int] = {}
        for index, row in enumerate([sheet.headers, *sheet.rows]):
            values = [xlsx_cell(value) for value in row]
            if index:
                worksheet.append(values)
            for column, value in enumerate(values, start=1):
                length = min(len(str(value if value is not None else "")), COLUMN_WIDTH_MAX)
                widths[column] = max(widths.get(column, 0), length)
        for index in sheet.bold_rows:
            for cell in worksheet[index + 2]:
                cell.font = bold
        for row_cells in worksheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, datetime.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        for column, width in widths.items():
            worksheet.column_dimensions[get_column_letter(column)].width = max(8, width + 2)
        worksheet.freeze_panes = "A2"
        if sheet.rows and sheet.auto_filter:
            worksheet.auto_filter.ref = worksheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_filename(name: str) -> str:
    """A download name safe on every system: letters, digits, - _ . only; never hidden."""
    name = unicodedata.normalize("NFC", strip_control_characters(name))
    stem, dot, extension = name.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,10}", extension):
        stem, dot, extension = name, "", ""
    stem = _FILENAME_UNSAFE.sub("_", stem).strip("._-")
    stem = stem[: FILENAME_MAX - len(dot + extension)].rstrip("._-") or "download"
    if _WINDOWS_RESERVED.match(stem):
        stem = "_" + stem
    return stem + dot + extension.lower()


def attachment_header(filename: str) -> str:
    """A Content-Disposition value for downloading `filename` (RFC 6266).

    A name beyond ASCII goes as UTF-8 (filename*) after an ASCII fallback (filename).
    """
    name = safe_filename(filename)
    header = content_disposition_header(as_attachment=True, filename=name) or "attachment"
    if name.isascii():
        return header
    fallback = safe_filename(
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    )
    return f'attachment; filename="{fallback}"; ' + header.removeprefix("attachment; ")


def download_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A file download: an attachment with a safe name, kept out of shared caches."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    patch_cache_control(response, private=True, no_store=True)
    return response
