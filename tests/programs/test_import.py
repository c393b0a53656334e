"""Course-list import: encodings, separators, Excel, row validation and all-or-nothing commit."""

import codecs
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from programs import importing, services
from programs.models import Course, ProgramCourse
from tests import factories

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = ["Kurskod", "Kursnamn", "Engelskt namn", "Hp", "År", "Termin", "Obligatorisk/valbar"]
ROWS = [
    ["DT001G", "Programmering grundkurs", "Programming", "7,5", "1", "1", "Obligatorisk"],
    ["DT002G", "Åtgärder för ärlig öppenhet", "", "15", "2", "3", "Valbar"],
]


def csv_bytes(rows, *, sep=";", encoding="utf-8", header=HEADER, quote_all=False) -> bytes:
    def cell(text):
        return f'"{text}"' if quote_all or sep in text else text

    text = "\r\n".join(sep.join(cell(c) for c in row) for row in [header, *rows]) + "\r\n"
    return text.encode(encoding)


def xlsx_bytes(rows, *, header=HEADER, title_rows=(), sheets_before=()) -> bytes:
    workbook = Workbook()
    first = workbook.active
    first.title = sheets_before[0] if sheets_before else "Kurser"
    sheet = first
    if sheets_before:
        first.append(["Fält", "Värde"])
        sheet = workbook.create_sheet("Kurser")
    for row in title_rows:
        sheet.append(row)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview(program, data, filename="kurser.csv", user=None):
    return importing.course_list_preview(program=program, user=user, data=data, filename=filename)


def row_values(result):
    return [
        (
            r.values.get("code"),
            r.values.get("name_sv"),
            r.values.get("credits"),
            r.values.get("year"),
        )
        for r in result.rows
    ]


EXPECTED = [
    ("DT001G", "Programmering grundkurs", Decimal("7.5"), 1),
    ("DT002G", "Åtgärder för ärlig öppenhet", Decimal("15.0"), 2),
]


@pytest.fixture
def english():
    """Column labels are translated; these tests read the English ones."""
    with translation.override("en"):
        yield


# --- encodings and separators ----------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_every_encoding_and_separator_reads_the_same_courses(program, encoding, sep):
    result = preview(program, csv_bytes(ROWS, sep=sep, encoding=encoding))
    assert row_values(result) == EXPECTED
    assert result.delimiter == sep
    assert [r.status for r in result.rows] == [importing.RowStatus.CREATE] * 2


@pytest.mark.usefixtures("english")
def test_utf8_bom_is_not_part_of_the_first_heading(program):
    data = csv_bytes(ROWS, encoding="utf-8-sig")
    assert data.startswith(codecs.BOM_UTF8)
    result = preview(program, data)
    assert result.columns[0] == ("Kurskod", "Course code")
    assert result.encoding == "UTF-8 with BOM"


def test_windows_1252_file_keeps_swedish_letters(program):
    data = csv_bytes(ROWS, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = preview(program, data)
    assert result.encoding == "Windows-1252"
    assert result.rows[1].values["name_sv"] == "Åtgärder för ärlig öppenhet"


def test_excel_unicode_text_utf16_tab_file_is_read(program):
    text = "\r\n".join("\t".join(row) for row in [HEADER, *ROWS])
    result = preview(program, codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "kurser.txt")
    assert result.encoding == "UTF-16"
    assert row_values(result) == EXPECTED


def test_excel_sep_hint_line_sets_the_separator(program):
    data = b"sep=,\r\n" + csv_bytes(ROWS, sep=",")
    result = preview(program, data)
    assert result.delimiter == ","
    assert result.header_line == 2
    assert row_values(result) == EXPECTED


def test_ladok_style_fixture_with_title_line_and_yes_no_column(program):
    data = (FIXTURES / "ladok_kurslista_cp1252.csv").read_bytes()
    result = preview(program, data, "ladok_kurslista_cp1252.csv")
    assert result.header_line == 3
    assert result.ignored == ["Institution"]
    assert [r.values["code"] for r in result.rows] == ["SP001G", "SP002G", "SP010G", "SP020A"]
    assert result.rows[0].values["name_sv"] == "Samhällsplanering – introduktion"
    assert result.rows[2].values["credits"] == Decimal("30.0")
    assert result.rows[3].values["kind"] == ProgramCourse.Kind.ELECTIVE
    assert result.rows[0].values["kind"] == ProgramCourse.Kind.MANDATORY
    assert result.can_commit


# --- decimal comma and values ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7,5", "7.5"),
        ("7,5 hp", "7.5"),
        ("7,5hp", "7.5"),
        ("7.5", "7.5"),
        ("7,50", "7.5"),
        ("15", "15.0"),
        ("22,5 HP", "22.5"),
        ("1,5 högskolepoäng", "1.5"),
    ],
)
def test_credits_accept_decimal_comma_and_unit(program, text, expected):
    result = preview(program, csv_bytes([["DT001G", "Kurs", "", text, "1", "", ""]]))
    assert result.rows[0].values["credits"] == Decimal(expected)


