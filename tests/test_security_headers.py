"""Response headers, the session policy, the anonymous language switch and bounded bodies.

Logged-in pages carry the Content-Security-Policy, HSTS (on HTTPS), `Cache-Control: no-store`
and a deny-all Permissions-Policy; a session ends after a working day or an idle hour; the
login page's language switch works before logging in; a too-large request gets a clear
413 page in the user's language, never a 500 or the whole body read.
"""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from demo.build import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

HOME = reverse("programs:home")


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]}."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


# Headers on a logged-in page


def test_a_logged_in_page_carries_csp_no_store_and_permissions_policy(client, coordinator):
    client.force_login(coordinator)
    response = client.get(HOME)
    assert response.status_code == 200

    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe-eval" in source for sources in policy.values() for source in sources)

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control

    features = dict(item.strip().split("=") for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_hsts_is_sent_on_https_with_subdomains(client, coordinator, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    client.force_login(coordinator)
    response = client.get(HOME, secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_hsts_is_not_sent_over_plain_http(client, coordinator, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    client.force_login(coordinator)
    assert "Strict-Transport-Security" not in client.get(HOME)


def test_hsts_is_on_by_default_in_production():
    from tests.test_settings import booted

    values = booted(DJANGO_SECRET_KEY="x" * 60)
    assert values["hsts_seconds"] >= 31_536_000


def test_the_login_page_carries_the_policies_too(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # Django's LoginView is never_cache
    assert "camera=()" in response["Permissions-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_an_anonymous_redirect_is_not_marked_no_store(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert "no-store" not in response.get("Cache-Control", "")


def test_static_files_keep_their_own_caching(client, coordinator, settings):
    """WhiteNoise answers static files before the no-store middleware, even when logged in."""
    settings.WHITENOISE_USE_FINDERS = True  # tests never run collectstatic
    client.force_login(coordinator)
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_behind_proxy_setting_decides_whether_forwarded_https_is_believed(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = None  # the default: no proxy
    settings.SECURE_SSL_REDIRECT = True
    forged = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301  # a client's claim of HTTPS is not believed

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    through_proxy = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert through_proxy.status_code == 200


# Sessions


def test_a_session_lasts_a_working_day_and_ends_after_an_idle_hour():
    assert settings.SESSION_COOKIE_AGE == 9 * 60 * 60
    assert settings.SESSION_IDLE_TIMEOUT == 60 * 60


def test_an_idle_hour_logs_the_user_out_with_a_message(client, coordinator):
    client.force_login(coordinator)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + timedelta(minutes=59), tick=False):
        assert client.get(HOME).status_code == 200  # active again: the hour starts over
    with time_machine.travel(start + timedelta(minutes=59 + 61), tick=False):
        response = client.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert "Du loggades ut efter en stund utan aktivitet." in response.content.decode()


def test_an_active_user_is_logged_out_after_the_working_day(client, coordinator):
    client.force_login(coordinator)
    start = timezone.now()
    for minutes in range(0, 9 * 60, 50):  # a page every 50 minutes, never idle for an hour
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(HOME).status_code == 200
    with time_machine.travel(start + timedelta(hours=9, minutes=1), tick=False):
        response = client.get(HOME, follow=True)
    assert "_auth_user_id" not in client.session
    assert "Du loggades ut när arbetsdagen var slut." in response.content.decode()


def test_the_session_cookie_is_no_older_than_the_working_day(client, coordinator):
    response = client.post(reverse("login"), {"username": coordinator.username, "password": "pw"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) <= settings.SESSION_COOKIE_AGE


# Passwords


def test_passwords_need_at_least_twelve_characters():
    with pytest.raises(ValidationError):
        validate_password("kort-lösen1")  # 11 characters
    validate_password("tolv-tecken!")  # 12
    assert len(DEMO_PASSWORD) >= 12


# The language switch before logging in


def test_an_anonymous_visitor_switches_the_login_page_to_english(client):
    login_page = reverse("login")
    assert "Logga in" in client.get(login_page).content.decode()

    response = client.post(reverse("set_language"), {"language": "en", "next": login_page})

    assert response.status_code == 302
    assert response.url == login_page
    page = client.get(login_page).content.decode()
    assert '<html lang="en">' in page
    assert "Log in to ALA-kompassen" in page


def test_the_language_switch_refuses_a_redirect_to_another_site(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response.url


# Bounded request bodies


def test_the_body_limits_are_explicit():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == settings.UPLOAD_MAX_BYTES
    assert (
        settings.REQUEST_MAX_BYTES
        >= settings.DATA_UPLOAD_MAX_MEMORY_SIZE + settings.UPLOAD_MAX_BYTES
    )


def test_a_too_large_form_post_gets_a_clear_413_page_in_swedish(client, coordinator, program):
    client.force_login(coordinator)
    url = reverse("programs:activity_create", args=[program.pk])
    text = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post(url, {"title": "Studiebesök", "description": text})

    assert response.status_code == 413
    page = response.content.decode()
    assert "För mycket skickat på en gång" in page
    assert "2,5 MB" in page  # the limit, written the Swedish way
    assert '<nav class="navbar' in page


def test_the_413_page_is_in_english_for_an_english_user(client, coordinator, program):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("programs:activity_create", args=[program.pk])
    response = client.post(url, {"description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code == 413
    assert "Too much sent at once" in response.content.decode()
    assert "2.5 MB" in response.content.decode()


def test_a_huge_multipart_body_is_refused_before_it_is_read(client, coordinator, program):
    """A declared length past REQUEST_MAX_BYTES is refused without reading the body."""

    class Unreadable:
        def read(self, *args: object) -> bytes:
            raise AssertionError("the body must not be read")

        readline = read

    client.force_login(coordinator)
    url = reverse("programs:activity_create", args=[program.pk])
    response = client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=BOUNDARY",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "För mycket skickat på en gång" in response.content.decode()


def test_too_many_fields_get_the_413_page_too(client, coordinator, program, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client.force_login(coordinator)
    url = reverse("programs:activity_create", args=[program.pk])
    response = client.post(url, {f"field{number}": "x" for number in range(20)})
    assert response.status_code == 413


def test_another_bad_request_gets_the_generic_400_page(rf, coordinator):
    from django.core.exceptions import SuspiciousOperation

    from alakompass.errors import bad_request

    request = rf.get(HOME)
    request.user = coordinator
    request.session = {}
    response = bad_request(request, SuspiciousOperation("odd"))
    assert response.status_code == 400
    assert "Förfrågan kunde inte läsas" in response.content.decode()


def test_the_import_still_accepts_a_file_up_to_its_limit(client, coordinator, program):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    header = "Kurskod;Kursnamn;Hp;År\n"
    row = "DT001G;Kurs;7,5;1\n"
    body = (header + row * ((settings.IMPORT_MAX_BYTES - len(header) - 100) // len(row))).encode()
    assert len(body) <= settings.IMPORT_MAX_BYTES
    url = reverse("programs:course_import", args=[program.pk])
    response = client.post(url, {"file": SimpleUploadedFile("kurser.csv", body)})
    assert response.status_code in {200, 302}  # a preview or its row errors, never 413
