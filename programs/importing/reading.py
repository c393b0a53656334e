"""Reading an uploaded course list into text cells: type, size, encoding, separator, sheet."""

import codecs
import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs.importing.columns import field_for_heading, heading_lookup

CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx",)
MAX_COLUMNS = 100  # wider sheets are cut here: a course list has a handful of columns
HEADER_SEARCH_ROWS = 20
XLSX_MAX_UNPACKED_FACTOR = 50  # an .xlsx unpacking to more than 50× the size limit is refused


class ImportFileError(Exception):
    """The file as a whole cannot be read; `message` says why, in the active language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """A file's cells as text: `rows` holds (spreadsheet row number, cells)."""

    file_format: str  # "csv" or "xlsx"
    rows: list[tuple[int, list[str]]]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""


def upload_digest(data: bytes) -> str:
    """A fingerprint of the uploaded bytes, to tie a commit to the preview the user saw."""
    return hashlib.sha256(data).hexdigest()


def check_upload(*, filename: str, size: int) -> None:
    """Refuse a file by name and size before reading it."""
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFileError(
            _("The file is %(size)s; the largest file you can import is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if size == 0:
        raise ImportFileError(_("The file is empty."))
    lower = filename.lower()
    if lower.endswith((".xls", ".xlsm", ".xlsb", ".ods", ".numbers")):
        raise ImportFileError(
            _("This spreadsheet format cannot be read. Save the file as Excel (.xlsx) or CSV.")
        )
    if not lower.endswith(CSV_EXTENSIONS + XLSX_EXTENSIONS):
        raise ImportFileError(_("Upload a CSV file (.csv or .txt) or an Excel file (.xlsx)."))


def read_table(*, data: bytes, filename: str) -> Table:
    """Read the upload as a table of text cells, checking its type, size and row count."""
    check_upload(filename=filename, size=len(data))
    is_zip = data[:4] == b"PK\x03\x04"
    if filename.lower().endswith(XLSX_EXTENSIONS):
        if not is_zip:
            raise ImportFileError(_("The file is named .xlsx but is not an Excel file."))
        return _read_xlsx(data)
    if is_zip:
        raise ImportFileError(
            _("The file looks like an Excel file, not CSV text: name it .xlsx and try again.")
        )
    return _read_csv(data)


def _decode(data: bytes) -> tuple[str, str]:
    """Text and a label for its encoding: UTF-8 (±BOM), UTF-16 with BOM, else Windows-1252."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), _("UTF-8 with BOM")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "UTF-16"
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The file could not be read as text.")) from exc
    if b"\x00" in data:
        raise ImportFileError(_("The file is not a text (CSV) file."))
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file's character encoding is not recognised: save it as CSV UTF-8.")
        ) from exc


def _detect_delimiter(lines: list[str]) -> str:
    """The separator that splits out a course-code heading, else the one used most.

    Only the first lines are looked at; a title line above the headings ("Kurslista,
    HT2026") must not decide, so a separator that yields a known heading wins.
    """
    head = [line for line in lines if line.strip()][:HEADER_SEARCH_ROWS]
    candidates = (";", ",", "\t")
    lookup = heading_lookup()
    for sep in candidates:
        for cells in csv.reader(head, delimiter=sep):
            if any(field_for_heading(cell, lookup) == "code" for cell in cells if cell.strip()):
                return sep
    unquoted = re.sub(r'"[^"]*"', "", "\n".join(head))
    counts = {sep: unquoted.count(sep) for sep in candidates}
    best = max(counts.values())
    return next(sep for sep in candidates if counts[sep] == best) if best else ";"


DELIMITER_LABELS = {
    ";": gettext_lazy("semicolon"),
    ",": gettext_lazy("comma"),
    "\t": gettext_lazy("tab"),
}


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    lines = text.splitlines()
    first_line = 0
    match = re.fullmatch(r'"?sep=(.)"?', lines[0].strip()) if lines else None
    if match:  # Excel's own hint line, e.g. "sep=;"
        delimiter, first_line = match.group(1), 1
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = _detect_delimiter(lines)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    limit = settings.IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS + 1
    try:
        for number, cells in enumerate(reader, start=first_line + 1):
            texts = [_unquote(cell.strip()) for cell in cells[:MAX_COLUMNS]]
            if any(texts):
                rows.append((number, texts))
                if len(rows) > limit:  # enough to know the file is too long
                    break
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc
    return Table("csv", rows, encoding=encoding, delimiter=delimiter)


def _cell_text(value: Any) -> str:
    """An Excel cell's value as the text a person sees (7.5 → "7.5", 2.0 → "2")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return _unquote(str(value).strip())


def _unquote(text: str) -> str:
    """Drop the apostrophe our export puts before a cell that would read as a formula."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # imported here: only imports need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ImportFileError(_("The Excel file is damaged and cannot be read.")) from exc
    if unpacked > settings.IMPORT_MAX_BYTES * XLSX_MAX_UNPACKED_FACTOR:
        raise ImportFileError(_("The Excel file unpacks to too much data to import."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("The Excel file is damaged and cannot be read.")) from exc
    try:
        lookup = heading_lookup()
        chosen: Table | None = None
        for sheet in workbook.worksheets:
            table = Table("xlsx", _sheet_rows(sheet), sheet=sheet.title)
            if chosen is None:
                chosen = table
            if find_header(table.rows, lookup)[1]:
                chosen = table
                break
    except Exception as exc:
        raise ImportFileError(_("The Excel file is damaged and cannot be read.")) from exc
    finally:
        workbook.close()
    if chosen is None:
        raise ImportFileError(_("The Excel file has no sheets."))
    return chosen


def _sheet_rows(sheet: Any) -> list[tuple[int, list[str]]]:
    rows = []
    limit = settings.IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS + 1
    for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        cells = [_cell_text(value) for value in values]
        if any(cells):
            rows.append((number, cells))
            if len(rows) > limit:  # enough to know the sheet is too long
                break
    return rows


def find_header(rows: list[tuple[int, list[str]]], lookup: dict[str, str]) -> tuple[int, bool]:
    """Index in `rows` of the heading row, and whether it names a course-code column."""
    non_empty = [i for i, (_n, cells) in enumerate(rows) if any(cells)]
    for index in non_empty[:HEADER_SEARCH_ROWS]:
        if any(field_for_heading(cell, lookup) == "code" for cell in rows[index][1] if cell):
            return index, True
    return (non_empty[0] if non_empty else -1), False
