"""The Content-Security-Policy holds in a real browser: the charts draw and nothing is refused.

Every page is watched for `securitypolicyviolation` events (recorded by a script the test
adds before any page script runs) and for the console's CSP errors. The compass radar and
the dashboard's four charts must draw (Plotly's SVG with its traces) under the policy, on
hover too, and an inline script injected on purpose must be refused (the watch works).
"""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import CompassRound
from programs.models import Activity, Program
from tests.e2e.helpers import demo_login, seed_demo

pytestmark = pytest.mark.e2e

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Watch:
    """CSP violations and script errors seen by one page."""

    def __init__(self, page) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(WATCH)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message) -> None:
        text = message.text
        if message.type in {"error", "warning"} and (
            "Content Security Policy" in text or "Permissions-Policy" in text
        ):
            self.console.append(text)

    def violations(self) -> list[str]:
        return [*self.page.evaluate("() => window.__cspViolations || []"), *self.console]

    def assert_clean(self, where: str) -> None:
        assert not self.violations(), f"{where}: {self.violations()}"
        assert not self.errors, f"{where}: script errors {self.errors}"


@pytest.fixture
def watch(page) -> Watch:
    return Watch(page)


def visit(page, url: str):
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url} answered {response.status}"
    page.wait_for_load_state("load")
    return response


def test_the_policy_allows_only_our_own_scripts():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-eval'" not in str(directives)
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_the_compass_radar_draws_under_the_policy(page, watch):
    seed_demo()
    program = Program.objects.get(code="TGELK")
    demo_login(page, "samordnare")

    response = visit(page, reverse("assessments:program_compass", args=[program.pk]))

    policy = response.header_value("content-security-policy") or ""
    assert "script-src 'self'" in policy
    chart = page.locator(".compass-chart").first
    expect(chart.locator(".main-svg").first).to_be_attached()
    expect(chart.locator(".polarlayer .trace").first).to_be_attached()  # the radar's areas
    chart.hover()  # Plotly draws its hover labels and modebar styles on demand
    page.mouse.move(10, 10)
    watch.assert_clean("compass")


def test_the_dashboard_charts_draw_under_the_policy(page, watch):
    seed_demo()
    demo_login(page, "sam")

    visit(page, reverse("assessments:dashboard"))

    for figure in ("distribution", "shares", "coverage", "partners"):
        chart = page.locator(f'[data-figure="figure-{figure}"]')
        expect(chart.locator(".main-svg").first).to_be_attached()
        # Box and bar traces, or the heatmap's picture (a data: image, hence img-src data:).
        expect(chart.locator(".cartesianlayer .trace, .cartesianlayer .hm").first).to_be_attached()
        chart.hover()
    watch.assert_clean("dashboard")


def test_pages_with_forms_scripts_and_the_admin_report_no_violation(page, watch):
    seed_demo()
    visit(page, reverse("login"))
    watch.assert_clean("login page")
    demo_login(page, "admin")
    program = Program.objects.get(code="TGELK")
    activity = Activity.objects.filter(program=program).first()
    compass_round = CompassRound.objects.first()
    urls = [
        reverse("programs:home"),
        program.get_absolute_url(),
        reverse("programs:partner_list"),
        reverse("reports:archive"),
        reverse("admin:index"),
        reverse("admin:programs_partner_changelist"),
        reverse("admin:auth_user_add"),
    ]
    if activity is not None:
        urls.append(reverse("programs:activity_edit", args=[program.pk, activity.pk]))
    if compass_round is not None:
        urls.append(reverse("assessments:round_detail", args=[compass_round.pk]))
    for url in urls:
        visit(page, url)
        watch.assert_clean(url)


def test_an_inline_script_is_refused_and_seen(page, watch):
    seed_demo()
    visit(page, reverse("login"))
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__injected = true;";
            document.body.append(script);
        }"""
    )
    assert page.evaluate("() => window.__injected === true") is False
    assert any("script-src" in violation for violation in watch.violations())
