"""Checking each row of a course list and comparing it with the database: the preview."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from programs.importing.reading import DELIMITER_LABELS, ImportFileError, find_header, read_table
from programs.models import Course, Program, ProgramCourse, concrete_field
from programs.validators import validate_course_code

_NAME_FIELD_LENGTH = concrete_field(Course, "name_sv").max_length
assert _NAME_FIELD_LENGTH is not None  # a CharField always has one
NAME_MAX_LENGTH: int = _NAME_FIELD_LENGTH
CREDITS_MAX = Decimal("999.9")


class RowStatus(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    LINK = "link"
    UNCHANGED = "unchanged"
    REJECT = "reject"


STATUS_LABELS = {
    RowStatus.CREATE: gettext_lazy("New course"),
    RowStatus.UPDATE: gettext_lazy("Will be updated"),
    RowStatus.LINK: gettext_lazy("Existing course, added to the programme"),
    RowStatus.UNCHANGED: gettext_lazy("Unchanged"),
    RowStatus.REJECT: gettext_lazy("Rejected"),
}
WRITING_STATUSES = (RowStatus.CREATE, RowStatus.UPDATE, RowStatus.LINK)


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
        % {"field": column.label, "headings": ", ".join(column.synonyms[:4])}
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
    pairs: list[tuple[type[Course | ProgramCourse], str, object]] = [
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
            label = str(concrete_field(model, name).verbose_name)
            changes.append(f"{label[:1].upper()}{label[1:]}: {_show(old)} → {_show(new)}")
    return changes