def test_comma_file_with_quoted_decimal_comma_reads_the_number(program):
    data = csv_bytes([["DT001G", "Kurs", "", "7,5", "1", "", ""]], sep=",", quote_all=True)
    assert preview(program, data).rows[0].values["credits"] == Decimal("7.5")


def test_unquoted_decimal_comma_in_comma_file_is_reported(program):
    data = "Kurskod,Kursnamn,Hp,År\r\nDT001G,Kurs,7,5,1\r\n".encode()
    row = preview(program, data).rows[0]
    assert row.status == importing.RowStatus.REJECT
    assert "too_many_cells" in row.reason_codes


@pytest.mark.parametrize(
    ("heading", "value", "expected"),
    [
        ("Obligatorisk/valbar", "O", "mandatory"),
        ("Obligatorisk/valbar", "obl", "mandatory"),
        ("Typ", "V", "elective"),
        ("Typ", "valbar", "elective"),
        ("Obligatorisk", "Ja", "mandatory"),
        ("Obligatorisk", "Nej", "elective"),
        ("Valbar", "Ja", "elective"),
        ("Mandatory or elective", "Elective", "elective"),
    ],
)
def test_mandatory_or_elective_values(program, heading, value, expected):
    header = [*HEADER[:-1], heading]
    result = preview(
        program, csv_bytes([["DT001G", "Kurs", "", "7,5", "1", "", value]], header=header)
    )
    assert result.rows[0].values["kind"] == expected


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("T2", 2), ("Termin 3", 3), ("4.0", 4)])
def test_term_accepts_numbers_and_t_prefix(program, text, expected):
    result = preview(program, csv_bytes([["DT001G", "Kurs", "", "7,5", "1", text, ""]]))
    assert result.rows[0].values["term"] == expected


def test_english_headings_and_lower_case_codes_are_accepted(program):
    header = ["Course code", "  name ", "English name", "Credits", "Year", "Term", "Kind"]
    result = preview(
        program, csv_bytes([["dt 001g", "Kurs", "Course", "7.5", "1", "2", "e"]], header=header)
    )
    assert result.rows[0].values == {
        "code": "DT001G",
        "name_sv": "Kurs",
        "name_en": "Course",
        "credits": Decimal("7.5"),
        "year": 1,
        "term": 2,
        "kind": "elective",
    }


@pytest.mark.usefixtures("english")
def test_headings_with_units_in_brackets_are_recognised(program):
    header = ["Kurskod", "Kursnamn", "Kursnamn (engelska)", "Omfattning (hp)", "Läsår (1/2/3)"]
    result = preview(program, csv_bytes([["DT001G", "Kurs", "Course", "7,5", "2"]], header=header))
    assert [label for _h, label in result.columns] == [
        "Course code",
        "Course name (Swedish)",
        "Course name (English)",
        "Credits (hp)",
        "Programme year",
    ]
    assert result.rows[0].values["name_en"] == "Course"


def test_unknown_columns_are_listed_as_ignored(program):
    header = [*HEADER, "Kursansvarig", "Anmälningskod"]
    result = preview(program, csv_bytes([[*ROWS[0], "Anna", "X123"]], header=header))
    assert result.ignored == ["Kursansvarig", "Anmälningskod"]
    assert result.can_commit


