"""The demo university: built once per module (rolled back afterwards), then checked."""

import datetime
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max
from django.http import HttpRequest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assessments.models import Action, AxisChoice, CompassRound, SupportOffer
from demo.build import DEMO_PASSWORD
from demo.loading import university_load
from programs import selectors
from programs.models import (
    Activity,
    ActivityType,
    Agreement,
    Council,
    Course,
    Faculty,
    Partner,
    Program,
)
from programs.validators import COURSE_CODE_RE, luhn_ok, validate_org_number

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Seed once for the module inside a transaction that is rolled back at the end."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        seed("--force")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def today():
    return timezone.localdate()


def row_counts() -> dict[str, int]:
    """Rows in every table, history and many-to-many tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def history_models() -> list:
    """simple-history's tables of rows (with a history user), not its many-to-many tables."""
    return [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
        and any(f.name == "history_user" for f in model._meta.fields)
    ]


@pytest.mark.django_db
def test_a_second_run_changes_no_row_and_writes_no_history(demo):
    before = row_counts()
    output = seed("--force")
    assert row_counts() == before
    assert "no changes" in output
    assert sum(before[model._meta.label] for model in history_models()) > 500


@pytest.mark.django_db
def test_every_history_row_is_attributed_to_the_demo_admin(demo):
    admin = User.objects.get(username="admin")
    for model in history_models():
        users = set(model.objects.values_list("history_user", flat=True).distinct())
        assert users <= {admin.pk}, model._meta.label


@pytest.mark.django_db
def test_the_university_has_four_faculties_and_fourteen_programmes(demo):
    assert Faculty.objects.count() >= 3
    assert Program.objects.count() >= 12
    faculties_with_programmes = Faculty.objects.filter(programs__isnull=False).distinct()
    assert faculties_with_programmes.count() >= 3


@pytest.mark.django_db
def test_each_programme_has_8_to_25_courses_and_6_to_20_activities(demo):
    programs = Program.objects.annotate(
        n_courses=Count("program_courses", distinct=True),
        n_activities=Count("activities", distinct=True),
    )
    for program in programs:
        assert 8 <= program.n_courses <= 25, program.code
        assert 6 <= program.n_activities <= 20, program.code


@pytest.mark.django_db
def test_the_issue_s_example_programmes_are_there(demo):
    names = set(Program.objects.values_list("name_sv", flat=True))
    for expected in (
        "Sjuksköterskeprogrammet",
        "Socionomprogrammet",
        "Civilingenjörsprogrammet i samhällsbyggnad",
        "Datavetenskapliga programmet",
        "Ekonomprogrammet",
        "Journalistprogrammet",
    ):
        assert expected in names
    assert any(name.startswith("Grundlärarprogrammet") for name in names)
    assert any("turism" in name for name in names)
    assert Program.objects.filter(has_distance_students=True).count() >= 2
    assert Program.objects.filter(profile=Program.Profile.PROFESSIONAL_PLACEMENT).exists()


@pytest.mark.django_db
def test_course_codes_are_swedish_style_and_some_courses_serve_several_programmes(demo):
    codes = list(Course.objects.values_list("code", flat=True))
    assert all(COURSE_CODE_RE.match(code) for code in codes)
    assert all(re.match(r"^[A-Z]{2}\d{3}[GA]$", code) for code in codes)
    shared = Course.objects.annotate(n=Count("programs")).filter(n__gte=2)
    assert shared.count() >= 3
    assert {str(c) for c in Course.objects.values_list("credits", flat=True)} >= {"7.5", "15.0"}


@pytest.mark.django_db
def test_about_forty_partners_all_with_valid_org_numbers(demo):
    partners = list(Partner.objects.all())
    assert 35 <= len(partners) <= 50
    for partner in partners:
        validate_org_number(partner.org_number)  # raises if invalid
    assert {p.sector for p in partners} == set(Partner.Sector.values)
    assert sum(p.is_strategic for p in partners) >= 3


def test_every_partner_in_the_data_file_has_a_valid_org_number():
    for spec in university_load().partners:
        validate_org_number(spec.org_number)  # raises if invalid
        assert luhn_ok(spec.org_number.replace("-", "")), spec.key
    with pytest.raises(ValidationError):
        validate_org_number("556036-0794")  # one digit off: the validator notices


@pytest.mark.django_db
def test_every_activity_type_occurs_and_every_activity_passes_full_clean(demo):
    activities = Activity.objects.select_related("program", "type")
    used = set(activities.values_list("type__key", flat=True))
    assert used == set(ActivityType.objects.values_list("key", flat=True))
    for activity in activities:
        activity.full_clean()
    overridden = [a for a in activities if a.depth_overridden]
    assert len(overridden) >= 2
    assert all(a.depth_motivation for a in overridden)


@pytest.mark.django_db
def test_activities_show_realistic_variety(demo):
    activities = Activity.objects.all()
    assert activities.filter(partner_links__feedback_collected=True).exists()
    assert activities.filter(partner_links__feedback_collected=False).exists()
    roles = set(activities.values_list("partner_links__role", flat=True)) - {None}
    assert len(roles) == 6
    for flag in ("assessed", "reflection", "evaluated_by_students", "alumni_take_part"):
        assert activities.filter(**{flag: True}).exists(), flag
        assert activities.filter(**{flag: False}).exists(), flag
    assert activities.filter(hp__gt=0).exists()
    assert activities.filter(hp=0, hours__gt=0).exists()
    assert activities.filter(open_to_distance=True).exists()
    assert activities.filter(outcomes__is_work_life=True).exists()
    assert activities.filter(host_arranged_by=Activity.HostArrangedBy.STUDENT).exists()


