"""My settings: the language of mails and the monthly reminder on or off."""

import pytest
from django.urls import reverse

from reports.mail import reminder as reminder_mail
from reports.models import UserPreference
from tests.reports.digest_data import TODAY

URL = reverse("reports:preferences")


def test_my_settings_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_settings_shows_the_defaults_before_anything_is_saved(client, outsider):
    client.force_login(outsider)
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["language"].value() == "sv"
    assert form["monthly_reminder"].value() is True
    assert "Mina inställningar" in response.text
    assert not UserPreference.objects.exists()  # reading saves nothing


def test_saving_stores_the_language_and_the_reminder_choice(client, coordinator):
    client.force_login(coordinator)
    response = client.post(URL, {"language": "en"})  # the unticked box sends nothing
    assert response.status_code == 302
    assert response["Location"] == URL
    preference = UserPreference.objects.get(user=coordinator)
    assert (preference.language, preference.monthly_reminder) == ("en", False)
    page = client.get(URL)
    assert page.context["form"]["language"].value() == "en"
    assert page.context["form"]["monthly_reminder"].value() is False
    assert "Dina inställningar är sparade." in page.text


def test_saving_again_updates_the_one_row(client, coordinator):
    client.force_login(coordinator)
    client.post(URL, {"language": "en"})
    client.post(URL, {"language": "sv", "monthly_reminder": "on"})
    preference = UserPreference.objects.get(user=coordinator)
    assert (preference.language, preference.monthly_reminder) == ("sv", True)


def test_turning_the_reminder_off_on_the_page_stops_the_mail(
    client, program, coordinator, mailoutbox
):
    assert reminder_mail.coordinator_reminders_send(today=TODAY) == 1
    client.force_login(coordinator)
    client.post(URL, {"language": "sv"})
    mailoutbox.clear()
    assert reminder_mail.coordinator_reminders_send(today=TODAY) == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    "data",
    [
        {"language": "xx", "monthly_reminder": "on"},
        {},
        {"language": "", "monthly_reminder": "on"},
        {"language": "<script>alert(1)</script>"},
    ],
)
def test_bad_input_is_refused_without_an_error_page(client, outsider, data):
    client.force_login(outsider)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "<script>alert(1)</script>" not in response.text
    assert not UserPreference.objects.filter(user=outsider).exists()


def test_only_get_and_post_are_allowed(client, outsider):
    client.force_login(outsider)
    assert client.put(URL).status_code == 405


def test_the_header_links_my_settings(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("programs:home"))
    assert f'href="{URL}"' in response.text
    assert 'id="my-settings-link"' in response.text


def test_my_settings_in_english(client, outsider):
    client.force_login(outsider)
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    response = client.get(URL)
    assert "My settings" in response.text
    assert "Language of my emails" in response.text
    assert "Send me the monthly reminder" in response.text
