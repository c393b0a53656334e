"""Model rules: database constraints and validation messages."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs import services
from programs.models import Activity, ActivityType, LearningOutcome, Partner
from programs.validators import luhn_ok, normalise_org_number, validate_org_number
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["556016-0680", "212000-0142", "802002-4280", "556036-0793"])
def test_real_org_numbers_pass_the_luhn_check(number):
    validate_org_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("556016-0681", "org_number_checksum"),
        ("5560160680", "org_number_format"),
        ("556016-068", "org_number_format"),
        ("55601A-0680", "org_number_format"),
        ("", "org_number_format"),
    ],
)
def test_bad_org_numbers_are_rejected_with_a_reason(number, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_org_number(number)
    assert excinfo.value.code == code


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("5560160680", "556016-0680"),
        (" 556016 0680 ", "556016-0680"),
        ("16556016-0680", "556016-0680"),
        ("556016-0680", "556016-0680"),
    ],
)
def test_org_numbers_are_normalised_from_common_spellings(raw, normalised):
    assert normalise_org_number(raw) == normalised


def test_factory_org_numbers_are_valid():
    assert all(luhn_ok(factories.luhn_org_number(n).replace("-", "")) for n in range(50))


def test_two_partners_cannot_share_an_org_number():
    services.partner_create(user=None, name="Volvo", org_number="5560160680", sector="private")
    with pytest.raises(ValidationError):
        services.partner_create(
            user=None, name="Volvo AB", org_number="556016-0680", sector="private"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(name="Dup", org_number="556016-0680", sector="private")


def test_partners_without_org_number_may_be_many():
    Partner.objects.create(name="Förening A", sector="non_profit")
    Partner.objects.create(name="Förening B", sector="non_profit")
    assert Partner.objects.filter(org_number="").count() == 2


def test_mandatory_activity_must_reach_everyone(program):
    activity = factories.ActivityFactory.build(program=program, status="mandatory", reach=40)
    with pytest.raises(ValidationError) as excinfo:
        activity.full_clean()
    assert "reach" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_elective_activity_may_reach_part_of_the_cohort(program):
    activity = factories.ActivityFactory.build(program=program, status="elective", reach=40)
    activity.full_clean()
    activity.save()
    assert activity.pk


def test_activity_needs_hp_or_hours(program):
    activity = factories.ActivityFactory.build(program=program, hours=Decimal(0), hp=Decimal(0))
    with pytest.raises(ValidationError) as excinfo:
        activity.full_clean()
    assert "hours" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_changed_depth_needs_a_motivation(program):
    activity = factories.ActivityFactory.build(program=program, authenticity=2)
    with pytest.raises(ValidationError) as excinfo:
        activity.full_clean()
    assert "depth_motivation" in excinfo.value.message_dict
    activity.depth_motivation = "Studenterna löser ett verkligt uppdrag."
    activity.full_clean()


def test_activity_year_cannot_exceed_the_programme(program):
    activity = factories.ActivityFactory.build(program=program, year=program.years + 1)
    with pytest.raises(ValidationError) as excinfo:
        activity.full_clean()
    assert "year" in excinfo.value.message_dict


def test_programme_years_default_to_credits_over_60(faculty):
    program = factories.ProgramFactory(faculty=faculty, credits=Decimal("210"), years=None)
    assert program.years == 4


def test_course_outcome_needs_a_course(program):
    outcome = LearningOutcome(program=program, level="course", text="Mål")
    with pytest.raises(IntegrityError), transaction.atomic():
        outcome.save()


def test_activity_taxonomy_is_seeded_with_the_models_defaults():
    types = {
        t.key: (t.default_authenticity, t.default_proximity) for t in ActivityType.objects.all()
    }
    assert len(types) == 14
    assert types["placement"] == (2, 2)
    assert types["partner_project"] == (2, 1)
    assert types["simulation"] == (2, 0)
    assert types["guest_lecture"] == (0, 1)
    assert types["other"] == (0, 0)


def test_activity_create_takes_defaults_from_its_type_and_forces_reach(program):
    placement = ActivityType.objects.get(key="placement")
    activity = services.activity_create(
        program=program,
        user=None,
        type=placement,
        title="VFU 1",
        status="mandatory",
        reach=30,
        hp=Decimal("15"),
        year=2,
    )
    assert (activity.authenticity, activity.proximity) == (2, 2)
    assert activity.reach == 100
    assert activity.support_count == 5


def test_edits_are_recorded_with_their_author(program, coordinator):
    activity = factories.ActivityFactory(program=program)
    services.record_save(activity, user=coordinator)
    last = activity.history.first()
    assert last.history_user == coordinator
    assert last.history_type == "~"


def test_a_stale_version_is_refused_and_nothing_is_written(program, coordinator):
    activity = factories.ActivityFactory(program=program, title="Original")
    opened_with = activity.version
    services.record_save(Activity.objects.get(pk=activity.pk), user=coordinator)
    activity.title = "Late edit"
    with pytest.raises(services.EditConflict):
        services.record_save(activity, user=coordinator, expected_version=opened_with)
    assert Activity.objects.get(pk=activity.pk).title == "Original"


def test_agreement_cannot_end_before_it_starts():
    agreement = factories.AgreementFactory.build(
        partner=factories.PartnerFactory(), end_date=factories.AgreementFactory.start_date
    )
    agreement.end_date = agreement.start_date.replace(year=agreement.start_date.year - 1)
    with pytest.raises(ValidationError):
        agreement.full_clean()


def test_a_faculty_is_named_in_the_active_language_with_swedish_as_fallback():
    from django.utils import translation

    from programs.models import Faculty

    faculty = Faculty(code="tn", name_sv="Tekniska fakulteten", name_en="Faculty of Engineering")
    unnamed = Faculty(code="hs", name_sv="Humanistiska fakulteten", name_en="")
    with translation.override("en"):
        assert str(faculty) == "Faculty of Engineering"
        assert str(unnamed) == "Humanistiska fakulteten"
    with translation.override("sv"):
        assert str(faculty) == "Tekniska fakulteten"