@pytest.mark.usefixtures("english")
def test_missing_required_column_rejects_the_whole_file(program):
    header = ["Kurskod", "Kursnamn", "År"]
    with pytest.raises(importing.ImportFileError) as error:
        preview(program, csv_bytes([["DT001G", "Kurs", "1"]], header=header))
    assert "Credits (hp)" in error.value.message
    assert "Hp" in error.value.message


# --- Excel -----------------------------------------------------------------------------


def test_xlsx_with_numbers_and_a_title_row_is_read(program):
    rows = [
        ["DT001G", "Programmering grundkurs", "Programming", 7.5, 1, 1, "Obligatorisk"],
        ["DT002G", "Åtgärder för ärlig öppenhet", None, 15, 2.0, 3, "Valbar"],
    ]
    data = xlsx_bytes(rows, title_rows=[["Kurslista HT2026"], []])
    result = preview(program, data, "kurser.xlsx")
    assert result.file_format == "xlsx"
    assert result.header_line == 3
    assert row_values(result) == EXPECTED


def test_xlsx_uses_the_sheet_with_a_course_code_column(program):
    data = xlsx_bytes([["DT001G", "Kurs", "", "7,5", "1", "", ""]], sheets_before=["Program"])
    result = preview(program, data, "kurser.xlsx")
    assert result.sheet == "Kurser"
    assert result.rows[0].values["code"] == "DT001G"


def test_xlsx_formula_text_is_not_evaluated(program):
    data = xlsx_bytes([["DT001G", "=1+2", "", 7.5, 1, None, None]])
    result = preview(program, data, "kurser.xlsx")
    # openpyxl saved no cached value, and the importer reads values, never formulas
    assert result.rows[0].values["name_sv"] == ""
    assert "missing_name" in result.rows[0].reason_codes


# --- bad rows --------------------------------------------------------------------------


BAD_ROWS = [
    (["", "Utan kod", "", "7,5", "1", "", ""], "missing_code"),
    (["D-1", "Felaktig kod", "", "7,5", "1", "", ""], "bad_code"),
    (["DT003G", "", "", "7,5", "1", "", ""], "missing_name"),
    (["DT004G", "Ej tal", "", "sju", "1", "", ""], "bad_credits"),
    (["DT005G", "Noll hp", "", "0", "1", "", ""], "credits_not_positive"),
    (["DT006G", "Tre decimaler", "", "7,555", "1", "", ""], "credits_precision"),
    (["DT007G", "Inget år", "", "7,5", "", "", ""], "missing_year"),
    (["DT008G", "År noll", "", "7,5", "0", "", ""], "year_out_of_range"),
    (["DT009G", "År nio", "", "7,5", "9", "", ""], "year_out_of_range"),
    (["DT010G", "År text", "", "7,5", "första", "", ""], "bad_year"),
    (["DT011G", "HT-termin", "", "7,5", "1", "HT2026", ""], "bad_term"),
    (["DT012G", "Konstig typ", "", "7,5", "1", "", "kanske"], "bad_kind"),
    (["DT013G", "Första", "", "7,5", "1", "", ""], "duplicate_code"),
    (["dt013g", "Dubblett", "", "7,5", "1", "", ""], "duplicate_code"),
    (["DT014G", "Större än programmet", "", "400", "1", "", ""], "credits_too_large"),
]


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(program, coordinator):
    data = csv_bytes([row for row, _code in BAD_ROWS])
    result = preview(program, data)
    assert [r.line for r in result.rows] == list(range(2, 2 + len(BAD_ROWS)))
    for row, (_cells, code) in zip(result.rows, BAD_ROWS, strict=True):
        if code is None:
            assert row.status == importing.RowStatus.CREATE
        else:
            assert row.status == importing.RowStatus.REJECT, row.cells
            assert code in row.reason_codes
            assert all(reason.message for reason in row.reasons)
    assert not result.can_commit
    with pytest.raises(importing.ImportRejected):
        importing.course_list_commit(program=program, user=coordinator, data=data, filename="k.csv")
    assert Course.objects.count() == 0
    assert ProgramCourse.objects.count() == 0


