"""Course-list import: read a CSV or Excel file, preview every row, commit all or nothing.

The file is what Swedish student-records systems (Ladok) and Excel produce:

* CSV separated by semicolon, comma or tab (counted on the heading line; an Excel
  ``sep=;`` first line wins), in UTF-8 with or without BOM, UTF-16 with BOM (Excel's
  "Unicode text") or, failing UTF-8, Windows-1252. Decoding is tried in that fixed
  order rather than guessed statistically, so the same file always reads the same way.
* Excel .xlsx (read-only, cached values, not formulas): the first sheet that has a
  course-code column, otherwise the first sheet.

The heading row is the first row, among the first 20 non-empty ones, that names a
course-code column (so a title line above the headings is skipped); otherwise the first
non-empty row. Headings are matched case- and space-insensitively against the synonyms in
COLUMNS (documented in docs/import.md); unknown columns are listed as ignored.

Nothing here writes until `course_list_commit`, which re-reads the same bytes, refuses if
any row is rejected, and calls `services.course_add_to_program` for every row inside one
transaction: an error on any row rolls back every row. An import never removes courses.
An empty optional cell (English name, term, mandatory/elective) gives a new course the
default and leaves an existing placement's value as it is.
"""

import codecs
import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs import services
from programs.models import Course, Program, ProgramCourse
from programs.validators import validate_course_code

CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx",)
MAX_COLUMNS = 100  # wider sheets are cut here: a course list has a handful of columns
HEADER_SEARCH_ROWS = 20
XLSX_MAX_UNPACKED_FACTOR = 50  # an .xlsx unpacking to more than 50× the size limit is refused
NAME_MAX_LENGTH = Course._meta.get_field("name_sv").max_length
CREDITS_MAX = Decimal("999.9")


