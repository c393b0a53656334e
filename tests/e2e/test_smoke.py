"""Smoke test through a real browser: log in, find the programme, switch language."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def focus_by_tabbing(page, selector: str, limit: int = 40) -> None:
    """Press Tab from the top of the page until `selector` has the keyboard focus."""
    page.locator("body").focus()
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def test_coordinator_logs_in_to_swedish_mina_program_and_switches_to_english(
    page, coordinator, program
):
    login(page, coordinator.username)

    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina program")

    page.get_by_role("link", name=program.name_sv).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(program.name_sv)

    # Keyboard only: Tab to the language list, pick English, Tab to its button, Enter.
    focus_by_tabbing(page, "#language-select")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#language-select")).to_have_value("en")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text(program.name_en)
    expect(page.get_by_role("link", name="My programmes").first).to_be_visible()


def test_admin_login_page_renders(page):
    response = page.goto("/admin/login/")
    assert response is not None
    assert response.ok
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()
