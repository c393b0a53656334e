"""The partner register: search while typing, duplicates refused or warned, SAM merges."""

import pytest
from django.urls import reverse

from programs import selectors, services
from programs.models import ActivityPartner, Agreement, CouncilMember, Partner
from tests import factories

pytestmark = pytest.mark.django_db


def test_search_finds_partners_by_name_and_by_org_number(client, coordinator):
    volvo = factories.PartnerFactory(name="Volvo Lastvagnar AB")
    factories.PartnerFactory(name="SCA Skog AB")
    client.force_login(coordinator)
    url = reverse("programs:partner_search")
    by_name = client.get(url, {"q": "volvo"}).json()["results"]
    by_number = client.get(url, {"q": volvo.org_number.replace("-", "")}).json()["results"]
    assert [r["id"] for r in by_name] == [volvo.pk]
    assert [r["id"] for r in by_number] == [volvo.pk]
    assert by_name[0]["label"] == f"Volvo Lastvagnar AB ({volvo.org_number})"


def test_an_empty_search_returns_nothing(client, coordinator):
    factories.PartnerFactory()
    client.force_login(coordinator)
    assert client.get(reverse("programs:partner_search"), {"q": " "}).json() == {"results": []}


def test_the_register_list_filters_without_javascript(client, board_member):
    factories.PartnerFactory(name="Norrlandsgjuteriet AB")
    factories.PartnerFactory(name="Kommunen")
    client.force_login(board_member)
    response = client.get(reverse("programs:partner_list"), {"q": "gjuteri"})
    assert [p.name for p in response.context["page"].object_list] == ["Norrlandsgjuteriet AB"]


def test_registering_a_partner_normalises_the_org_number_and_returns_to_next(
    client, coordinator, program
):
    client.force_login(coordinator)
    next_url = reverse("programs:activity_create", kwargs={"program_pk": program.pk})
    data = {
        "name": "Ny Partner",
        "org_number": "556036 0793",
        "sector": "private",
        "next": next_url,
    }
    response = client.post(reverse("programs:partner_create"), data)
    assert response.url == next_url
    assert Partner.objects.get().org_number == "556036-0793"


def test_an_unsafe_next_is_ignored(client, coordinator):
    client.force_login(coordinator)
    data = {"name": "Ny", "sector": "public", "next": "https://evil.example/"}
    response = client.post(reverse("programs:partner_create"), data)
    assert response.url == reverse(
        "programs:partner_detail", kwargs={"pk": Partner.objects.get().pk}
    )


def test_a_duplicate_org_number_is_refused_and_names_the_registered_partner(client, coordinator):
    existing = factories.PartnerFactory(name="Redan Här AB")
    client.force_login(coordinator)
    data = {"name": "Något annat", "org_number": existing.org_number, "sector": "private"}
    response = client.post(reverse("programs:partner_create"), data)
    assert response.status_code == 200
    assert "Redan Här AB" in str(response.context["form"].errors["org_number"])
    assert "Något annat" in response.content.decode()
    assert Partner.objects.count() == 1


def test_a_wrong_check_digit_is_refused(client, coordinator):
    client.force_login(coordinator)
    data = {"name": "Fel AB", "org_number": "556036-0794", "sector": "private"}
    response = client.post(reverse("programs:partner_create"), data)
    assert "org_number" in response.context["form"].errors


def test_a_similar_name_is_warned_about_until_confirmed(client, coordinator):
    factories.PartnerFactory(name="Mittuniversitetet")
    client.force_login(coordinator)
    url = reverse("programs:partner_create")
    data = {"name": "Mitt universitetet", "sector": "university"}
    warned = client.post(url, data)
    assert warned.status_code == 200
    assert "Mittuniversitetet" in str(warned.context["form"].errors["name"])
    assert 'name="confirm_different"' in warned.content.decode()
    confirmed = client.post(url, data | {"confirm_different": "on"})
    assert confirmed.status_code == 302
    assert Partner.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "other", "similar"),
    [
        ("Sundsvall Energi AB", "Sundsvall Energi", True),
        ("Volvo Cars AB", "volvo cars", True),
        ("Region Västernorrland", "Region Jämtland Härjedalen", False),
    ],
)
def test_similar_names_ignore_case_punctuation_and_legal_form(name, other, similar):
    factories.PartnerFactory(name=name)
    assert bool(selectors.partner_similar(name=other)) is similar