class ImportFileError(Exception):
    """The file as a whole cannot be read; `message` says why, in the active language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportRejected(Exception):
    """Commit refused: the file has rejected rows (the preview says which)."""

    def __init__(self, preview: "Preview") -> None:
        super().__init__("rejected rows")
        self.preview = preview


class ImportCommitError(Exception):
    """A row failed while writing; everything was rolled back."""

    def __init__(self, *, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class RowStatus(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    LINK = "link"
    UNCHANGED = "unchanged"
    REJECT = "reject"


STATUS_LABELS = {
    RowStatus.CREATE: gettext_lazy("New course"),
    RowStatus.UPDATE: gettext_lazy("Update"),
    RowStatus.LINK: gettext_lazy("Existing course, added to the programme"),
    RowStatus.UNCHANGED: gettext_lazy("Unchanged"),
    RowStatus.REJECT: gettext_lazy("Rejected"),
}
WRITING_STATUSES = (RowStatus.CREATE, RowStatus.UPDATE, RowStatus.LINK)


@dataclass(frozen=True)
class Column:
    """One importable field and the headings that mean it."""

    field: str
    label: Any  # lazy translation
    synonyms: tuple[str, ...]
    required: bool = False

    @property
    def display_synonyms(self) -> list[str]:
        """The accepted headings as people write them: "Kurskod", "Course code"."""
        return [synonym[:1].upper() + synonym[1:] for synonym in self.synonyms]


KIND_MANDATORY_HEADINGS = ("obligatorisk", "obligatorisk kurs", "obl", "mandatory", "compulsory")
KIND_ELECTIVE_HEADINGS = ("valbar", "valbar kurs", "valfri", "elective", "optional")
COLUMNS = (
    Column(
        "code",
        gettext_lazy("Course code"),
        ("kurskod", "kod", "kurs kod", "course code", "code"),
        required=True,
    ),
    Column(
        "name_sv",
        gettext_lazy("Course name (Swedish)"),
        (
            "kursnamn",
            "benämning",
            "kursbenämning",
            "namn",
            "svenskt namn",
            "kursnamn svenska",
            "benämning svenska",
            "svensk benämning",
            "course name",
            "name",
            "swedish name",
        ),
        required=True,
    ),
    Column(
        "name_en",
        gettext_lazy("Course name (English)"),
        (
            "engelskt namn",
            "kursnamn engelska",
            "kursnamn på engelska",
            "engelsk benämning",
            "benämning engelska",
            "kursbenämning engelska",
            "english name",
            "english course name",
            "course name english",
        ),
    ),
    Column(
        "credits",
        gettext_lazy("Credits (hp)"),
        ("hp", "högskolepoäng", "poäng", "omfattning", "kurspoäng", "credits", "ects"),
        required=True,
    ),
    Column(
        "year",
        gettext_lazy("Programme year"),
        (
            "år",
            "årskurs",
            "åk",
            "läsår",
            "programår",
            "studieår",
            "year",
            "programme year",
            "program year",
            "study year",
            "year of study",
        ),
        required=True,
    ),
    Column(
        "term",
        gettext_lazy("Term"),
        ("termin", "terminsnummer", "term", "semester"),
    ),
    Column(
        "kind",
        gettext_lazy("Mandatory or elective"),
        (
            "typ",
            "kurstyp",
            "obligatorisk/valbar",
            "obligatorisk eller valbar",
            "valbar/obligatorisk",
            "o/v",
            "kind",
            "type",
            "course type",
            "mandatory/elective",
            "mandatory or elective",
            *KIND_MANDATORY_HEADINGS,
            *KIND_ELECTIVE_HEADINGS,
        ),
    ),
)
MODEL_FIELDS = {  # the export's Courses sheet uses these models' headings: accept them back
    "code": (Course, "code"),
    "name_sv": (Course, "name_sv"),
    "name_en": (Course, "name_en"),
    "credits": (Course, "credits"),
    "year": (ProgramCourse, "year"),
    "term": (ProgramCourse, "term"),
    "kind": (ProgramCourse, "kind"),
}

MANDATORY_WORDS = {
    "o",
    "obl",
    "obligatorisk",
    "obligatoriska",
    "obligatorisk kurs",
    "mandatory",
    "m",
    "compulsory",
    "required",
}
ELECTIVE_WORDS = {
    "v",
    "val",
    "valbar",
    "valbara",
    "valbar kurs",
    "valfri",
    "elective",
    "e",
    "optional",
}
YES_WORDS = {"ja", "j", "yes", "y", "x", "sant", "true", "1"}
NO_WORDS = {"nej", "n", "no", "falskt", "false", "0"}


def normalise_heading(text: str) -> tuple[str, str]:
    """The heading as matched: casefolded, punctuation to spaces; second form drops (…)."""
    value = str(text).replace("\xa0", " ").casefold().strip().strip("*:").strip()
    value = re.sub(r"\s*/\s*", "/", value)
    value = re.sub(r"[_\-.,;]+", " ", value)
    full = " ".join(re.sub(r"[()\[\]]", " ", value).split())
    short = " ".join(re.sub(r"\(.*?\)|\[.*?\]", " ", value).split())
    return full, short


def heading_lookup() -> dict[str, str]:
    """Normalised heading → field, from COLUMNS and the models' headings in sv and en."""
    lookup: dict[str, str] = {}
    for column in COLUMNS:
        for synonym in column.synonyms:
            lookup.setdefault(normalise_heading(synonym)[0], column.field)
    for name, (model, model_field) in MODEL_FIELDS.items():
        for language in ("sv", "en"):
            with translation.override(language):
                verbose = str(model._meta.get_field(model_field).verbose_name)
            lookup.setdefault(normalise_heading(verbose)[0], name)
    return lookup


def field_for_heading(text: str, lookup: dict[str, str]) -> str | None:
    """The field a heading names, or None for a column to ignore."""
    full, short = normalise_heading(text)
    return lookup.get(full) or lookup.get(short)


# --- reading the file ------------------------------------------------------------------


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
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), _("UTF-8 with BOM")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
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
    else:
        delimiter = _detect_delimiter(lines)
    reader = csv.reader(io.StringIO("\n".join(lines[first_line:])), delimiter=delimiter)
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
            if _find_header(table.rows, lookup)[1]:
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


def _find_header(rows: list[tuple[int, list[str]]], lookup: dict[str, str]) -> tuple[int, bool]:
    """Index in `rows` of the heading row, and whether it names a course-code column."""
    non_empty = [i for i, (_n, cells) in enumerate(rows) if any(cells)]
    for index in non_empty[:HEADER_SEARCH_ROWS]:
        if any(field_for_heading(cell, lookup) == "code" for cell in rows[index][1] if cell):
            return index, True
    return (non_empty[0] if non_empty else -1), False


# --- validating rows -------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a row is rejected (or a note on it): a stable code and a sentence for people."""

    code: str
    message: str