def test_the_same_code_twice_rejects_both_rows_each_naming_the_other(program, coordinator):
    rows = [
        ["DT001G", "Första namnet", "", "7,5", "1", "", ""],
        ["DT002G", "Annan kurs", "", "7,5", "1", "", ""],
        ["dt 001g", "Andra namnet", "", "15", "1", "", ""],
    ]
    data = csv_bytes(rows)
    with translation.override("sv"):
        result = preview(program, data)
    first, other, second = result.rows
    assert first.status == second.status == importing.RowStatus.REJECT
    assert other.status == importing.RowStatus.CREATE
    assert [r.message for r in first.reasons] == ["Kurskoden DT001G finns också på rad 4."]
    assert [r.message for r in second.reasons] == ["Kurskoden DT001G finns också på rad 2."]
    with pytest.raises(importing.ImportRejected):
        importing.course_list_commit(program=program, user=coordinator, data=data, filename="k.csv")
    assert Course.objects.count() == 0


def test_a_code_three_times_names_every_other_row(program):
    rows = [[code, "Kurs", "", "7,5", "1", "", ""] for code in ("DT001G", "DT001G", "DT001G")]
    with translation.override("en"):
        result = preview(program, csv_bytes(rows))
    assert [r.reasons[0].message for r in result.rows] == [
        "Course code DT001G is also on rows 3, 4.",
        "Course code DT001G is also on rows 2, 4.",
        "Course code DT001G is also on rows 2, 3.",
    ]


def test_an_existing_course_twice_in_the_file_is_not_previewed_as_an_update(program, coordinator):
    course = factories.CourseFactory(code="DT001G", name_sv="Sparat namn")
    factories.ProgramCourseFactory(program=program, course=course)
    rows = [
        ["DT001G", "Sparat namn", "", "7,5", "1", "", ""],
        ["DT001G", "Nytt namn", "", "7,5", "1", "", ""],
    ]
    data = csv_bytes(rows)
    result = preview(program, data)
    assert [r.status for r in result.rows] == [importing.RowStatus.REJECT] * 2
    assert all(r.changes == [] for r in result.rows)
    with pytest.raises(importing.ImportRejected):
        importing.course_list_commit(program=program, user=coordinator, data=data, filename="k.csv")
    course.refresh_from_db()
    assert course.name_sv == "Sparat namn"


def test_reasons_are_written_in_the_active_language(program):
    data = csv_bytes([["", "Utan kod", "", "7,5", "1", "", ""]])
    with translation.override("en"):
        reason = preview(program, data).rows[0].reasons[0]
    assert reason.message == "The course code is missing."


# --- existing courses ------------------------------------------------------------------


def test_existing_courses_are_updated_linked_or_left_unchanged(program, other_program):
    in_programme = factories.CourseFactory(
        code="DT001G", name_sv="Gammalt namn", credits=Decimal("7.5")
    )
    factories.ProgramCourseFactory(program=program, course=in_programme, year=1, term=1)
    same = factories.CourseFactory(code="DT002G", name_sv="Oförändrad", credits=Decimal("15"))
    factories.ProgramCourseFactory(
        program=program, course=same, year=2, term=3, kind=ProgramCourse.Kind.ELECTIVE
    )
    elsewhere = factories.CourseFactory(code="DT003G", name_sv="Annan kurs", credits=Decimal("5"))
    factories.ProgramCourseFactory(program=other_program, course=elsewhere)
    rows = [
        ["DT001G", "Nytt namn", "", "7,5", "1", "1", ""],
        ["DT002G", "Oförändrad", "", "15", "2", "3", "V"],
        ["DT003G", "Annan kurs", "", "5", "1", "", ""],
        ["DT004G", "Helt ny", "", "5", "1", "", ""],
    ]
    result = preview(program, csv_bytes(rows))
    statuses = [r.status for r in result.rows]
    assert statuses == [
        importing.RowStatus.UPDATE,
        importing.RowStatus.UNCHANGED,
        importing.RowStatus.LINK,
        importing.RowStatus.CREATE,
    ]
    assert any("Gammalt namn → Nytt namn" in change for change in result.rows[0].changes)
    assert result.counts == {"create": 1, "update": 1, "link": 1, "unchanged": 1, "reject": 0}