@pytest.mark.django_db
def test_councils_range_from_fresh_to_stale_informal_and_missing(demo, today):
    year_ago = today - datetime.timedelta(days=365)
    councils = Council.objects.annotate(last=Max("meetings__date"))
    fresh = [c for c in councils if c.last and c.last >= year_ago]
    stale = [c for c in councils if not c.last or c.last < year_ago]
    assert len(fresh) > len(stale) >= 2
    assert councils.filter(is_formal=False).count() == 1
    assert Program.objects.filter(council__isnull=True).count() >= 2
    assert councils.filter(members__partner__isnull=True).exists()  # a member not registered


@pytest.mark.django_db
def test_agreements_include_one_ending_soon_and_one_ended(demo, today):
    agreements = list(Agreement.objects.all())
    assert any(a.ends_soon(today) for a in agreements)
    assert any(a.end_date and a.end_date < today for a in agreements)
    assert any(a.next_follow_up and a.next_follow_up < today for a in agreements)
    assert any(a.end_date is None for a in agreements)


@pytest.mark.django_db
def test_one_open_round_with_a_target_per_axis_and_an_overdue_action(demo, today):
    compass_round = CompassRound.objects.get()
    (with_round,) = [p for p in university_load().programs if p.compass_round is not None]
    assert compass_round.program.code == with_round.code
    assert not compass_round.is_frozen
    assert set(compass_round.targets.values_list("axis", flat=True)) == set(AxisChoice.values)
    actions = list(compass_round.actions.all())
    assert 3 <= len(actions) <= 5
    assert all(action.owner and action.due_date for action in actions)
    assert {"green", "yellow", "red"} <= {action.status for action in actions}
    overdue = [a for a in actions if a.due_date < today and a.status != Action.Status.DONE]
    assert len(overdue) == 1


@pytest.mark.django_db
def test_the_support_catalogue_ties_offers_to_sub_indicators(demo):
    offers = {offer.title_sv: offer for offer in SupportOffer.objects.all()}
    assert len(offers) >= 8
    assert offers["Starta ett branschråd"].indicators == ["P1"]
    assert offers["Mentorprogram"].indicators == ["C2"]
    assert set(offers["Alumnundersökning"].indicators) == {"F3", "C3"}
    assert offers["VFU-handledarutbildning"].indicators == ["S"]
    assert all(offer.title_en and offer.description_en for offer in offers.values())


def visible_codes_after_login(client, username: str) -> set[str]:
    """Log in with the demo password, open the home page, return the visible programmes."""
    # django-axes checks lockouts on every authentication, so it needs a request.
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    assert client.get(reverse("programs:home")).status_code == 200
    user = User.objects.get(username=username)
    return set(selectors.program_list_for_user(user=user).values_list("code", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "sam"])
def test_admin_and_sam_see_every_programme(demo, client, settings, username):
    settings.PASSWORD_HASHERS = FAST_HASHER
    everything = set(Program.objects.values_list("code", flat=True))
    assert visible_codes_after_login(client, username) == everything


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "expected"),
    [("samordnare", {"TGDVK", "TGELK"}), ("samordnare2", {"VGSSK"})],
)
def test_a_coordinator_sees_exactly_their_programmes(demo, client, settings, username, expected):
    settings.PASSWORD_HASHERS = FAST_HASHER
    assert visible_codes_after_login(client, username) == expected
    user = User.objects.get(username=username)
    assert set(Program.objects.editable_by(user).values_list("code", flat=True)) == expected
    other = Program.objects.exclude(code__in=expected).first()
    assert client.get(other.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_coordinator_with_the_round_coordinates_it_and_another_faculty_s_is_separate(demo):
    samordnare = User.objects.get(username="samordnare")
    samordnare2 = User.objects.get(username="samordnare2")
    round_program = CompassRound.objects.get().program
    assert round_program.coordinators.filter(pk=samordnare.pk).exists()
    assert not samordnare2.coordinated_programs.filter(faculty=round_program.faculty).exists()


@pytest.mark.django_db
def test_the_board_member_sees_only_their_faculty(demo, client, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    faculty_codes = set(Program.objects.filter(faculty__code="tn").values_list("code", flat=True))
    assert visible_codes_after_login(client, "namnd") == faculty_codes
    assert Program.objects.editable_by(User.objects.get(username="namnd")).count() == 0
    outside = Program.objects.exclude(faculty__code="tn").first()
    assert client.get(outside.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_sam_can_open_the_partner_register_in_the_admin(demo, client, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    assert client.login(request=HttpRequest(), username="sam", password=DEMO_PASSWORD)
    assert client.get(reverse("admin:programs_partner_changelist")).status_code == 200
    assert client.get(reverse("admin:assessments_supportoffer_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.django_db
def test_a_coordinator_cannot_open_the_admin(demo, client, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    assert client.login(request=HttpRequest(), username="samordnare", password=DEMO_PASSWORD)
    response = client.get(reverse("admin:programs_partner_changelist"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_command_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    before = Program.objects.count()
    with pytest.raises(CommandError, match="DEBUG is off"):
        seed()
    assert Program.objects.count() == before


def test_print_password_prints_only_the_shared_password():
    assert seed("--print-password") == "ala-demo-2026\n"


def test_print_logins_prints_one_line_per_role():
    lines = seed("--print-logins").splitlines()
    assert [line.split(" — ")[0] for line in lines] == [
        "admin",
        "sam",
        "samordnare",
        "samordnare2",
        "namnd",
    ]
    assert all(len(line.split(" — ")[1]) > 10 for line in lines)


def test_every_demo_login_spec_is_consistent_with_the_programmes():
    demo = university_load()
    codes = {spec.code for spec in demo.programs}
    faculties = {spec.code for spec in demo.faculties}
    for user in demo.users:
        assert set(user.coordinator_of) <= codes
        assert set(user.board_member_of) <= faculties