@dataclass
class RowResult:
    line: int
    cells: dict[str, str]  # the file's text per field, shown in the preview
    status: RowStatus = RowStatus.CREATE
    values: dict[str, Any] = field(default_factory=dict)  # what the commit will write
    reasons: list[Reason] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def reason_codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]

    def reject(self, code: str, message: str) -> None:
        self.reasons.append(Reason(code, message))
        self.status = RowStatus.REJECT


@dataclass
class Preview:
    """What an import would do: file facts, the columns used and every row's outcome."""

    filename: str
    file_format: str
    encoding: str
    delimiter: str
    sheet: str
    header_line: int
    columns: list[tuple[str, str]]  # (heading in the file, field label)
    ignored: list[str]
    rows: list[RowResult]

    @property
    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in RowStatus}
        for row in self.rows:
            counts[row.status.value] += 1
        return counts

    @property
    def rejected(self) -> list[RowResult]:
        return [row for row in self.rows if row.status == RowStatus.REJECT]

    @property
    def can_commit(self) -> bool:
        return bool(self.rows) and not self.rejected

    @property
    def delimiter_label(self) -> str:
        return str(DELIMITER_LABELS.get(self.delimiter, self.delimiter))


def course_list_preview(*, program: Program, data: bytes, filename: str) -> Preview:
    """Read and check a course list against the programme; writes nothing."""
    table = read_table(data=data, filename=filename)
    lookup = heading_lookup()
    header_index, _has_code = _find_header(table.rows, lookup)
    if header_index < 0:
        raise ImportFileError(_("The file is empty."))
    header_line, headings = table.rows[header_index]
    field_positions: dict[str, int] = {}
    columns, ignored = [], []
    labels = {column.field: str(column.label) for column in COLUMNS}
    for position, heading in enumerate(headings):
        if not heading:
            continue
        name = field_for_heading(heading, lookup)
        if name is None or name in field_positions:
            ignored.append(heading)
        else:
            field_positions[name] = position
            columns.append((heading, labels[name]))
    missing = [
        column for column in COLUMNS if column.required and column.field not in field_positions
    ]
    if missing:
        raise ImportFileError(_missing_columns_message(missing))
    data_rows = [(n, cells) for n, cells in table.rows[header_index + 1 :] if any(cells)]
    if not data_rows:
        raise ImportFileError(_("The file has a heading row but no course rows."))
    if len(data_rows) > settings.IMPORT_MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s course rows. Split it into smaller files.")
            % {"max": settings.IMPORT_MAX_ROWS}
        )
    kind_heading = (
        normalise_heading(headings[field_positions["kind"]])[1] if "kind" in field_positions else ""
    )
    rows = [
        _parse_row(line, cells, field_positions, len(headings), program, kind_heading)
        for line, cells in data_rows
    ]
    _mark_duplicates(rows)
    _classify(rows, program)
    return Preview(
        filename=filename,
        file_format=table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        header_line=header_line,
        columns=columns,
        ignored=ignored,
        rows=rows,
    )


def _missing_columns_message(missing: list[Column]) -> str:
    parts = [
        _("%(field)s (accepted headings: %(headings)s)")
        % {"field": column.label, "headings": ", ".join(column.display_synonyms[:4])}
        for column in missing
    ]
    return _("The file lacks required columns: %(columns)s.") % {"columns": "; ".join(parts)}


def _parse_row(
    line: int,
    cells: list[str],
    positions: dict[str, int],
    width: int,
    program: Program,
    kind_heading: str,
) -> RowResult:
    row = RowResult(
        line=line,
        cells={
            name: (cells[pos] if pos < len(cells) else "").strip()
            for name, pos in positions.items()
        },
    )
    if len([cell for cell in cells[width:] if cell]) > 0:
        row.reject(
            "too_many_cells",
            _(
                "The row has more cells than the heading row. In a comma-separated file, "
                'a decimal comma must be inside quotes ("7,5").'
            ),
        )
    _parse_code(row)
    _parse_name(row)
    _parse_credits(row, program)
    _parse_year(row, program)
    _parse_term(row)
    _parse_kind(row, kind_heading)
    return row


