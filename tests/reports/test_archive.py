"""The report archive: immutable rows and files, versions, the admin, the archive page."""

import hashlib
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.storage import default_storage
from django.urls import reverse

from reports import services
from reports.models import ArchiveImmutableError, Report, ReportJob
from tests import factories
from tests.reports.report_builders import archived, frozen_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def generate(compass_round, user=None, language="sv") -> Report:
    job = services.report_job_create(
        kind="program", language=language, requested_by=user, compass_round=compass_round
    )
    (report,) = services.report_generate(job_id=job.pk)
    return report


def file_sha256(report: Report) -> str:
    with default_storage.open(report.file.name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


# ---------------------------------------------------------------- immutability


def test_an_archived_report_refuses_to_be_saved_again(program):
    report = archived(compass_round=frozen_round(program))
    report.title = "Changed"
    with pytest.raises(ArchiveImmutableError):
        report.save()
    report.refresh_from_db()
    assert report.title == "Test"


def test_an_archived_report_refuses_to_be_deleted_one_by_one_or_in_bulk(program):
    report = archived(compass_round=frozen_round(program))
    with pytest.raises(ArchiveImmutableError):
        report.delete()
    with pytest.raises(ArchiveImmutableError):
        Report.objects.filter(pk=report.pk).delete()
    with pytest.raises(ArchiveImmutableError):
        Report.objects.all().delete()
    assert Report.objects.filter(pk=report.pk).exists()
    assert default_storage.exists(report.file.name)


def test_an_archived_report_refuses_bulk_updates(program):
    report = archived(compass_round=frozen_round(program))
    with pytest.raises(ArchiveImmutableError):
        Report.objects.filter(pk=report.pk).update(sha256="0" * 64)
    with pytest.raises(ArchiveImmutableError):
        Report.objects.bulk_update([report], ["title"])
    with pytest.raises(ArchiveImmutableError):
        Report.objects.update_or_create(pk=report.pk, defaults={"title": "x"})
    report.refresh_from_db()
    assert report.sha256 == file_sha256(report)


def test_a_programme_with_archived_reports_cannot_be_deleted(program):
    from django.db.models import ProtectedError

    archived(compass_round=frozen_round(program))
    with pytest.raises(ProtectedError):
        program.delete()


def test_the_admin_may_look_at_the_archive_but_never_add_change_or_delete(
    client, admin_user_, program
):
    report = archived(compass_round=frozen_round(program))
    model_admin = admin.site._registry[Report]
    request = client.request().wsgi_request
    request.user = admin_user_
    assert model_admin.has_view_permission(request, report)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, report)
    assert not model_admin.has_delete_permission(request, report)
    assert not model_admin.get_actions(request)  # no "delete selected"
    job_admin = admin.site._registry[ReportJob]
    assert not job_admin.has_delete_permission(request, report.job)
    assert not job_admin.has_change_permission(request, report.job)

    client.force_login(admin_user_)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:reports_report_delete", args=[report.pk])).status_code in (
        302,
        403,
    )
    assert client.get(reverse("admin:reports_report_add")).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


# ---------------------------------------------------------------- versions


def test_a_regenerated_report_is_version_2_and_version_1_stays_as_it_was(program, coordinator):
    compass_round = frozen_round(program, coordinator)
    first = generate(compass_round, coordinator)
    first_sha = file_sha256(first)
    second = generate(compass_round, coordinator)
    assert (first.version, second.version) == (1, 2)
    assert first.file.name != second.file.name
    assert second.filename == f"{program.code}-2026-03-15-sv-v2.pdf"
    first.refresh_from_db()
    assert first.sha256 == first_sha == file_sha256(first)  # unchanged, file still there
    assert second.sha256 == file_sha256(second)
    assert default_storage.exists(first.file.name)
    assert default_storage.exists(second.file.name)
    assert first.size == default_storage.size(first.file.name)
    # Another language is its own series.
    english = generate(compass_round, coordinator, language="en")
    assert english.version == 1


def test_versions_are_counted_per_scope(program, other_program):
    archived(compass_round=frozen_round(program))
    second = archived(compass_round=frozen_round(other_program))
    assert second.version == 1