def test_changing_a_shared_course_is_flagged(program, other_program):
    course = factories.CourseFactory(code="DT001G", name_sv="Delad kurs")
    factories.ProgramCourseFactory(program=other_program, course=course)
    result = preview(program, csv_bytes([["DT001G", "Nytt namn", "", "7,5", "1", "", ""]]))
    assert [note.code for note in result.rows[0].notes] == ["shared_course"]


def test_empty_optional_cells_keep_an_existing_placement(program, coordinator):
    course = factories.CourseFactory(code="DT001G", name_sv="Kurs", name_en="Course")
    factories.ProgramCourseFactory(
        program=program, course=course, year=1, term=2, kind=ProgramCourse.Kind.ELECTIVE
    )
    data = csv_bytes([["DT001G", "Kurs", "", "7,5", "2", "", ""]])
    importing.course_list_commit(program=program, user=coordinator, data=data, filename="k.csv")
    place = ProgramCourse.objects.get(program=program, course=course)
    assert (place.year, place.term, place.kind) == (2, 2, ProgramCourse.Kind.ELECTIVE)
    course.refresh_from_db()
    assert course.name_en == "Course"


# --- the year derived from the term ----------------------------------------------------

TERM_HEADER = ["Kurskod", "Kursnamn", "Hp", "Termin"]


def test_the_year_is_derived_from_the_term_when_the_file_has_no_year_column(program, coordinator):
    rows = [[f"DT00{term}G", "Kurs", "7,5", str(term)] for term in (1, 2, 3, 4, 6)]
    data = csv_bytes(rows, header=TERM_HEADER)
    with translation.override("sv"):
        result = preview(program, data)
    assert [r.values["year"] for r in result.rows] == [1, 1, 2, 2, 3]
    assert all([n.code for n in r.notes] == ["year_from_term"] for r in result.rows)
    assert result.rows[2].notes[0].message == "Årskurs 2 härledd från termin 3."
    assert result.can_commit
    importing.course_list_commit(program=program, user=coordinator, data=data, filename="k.csv")
    years = dict(ProgramCourse.objects.values_list("course__code", "year"))
    assert years == {"DT001G": 1, "DT002G": 1, "DT003G": 2, "DT004G": 2, "DT006G": 3}


def test_an_empty_year_cell_is_derived_from_the_term_and_a_given_year_is_kept(program):
    rows = [
        ["DT001G", "Kurs", "", "7,5", "", "4", ""],
        ["DT002G", "Kurs", "", "7,5", "1", "4", ""],
    ]
    derived, given = preview(program, csv_bytes(rows)).rows
    assert (derived.values["year"], [n.code for n in derived.notes]) == (2, ["year_from_term"])
    assert (given.values["year"], given.notes) == (1, [])


@pytest.mark.usefixtures("english")
def test_a_file_with_neither_a_year_nor_a_term_column_is_refused(program):
    with pytest.raises(importing.ImportFileError) as error:
        preview(
            program, csv_bytes([["DT001G", "Kurs", "7,5"]], header=["Kurskod", "Kursnamn", "Hp"])
        )
    assert "Programme year" in error.value.message
    assert "Termin" in error.value.message


def test_a_row_with_neither_a_year_nor_a_term_is_rejected(program):
    row = preview(program, csv_bytes([["DT001G", "Kurs", "", "7,5", "", "", ""]])).rows[0]
    assert row.reason_codes == ["missing_year"]


def test_a_term_beyond_the_programme_is_rejected_naming_the_term(program):
    assert program.years == 3
    with translation.override("en"):
        row = preview(
            program, csv_bytes([["DT001G", "Kurs", "7,5", "7"]], header=TERM_HEADER)
        ).rows[0]
    assert row.reason_codes == ["year_out_of_range"]
    assert "term 7" in row.reasons[0].message


def test_the_preview_page_shows_that_the_year_was_derived(client, program, coordinator):
    client.force_login(coordinator)
    upload(client, program, csv_bytes([["DT001G", "Kurs", "7,5", "3"]], header=TERM_HEADER))
    page = client.get(reverse("programs:course_import_preview", args=[program.pk]))
    content = page.content.decode()
    assert 'data-note="year_from_term"' in content
    assert "Årskurs 2 härledd från termin 3." in content


