"""The activity form: type defaults, decimal comma, mandatory reach, motivation,
partner links (existing and new), duplicate, delete, and input kept on errors."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programs.models import SUPPORT_FIELDS, Activity, ActivityPartner, ActivityType, Partner
from tests import factories

pytestmark = pytest.mark.django_db


def activity_type(key):
    return ActivityType.objects.get(key=key)


def form_data(type_key="guest_lecture", partners=(), **overrides):
    """Everything the full activity form posts when a person fills only the basics."""
    data = {
        "type": str(activity_type(type_key).pk),
        "title": "Gästföreläsning: Sundsvall Energi",
        "course": "",
        "year": "1",
        "status": "mandatory",
        "reach": "100",
        "hp": "",
        "hours": "2",
        "depth_motivation": "",
        "description": "",
        "host_arranged_by": "program",
        "defaults_for": "",
        "version": "",
        "partners-TOTAL_FORMS": str(max(2, len(partners))),
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "new_partner-name": "",
    }
    for index, (partner_text, role) in enumerate(partners):
        data[f"partners-{index}-partner"] = partner_text
        data[f"partners-{index}-role"] = role
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def create_url(program):
    return reverse("programs:activity_create", kwargs={"program_pk": program.pk})


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_guest_lecture_gets_its_types_authenticity_and_proximity(logged_in, create_url):
    response = logged_in.post(create_url, form_data())
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.authenticity, activity.proximity) == (0, 1)
    assert activity.depth_motivation == ""


def test_without_javascript_a_placement_gets_its_typical_support_items(logged_in, create_url):
    logged_in.post(create_url, form_data("placement", hp="15", hours=""))
    activity = Activity.objects.get()
    assert all(getattr(activity, name) for name in SUPPORT_FIELDS)
    assert (activity.authenticity, activity.proximity) == (2, 2)


def test_support_items_unticked_after_the_script_filled_them_stay_unticked(logged_in, create_url):
    data = form_data(
        "placement", hp="15", hours="", defaults_for="placement", authenticity="2", proximity="2"
    )
    data["support_preparation"] = "on"
    logged_in.post(create_url, data)
    activity = Activity.objects.get()
    assert activity.support_preparation
    assert not activity.support_agreement


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("typed", "expected"), [("7,5", "7.5"), ("7.5", "7.5"), ("15", "15")])
def test_credits_accept_a_decimal_comma_in_both_languages(
    logged_in, create_url, language, typed, expected
):
    response = logged_in.post(
        create_url,
        form_data("partner_project", hp=typed, hours=""),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302
    assert Activity.objects.get().hp == Decimal(expected)


def test_hours_accept_a_decimal_comma(logged_in, create_url):
    logged_in.post(create_url, form_data(hours="1,5"))
    assert Activity.objects.get().hours == Decimal("1.5")


def test_neither_credits_nor_hours_is_refused_and_the_input_is_kept(logged_in, create_url):
    response = logged_in.post(create_url, form_data(hours="", title="Mitt unika moment"))
    assert response.status_code == 200
    assert not Activity.objects.exists()
    page = response.content.decode()
    assert "Mitt unika moment" in page
    assert 'aria-invalid="true"' in page
    assert response.context["form"].errors["hours"]


def test_a_mandatory_activity_is_saved_with_reach_100(logged_in, create_url):
    logged_in.post(create_url, form_data(status="mandatory", reach="40"))
    assert Activity.objects.get().reach == 100


def test_an_elective_activity_keeps_its_reach(logged_in, create_url):
    logged_in.post(create_url, form_data(status="elective", reach="40"))
    assert Activity.objects.get().reach == 40


def test_changing_authenticity_asks_for_a_motivation_and_keeps_the_input(logged_in, create_url):
    data = form_data(authenticity="2", proximity="1", title="Case med riktig kund")
    response = logged_in.post(create_url, data)
    assert response.status_code == 200
    assert "depth_motivation" in response.context["form"].errors
    assert "Case med riktig kund" in response.content.decode()
    data["depth_motivation"] = "Studenterna levererar en verklig rapport."
    assert logged_in.post(create_url, data).status_code == 302
    assert Activity.objects.get().authenticity == 2


def test_a_year_beyond_the_programme_is_refused(logged_in, create_url, program):
    response = logged_in.post(create_url, form_data(year=str(program.years + 1)))
    assert response.status_code == 200
    assert "year" in response.context["form"].errors


def test_a_placement_is_saved_with_two_partners_and_their_roles(logged_in, create_url):
    host = factories.PartnerFactory(name="Region Västernorrland")
    supervisor = factories.PartnerFactory(name="Sundsvalls kommun")
    partners = [(f"{host.name} ({host.org_number})", "host"), (supervisor.org_number, "supervisor")]
    response = logged_in.post(
        create_url, form_data("placement", hp="15", hours="", partners=partners)
    )
    assert response.status_code == 302
    links = ActivityPartner.objects.order_by("partner__name")
    assert [(link.partner, link.role) for link in links] == [
        (host, "host"),
        (supervisor, "supervisor"),
    ]


def test_an_unknown_partner_name_is_an_error_on_that_row_and_keeps_the_form(logged_in, create_url):
    response = logged_in.post(
        create_url, form_data(partners=[("Finns Inte AB", "guest_teacher")], title="Besök X")
    )
    assert response.status_code == 200
    assert response.context["links"].forms[0].errors["partner"]
    assert "Finns Inte AB" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_partner_without_a_role_is_refused(logged_in, create_url):
    partner = factories.PartnerFactory()
    response = logged_in.post(create_url, form_data(partners=[(partner.org_number, "")]))
    assert response.context["links"].forms[0].errors["role"]


def test_a_new_partner_is_registered_and_linked_from_the_activity_form(logged_in, create_url):
    data = form_data(
        **{
            "new_partner-name": "Nordic Bildanalys AB",
            "new_partner-org_number": "5560360793",
            "new_partner-sector": "private",
            "new_partner-role": "guest_teacher",
        }
    )
    assert logged_in.post(create_url, data).status_code == 302
    partner = Partner.objects.get(name="Nordic Bildanalys AB")
    assert partner.org_number == "556036-0793"
    assert Activity.objects.get().partner_links.get().partner == partner


def test_a_new_partner_with_a_registered_org_number_is_refused(logged_in, create_url):
    existing = factories.PartnerFactory(name="Befintlig AB")
    data = form_data(
        **{
            "new_partner-name": "Helt annat namn",
            "new_partner-org_number": existing.org_number,
            "new_partner-sector": "private",
            "new_partner-role": "host",
        }
    )
    response = logged_in.post(create_url, data)
    assert response.status_code == 200
    assert "Befintlig AB" in str(response.context["new_partner"].errors["org_number"])
    assert Partner.objects.count() == 1
    assert not Activity.objects.exists()


def test_a_similar_partner_name_asks_for_confirmation_first(logged_in, create_url):
    factories.PartnerFactory(name="Sundsvall Energi AB")
    data = form_data(
        **{
            "new_partner-name": "Sundsvalls Energi",
            "new_partner-sector": "private",
            "new_partner-role": "guest_teacher",
        }
    )
    response = logged_in.post(create_url, data)
    assert response.status_code == 200
    assert "Sundsvall Energi AB" in str(response.context["new_partner"].errors["name"])
    data["new_partner-confirm_different"] = "on"
    assert logged_in.post(create_url, data).status_code == 302
    assert Partner.objects.filter(name="Sundsvalls Energi").exists()


def test_quick_add_fills_in_everything_but_type_title_year_and_size(logged_in, create_url):
    data = {
        "quick": "1",
        "type": str(activity_type("study_visit").pk),
        "title": "Studiebesök SCA",
        "year": "2",
        "status": "mandatory",
        "hours": "4",
        "hp": "",
    }
    assert logged_in.post(create_url, data).status_code == 302
    activity = Activity.objects.get()
    assert (activity.year, activity.reach, activity.authenticity, activity.proximity) == (
        2,
        100,
        0,
        2,
    )
    assert activity.support_preparation
    assert activity.support_debriefing


def test_an_invalid_quick_add_opens_the_full_form_with_the_input(logged_in, create_url):
    data = {"quick": "1", "type": str(activity_type("guest_lecture").pk), "title": "Utan tid"}
    response = logged_in.post(create_url, data)
    assert response.status_code == 200
    assert "Utan tid" in response.content.decode()
    assert "hours" in response.context["form"].errors


def test_the_form_offers_the_defaults_of_every_type_to_the_script(logged_in, create_url):
    response = logged_in.get(create_url + "?type=guest_lecture&year=2")
    page = response.content.decode()
    assert 'id="activity-type-defaults"' in page
    defaults = response.context["type_defaults"]
    assert defaults[str(activity_type("placement").pk)]["support"] == list(SUPPORT_FIELDS)
    assert response.context["form"].initial["type"] == activity_type("guest_lecture").pk


def test_editing_keeps_links_and_changing_type_without_script_updates_defaults(logged_in, program):
    activity = factories.ActivityFactory(program=program, title="Gäst")
    partner = factories.PartnerFactory()
    factories.ActivityPartnerFactory(activity=activity, partner=partner, role="guest_teacher")
    url = reverse("programs:activity_edit", kwargs={"program_pk": program.pk, "pk": activity.pk})
    data = form_data(
        "study_visit",
        title="Gäst",
        version=str(activity.version),
        authenticity="0",
        proximity="1",
        partners=[(partner.org_number, "guest_teacher")],
        **{"partners-INITIAL_FORMS": "1"},
    )
    response = logged_in.post(url, data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.type.key, activity.authenticity, activity.proximity) == ("study_visit", 0, 2)
    assert activity.partner_links.get().partner == partner


def test_outcomes_of_another_programme_cannot_be_linked(logged_in, create_url, other_program):
    foreign = factories.LearningOutcomeFactory(program=other_program)
    response = logged_in.post(create_url, form_data(outcomes=[str(foreign.pk)]))
    assert response.status_code == 200
    assert "outcomes" in response.context["form"].errors


def test_duplicate_copies_outcomes_and_partner_links(logged_in, program):
    activity = factories.ActivityFactory(program=program, title="Projekt")
    outcome = factories.LearningOutcomeFactory(program=program)
    activity.outcomes.add(outcome)
    factories.ActivityPartnerFactory(activity=activity, role="co_creator")
    url = reverse(
        "programs:activity_duplicate", kwargs={"program_pk": program.pk, "pk": activity.pk}
    )
    response = logged_in.post(url)
    copy = Activity.objects.exclude(pk=activity.pk).get()
    assert response.url == reverse(
        "programs:activity_edit", kwargs={"program_pk": program.pk, "pk": copy.pk}
    )
    assert copy.title in {"Projekt (copy)", "Projekt (kopia)"}  # before and after translation
    assert list(copy.outcomes.all()) == [outcome]
    assert copy.partner_links.get().role == "co_creator"


def test_delete_asks_first_then_deletes_with_links(logged_in, program):
    activity = factories.ActivityFactory(program=program, title="Ska bort")
    factories.ActivityPartnerFactory(activity=activity)
    url = reverse("programs:activity_delete", kwargs={"program_pk": program.pk, "pk": activity.pk})
    confirm = logged_in.get(url)
    assert "Ska bort" in confirm.content.decode()
    assert Activity.objects.exists()
    logged_in.post(url)
    assert not Activity.objects.exists()
    assert not ActivityPartner.objects.exists()


def test_the_form_tells_the_script_each_courses_year(logged_in, create_url, program):
    place = factories.ProgramCourseFactory(program=program, year=2)
    response = logged_in.get(create_url)
    assert response.context["course_years"] == {str(place.course_id): 2}
    assert 'id="activity-course-years"' in response.content.decode()
