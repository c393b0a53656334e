"""Who may download, follow and request which report: the permission matrix, every role."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from reports.models import ReportJob
from tests.reports.report_builders import archived, frozen_round, open_round, stand_in_documents

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "other_coordinator",
    "board_member",
    "other_board_member",
    "sam_user",
    "admin_user_",
    "outsider",
]
# What each role may see: the report of `program` (faculty A), of `other_program` (faculty
# B), faculty A's and B's reports, and the university-wide report.
SEES = {
    "coordinator": {"own_program"},
    "other_coordinator": {"other_program"},
    "board_member": {"own_program", "own_faculty"},
    "other_board_member": {"other_program", "other_faculty"},
    "sam_user": {"own_program", "other_program", "own_faculty", "other_faculty", "university"},
    "admin_user_": {"own_program", "other_program", "own_faculty", "other_faculty", "university"},
    "outsider": set(),
}
REPORTS = ["own_program", "other_program", "own_faculty", "other_faculty", "university"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def reports(program, other_program, faculty, other_faculty):
    return {
        "own_program": archived(compass_round=frozen_round(program)),
        "other_program": archived(compass_round=frozen_round(other_program)),
        "own_faculty": archived(kind="faculty", faculty=faculty),
        "other_faculty": archived(kind="faculty", faculty=other_faculty),
        "university": archived(kind="university"),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", REPORTS)
def test_a_download_answers_each_role_as_the_matrix_says(client, request, reports, role, which):
    user = request.getfixturevalue(role)
    client.force_login(user)
    report = reports[which]
    response = client.get(reverse("reports:download", args=[report.pk]))
    expected = 200 if which in SEES[role] else 404
    assert response.status_code == expected
    archive_html = client.get(reverse("reports:archive")).content.decode()
    assert (report.sha256 in archive_html) == (which in SEES[role])


@pytest.mark.parametrize("which", REPORTS)
def test_an_anonymous_download_goes_to_the_login_page(client, reports, which):
    url = reverse("reports:download", args=[reports[which].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("reports:archive")).status_code == 302


def test_a_download_is_a_private_attachment_with_the_safe_name_and_the_archived_bytes(
    client, coordinator, reports
):
    report = reports["own_program"]
    client.force_login(coordinator)
    response = client.get(reverse("reports:download", args=[report.pk]))
    body = b"".join(response.streaming_content)
    assert body == default_storage.open(report.file.name).read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{report.filename}"'
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache
    assert response["Repr-Digest"].startswith("sha-256=:")


def test_a_report_whose_file_is_missing_answers_404_not_500(client, sam_user, reports):
    report = reports["university"]
    default_storage.delete(report.file.name)
    client.force_login(sam_user)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


def test_downloads_and_the_archive_refuse_other_methods(client, sam_user, reports):
    client.force_login(sam_user)
    url = reverse("reports:download", args=[reports["university"].pk])
    assert client.post(url).status_code == 405
    assert client.delete(url).status_code == 405
    assert client.post(reverse("reports:archive")).status_code == 405


# ---------------------------------------------------------------- jobs


@pytest.mark.parametrize("role", ROLES)
def test_a_job_page_answers_each_role_as_the_matrix_says(client, request, reports, role):
    client.force_login(request.getfixturevalue(role))
    for which, report in reports.items():
        response = client.get(reverse("reports:job_detail", args=[report.job.pk]))
        assert response.status_code == (200 if which in SEES[role] else 404), which


def _post(client, **data):
    return client.post(reverse("reports:job_create"), {"language": "sv", **data})


@pytest.mark.parametrize("role", ROLES)
def test_requesting_a_report_answers_each_role_as_the_matrix_says(
    client,
    request,
    monkeypatch,
    django_capture_on_commit_callbacks,
    program,
    other_program,
    faculty,
    other_faculty,
    role,
):
    stand_in_documents(monkeypatch)
    rounds = {"own_program": frozen_round(program), "other_program": frozen_round(other_program)}
    posts = {
        "own_program": {"kind": "program", "compass_round": rounds["own_program"].pk},
        "other_program": {"kind": "program", "compass_round": rounds["other_program"].pk},
        "own_faculty": {"kind": "faculty", "faculty_id": faculty.pk},
        "other_faculty": {"kind": "faculty", "faculty_id": other_faculty.pk},
        "university": {"kind": "university"},
    }
    client.force_login(request.getfixturevalue(role))
    for which, data in posts.items():
        with django_capture_on_commit_callbacks(execute=True):
            response = _post(client, **data)
        if which in SEES[role]:
            assert response.status_code == 302, which
            job = ReportJob.objects.latest("pk")
            assert response["Location"] == job.get_absolute_url()
            assert job.status == ReportJob.Status.DONE
        else:
            assert response.status_code == 404, which
    assert ReportJob.objects.count() == len(SEES[role])


def test_an_anonymous_request_goes_to_the_login_page(client, program):
    response = _post(client, kind="program", compass_round=frozen_round(program).pk)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert ReportJob.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "program"},
        {"kind": "faculty"},
        {"kind": "ghost", "faculty_id": "1"},
        {"kind": "program", "compass_round": "x"},
        {"kind": "program", "compass_round": "-4"},
        {"kind": "university", "language": "de"},
    ],
)
def test_an_incomplete_request_makes_no_job_and_no_error_page(client, sam_user, data):
    client.force_login(sam_user)
    response = client.post(reverse("reports:job_create"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:archive")
    assert ReportJob.objects.count() == 0


def test_a_request_for_a_round_that_does_not_exist_is_404(client, sam_user):
    client.force_login(sam_user)
    assert _post(client, kind="program", compass_round=999999).status_code == 404
    assert _post(client, kind="faculty", faculty_id=999999).status_code == 404
    assert client.get(reverse("reports:job_create")).status_code == 405


# ---------------------------------------------------------------- the job page


def test_a_queued_job_page_refreshes_itself_and_a_finished_one_does_not(
    client, coordinator, program, monkeypatch
):
    stand_in_documents(monkeypatch)
    compass_round = frozen_round(program)
    client.force_login(coordinator)
    response = _post(client, kind="program", compass_round=compass_round.pk)  # on_commit waits
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "står i kö" in page

    from reports import services

    services.report_generate(job_id=job.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    report = job.reports.get()
    assert reverse("reports:download", args=[report.pk]) in page
    assert report.sha256 in page


def test_a_failed_job_page_says_so_in_the_users_language_and_offers_to_try_again(
    client, coordinator, program
):
    job = ReportJob.objects.create(
        kind="program",
        scope_key="x",
        compass_round=open_round(program),
        program=program,
        language="sv",
        status=ReportJob.Status.FAILED,
        failure=ReportJob.Failure.RENDER,
        error_detail="Traceback: secret internals",
    )
    client.force_login(coordinator)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Rapporten kunde inte skapas utifrån uppgifterna." in page
    assert "secret internals" not in page
    assert 'http-equiv="refresh"' not in page
    assert 'id="report-create-submit"' in page
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        page = client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The report could not be produced from the data." in page


# ---------------------------------------------------------------- where the button is


def test_the_compass_page_offers_the_adopted_round_and_the_open_round_as_a_draft(
    client, coordinator, program
):
    frozen = frozen_round(program)
    draft = open_round(program, date=frozen.date.replace(year=2027))
    client.force_login(coordinator)
    html = client.get(reverse("assessments:program_compass", args=[program.pk])).content.decode()
    assert "Skapa rapport" in html
    assert f'value="{frozen.pk}" checked' in html
    assert f'value="{draft.pk}"' in html
    assert "(utkast)" in html


def test_the_round_page_offers_its_own_round(client, board_member, coordinator, program):
    compass_round = frozen_round(program, coordinator)
    client.force_login(board_member)
    html = client.get(compass_round.get_absolute_url()).content.decode()
    assert f'name="compass_round" value="{compass_round.pk}"' in html
    assert '<option value="sv" selected>' in html


def test_the_faculty_view_offers_the_faculty_report_and_the_dashboard_the_university_report(
    client, board_member, sam_user, faculty
):
    client.force_login(board_member)
    html = client.get(reverse("assessments:faculty_dashboard", args=[faculty.pk])).content.decode()
    assert f'name="faculty_id" value="{faculty.pk}"' in html
    assert 'value="faculty"' in html
    client.force_login(sam_user)
    html = client.get(reverse("assessments:dashboard")).content.decode()
    assert 'name="kind" value="university"' in html


def test_a_programme_without_rounds_offers_no_report(client, coordinator, program):
    client.force_login(coordinator)
    html = client.get(reverse("assessments:program_compass", args=[program.pk])).content.decode()
    assert 'id="report-create-submit"' not in html


def test_the_form_preselects_the_pages_language(client, coordinator, program):
    compass_round = frozen_round(program, coordinator)
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    html = client.get(compass_round.get_absolute_url()).content.decode()
    assert '<option value="en" selected>' in html
    assert "Create report" in html