def _parse_code(row: RowResult) -> None:
    raw = row.cells.get("code", "")
    code = re.sub(r"\s+", "", raw).upper()
    if not code:
        row.reject("missing_code", _("The course code is missing."))
        return
    try:
        validate_course_code(code)
    except ValidationError:
        row.reject(
            "bad_code",
            _("“%(code)s” is not a course code: use 4–10 capital letters or digits, e.g. DT099G.")
            % {"code": raw},
        )
        return
    row.values["code"] = code


def _parse_name(row: RowResult) -> None:
    for name, code in (("name_sv", "name"), ("name_en", "name_en")):
        value = " ".join(row.cells.get(name, "").split())
        if len(value) > NAME_MAX_LENGTH:
            row.reject(
                f"{code}_too_long",
                _("The course name is longer than %(max)s characters.") % {"max": NAME_MAX_LENGTH},
            )
        row.values[name] = value
    if not row.values["name_sv"]:
        row.reject("missing_name", _("The Swedish course name is missing."))


def parse_decimal(text: str) -> Decimal | None:
    """A number written with decimal comma or point and an optional unit: "7,5 hp" → 7.5."""
    value = text.replace("\xa0", "").replace("\u202f", "").replace(" ", "").casefold()
    value = re.sub(r"(hp|högskolepoäng|credits|ects)$", "", value).replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _parse_credits(row: RowResult, program: Program) -> None:
    raw = row.cells.get("credits", "")
    if not raw:
        row.reject("missing_credits", _("The credits (hp) are missing."))
        return
    credits = parse_decimal(raw)
    if credits is None:
        row.reject(
            "bad_credits",
            _("“%(value)s” is not a number of credits: write e.g. 7,5 or 15.") % {"value": raw},
        )
    elif credits <= 0:
        row.reject("credits_not_positive", _("The credits must be more than 0."))
    elif credits != credits.quantize(Decimal("0.1")):
        row.reject("credits_precision", _("The credits may have at most one decimal, e.g. 7,5."))
    elif credits > min(CREDITS_MAX, program.credits):
        row.reject(
            "credits_too_large",
            _("%(value)s hp is more than the whole programme's %(total)s hp.")
            % {"value": formats.localize(credits), "total": formats.localize(program.credits)},
        )
    else:
        row.values["credits"] = credits.quantize(Decimal("0.1"))


def _parse_whole_number(text: str, prefixes: str) -> int | None:
    value = text.casefold().replace("\xa0", " ").strip()
    match = re.fullmatch(rf"(?:(?:{prefixes})\s*)?(\d{{1,3}})(?:[.,]0+)?", value)
    return int(match.group(1)) if match else None


def _parse_year(row: RowResult, program: Program) -> None:
    raw = row.cells.get("year", "")
    if not raw:
        row.reject("missing_year", _("The programme year is missing."))
        return
    year = _parse_whole_number(raw, r"år|åk|årskurs|läsår|year|y")
    if year is None:
        row.reject(
            "bad_year",
            _("“%(value)s” is not a programme year: write 1, 2, 3 …") % {"value": raw},
        )
    elif not 1 <= year <= program.years:
        row.reject(
            "year_out_of_range",
            _("Year %(year)s is outside the programme, which has %(years)s years.")
            % {"year": year, "years": program.years},
        )
    else:
        row.values["year"] = year


def _parse_term(row: RowResult) -> None:
    raw = row.cells.get("term", "")
    if not raw:
        return
    term = _parse_whole_number(raw, r"termin|term|t|semester")
    if term is None:
        if re.match(r"(?i)^\s*(ht|vt)", raw):
            message = _(
                "“%(value)s” is a calendar term: give the term's number in the programme (1, 2, 3 …)."
            )
        else:
            message = _("“%(value)s” is not a term number: write 1, 2, 3 …")
        row.reject("bad_term", message % {"value": raw})
    elif not 1 <= term <= 20:
        row.reject("term_out_of_range", _("The term must be between 1 and 20."))
    else:
        row.values["term"] = term


