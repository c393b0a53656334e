"""axe-core (bundled with axe-playwright-python, runs offline) on the main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}


def assert_no_serious_violations(page) -> None:
    """Fail with a readable list when axe finds serious or critical violations."""
    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    report = "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"    {node['target']}: {node['html'][:160]}" for node in v["nodes"])
        for v in violations
    )
    assert not violations, f"axe violations on {page.url}:\n{report}"


def test_login_page_has_no_serious_accessibility_violations(page):
    page.goto("/konto/login/")
    expect(page.locator("#id_username")).to_be_visible()
    assert_no_serious_violations(page)


def test_mina_program_has_no_serious_accessibility_violations(page, coordinator, program):
    login(page, coordinator.username)
    expect(page.get_by_role("link", name=program.name_sv)).to_be_visible()
    assert_no_serious_violations(page)


def test_programme_page_has_no_serious_accessibility_violations(page, coordinator, program):
    login(page, coordinator.username)
    page.goto(program.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(program.name_sv)
    assert_no_serious_violations(page)