def test_sam_edits_a_partner(client, sam_user):
    partner = factories.PartnerFactory(name="Gammalt")
    client.force_login(sam_user)
    data = {
        "name": "Gammalt",
        "org_number": partner.org_number,
        "sector": "public",
        "region": "Jämtland",
        "version": str(partner.version),
    }
    response = client.post(reverse("programs:partner_edit", kwargs={"pk": partner.pk}), data)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.sector, partner.region) == ("public", "Jämtland")


def test_merging_moves_links_seats_and_agreements_and_deletes_the_other(client, sam_user):
    keep = factories.PartnerFactory(name="Volvo AB", region="")
    remove = factories.PartnerFactory(name="AB Volvo", org_number="", region="Göteborg")
    activity = factories.ActivityFactory()
    factories.ActivityPartnerFactory(activity=activity, partner=keep, role="host")
    twin = factories.ActivityPartnerFactory(
        activity=activity, partner=remove, role="host", feedback_collected=True
    )
    moved = factories.ActivityPartnerFactory(partner=remove, role="guest_teacher")
    member = factories.CouncilMemberFactory(partner=remove, organisation_name="")
    agreement = factories.AgreementFactory(partner=remove)
    client.force_login(sam_user)
    url = reverse("programs:partner_merge", kwargs={"pk": keep.pk})
    data = {"other": "AB Volvo", "keep": "this", "confirm": "on"}
    response = client.post(url, data)
    assert response.url == reverse("programs:partner_detail", kwargs={"pk": keep.pk})
    assert not Partner.objects.filter(pk=remove.pk).exists()
    assert not ActivityPartner.objects.filter(pk=twin.pk).exists()
    assert ActivityPartner.objects.get(activity=activity).feedback_collected
    assert ActivityPartner.objects.get(pk=moved.pk).partner == keep
    assert CouncilMember.objects.get(pk=member.pk).partner == keep
    assert Agreement.objects.get(pk=agreement.pk).partner == keep
    keep.refresh_from_db()
    assert keep.region == "Göteborg"
    assert keep.history.first().history_change_reason


def test_merging_can_keep_the_other_record_and_take_over_its_org_number(sam_user):
    this = factories.PartnerFactory(name="Kommunen i Sundsvall", org_number="")
    other = factories.PartnerFactory(name="Sundsvalls kommun")
    number = other.org_number
    kept = services.partner_merge(keep=this, remove=other, user=sam_user)
    assert kept.org_number == number
    assert Partner.objects.count() == 1


def test_a_partner_cannot_be_merged_with_itself(client, sam_user):
    partner = factories.PartnerFactory(name="Ensam AB")
    client.force_login(sam_user)
    url = reverse("programs:partner_merge", kwargs={"pk": partner.pk})
    response = client.post(url, {"other": partner.org_number, "keep": "this", "confirm": "on"})
    assert response.status_code == 200
    assert "other" in response.context["form"].errors
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_partner_page_shows_only_links_in_visible_programmes(
    client, program, other_program, coordinator
):
    partner = factories.PartnerFactory()
    factories.ActivityPartnerFactory(
        partner=partner, activity=factories.ActivityFactory(program=program, title="Synligt")
    )
    factories.ActivityPartnerFactory(
        partner=partner, activity=factories.ActivityFactory(program=other_program, title="Dolt")
    )
    client.force_login(coordinator)
    response = client.get(reverse("programs:partner_detail", kwargs={"pk": partner.pk}))
    page = response.content.decode()
    assert "Synligt" in page
    assert "Dolt" not in page
    assert response.context["uses"].hidden_links == 1


def test_a_similar_record_can_be_preselected_for_merging(client, sam_user):
    partner = factories.PartnerFactory(name="Sundsvall Energi AB")
    twin = factories.PartnerFactory(name="Sundsvall Energi")
    client.force_login(sam_user)
    url = reverse("programs:partner_merge", kwargs={"pk": partner.pk})
    response = client.get(url, {"other": twin.pk})
    assert f"?other={twin.pk}" in response.content.decode()
    assert response.context["form"]["other"].value() == f"{twin.name} ({twin.org_number})"