# --- commit ----------------------------------------------------------------------------


def test_commit_writes_every_row_with_history_author(program, coordinator):
    importing.course_list_commit(
        program=program, user=coordinator, data=csv_bytes(ROWS), filename="k.csv"
    )
    places = ProgramCourse.objects.filter(program=program).select_related("course")
    assert sorted((p.course.code, p.course.credits, p.year, p.term, p.kind) for p in places) == [
        ("DT001G", Decimal("7.5"), 1, 1, "mandatory"),
        ("DT002G", Decimal("15.0"), 2, 3, "elective"),
    ]
    assert Course.objects.get(code="DT001G").history.first().history_user == coordinator


def test_commit_that_fails_on_the_third_row_writes_nothing(program, coordinator, monkeypatch):
    real = services.course_add_to_program
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 3:
            raise IntegrityError("injected failure")
        return real(**kwargs)

    monkeypatch.setattr(services, "course_add_to_program", failing)
    rows = [[f"DT00{n}G", f"Kurs {n}", "", "7,5", "1", "", ""] for n in range(1, 6)]
    with pytest.raises(importing.ImportCommitError) as error:
        importing.course_list_commit(
            program=program, user=coordinator, data=csv_bytes(rows), filename="k.csv"
        )
    assert error.value.line == 4  # heading on row 1, third course on row 4
    assert calls == ["DT001G", "DT002G", "DT003G"]
    assert Course.objects.count() == 0
    assert ProgramCourse.objects.count() == 0
    assert Course.history.count() == 0


