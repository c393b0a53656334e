"""Who may import: uploading, previewing and committing a real file, every role.

The status of every import and export URL × every role (GET and POST) is in the site-wide
matrix, tests/test_url_matrix.py (PROGRAMME_WRITE for import, PROGRAMME_READ for export);
here the import steps run with a real file, and what reaches the session and the database.
"""

import io

import pytest
from django.urls import reverse

from programs.models import Course
from programs.views.io import SESSION_KEY

pytestmark = pytest.mark.django_db

CSV = "Kurskod;Kursnamn;Hp;År\r\nDT001G;Programmering;7,5;1\r\n".encode()
ROLES = [
    "coordinator",
    "other_coordinator",
    "sam_user",
    "board_member",
    "other_board_member",
    "admin_user_",
    "anonymous",
]


def login(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


def upload_file():
    file = io.BytesIO(CSV)
    file.name = "kurser.csv"
    return file


def store_upload(client, program):
    """Put a previewable file in the session, as the upload step does."""
    import base64
    import hashlib

    session = client.session
    session[SESSION_KEY.format(pk=program.pk)] = {
        "filename": "kurser.csv",
        "data": base64.b64encode(CSV).decode(),
        "digest": hashlib.sha256(CSV).hexdigest(),
    }
    session.save()
    return hashlib.sha256(CSV).hexdigest()


# Expected status per role (the matrix's PROGRAMME_WRITE): editors get through, read-only
# roles get 403, others 404, anonymous users go to the login page (302).
IMPORT_EXPECTED = {
    "coordinator": "ok",
    "other_coordinator": 404,
    "sam_user": 403,
    "board_member": 403,
    "other_board_member": 404,
    "admin_user_": "ok",
    "anonymous": "login",
}


def assert_expected(response, expected, ok_statuses):
    if expected == "login":
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    elif expected == "ok":
        assert response.status_code in ok_statuses
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_may_upload_a_course_list(client, request, program, role):
    login(client, request, role)
    response = client.post(
        reverse("programs:course_import", args=[program.pk]), {"file": upload_file()}
    )
    expected = IMPORT_EXPECTED[role]
    assert_expected(response, expected, {302})
    if expected == "ok":
        assert response["Location"] == reverse("programs:course_import_preview", args=[program.pk])
    else:
        assert SESSION_KEY.format(pk=program.pk) not in client.session


@pytest.mark.parametrize("role", ROLES)
def test_import_preview_opens_only_for_the_programmes_editors(client, request, program, role):
    login(client, request, role)
    store_upload(client, program)
    response = client.get(reverse("programs:course_import_preview", args=[program.pk]))
    assert_expected(response, IMPORT_EXPECTED[role], {200})


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_may_commit_an_import(client, request, program, role):
    login(client, request, role)
    digest = store_upload(client, program)
    response = client.post(
        reverse("programs:course_import_commit", args=[program.pk]), {"digest": digest}
    )
    expected = IMPORT_EXPECTED[role]
    assert_expected(response, expected, {302})
    written = Course.objects.filter(code="DT001G").exists()
    assert written == (expected == "ok")


@pytest.mark.parametrize(
    "name",
    ["course_import", "course_import_preview", "course_import_commit", "course_import_cancel"],
)
def test_import_urls_of_an_unknown_programme_are_404(client, coordinator, name):
    client.force_login(coordinator)
    url = reverse(f"programs:{name}", args=[999999])
    response = client.post(url) if name.endswith(("commit", "cancel")) else client.get(url)
    assert response.status_code == 404


def test_coordinator_of_another_programme_cannot_commit_a_stored_file(
    client, program, other_coordinator
):
    client.force_login(other_coordinator)
    digest = store_upload(client, program)
    response = client.post(
        reverse("programs:course_import_commit", args=[program.pk]), {"digest": digest}
    )
    assert response.status_code == 404
    assert not Course.objects.exists()


def test_import_commit_refuses_get(client, program, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("programs:course_import_commit", args=[program.pk]))
    assert response.status_code == 405


def test_programme_page_links_import_for_coordinators_and_export_for_readers(
    client, program, coordinator, board_member
):
    import_url = reverse("programs:course_import", args=[program.pk])
    export_url = reverse("programs:inventory_export", args=[program.pk])
    client.force_login(coordinator)
    content = client.get(program.get_absolute_url()).content.decode()
    assert import_url in content
    assert export_url in content
    client.force_login(board_member)
    content = client.get(program.get_absolute_url()).content.decode()
    assert import_url not in content
    assert export_url in content