def _parse_kind(row: RowResult, heading: str) -> None:
    raw = row.cells.get("kind", "")
    value = " ".join(raw.casefold().strip(" .").split())
    if not value:
        return
    if value in MANDATORY_WORDS:
        row.values["kind"] = ProgramCourse.Kind.MANDATORY
    elif value in ELECTIVE_WORDS:
        row.values["kind"] = ProgramCourse.Kind.ELECTIVE
    elif (
        value in YES_WORDS | NO_WORDS
        and heading in KIND_MANDATORY_HEADINGS + KIND_ELECTIVE_HEADINGS
    ):
        mandatory = (value in YES_WORDS) == (heading in KIND_MANDATORY_HEADINGS)
        row.values["kind"] = (
            ProgramCourse.Kind.MANDATORY if mandatory else ProgramCourse.Kind.ELECTIVE
        )
    else:
        row.reject(
            "bad_kind",
            _("“%(value)s” is neither mandatory nor elective: write Obligatorisk or Valbar.")
            % {"value": raw},
        )


def _mark_duplicates(rows: list[RowResult]) -> None:
    first_line: dict[str, int] = {}
    for row in rows:
        code = row.values.get("code")
        if not code:
            continue
        if code in first_line:
            row.reject(
                "duplicate_code",
                _("Course code %(code)s is also on row %(line)s.")
                % {"code": code, "line": first_line[code]},
            )
        else:
            first_line[code] = row.line


def _classify(rows: list[RowResult], program: Program) -> None:
    """Create, update, link or unchanged, from what the database already holds."""
    codes = [row.values["code"] for row in rows if row.values.get("code")]
    courses = {course.code: course for course in Course.objects.filter(code__in=codes)}
    places = {
        place.course.code: place
        for place in ProgramCourse.objects.filter(
            program=program, course__code__in=codes
        ).select_related("course")
    }
    shared = set(
        ProgramCourse.objects.filter(course__code__in=codes)
        .exclude(program=program)
        .values_list("course__code", flat=True)
    )
    for row in rows:
        if row.status == RowStatus.REJECT:
            continue
        values = row.values
        course = courses.get(values["code"])
        place = places.get(values["code"])
        values["name_en"] = values["name_en"] or (course.name_en if course else "")
        values.setdefault("term", place.term if place else None)
        values.setdefault("kind", place.kind if place else ProgramCourse.Kind.MANDATORY)
        if course is None:
            row.status = RowStatus.CREATE
            continue
        row.changes = _changes(course, place, values)
        row.status = (
            RowStatus.LINK
            if place is None
            else (RowStatus.UPDATE if row.changes else RowStatus.UNCHANGED)
        )
        course_changed = (course.name_sv, course.name_en, course.credits) != (
            values["name_sv"],
            values["name_en"],
            values["credits"],
        )
        if course_changed and course.code in shared:
            row.notes.append(
                Reason(
                    "shared_course",
                    _(
                        "This course is also in other programmes: its name and credits "
                        "change there too."
                    ),
                )
            )


def _show(value: Any) -> str:
    if value in (None, ""):
        return "–"
    if value in ProgramCourse.Kind.values:
        return str(ProgramCourse.Kind(value).label)
    return str(formats.localize(value))


def _changes(course: Course, place: ProgramCourse | None, values: dict[str, Any]) -> list[str]:
    pairs = [
        (Course, "name_sv", course.name_sv),
        (Course, "name_en", course.name_en),
        (Course, "credits", course.credits),
    ]
    if place is not None:
        pairs += [
            (ProgramCourse, "year", place.year),
            (ProgramCourse, "term", place.term),
            (ProgramCourse, "kind", place.kind),
        ]
    changes = []
    for model, name, old in pairs:
        new = values[name]
        if old != new:
            label = str(model._meta.get_field(name).verbose_name)
            changes.append(f"{label[:1].upper()}{label[1:]}: {_show(old)} → {_show(new)}")
    return changes


# --- committing ------------------------------------------------------------------------


def course_list_commit(
    *, program: Program, user: AbstractBaseUser | None, data: bytes, filename: str
) -> Preview:
    """Write every row of the file, or none: any rejected row or failing write stops all."""
    preview = course_list_preview(program=program, data=data, filename=filename)
    if not preview.can_commit:
        raise ImportRejected(preview)
    line: int | None = None
    try:
        with transaction.atomic():
            for row in preview.rows:
                if row.status not in WRITING_STATUSES:
                    continue
                line = row.line
                services.course_add_to_program(program=program, user=user, **row.values)
    except ValidationError as exc:
        raise ImportCommitError(line=line, message=" ".join(exc.messages)) from exc
    except DatabaseError as exc:
        raise ImportCommitError(
            line=line, message=_("The database refused the row (%(error)s).") % {"error": exc}
        ) from exc
    return preview