def test_a_database_constraint_failing_midway_rolls_back_every_row(
    program, coordinator, monkeypatch
):
    """A real constraint violation at save time, not a mocked one: row 3 breaks a CHECK."""
    real = services.course_add_to_program
    calls = []

    def year_zero_on_third(**kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 3:
            ProgramCourse.objects.bulk_create(
                [ProgramCourse(program=program, course=Course.objects.first(), year=0)]
            )
        return real(**kwargs)

    monkeypatch.setattr(services, "course_add_to_program", year_zero_on_third)
    rows = [[f"DT00{n}G", f"Kurs {n}", "", "7,5", "1", "", ""] for n in range(1, 5)]
    with pytest.raises(importing.ImportCommitError):
        importing.course_list_commit(
            program=program, user=coordinator, data=csv_bytes(rows), filename="k.csv"
        )
    assert Course.objects.count() == 0
    assert ProgramCourse.objects.count() == 0


# --- limits and file types -------------------------------------------------------------


def test_oversize_file_is_refused_with_a_clear_message(program, settings):
    settings.IMPORT_MAX_BYTES = 100
    data = csv_bytes(ROWS * 5)
    assert len(data) > 100
    with pytest.raises(importing.ImportFileError) as error, translation.override("en"):
        preview(program, data)
    assert "largest file you can import is 100" in error.value.message


def test_too_many_rows_are_refused_with_a_clear_message(program, settings):
    settings.IMPORT_MAX_ROWS = 5
    rows = [[f"DT{n:03d}G", "Kurs", "", "7,5", "1", "", ""] for n in range(6)]
    with pytest.raises(importing.ImportFileError) as error:
        preview(program, csv_bytes(rows))
    assert "5" in error.value.message
    settings.IMPORT_MAX_ROWS = 6
    assert len(preview(program, csv_bytes(rows)).rows) == 6


def test_too_many_rows_in_excel_are_refused(program, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [[f"DT{n:03d}G", "Kurs", "", 7.5, 1, None, None] for n in range(30)]
    with pytest.raises(importing.ImportFileError):
        preview(program, xlsx_bytes(rows), "kurser.xlsx")


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("kurser.pdf", b"%PDF-1.7 binary"),
        ("kurser.xls", b"\xd0\xcf\x11\xe0 old excel"),
        ("kurser.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
        ("kurser.csv", b"PK\x03\x04 a zip file"),
        ("kurser.xlsx", b"Kurskod;Kursnamn\r\nDT001G;Kurs\r\n"),
        ("kurser.xlsx", b"PK\x03\x04 not really a zip"),
        ("kurser.csv", b""),
        ("kurser.csv", b"\xef\xbb\xbfKurskod;Kursnamn\r\n\xff\xfe\xfa"),
    ],
)
def test_files_that_are_not_csv_or_excel_are_refused(program, filename, data):
    with pytest.raises(importing.ImportFileError) as error:
        preview(program, data, filename)
    assert error.value.message


def test_quoted_cell_with_a_line_break_stays_one_row(program):
    data = 'Kurskod;Kursnamn;Hp;År\r\nDT001G;"Kurs med\r\ntvå rader";7,5;1\r\nDT002G;Kurs;5;2\r\n'
    result = preview(program, data.encode())
    assert [r.values["code"] for r in result.rows] == ["DT001G", "DT002G"]
    assert result.rows[0].values["name_sv"] == "Kurs med två rader"


def test_heading_row_without_course_rows_is_refused(program):
    with pytest.raises(importing.ImportFileError):
        preview(program, csv_bytes([]))


# --- through the web pages -------------------------------------------------------------


def upload(client, program, data, name="kurser.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("programs:course_import", args=[program.pk]), {"file": file})


def test_upload_preview_and_commit_through_the_pages(client, program, coordinator):
    client.force_login(coordinator)
    response = upload(client, program, csv_bytes(ROWS))
    preview_url = reverse("programs:course_import_preview", args=[program.pk])
    assert response.status_code == 302
    assert response["Location"] == preview_url
    page = client.get(preview_url)
    content = page.content.decode()
    assert "DT001G" in content
    assert "Åtgärder för ärlig öppenhet" in content
    assert "disabled" not in content.split('name="digest"')[1].split("</form>")[0]
    assert Course.objects.count() == 0  # the preview writes nothing
    response = client.post(
        reverse("programs:course_import_commit", args=[program.pk]),
        {"digest": page.context["digest"]},
    )
    assert response.status_code == 302
    assert response["Location"] == program.get_absolute_url()
    assert set(program.courses.values_list("code", flat=True)) == {"DT001G", "DT002G"}
    assert client.get(preview_url).status_code == 302  # the stored file is gone


def test_preview_with_rejected_rows_disables_saving_and_a_forced_commit_writes_nothing(
    client, program, coordinator
):
    client.force_login(coordinator)
    upload(client, program, csv_bytes([*ROWS, ["", "Utan kod", "", "7,5", "1", "", ""]]))
    page = client.get(reverse("programs:course_import_preview", args=[program.pk]))
    content = page.content.decode()
    assert 'data-reason="missing_code"' in content
    assert 'id="row-4"' in content
    commit_form = content.split('name="digest"')[1].split("</form>")[0]
    assert "disabled" in commit_form
    response = client.post(
        reverse("programs:course_import_commit", args=[program.pk]),
        {"digest": page.context["digest"]},
    )
    assert response.status_code == 302
    assert Course.objects.count() == 0


def test_commit_with_a_stale_digest_writes_nothing(client, program, coordinator):
    client.force_login(coordinator)
    upload(client, program, csv_bytes(ROWS))
    response = client.post(
        reverse("programs:course_import_commit", args=[program.pk]), {"digest": "0" * 64}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:course_import", args=[program.pk])
    assert Course.objects.count() == 0


def test_unreadable_upload_shows_the_reason_on_the_field(client, program, coordinator, settings):
    client.force_login(coordinator)
    settings.IMPORT_MAX_BYTES = 50
    response = upload(client, program, csv_bytes(ROWS))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_file_helptext id_file_error"' in content
    assert 'id="id_file_error"' in content
    assert response.context["form"].errors["file"]


def test_cancel_discards_the_stored_file(client, program, coordinator):
    client.force_login(coordinator)
    upload(client, program, csv_bytes(ROWS))
    client.post(reverse("programs:course_import_cancel", args=[program.pk]))
    response = client.get(reverse("programs:course_import_preview", args=[program.pk]))
    assert response.status_code == 302
    assert Course.objects.count() == 0


def test_import_form_lists_the_accepted_headings(client, program, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("programs:course_import", args=[program.pk])).content.decode()
    for heading in ("Kurskod", "Benämning", "Högskolepoäng", "Årskurs", "Termin", "Obligatorisk"):
        assert heading in content
