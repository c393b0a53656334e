"""Issue 3, "Done when", as a new coordinator does it in a Swedish browser on the demo data.

The demo coordinator `samordnare` opens Högskoleingenjörsprogrammet i elektroteknik (TGELK),
imports a course list saved by Swedish Excel (semicolons, Windows-1252, decimal comma),
adds a guest lecture with quick add, a study visit and a placement with two partners by
keyboard only, watches the completeness bar change, exports the inventory to Excel and finds
every change, with their name, in the history.
"""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from programs.models import Program
from tests.e2e.helpers import (
    assert_no_serious_violations,
    choose_by_typing,
    completeness_percent,
    demo_login,
    is_focused,
    seed_demo,
    tab_to,
)

pytestmark = pytest.mark.e2e

PROGRAM_NAME = "Högskoleingenjörsprogrammet i elektroteknik"
COORDINATOR_NAME = "Demo Programansvarig"
GUEST_LECTURE = "Elsäkerhet i yrkeslivet – gäst från nätbolaget"
STUDY_VISIT = "Studiebesök i ett ställverk"
PLACEMENT = "VFU hos Vattenkraft Norr"
HOST = "Vattenkraft Norr AB"
ENERGY = "Älvstads Energi och Vatten AB"

# As Swedish Excel saves "CSV (semikolonavgränsad)": semicolons, Windows-1252, decimal comma.
# EL101G is already in the programme as it stands here (unchanged), EL303G turns from elective
# to mandatory (updated) and EL305G is a new course.
COURSE_LIST = (
    "Kurskod;Kursnamn;Hp;Årskurs;Termin;Obligatorisk/valbar\r\n"
    "EL101G;Elektriska kretsar;7,5;1;1;Obligatorisk\r\n"
    "EL303G;Kraftelektronik;7,5;3;5;Obligatorisk\r\n"
    "EL305G;Elsäkerhet och åskskydd;7,5;3;6;Valbar\r\n"
).encode("cp1252")


def import_course_list(page) -> None:
    """Upload the course list, check the preview row by row, save every row."""
    page.locator("#import-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera kurslista")
    page.get_by_label("Kurslista (CSV eller Excel .xlsx)").set_input_files(
        {"name": "kurslista-TGELK.csv", "mimeType": "text/csv", "buffer": COURSE_LIST}
    )
    page.get_by_role("button", name="Ladda upp och förhandsgranska").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Förhandsgranskning av kursimporten")
    expect(page.locator("main")).to_contain_text("kurslista-TGELK.csv")
    expect(page.locator("#row-2 td").first).to_have_text("Oförändrad")
    expect(page.locator("#row-3 td").first).to_have_text("Uppdateras")
    expect(page.locator("#row-3")).to_contain_text("Valbar")
    expect(page.locator("#row-3")).to_contain_text("Obligatorisk")
    expect(page.locator("#row-4 td").first).to_have_text("Ny kurs")
    expect(page.locator("#row-4")).to_contain_text("Elsäkerhet och åskskydd")
    expect(page.locator("#row-4")).to_contain_text("7,5")
    assert_no_serious_violations(page)

    page.get_by_role("button", name="Spara alla rader").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PROGRAM_NAME)
    expect(page.get_by_role("status").filter(has_text="Kurslistan")).to_contain_text(
        "1 nya, 1 uppdaterade"
    )
    new_course = page.locator("#courses tr").filter(has_text="EL305G")
    expect(new_course).to_contain_text("Elsäkerhet och åskskydd")
    expect(new_course).to_contain_text("Valbar")
    expect(page.locator("#courses tr").filter(has_text="EL303G")).to_contain_text("Obligatorisk")


def quick_add_guest_lecture_by_keyboard(page) -> None:
    """Quick add: Tab to the type, type its first letter, title, hours, Enter."""
    tab_to(page, "#quick_type")
    choose_by_typing(page, "G", "Gästföreläsning")
    page.keyboard.press("Tab")
    assert is_focused(page.locator("#quick_title"))
    page.keyboard.type(GUEST_LECTURE)
    tab_to(page, "#quick_hours")
    page.keyboard.type("2")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(GUEST_LECTURE)


