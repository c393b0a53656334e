"""Helpers for the end-to-end flows: demo data, demo logins, keyboard steps, page readings, axe.

The flows run on the demo university (`seed_demo`, about 2 s), logged in as its demo users, so
they see what a new user of a freshly installed system sees.
"""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from demo.build import DEMO_PASSWORD
from tests.e2e.conftest import login

BLOCKING_IMPACTS = {"serious", "critical"}


def seed_demo() -> None:
    """Load the demo university into the test database (quietly)."""
    call_command("seed_demo", "--force", stdout=StringIO())


def demo_login(page, username: str) -> None:
    """Log in as one of the demo users (samordnare, sam, namnd …) through the login form."""
    login(page, username, password=DEMO_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def is_focused(locator) -> bool:
    """True when `locator` is the element that has the keyboard focus."""
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab (Shift+Tab with `backwards`) until `selector` has the focus, as a user would."""
    target = page.locator(selector)
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if is_focused(target):
            return
        page.keyboard.press(key)
    if not is_focused(target):
        pytest.fail(f"{selector} cannot be reached with {key}")


def choose_by_typing(page, text: str, expected_label: str) -> None:
    """Pick an option of the focused <select> by typing its first letters (select type-ahead)."""
    page.keyboard.type(text)
    chosen = page.evaluate("() => document.activeElement.selectedOptions[0]?.text ?? ''")
    assert chosen.strip() == expected_label, f"typing {text!r} chose {chosen!r}"


def completeness_percent(page) -> int:
    """The programme page's completeness bar value (0-100)."""
    return int(page.locator("#completeness-program").get_attribute("value"))


def compass_table_value(page, axis_name: str) -> str:
    """The current-state cell of one axis in the compass page's data table."""
    row = page.locator(".compass-table tbody tr").filter(
        has=page.get_by_role("rowheader", name=axis_name, exact=True)
    )
    return row.locator("td").first.inner_text().strip()


def assert_no_serious_violations(page) -> None:
    """Run axe-core on the page; print every violation, fail on serious or critical ones."""
    violations = Axe().run(page).response["violations"]
    report = "\n".join(
        f"- [{v.get('impact')}] {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"    {node['target']}: {node['html'][:160]}" for node in v["nodes"])
        for v in violations
    )
    if violations:
        print(f"axe on {page.url}:\n{report}")  # noqa: T201 - shown with -s and on failure
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"serious axe violations on {page.url}:\n{report}"
