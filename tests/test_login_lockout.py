"""Password guessing is stopped: django-axes locks a username and a client address out.

Every login goes through the real login forms (the site's and the admin's) with a client
address in REMOTE_ADDR, as a browser's request would arrive.
"""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

ATTACKER_IP = "198.51.100.7"
OTHER_IP = "203.0.113.20"
LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")


def attempt(client: Client, username: str, password: str, *, ip: str, url: str = LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def victim(db):
    return factories.UserFactory(username="victim")


@pytest.fixture
def colleague(db):
    return factories.UserFactory(username="colleague")


def test_settings_lock_out_per_username_and_per_address_after_a_few_failures():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username"], ["ip_address"]]
    assert 3 <= settings.AXES_FAILURE_LIMIT <= 10
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES)
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_thirty_wrong_passwords_lock_the_account_even_against_the_right_one(client, victim):
    for _ in range(30):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)

    response = attempt(client, "victim", "pw", ip=ATTACKER_IP)

    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert "Inloggningen är pausad" in page
    assert f"{settings.LOGIN_COOLOFF_MINUTES} minuter" in page
    assert 'id="lockout-message"' in page
    assert '<nav class="navbar' in page  # the site's layout, not a bare text


def test_the_lockout_message_is_in_english_for_an_english_user(client, victim):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)
    response = attempt(client, "victim", "pw", ip=ATTACKER_IP)
    assert response.status_code == 429
    assert "Logging in is paused" in response.content.decode()


def test_the_account_is_locked_from_another_address_too(client, victim):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)
    assert attempt(client, "victim", "pw", ip=OTHER_IP).status_code == 429
    assert not logged_in(client)


def test_the_attacking_address_is_locked_for_other_usernames_too(client, victim, colleague):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess{number}", "wrong-guess", ip=ATTACKER_IP)
    assert attempt(client, "colleague", "pw", ip=ATTACKER_IP).status_code == 429
    assert not logged_in(client)


def test_another_user_from_another_address_still_logs_in(client, victim, colleague):
    for _ in range(30):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)

    response = attempt(Client(), "colleague", "pw", ip=OTHER_IP)

    assert response.status_code == 302
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


def test_after_the_cool_down_the_right_password_logs_in(client, victim):
    for _ in range(30):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)
    assert attempt(client, "victim", "pw", ip=ATTACKER_IP).status_code == 429

    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        response = attempt(client, "victim", "pw", ip=ATTACKER_IP)

    assert response.status_code == 302
    assert logged_in(client)


def test_before_the_cool_down_ends_the_account_stays_locked(client, victim):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)
    almost = timezone.now() + settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    with time_machine.travel(almost, tick=False):
        assert attempt(client, "victim", "pw", ip=OTHER_IP).status_code == 429


def test_a_successful_login_clears_earlier_failures(client, victim):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)
    assert attempt(client, "victim", "pw", ip=ATTACKER_IP).status_code == 302
    client.post(reverse("logout"))

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)
    assert attempt(client, "victim", "pw", ip=ATTACKER_IP).status_code == 302


def test_a_few_typos_show_the_ordinary_form_error_not_the_lockout(client, victim):
    response = attempt(client, "victim", "wrong-guess", ip=ATTACKER_IP)
    assert response.status_code == 200
    assert 'id="lockout-message"' not in response.content.decode()


def test_the_admin_login_locks_out_too(client, admin_user_):
    for _ in range(30):
        attempt(client, "admin", "wrong-guess", ip=ATTACKER_IP, url=ADMIN_LOGIN)

    response = attempt(client, "admin", "pw", ip=ATTACKER_IP, url=ADMIN_LOGIN)

    assert response.status_code == 429
    assert "Inloggningen är pausad" in response.content.decode()
    assert not logged_in(client)
    assert client.get(reverse("admin:index")).status_code == 302  # still sent to log in


def test_failures_at_the_admin_login_lock_the_site_login(client, admin_user_):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "admin", "wrong-guess", ip=ATTACKER_IP, url=ADMIN_LOGIN)
    assert attempt(client, "admin", "pw", ip=OTHER_IP).status_code == 429


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lockout(client, victim):
    """Not behind the proxy, X-Forwarded-For is the client's own claim and is ignored."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "victim", "password": "wrong-guess"},
            REMOTE_ADDR=ATTACKER_IP,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    other_user = factories.UserFactory(username="someone")
    response = client.post(
        LOGIN,
        {"username": other_user.username, "password": "pw"},
        REMOTE_ADDR=ATTACKER_IP,
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code == 429


def test_behind_the_proxy_the_forwarded_address_is_the_one_counted(client, settings, victim):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    proxy = "172.18.0.5"
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong-guess"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=ATTACKER_IP,
        )
    colleague = factories.UserFactory(username="colleague")
    from_attacker = Client().post(
        LOGIN,
        {"username": colleague.username, "password": "pw"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=ATTACKER_IP,
    )
    from_elsewhere = Client().post(
        LOGIN,
        {"username": colleague.username, "password": "pw"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=OTHER_IP,
    )
    assert from_attacker.status_code == 429
    assert from_elsewhere.status_code == 302  # the proxy's own address is not locked
