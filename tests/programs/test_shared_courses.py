"""A course's shared facts (code, names, credits) change only by SAM, an administrator or a
coordinator of every programme that uses the course; anyone else links it as it is."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from programs import importing, selectors, services
from programs.models import Course, ProgramCourse
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "Kurskod;Kursnamn;Hp;År;Termin;Obligatorisk/valbar\r\n"


@pytest.fixture
def shared(other_program):
    """A 15 hp course of another faculty's programme."""
    course = factories.CourseFactory(
        code="KURS123", name_sv="Gemensam kurs", name_en="Shared course", credits=Decimal("15")
    )
    factories.ProgramCourseFactory(program=other_program, course=course, year=1, term=1)
    return course


def add(program, user, **facts):
    values = {
        "code": "KURS123",
        "name_sv": "Annat namn",
        "name_en": "",
        "credits": Decimal("1.5"),
        "year": 2,
        "term": 3,
        "kind": ProgramCourse.Kind.ELECTIVE,
    } | facts
    return services.course_add_to_program(program=program, user=user, **values)


def facts(course):
    course.refresh_from_db()
    return (course.name_sv, course.name_en, course.credits)


UNCHANGED = ("Gemensam kurs", "Shared course", Decimal("15.0"))


# --- the rule --------------------------------------------------------------------------


def test_a_coordinator_of_one_programme_may_not_change_a_course_another_programme_uses(
    program, coordinator, shared
):
    assert not selectors.course_facts_editable(user=coordinator, course=shared, program=program)


def test_sam_and_administrators_may_change_shared_facts(program, shared, sam_user, admin_user_):
    assert selectors.course_facts_editable(user=sam_user, course=shared, program=program)
    assert selectors.course_facts_editable(user=admin_user_, course=shared, program=program)


def test_a_coordinator_of_every_programme_that_uses_the_course_may_change_it(
    program, other_program, coordinator, shared
):
    other_program.coordinators.add(coordinator)
    assert selectors.course_facts_editable(user=coordinator, course=shared, program=program)


def test_a_course_no_other_programme_uses_is_the_coordinators_own(program, coordinator):
    own = factories.ProgramCourseFactory(program=program).course
    unused = factories.CourseFactory()
    assert selectors.course_facts_editable(user=coordinator, course=own, program=program)
    assert selectors.course_facts_editable(user=coordinator, course=unused, program=program)


# --- the services ----------------------------------------------------------------------


def test_adding_an_existing_course_links_it_and_keeps_its_facts(
    program, other_program, coordinator, shared
):
    result = add(program, coordinator)
    assert facts(shared) == UNCHANGED
    place = ProgramCourse.objects.get(program=program, course=shared)
    assert (place.year, place.term, place.kind) == (2, 3, ProgramCourse.Kind.ELECTIVE)
    assert result.place == place
    assert not result.created
    assert {kept.field for kept in result.kept} == {"name_sv", "credits"}
    other = ProgramCourse.objects.get(program=other_program, course=shared)
    assert (other.year, other.term) == (1, 1)
    assert shared.history.count() == 1  # created, never changed


def test_adding_an_existing_course_as_administrator_changes_its_facts(program, shared, admin_user_):
    result = add(program, admin_user_)
    assert facts(shared) == ("Annat namn", "Shared course", Decimal("1.5"))
    assert result.kept == []


def test_a_coordinator_of_every_programme_changes_the_facts_when_adding(
    program, other_program, coordinator, shared
):
    other_program.coordinators.add(coordinator)
    add(program, coordinator)
    assert facts(shared) == ("Annat namn", "Shared course", Decimal("1.5"))


def test_re_adding_a_shared_course_already_in_the_programme_keeps_its_facts(
    program, coordinator, shared
):
    factories.ProgramCourseFactory(program=program, course=shared, year=1)
    result = add(program, coordinator)
    assert facts(shared) == UNCHANGED
    assert ProgramCourse.objects.get(program=program, course=shared).year == 2
    assert result.kept


