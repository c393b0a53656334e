"""Uploads are bounded before the view runs: an oversized file is never stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_oversized_upload_is_stopped_and_explained_in_swedish(
    client, program, coordinator, settings
):
    settings.IMPORT_MAX_BYTES = 1000
    settings.UPLOAD_MAX_BYTES = 1000
    client.force_login(coordinator)
    body = ("Kurskod;Kursnamn;Hp;År\n" + "DT001G;Kurs;7,5;1\n" * 200).encode()
    assert len(body) > 1000
    url = reverse("programs:course_import", args=[program.pk])
    response = client.post(url, {"file": SimpleUploadedFile("kurser.csv", body)})
    assert response.status_code == 200
    assert "Filen är större än 1000" in response.content.decode()
    assert not [key for key in client.session.keys() if "course_import" in key]  # noqa: SIM118 - SessionBase is not iterable


def test_a_small_upload_passes_the_handler(client, program, coordinator):
    client.force_login(coordinator)
    body = "Kurskod;Kursnamn;Hp;År\nDT001G;Kurs;7,5;1\n".encode()
    url = reverse("programs:course_import", args=[program.pk])
    response = client.post(url, {"file": SimpleUploadedFile("kurser.csv", body)})
    assert response.status_code == 302
