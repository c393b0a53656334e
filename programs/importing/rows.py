"""Checking each row of a course list and comparing it with the database: the preview."""

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from alakompass.types import AnyUser
from programs.importing.classify import classify, mark_duplicates
from programs.importing.columns import (
    COLUMNS,
    ELECTIVE_WORDS,
    KIND_ELECTIVE_HEADINGS,
    KIND_MANDATORY_HEADINGS,
    MANDATORY_WORDS,
    NO_WORDS,
    YES_WORDS,
    Column,
    field_for_heading,
    heading_lookup,
    normalise_heading,
    polar_headings,
)
from programs.importing.reading import ImportFileError, find_header, read_table
from programs.importing.results import Preview, Reason, RowResult
from programs.models import Course, Program, ProgramCourse, concrete_field
from programs.validators import validate_course_code

_NAME_FIELD_LENGTH = concrete_field(Course, "name_sv").max_length
assert _NAME_FIELD_LENGTH is not None  # a CharField always has one
NAME_MAX_LENGTH: int = _NAME_FIELD_LENGTH
CREDITS_MAX = Decimal("999.9")


def course_list_preview(
    *, program: Program, user: AnyUser | None, data: bytes, filename: str
) -> Preview:
    """Read and check a course list against the programme, as `user` would import it (the
    shared-course rule depends on who imports); writes nothing."""
    table = read_table(data=data, filename=filename)
    lookup = heading_lookup()
    header_index, _has_code = find_header(table.rows, lookup)
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
        column
        for column in COLUMNS
        if column.required
        and column.field not in field_positions
        and column.alternative not in field_positions
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
    mark_duplicates(rows)
    classify(rows, program, user)
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
    by_field = {column.field: column for column in COLUMNS}
    parts = []
    for column in missing:
        part = _column_with_headings(column)
        if column.alternative:
            part = _("%(column)s or %(alternative)s") % {
                "column": part,
                "alternative": _column_with_headings(by_field[column.alternative]),
            }
        parts.append(part)
    return _("The file lacks required columns: %(columns)s.") % {"columns": "; ".join(parts)}


def _column_with_headings(column: Column) -> str:
    return _("%(field)s (accepted headings: %(headings)s)") % {
        "field": column.label,
        "headings": ", ".join(column.synonyms[:4]),
    }


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
    _parse_term(row)
    _parse_year(row, program)
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
        _year_from_term(row, program)
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


def _year_from_term(row: RowResult, program: Program) -> None:
    """No year given: terms 1–2 are year 1, terms 3–4 year 2, and so on."""
    term = row.values.get("term")
    if term is None:
        if not row.cells.get("term"):  # a term that is there but wrong is reported already
            row.reject(
                "missing_year",
                _("The programme year is missing, and there is no term to derive it from."),
            )
        return
    year = (term + 1) // 2
    if year > program.years:
        row.reject(
            "year_out_of_range",
            _(
                "Programme year %(year)s (derived from term %(term)s) is outside the "
                "programme, which has %(years)s years."
            )
            % {"year": year, "term": term, "years": program.years},
        )
        return
    row.values["year"] = year
    row.year_from_term = True
    row.notes.append(
        Reason(
            "year_from_term",
            _("Programme year %(year)s derived from term %(term)s.") % {"year": year, "term": term},
        )
    )


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
    elif value in YES_WORDS | NO_WORDS and heading in polar_headings(
        KIND_MANDATORY_HEADINGS + "|" + KIND_ELECTIVE_HEADINGS
    ):
        mandatory = (value in YES_WORDS) == (heading in polar_headings(KIND_MANDATORY_HEADINGS))
        row.values["kind"] = (
            ProgramCourse.Kind.MANDATORY if mandatory else ProgramCourse.Kind.ELECTIVE
        )
    else:
        row.reject(
            "bad_kind",
            _("“%(value)s” is neither mandatory nor elective: write Obligatorisk or Valbar.")
            % {"value": raw},
        )