def test_editing_the_place_of_a_shared_course_may_not_change_its_facts(
    program, coordinator, shared
):
    place = factories.ProgramCourseFactory(program=program, course=shared, year=1)
    with pytest.raises(ValidationError) as error:
        services.course_place_update(
            place=place,
            user=coordinator,
            expected_version=place.version,
            year=2,
            term=None,
            kind=ProgramCourse.Kind.MANDATORY,
            name_sv="Gemensam kurs",
            name_en="Shared course",
            credits=Decimal("1.5"),
        )
    assert error.value.code == "shared_course_facts"
    assert facts(shared) == UNCHANGED
    place.refresh_from_db()
    assert place.year == 1


def test_editing_the_place_of_a_shared_course_with_its_facts_as_they_are_saves(
    program, coordinator, shared
):
    place = factories.ProgramCourseFactory(program=program, course=shared, year=1)
    services.course_place_update(
        place=place,
        user=coordinator,
        expected_version=place.version,
        year=2,
        term=4,
        kind=ProgramCourse.Kind.ELECTIVE,
        name_sv="Gemensam kurs",
        name_en="Shared course",
        credits=Decimal("15"),
    )
    place.refresh_from_db()
    assert (place.year, place.term) == (2, 4)


def test_editing_an_own_course_changes_its_facts(program, coordinator):
    place = factories.ProgramCourseFactory(program=program)
    services.course_place_update(
        place=place,
        user=coordinator,
        expected_version=place.version,
        year=1,
        term=None,
        kind=ProgramCourse.Kind.MANDATORY,
        name_sv="Nytt namn",
        name_en="",
        credits=Decimal("15"),
    )
    assert facts(place.course)[::2] == ("Nytt namn", Decimal("15.0"))


# --- the course form -------------------------------------------------------------------


def add_form_data(**extra):
    return {
        "code": "kurs123",
        "name_sv": "Annat namn",
        "name_en": "",
        "credits": "1,5",
        "year": "2",
        "term": "3",
        "kind": "elective",
    } | extra


def test_the_add_form_says_before_saving_that_an_existing_course_keeps_its_facts(
    client, program, coordinator, shared
):
    client.force_login(coordinator)
    response = client.post(reverse("programs:course_add", args=[program.pk]), add_form_data())
    assert response.status_code == 200
    content = response.content.decode()
    assert "KURS123 finns redan (15,0 hp, ”Gemensam kurs”)" in content
    assert "kopplas till programmet utan att ändra kursens uppgifter" in content
    assert "1,5" in content  # the typed credits, named as not applied
    assert not ProgramCourse.objects.filter(program=program).exists()
    response = client.post(
        reverse("programs:course_add", args=[program.pk]),
        add_form_data(link_confirmed="KURS123"),
    )
    assert response.status_code == 302
    assert facts(shared) == UNCHANGED
    assert ProgramCourse.objects.get(program=program, course=shared).year == 2
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "KURS123 fanns redan" in message
    assert "Högskolepoäng (hp): 1,5 (kursen behåller 15,0)" in message


def test_the_add_form_in_english_names_the_facts_not_applied(client, program, coordinator, shared):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("programs:course_add", args=[program.pk]), add_form_data())
    content = response.content.decode()
    assert "KURS123 already exists (15.0 hp, “Gemensam kurs”)" in content
    assert "without changing the course" in content


def test_a_forged_confirmation_still_keeps_the_facts(client, program, coordinator, shared):
    client.force_login(coordinator)
    client.post(
        reverse("programs:course_add", args=[program.pk]),
        add_form_data(link_confirmed="KURS123", credits="3"),
    )
    assert facts(shared) == UNCHANGED


def test_the_add_form_saves_at_once_when_the_course_is_the_users_own(
    client, program, other_program, coordinator, shared
):
    other_program.coordinators.add(coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("programs:course_add", args=[program.pk]), add_form_data())
    assert response.status_code == 302
    assert facts(shared)[::2] == ("Annat namn", Decimal("1.5"))


