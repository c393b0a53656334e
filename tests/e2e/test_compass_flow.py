"""Issue 4, "Done when", for the coordinator: the live compass, målbild, actions, freezing.

The demo coordinator `samordnare` keeps the compass of Högskoleingenjörsprogrammet i
elektroteknik (TGELK) open in one tab while adding a mandatory placement in another; after a
reload the scope axis has moved. Then a whole round: start it, set the målbild of all eight
axes, add an action, adopt (freeze) it on its confirmation page, and see that the round says
it is fastställd and refuses changes.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from assessments.scoring import Axis
from programs.models import Program
from tests.e2e.helpers import (
    assert_no_serious_violations,
    compass_table_value,
    demo_login,
    seed_demo,
)

pytestmark = pytest.mark.e2e

PROGRAM_NAME = "Högskoleingenjörsprogrammet i elektroteknik"
SCOPE = "Omfattning och räckvidd"
PLACEMENT = "VFU i elnätsföretag, 15 hp"
NEW_PARTNER = "Nordkraft Service AB"
NEW_PARTNER_ORG_NUMBER = "556677-8899"  # fictional, with a correct Luhn check digit
ACTION = "Starta ett mentorprogram med alumner från elbranschen"
FROZEN_MESSAGE = "Den här kompassomgången är fastställd och kan inte ändras."
TARGETS = dict(zip(Axis, (90, 85, 80, 90, 85, 40, 70, 80), strict=True))


def add_mandatory_placement(page, program: Program) -> None:
    """The full activity form: a mandatory 15 hp placement with a registered and a new partner."""
    page.goto(program.get_absolute_url())
    page.locator("#add-activity-full").click()
    page.locator("#id_type").select_option(label="VFU / praktik")
    page.locator("#id_title").fill(PLACEMENT)
    page.locator("#id_year").select_option("2")
    expect(page.get_by_label("Obligatorisk", exact=True)).to_be_checked()
    page.locator("#id_hp").fill("15")
    page.locator("#id_partners-0-partner").fill("Vattenkraft Norr AB")
    page.locator("#id_partners-0-role").select_option(label="Värd")
    page.locator("#new-partner summary").click()
    page.locator("#id_new_partner-name").fill(NEW_PARTNER)
    page.locator("#id_new_partner-org_number").fill(NEW_PARTNER_ORG_NUMBER)
    page.locator("#id_new_partner-sector").select_option(label="Privat")
    page.locator("#id_new_partner-role").select_option(label="Handledare")
    page.locator("#save-activity").click()
    expect(page.get_by_role("status")).to_contain_text(PLACEMENT)
    row = page.locator("#activities tr").filter(has_text=PLACEMENT)
    expect(row).to_contain_text(f"{NEW_PARTNER} (handledare)")


def set_all_targets(page) -> None:
    """Workshop 1: a målbild for every axis in one form."""
    page.get_by_role("link", name="Sätt målbild").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Målbild för omgången")
    expect(page.locator("fieldset")).to_have_count(len(Axis))
    assert_no_serious_violations(page)
    for axis, score in TARGETS.items():
        page.locator(f"#id_{axis.value}-score").fill(str(score))
    page.locator(f"#id_{Axis.CAREER.value}-motivation").fill(
        "Medvetet lägre: karriärarbetet byggs upp först under nästa omgång."
    )
    page.get_by_role("button", name="Spara målbild").click()
    expect(page.get_by_role("status")).to_have_text("Målbilden är sparad.")
    targets = page.locator("section[aria-labelledby='targets-heading'] tbody tr")
    expect(targets.filter(has_text=SCOPE)).to_contain_text(str(TARGETS[Axis.SCOPE]))
    expect(targets.filter(has_text="Karriär")).to_contain_text("Medvetet lägre")


def add_action(page) -> None:
    """Workshop 2: from a recommendation, an action with an owner and a due date."""
    page.get_by_role("link", name="Lägg till en åtgärd för C1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägg till en åtgärd")
    expect(page.locator("#id_axis")).to_have_value(Axis.CAREER.value)  # from the link
    expect(page.locator("#id_indicator")).to_have_value("C1")
    page.locator("#id_description").fill(ACTION)
    page.locator("#id_owner").fill("Programansvarig och programrådet")
    page.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=200)).isoformat())
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Åtgärden är tillagd.")
    expect(page.locator("section[aria-labelledby='actions-heading']")).to_contain_text(ACTION)


def test_coordinator_sees_live_compass_sets_targets_adds_action_and_freezes_round(page):
    seed_demo()
    program = Program.objects.get(code="TGELK")
    demo_login(page, "samordnare")
    page.goto(program.get_absolute_url())
    page.locator("#compass-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kompass: TGELK {PROGRAM_NAME}")
    expect(page.locator(".compass-chart .main-svg").first).to_be_attached()  # Plotly drew
    assert_no_serious_violations(page)
    scope_before = compass_table_value(page, SCOPE)

    # Edit the inventory in a second tab while the compass stays open in the first.
    inventory_tab = page.context.new_page()
    add_mandatory_placement(inventory_tab, program)
    inventory_tab.close()
    page.reload()
    scope_after = compass_table_value(page, SCOPE)
    assert int(scope_after) > int(scope_before), (scope_before, scope_after)
    expect(page.locator(f"#axis-{Axis.SCOPE.value}")).to_have_text(f"1. {SCOPE}: {scope_after}")

    page.get_by_role("link", name="Starta en kompassomgång").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Starta en kompassomgång: TGELK {PROGRAM_NAME}"
    )
    page.get_by_role("button", name="Starta omgången").click()
    expect(page.get_by_role("status")).to_have_text("Kompassomgången är startad.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kompassomgång")
    round_url = page.url
    round_pk = int(round_url.rstrip("/").rsplit("/", 1)[1])

    set_all_targets(page)
    add_action(page)

    page.get_by_role("link", name="Fastställ omgången").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fastställ omgången")
    expect(page.get_by_role("alert")).to_have_count(0)  # no axis lacks a målbild
    expect(page.locator("main")).to_contain_text("Åtgärdsplanen har 1 åtgärd.")
    page.get_by_label("Jag bekräftar att omgången fastställs", exact=False).check()
    page.get_by_role("button", name="Fastställ omgången").click()

    expect(page.get_by_role("status")).to_have_text("Kompassomgången är fastställd.")
    assert page.url == round_url
    main = page.locator("main")
    expect(main.locator(".alert-info")).to_contain_text("Fastställd")
    expect(main.locator(".alert-info")).to_contain_text("Demo Programansvarig")
    expect(main.locator("[aria-current='step']")).to_have_text("Fastställd")
    for refused in ("Sätt målbild", "Lägg till en åtgärd", "Ändra omgångens uppgifter"):
        expect(page.get_by_role("link", name=refused, exact=True)).to_have_count(0)
    expect(main).to_contain_text(ACTION)

    # Typing the address of the målbild form is refused too: back to the round, nothing changes.
    page.goto(reverse("assessments:round_targets", args=[round_pk]))
    assert page.url == round_url
    expect(page.get_by_role("status")).to_have_text(FROZEN_MESSAGE)
    page.goto(reverse("assessments:action_create", args=[round_pk]))
    expect(page.get_by_role("status")).to_have_text(FROZEN_MESSAGE)

    page.get_by_role("link", name="Tillbaka till programmets kompass").click()
    rounds = page.locator("section[aria-labelledby='rounds-heading'] tbody tr")
    expect(rounds).to_have_count(1)
    expect(rounds.first).to_contain_text("Fastställd")
    expect(page.get_by_role("link", name="Starta en kompassomgång")).to_be_visible()