def test_file_names_are_safe_whatever_the_programme_code(faculty):
    odd = factories.ProgramFactory(faculty=faculty, code='TK/"GEO" ö')
    report = archived(compass_round=frozen_round(odd))
    assert report.filename == "TK-GEO-2026-03-15-sv-v1.pdf"
    assert "/" not in Path(report.file.name).name.replace(report.filename, "")


# ---------------------------------------------------------------- the archive page


def test_the_archive_lists_what_the_user_may_see_with_checksums_newest_first(
    client, coordinator, program, other_program
):
    own = archived(compass_round=frozen_round(program), user=coordinator)
    newer = archived(compass_round=own.compass_round, user=coordinator)
    hidden = archived(compass_round=frozen_round(other_program))
    client.force_login(coordinator)
    page = client.get(reverse("reports:archive"))
    html = page.content.decode()
    assert page.status_code == 200
    assert own.sha256 in html
    assert hidden.sha256 not in html
    assert html.index(newer.sha256) < html.index(own.sha256)
    assert "sha256sum" in html
    assert "Get-FileHash" in html
    assert list(page.context["page"].object_list) == [newer, own]


def test_the_archive_filters_by_kind_faculty_programme_and_year(
    client, sam_user, program, other_program, faculty
):
    mine = archived(compass_round=frozen_round(program))
    theirs = archived(compass_round=frozen_round(other_program))
    faculty_report = archived(kind="faculty", faculty=faculty)
    client.force_login(sam_user)

    def listed(**query) -> set[int]:
        page = client.get(reverse("reports:archive"), query)
        assert page.status_code == 200
        return {report.pk for report in page.context["page"].object_list}

    assert listed() == {mine.pk, theirs.pk, faculty_report.pk}
    assert listed(kind="faculty") == {faculty_report.pk}
    assert listed(faculty=faculty.pk) == {mine.pk, faculty_report.pk}
    assert listed(program=other_program.pk) == {theirs.pk}
    year = mine.created_at.year
    assert listed(year=year) == {mine.pk, theirs.pk, faculty_report.pk}
    assert listed(year=year - 1) == {mine.pk, theirs.pk, faculty_report.pk}  # not offered: ignored


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nonsense"},
        {"faculty": "abc"},
        {"faculty": "999999"},
        {"program": "-1"},
        {"program": "1' OR '1'='1"},
        {"year": "twenty"},
        {"year": "99999999999999999999"},
        {"page": "0"},
        {"page": "last"},
        {"page": "999"},
        {"kind": ["faculty", "program"], "faculty": "\x00"},
    ],
)
def test_bad_filter_values_never_give_an_error_page(client, coordinator, program, query):
    report = archived(compass_round=frozen_round(program))
    client.force_login(coordinator)
    page = client.get(reverse("reports:archive"), query)
    assert page.status_code == 200
    assert report.sha256 in page.content.decode()


def test_a_coordinator_may_not_filter_on_a_programme_they_cannot_see(
    client, coordinator, program, other_program
):
    archived(compass_round=frozen_round(other_program))
    client.force_login(coordinator)
    page = client.get(reverse("reports:archive"), {"program": other_program.pk})
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == []
    assert "program" in page.context["form"].errors
    assert other_program.code not in page.content.decode()


def test_the_archive_is_paginated(client, sam_user, program):
    compass_round = frozen_round(program)
    for _ in range(27):
        archived(compass_round=compass_round)
    client.force_login(sam_user)
    first = client.get(reverse("reports:archive"), {"kind": "program"})
    assert len(first.context["page"].object_list) == 25
    assert "kind=program&amp;page=2" in first.content.decode()
    second = client.get(reverse("reports:archive"), {"kind": "program", "page": 2})
    assert [r.version for r in second.context["page"].object_list] == [2, 1]


def test_the_archive_page_escapes_user_text(client, sam_user, faculty):
    program = factories.ProgramFactory(faculty=faculty, name_sv="<script>alert(1)</script>")
    archived(compass_round=frozen_round(program))
    client.force_login(sam_user)
    html = client.get(reverse("reports:archive")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_archived_files_are_written_read_only(program, media):
    report = archived(compass_round=frozen_round(program))
    mode = (media / report.file.name).stat().st_mode & 0o777
    assert mode == 0o444