def test_the_edit_form_shows_shared_facts_read_only_with_the_reason(
    client, program, coordinator, shared
):
    place = factories.ProgramCourseFactory(program=program, course=shared, year=1)
    client.force_login(coordinator)
    url = reverse("programs:course_place_edit", args=[program.pk, place.pk])
    response = client.get(url)
    form = response.context["form"]
    assert all(form.fields[name].disabled for name in ("name_sv", "name_en", "credits"))
    content = response.content.decode()
    assert "1 annat program" in content
    data = {
        "name_sv": "Kapat namn",
        "name_en": "",
        "credits": "1,5",
        "year": "2",
        "term": "",
        "kind": "mandatory",
        "version": str(place.version),
    }
    assert client.post(url, data).status_code == 302
    assert facts(shared) == UNCHANGED
    place.refresh_from_db()
    assert place.year == 2


def test_the_edit_form_of_an_own_course_lets_the_facts_change(client, program, coordinator):
    place = factories.ProgramCourseFactory(program=program)
    client.force_login(coordinator)
    response = client.get(reverse("programs:course_place_edit", args=[program.pk, place.pk]))
    assert not response.context["form"].fields["credits"].disabled


# --- the import ------------------------------------------------------------------------


def import_file(rows):
    return (HEADER + "".join(f"{row}\r\n" for row in rows)).encode()


def test_the_import_preview_links_a_shared_course_and_names_the_facts_it_keeps(
    program, coordinator, shared
):
    data = import_file(["KURS123;Annat namn;1,5;2;3;V"])
    with translation.override("sv"):
        preview = importing.course_list_preview(
            program=program, user=coordinator, data=data, filename="k.csv"
        )
    [row] = preview.rows
    assert row.status == importing.RowStatus.LINK
    assert row.changes == []
    [note] = row.notes
    assert note.code == "existing_course_kept"
    assert "KURS123 finns redan (15,0 hp, ”Gemensam kurs”)" in note.message
    assert "kopplas till programmet utan att ändra kursens uppgifter" in note.message
    assert "Högskolepoäng (hp): 1,5 (kursen behåller 15,0)" in note.message
    assert "Namn (svenska): Annat namn (kursen behåller Gemensam kurs)" in note.message
    importing.course_list_commit(program=program, user=coordinator, data=data, filename="k.csv")
    assert facts(shared) == UNCHANGED
    place = ProgramCourse.objects.get(program=program, course=shared)
    assert (place.year, place.term, place.kind) == (2, 3, ProgramCourse.Kind.ELECTIVE)


def test_the_import_as_administrator_updates_a_shared_course_with_a_warning(
    program, shared, admin_user_
):
    data = import_file(["KURS123;Annat namn;1,5;2;3;V"])
    preview = importing.course_list_preview(
        program=program, user=admin_user_, data=data, filename="k.csv"
    )
    assert [note.code for note in preview.rows[0].notes] == ["shared_course"]
    importing.course_list_commit(program=program, user=admin_user_, data=data, filename="k.csv")
    assert facts(shared)[::2] == ("Annat namn", Decimal("1.5"))


def test_the_import_preview_page_says_the_course_is_linked_unchanged(
    client, program, coordinator, shared
):
    client.force_login(coordinator)
    file = io.BytesIO(import_file(["KURS123;Annat namn;1,5;2;3;V"]))
    file.name = "kurser.csv"
    client.post(reverse("programs:course_import", args=[program.pk]), {"file": file})
    page = client.get(reverse("programs:course_import_preview", args=[program.pk]))
    content = page.content.decode()
    assert 'data-note="existing_course_kept"' in content
    assert "kopplas till programmet utan att ändra kursens uppgifter" in content
    client.post(
        reverse("programs:course_import_commit", args=[program.pk]),
        {"digest": page.context["digest"]},
    )
    assert facts(shared) == UNCHANGED
    assert Course.objects.count() == 1