def add_study_visit_by_keyboard(page) -> None:
    """The full form, keyboard only: type, title, course (fills the year), hours, a partner."""
    tab_to(page, "#add-activity-full", backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägg till en aktivitet")
    expect(page.locator("#id_title")).to_be_focused()  # autofocus: start typing at once
    assert_no_serious_violations(page)

    page.keyboard.press("Shift+Tab")
    assert is_focused(page.locator("#id_type"))
    choose_by_typing(page, "St", "Studiebesök")
    page.keyboard.press("Tab")
    page.keyboard.type(STUDY_VISIT)
    page.keyboard.press("Tab")
    assert is_focused(page.locator("#id_course"))
    choose_by_typing(page, "EL103", "EL103G Ellära och mätteknik")
    expect(page.locator("#id_year")).to_have_value("1")  # the course's year, filled in
    tab_to(page, "#id_hours")
    page.keyboard.type("6")
    tab_to(page, "#id_partners-0-partner")
    page.keyboard.type(HOST)
    page.keyboard.press("Tab")
    assert is_focused(page.locator("#id_partners-0-role"))
    choose_by_typing(page, "V", "Värd")
    # "Save and add another" keeps the keyboard user in the form for the next activity.
    tab_to(page, "#save-and-add")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(STUDY_VISIT)


def add_placement_by_keyboard(page) -> None:
    """A mandatory 15 hp placement in year 3 with a host and a supervisor, submitted by Space."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägg till en aktivitet")
    expect(page.locator("#id_title")).to_be_focused()
    page.keyboard.type(PLACEMENT)
    page.keyboard.press("Shift+Tab")
    choose_by_typing(page, "VF", "VFU / praktik")
    tab_to(page, "#id_year")
    expect(page.locator("#id_year")).to_have_value("1")  # kept from the previous activity
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_year")).to_have_value("3")
    tab_to(page, "#id_hp")
    page.keyboard.type("15")
    tab_to(page, "#id_partners-0-partner")
    page.keyboard.type(HOST)
    page.keyboard.press("Tab")
    choose_by_typing(page, "V", "Värd")
    tab_to(page, "#id_partners-1-partner")
    page.keyboard.type(ENERGY)
    page.keyboard.press("Tab")
    choose_by_typing(page, "H", "Handledare")
    tab_to(page, "#save-activity")
    with page.expect_navigation():
        page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text(PLACEMENT)


def test_new_coordinator_imports_courses_adds_activities_exports_and_sees_history(page, tmp_path):
    seed_demo()
    program = Program.objects.get(code="TGELK")
    demo_login(page, "samordnare")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina program")
    page.get_by_role("link", name=PROGRAM_NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"TGELK {PROGRAM_NAME}")
    expect(page.get_by_role("heading", name="Vad kompassen fortfarande behöver")).to_be_visible()
    before = completeness_percent(page)

    import_course_list(page)

    quick_add_guest_lecture_by_keyboard(page)
    # A guest lecture needs a partner organisation: the bar drops and says why.
    after_guest_lecture = completeness_percent(page)
    assert after_guest_lecture < before
    expect(page.locator("#completeness")).to_contain_text(f"{after_guest_lecture} % komplett")
    missing_partner = page.locator("#missing-list a[href='#activities']")
    expect(missing_partner).to_have_count(1)

    add_study_visit_by_keyboard(page)
    add_placement_by_keyboard(page)
    placement = page.locator("#activities tr").filter(has_text=PLACEMENT)
    expect(placement).to_contain_text(f"{HOST} (värd)")
    expect(placement).to_contain_text(f"{ENERGY} (handledare)")
    expect(placement).to_contain_text("Obligatorisk")
    expect(page.locator("#activities tr").filter(has_text=STUDY_VISIT)).to_contain_text("EL103G")

    # Follow the missing item, give the guest lecture its guest, and the bar is back up.
    missing_partner.click()
    page.get_by_role("link", name=f"Ändra {GUEST_LECTURE}").click()
    page.locator("#id_partners-0-partner").fill(ENERGY)
    page.locator("#id_partners-0-role").select_option(label="Gästlärare")
    page.locator("#save-activity").click()
    expect(page.get_by_role("status")).to_contain_text(GUEST_LECTURE)
    assert completeness_percent(page) > after_guest_lecture
    expect(page.locator("#missing-list a[href='#activities']")).to_have_count(0)

    # Export: the Excel workbook has the new activities, in Swedish.
    page.locator("#export-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exportera inventering")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Ladda ner som Excel")).click()
    workbook_path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(workbook_path)
    assert workbook_path.suffix == ".xlsx"
    workbook = load_workbook(workbook_path, read_only=True)
    assert "Aktiviteter" in workbook.sheetnames
    cells = {str(c) for row in workbook["Aktiviteter"].iter_rows(values_only=True) for c in row}
    assert {GUEST_LECTURE, STUDY_VISIT, PLACEMENT} <= cells
    course_cells = {str(c) for row in workbook["Kurser"].iter_rows(values_only=True) for c in row}
    assert "EL305G" in course_cells

    # History: every change, newest first, with the coordinator's name.
    page.goto(program.get_absolute_url())
    page.locator("#history-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Historik för {PROGRAM_NAME}")
    history = page.locator("#history-table")
    for title in (GUEST_LECTURE, STUDY_VISIT, PLACEMENT, "EL305G"):
        expect(history.locator("tr").filter(has_text=title).first).to_contain_text(COORDINATOR_NAME)
    expect(history.locator("tr").filter(has_text=PLACEMENT).first).to_contain_text("skapad")
