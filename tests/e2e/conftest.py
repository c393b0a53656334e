"""Browser-test harness: Debian's Chromium, driven by Playwright, against a live server.

Use the `page` fixture (a fresh browser context on pytest-django's `live_server`, Swedish
like our users' browsers) and `login(page, username)`, which logs in through the real login
form (factory users have the password "pw"). Mark every test `@pytest.mark.e2e`.

- One Chromium per session; every test gets its own context (own cookies and storage), and
  Playwright gives the browser a fresh temporary user-data dir. Never `playwright install`.
- Without /usr/bin/chromium the tests skip on a laptop and fail in CI (CI=true).
- `live_server` makes the tests transactional (the server thread needs committed rows), so
  they run with serialized rollback: the seed data of the migrations (activity taxonomy,
  SAM group) is restored before each test. They also run last, after every other test, so
  the flush a transactional test ends with never hides that seed data from other tests.
- Static files come straight from the finders through pytest-django's StaticFilesHandler,
  so no collectstatic is needed.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import require_service

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to
# run next to it (SynchronousOnlyOperation) without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
TIMEOUT_MS = 15_000


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last (a stable sort after pytest-django's own ordering)."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


def _serialized_contents() -> dict[str, str]:
    """The test databases' contents after migrations, as pytest-django serialized them."""
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _share_serialized_contents(contents: dict[str, str]) -> None:
    """Give the connections seen while Playwright's event loop runs the serialized contents.

    Django keeps one connection object per thread, but a separate one per context while an
    event loop runs in the thread (asgiref's Local), as Playwright's sync API does. When
    plain database tests ran first, the contents were serialized on the thread's connection,
    and the browser tests' connection lacked them: serialized rollback restored nothing and
    the migrations' seed data (activity taxonomy, SAM group) stayed flushed.
    """
    from django.db import connections

    for alias, serialized in contents.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = serialized


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator:
    """One headless Chromium for the whole session."""
    require_service(CHROMIUM.exists(), f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    serialized = _serialized_contents()  # before the event loop: the thread's connections
    with sync_playwright() as playwright:
        _share_serialized_contents(serialized)
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback) -> Iterator:
    """A new page in a fresh context whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def login(page, username: str, password: str = "pw") -> None:
    """Log in through the real login form; fails the test if the login is refused."""
    login_url = reverse("login")
    page.goto(login_url)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if page.url.split("?")[0].endswith(login_url):
        pytest.fail(f"Logging in as {username!r} failed")
