"""Courses, learning outcomes, the council and its meetings, agreements, programme fields."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from programs.models import (
    Activity,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Course,
    LearningOutcome,
    ProgramCourse,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


def url(name, program, pk=None):
    kwargs = {"program_pk": program.pk} | ({"pk": pk} if pk else {})
    return reverse(name, kwargs=kwargs)


def test_a_course_is_added_with_a_decimal_comma_and_a_lower_case_code(logged_in, program):
    data = {
        "code": "dt099g",
        "name_sv": "Programmering",
        "credits": "7,5",
        "year": "1",
        "term": "2",
        "kind": "mandatory",
    }
    response = logged_in.post(url("programs:course_add", program), data)
    assert response.status_code == 302
    place = ProgramCourse.objects.get(program=program)
    assert (place.course.code, place.course.credits, place.term) == ("DT099G", Decimal("7.5"), 2)


def test_a_bad_course_code_keeps_the_input(logged_in, program):
    data = {"code": "x", "name_sv": "Min kurs", "credits": "7,5", "year": "1", "kind": "mandatory"}
    response = logged_in.post(url("programs:course_add", program), data)
    assert response.status_code == 200
    assert "Min kurs" in response.content.decode()
    assert "code" in response.context["form"].errors


def test_editing_a_course_place_updates_the_shared_course(logged_in, program):
    place = factories.ProgramCourseFactory(program=program)
    data = {
        "name_sv": "Nytt namn",
        "name_en": "",
        "credits": "15",
        "year": "2",
        "term": "",
        "kind": "elective",
        "version": str(place.version),
    }
    assert (
        logged_in.post(url("programs:course_place_edit", program, place.pk), data).status_code
        == 302
    )
    place.refresh_from_db()
    assert (place.year, place.kind, place.course.name_sv) == (2, "elective", "Nytt namn")


def test_removing_a_course_keeps_the_course_and_its_activities(logged_in, program):
    place = factories.ProgramCourseFactory(program=program)
    activity = factories.ActivityFactory(program=program, course=place.course)
    logged_in.post(url("programs:course_place_delete", program, place.pk))
    assert not ProgramCourse.objects.exists()
    assert Course.objects.filter(pk=place.course_id).exists()
    assert Activity.objects.get(pk=activity.pk).course is None


def test_a_course_outcome_needs_its_course(logged_in, program):
    data = {"level": "course", "text": "Kursmål", "is_work_life": "on"}
    response = logged_in.post(url("programs:outcome_create", program), data)
    assert "course" in response.context["form"].errors
    place = factories.ProgramCourseFactory(program=program)
    response = logged_in.post(
        url("programs:outcome_create", program), data | {"course": str(place.course_id)}
    )
    assert response.status_code == 302
    assert LearningOutcome.objects.get().course == place.course


def test_council_meetings_and_members_are_recorded(logged_in, program):
    council_data = {"name": "Branschråd", "is_formal": "on", "last_curriculum_review": "2025-05-01"}
    assert logged_in.post(url("programs:council_edit", program), council_data).status_code == 302
    council = Council.objects.get(program=program)
    assert council.last_curriculum_review == datetime.date(2025, 5, 1)
    meeting = {
        "date": "2026-02-03",
        "participants": "7",
        "minutes": "Protokoll",
        "decisions": "Beslut",
    }
    assert logged_in.post(url("programs:meeting_create", program), meeting).status_code == 302
    partner = factories.PartnerFactory(name="Industrin AB")
    member = {"partner": partner.org_number, "organisation_name": "", "role": "Ordförande"}
    assert logged_in.post(url("programs:member_create", program), member).status_code == 302
    external = {"partner": "", "organisation_name": "Fackförbundet", "role": "Ledamot"}
    assert logged_in.post(url("programs:member_create", program), external).status_code == 302
    assert CouncilMeeting.objects.get().participants == 7
    assert {str(m) for m in CouncilMember.objects.all()} == {"Industrin AB", "Fackförbundet"}


def test_a_member_needs_an_organisation(logged_in, program):
    factories.CouncilFactory(program=program)
    data = {"partner": "", "organisation_name": "", "role": "Ledamot"}
    response = logged_in.post(url("programs:member_create", program), data)
    assert "organisation_name" in response.context["form"].errors


def test_meetings_need_a_council_first(logged_in, program):
    assert logged_in.get(url("programs:meeting_create", program)).status_code == 404


def test_an_agreement_is_added_for_the_programme(logged_in, program):
    partner = factories.PartnerFactory(name="Avtalspart AB")
    data = {
        "partner": f"Avtalspart AB ({partner.org_number})",
        "title": "Samverkansavtal",
        "kind": "agreement",
        "level": "strategic",
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "next_follow_up": "2026-12-01",
        "notes": "",
    }
    assert logged_in.post(url("programs:agreement_create", program), data).status_code == 302
    agreement = Agreement.objects.get()
    assert list(agreement.programs.all()) == [program]
    assert agreement.partner == partner


def test_an_agreement_cannot_end_before_it_starts(logged_in, program):
    partner = factories.PartnerFactory()
    data = {
        "partner": partner.org_number,
        "title": "Baklänges",
        "kind": "agreement",
        "level": "operative",
        "start_date": "2026-01-01",
        "end_date": "2025-01-01",
    }
    response = logged_in.post(url("programs:agreement_create", program), data)
    assert response.status_code == 200
    assert "Baklänges" in response.content.decode()
    assert not Agreement.objects.exists()


def test_removing_a_shared_agreement_only_detaches_this_programme(
    logged_in, program, other_program
):
    agreement = factories.AgreementFactory()
    agreement.programs.add(program, other_program)
    logged_in.post(url("programs:agreement_delete", program, agreement.pk))
    assert list(Agreement.objects.get().programs.all()) == [other_program]


def test_removing_an_agreement_of_one_programme_deletes_it(logged_in, program):
    agreement = factories.AgreementFactory()
    agreement.programs.add(program)
    logged_in.post(url("programs:agreement_delete", program, agreement.pk))
    assert not Agreement.objects.exists()


def test_programme_fields_f3_and_e3_are_edited(logged_in, program):
    data = {
        "name_sv": program.name_sv,
        "name_en": "",
        "credits": "180,0",
        "years": "",
        "profile": "general",
        "has_distance_students": "on",
        "alumni_follow_up": "university",
        "gender_analysis": "collected",
        "version": str(program.version),
    }
    response = logged_in.post(reverse("programs:program_edit", kwargs={"pk": program.pk}), data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.alumni_follow_up, program.gender_analysis, program.years) == (
        "university",
        "collected",
        3,
    )
    assert program.has_distance_students
