"""The dashboard's Excel export: one sheet per table, formula injection neutralised."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from alakompass import spreadsheets
from tests import factories


def download(client, url, **params):
    """The workbook in English (the Swedish names come with the central catalogue)."""
    client.cookies["django_language"] = "en"
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="ala-kompassen-')
    return load_workbook(io.BytesIO(response.content))


def sheet_rows(workbook, title):
    return [list(row) for row in workbook[title].iter_rows(values_only=True)]


def test_export_has_a_sheet_per_table(client, sam_user, program):
    client.force_login(sam_user)
    workbook = download(client, reverse("assessments:dashboard_export"))
    assert workbook.sheetnames == [
        "Overview",
        "Distribution per axis",
        "Programmes",
        "Coverage",
        "Stale inventories",
        "Overdue actions",
        "Agreements ending soon",
        "Partner organisations",
    ]
    overview = sheet_rows(workbook, "Overview")
    assert overview[1][0] == "Self-assessment – not intended for comparing programmes"
    assert ["Programmes", 1] in [row[:2] for row in overview]


def test_export_coverage_holds_every_programme_beyond_the_page(
    client, sam_user, faculty, monkeypatch
):
    from assessments.views import dashboard as dashboard_views

    monkeypatch.setattr(dashboard_views, "ROWS_PER_PAGE", 2)
    for index in range(5):
        factories.ProgramFactory(code=f"P{index}", faculty=faculty)
    client.force_login(sam_user)
    workbook = download(client, reverse("assessments:dashboard_export"))
    coverage = sheet_rows(workbook, "Coverage")
    assert [row[0] for row in coverage[1:]] == ["P0", "P1", "P2", "P3", "P4"]
    assert len(coverage[0]) == 2 + 14  # code, name and one column per activity type


def test_export_neutralises_cells_that_look_like_formulas(client, sam_user, faculty):
    program = factories.ProgramFactory(code="EVIL", name_en='=HYPERLINK("x")', faculty=faculty)
    compass_round = factories.CompassRoundFactory(program=program)
    factories.ActionFactory(
        round=compass_round,
        description="+cmd|' /C calc'!A0",
        owner="@SUM(1+1)",
        due_date=datetime.date(2020, 1, 1),
    )
    partner = factories.PartnerFactory(name="-2+3")
    factories.ActivityPartnerFactory(
        activity=factories.ActivityFactory(program=program), partner=partner
    )
    client.force_login(sam_user)
    workbook = download(client, reverse("assessments:dashboard_export"))
    programmes = sheet_rows(workbook, "Programmes")
    assert programmes[1][1] == '\'=HYPERLINK("x")'
    overdue = sheet_rows(workbook, "Overdue actions")
    assert overdue[1][2] == "'+cmd|' /C calc'!A0"
    assert overdue[1][3] == "'@SUM(1+1)"
    partners = sheet_rows(workbook, "Partner organisations")
    assert partners[1][0] == "'-2+3"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_export_keeps_numbers_and_dates_typed(client, sam_user, program):
    compass_round = factories.CompassRoundFactory(program=program)
    factories.ActionFactory(round=compass_round, due_date=datetime.date(2020, 1, 1))
    client.force_login(sam_user)
    workbook = download(client, reverse("assessments:dashboard_export"))
    overdue = sheet_rows(workbook, "Overdue actions")
    assert overdue[1][4] == datetime.datetime(2020, 1, 1)
    assert isinstance(overdue[1][5], int)
    distribution = sheet_rows(workbook, "Distribution per axis")
    assert distribution[0] == ["Axis", "Scored", "N/A", "Min", "Q1", "Median", "Q3", "Max"]
    assert all(isinstance(row[1], int) for row in distribution[1:])


def test_faculty_export_holds_only_that_faculty(client, board_member, program, other_program):
    client.force_login(board_member)
    workbook = download(
        client, reverse("assessments:faculty_dashboard_export", args=[program.faculty.pk])
    )
    codes = [row[0] for row in sheet_rows(workbook, "Programmes")[1:]]
    assert codes == [program.code]


def test_export_applies_the_profile_filter(client, sam_user, faculty):
    general = factories.ProgramFactory(faculty=faculty, profile="general")
    factories.ProgramFactory(faculty=faculty, profile="professional")
    client.force_login(sam_user)
    workbook = download(client, reverse("assessments:dashboard_export"), profile="general")
    assert [row[0] for row in sheet_rows(workbook, "Programmes")[1:]] == [general.code]


def test_export_drops_control_characters_pasted_into_text(client, sam_user, program):
    """Word's line break (\\x0b) is pasted into action texts; Excel files cannot hold it."""
    compass_round = factories.CompassRoundFactory(program=program)
    factories.ActionFactory(
        round=compass_round,
        description="Starta\x0bbranschråd",
        owner="Programansvarig\x01",
        due_date=datetime.date(2020, 1, 1),
    )
    client.force_login(sam_user)
    workbook = download(client, reverse("assessments:dashboard_export"))
    overdue = sheet_rows(workbook, "Overdue actions")
    assert overdue[1][2:4] == ["Startabranschråd", "Programansvarig"]


def test_export_is_not_stored_by_shared_caches(client, board_member, faculty, program):
    """Like the inventory export: a download of the university's data stays private."""
    client.force_login(board_member)
    response = client.get(reverse("assessments:faculty_dashboard_export", args=[faculty.pk]))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
