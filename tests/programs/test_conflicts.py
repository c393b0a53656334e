"""No lost updates: the second of two overlapping saves is refused, keeps its input,
shows what the first one changed, and goes through when saved again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import services
from programs.models import Activity, ActivityType, LearningOutcome, Partner, Program
from tests import factories
from tests.programs.test_views_activities import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


def other_user_saves(instance, **fields):
    """Someone else saves the record after our form was opened."""
    other = factories.UserFactory(username="colleague")
    for name, value in fields.items():
        setattr(instance, name, value)
    services.record_save(instance, user=other, expected_version=instance.version)


def test_a_stale_activity_save_is_refused_with_the_differences_and_the_input_kept(
    logged_in, program
):
    activity = factories.ActivityFactory(program=program, title="Gäst", hours=2)
    opened_version = activity.version
    other_user_saves(Activity.objects.get(pk=activity.pk), title="Gäst från Volvo")
    url = reverse("programs:activity_edit", kwargs={"program_pk": program.pk, "pk": activity.pk})
    data = form_data(title="Gäst från SCA", version=str(opened_version), hours="3")

    response = logged_in.post(url, data)

    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.title == "Gäst från Volvo"
    assert activity.hours == 2
    page = response.content.decode()
    assert "Gäst från SCA" in page  # their input is kept
    rows = {row["label"].lower(): row for row in response.context["conflict"]}
    title_row = next(row for label, row in rows.items() if "tit" in label)
    assert (title_row["saved"], title_row["theirs"]) == ("Gäst från Volvo", "Gäst från SCA")
    assert 'id="conflict"' in page
    assert response.context["form"].non_field_errors()


def test_saving_again_after_a_conflict_goes_through(logged_in, program):
    activity = factories.ActivityFactory(program=program, title="Gäst")
    opened_version = activity.version
    other_user_saves(Activity.objects.get(pk=activity.pk), title="Ändrad")
    url = reverse("programs:activity_edit", kwargs={"program_pk": program.pk, "pk": activity.pk})
    first = logged_in.post(url, form_data(title="Min titel", version=str(opened_version)))
    new_version = first.context["form"].data["version"]
    assert int(new_version) == opened_version + 1

    second = logged_in.post(url, form_data(title="Min titel", version=new_version))

    assert second.status_code == 302
    assert Activity.objects.get(pk=activity.pk).title == "Min titel"


def test_partner_link_changes_are_part_of_the_activity_conflict(logged_in, program):
    activity = factories.ActivityFactory(program=program, title="Gäst")
    opened_version = activity.version
    partner = factories.PartnerFactory(name="Ny Partner AB")
    services.activity_update(
        activity=Activity.objects.get(pk=activity.pk),
        user=None,
        expected_version=opened_version,
        partner_links=[(partner, "guest_teacher", False)],
    )
    url = reverse("programs:activity_edit", kwargs={"program_pk": program.pk, "pk": activity.pk})
    response = logged_in.post(url, form_data(title="Gäst", version=str(opened_version)))
    assert response.status_code == 200
    labels = [row["label"] for row in response.context["conflict"]]
    assert any("partner" in label.lower() for label in labels)
    assert Activity.objects.get(pk=activity.pk).partner_links.count() == 1


def test_a_stale_outcome_save_is_refused(logged_in, program):
    outcome = factories.LearningOutcomeFactory(program=program, text="Gammal text")
    opened_version = outcome.version
    other_user_saves(LearningOutcome.objects.get(pk=outcome.pk), text="Kollegans text")
    url = reverse("programs:outcome_edit", kwargs={"program_pk": program.pk, "pk": outcome.pk})
    data = {
        "level": "program",
        "course": "",
        "code": "",
        "text": "Min text",
        "is_work_life": "on",
        "version": str(opened_version),
    }
    response = logged_in.post(url, data)
    assert response.status_code == 200
    assert LearningOutcome.objects.get(pk=outcome.pk).text == "Kollegans text"
    assert "Min text" in response.content.decode()
    assert [row["theirs"] for row in response.context["conflict"]] == ["Min text"]


def test_a_stale_programme_save_is_refused(logged_in, program):
    opened_version = program.version
    other_user_saves(Program.objects.get(pk=program.pk), alumni_follow_up="university")
    url = reverse("programs:program_edit", kwargs={"pk": program.pk})
    data = {
        "name_sv": program.name_sv,
        "name_en": program.name_en,
        "credits": "180",
        "years": "3",
        "profile": "general",
        "alumni_follow_up": "program",
        "gender_analysis": "none",
        "version": str(opened_version),
    }
    response = logged_in.post(url, data)
    assert response.status_code == 200
    assert Program.objects.get(pk=program.pk).alumni_follow_up == "university"
    assert len(response.context["conflict"]) == 1


def test_a_stale_partner_save_by_sam_is_refused(client, sam_user):
    partner = factories.PartnerFactory(name="Gamla namnet AB", region="")
    opened_version = partner.version
    other_user_saves(Partner.objects.get(pk=partner.pk), region="Jämtland")
    client.force_login(sam_user)
    url = reverse("programs:partner_edit", kwargs={"pk": partner.pk})
    data = {
        "name": "Gamla namnet AB",
        "org_number": partner.org_number,
        "sector": "private",
        "region": "Västernorrland",
        "version": str(opened_version),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert Partner.objects.get(pk=partner.pk).region == "Jämtland"
    assert response.context["conflict"] == [
        {"label": "Region", "saved": "Jämtland", "theirs": "Västernorrland"}
    ]


NEW_PARTNER = {
    "new_partner-name": "Nordic Bildanalys AB",
    "new_partner-org_number": "5560360793",
    "new_partner-sector": "private",
    "new_partner-role": "guest_teacher",
}


def test_a_conflicting_activity_save_registers_no_new_partner_either(logged_in, program):
    activity = factories.ActivityFactory(program=program, title="Gäst")
    opened_version = activity.version
    other_user_saves(Activity.objects.get(pk=activity.pk), title="Ändrad")
    url = reverse("programs:activity_edit", kwargs={"program_pk": program.pk, "pk": activity.pk})
    data = form_data(title="Min titel", version=str(opened_version), **NEW_PARTNER)

    response = logged_in.post(url, data)

    assert response.status_code == 200
    assert response.context["conflict"]
    assert not Partner.objects.filter(name="Nordic Bildanalys AB").exists()
    assert Activity.objects.get(pk=activity.pk).title == "Ändrad"
    assert "Nordic Bildanalys AB" in response.content.decode()  # the input is kept


def test_the_activity_save_service_rolls_back_the_new_partner_when_the_activity_is_refused(
    program,
):
    new_partner = services.NewPartner(
        name="Nordic Bildanalys AB",
        org_number="5560360793",
        sector="private",
        role="guest_teacher",
        feedback_collected=False,
    )
    with pytest.raises(ValidationError):
        services.activity_save(
            program=program,
            activity=None,
            user=None,
            new_partner=new_partner,
            type=ActivityType.objects.get(key="guest_lecture"),
            title="",  # required: the activity is refused after the partner was registered
            hours=2,
        )
    assert not Partner.objects.filter(name="Nordic Bildanalys AB").exists()
    assert not Activity.objects.filter(program=program).exists()


def test_the_activity_save_service_links_the_new_partner_it_registers(program):
    new_partner = services.NewPartner(
        name="Nordic Bildanalys AB",
        org_number="556036-0793",
        sector="private",
        role="guest_teacher",
        feedback_collected=True,
    )
    activity = services.activity_save(
        program=program,
        activity=None,
        user=None,
        new_partner=new_partner,
        type=ActivityType.objects.get(key="guest_lecture"),
        title="Gäst",
        hours=2,
    )
    link = activity.partner_links.get()
    assert (link.partner.name, link.role, link.feedback_collected) == (
        "Nordic Bildanalys AB",
        "guest_teacher",
        True,
    )


@pytest.mark.parametrize("version", [None, "", "nine"], ids=["absent", "empty", "not-a-number"])
def test_an_edit_without_its_version_is_refused_with_a_message_and_saves_nothing(
    logged_in, program, version
):
    outcome = factories.LearningOutcomeFactory(program=program, text="Gammal text")
    url = reverse("programs:outcome_edit", kwargs={"program_pk": program.pk, "pk": outcome.pk})
    data = {"level": "program", "course": "", "code": "", "text": "Min text", "version": version}
    data = {key: value for key, value in data.items() if value is not None}

    response = logged_in.post(url, data)

    assert response.status_code == 200
    assert LearningOutcome.objects.get(pk=outcome.pk).text == "Gammal text"
    errors = response.context["form"].non_field_errors()
    assert [error.code for error in errors.as_data()] == ["missing_version"]
    assert "utan versionen" in response.content.decode()  # shown, in Swedish
    assert "Min text" in response.content.decode()  # the input is kept


def test_an_activity_edit_without_its_version_is_refused(logged_in, program):
    activity = factories.ActivityFactory(program=program, title="Gäst")
    url = reverse("programs:activity_edit", kwargs={"program_pk": program.pk, "pk": activity.pk})
    response = logged_in.post(url, form_data(title="Min titel", version=None))
    assert response.status_code == 200
    assert Activity.objects.get(pk=activity.pk).title == "Gäst"
    assert response.context["form"].has_error("__all__", code="missing_version")


def test_a_new_row_needs_no_version_because_it_overwrites_nothing(logged_in, program):
    url = reverse("programs:outcome_create", kwargs={"program_pk": program.pk})
    data = {"level": "program", "course": "", "code": "", "text": "Ny text", "is_work_life": "on"}
    assert logged_in.post(url, data).status_code == 302
    assert LearningOutcome.objects.get(program=program).text == "Ny text"
