"""Factories for tests only; demo data comes from `manage.py seed_demo`."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory

from assessments.models import Action, CompassRound, SupportOffer, Target
from programs.models import (
    SAM_GROUP,
    Activity,
    ActivityPartner,
    ActivityType,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Course,
    Department,
    Faculty,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
)


def luhn_org_number(seq: int) -> str:
    """A valid NNNNNN-NNNN organisation number for sequence number `seq`."""
    body = f"55{seq:07d}"[-9:]
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:  # positions doubled once the check digit is appended
            value *= 2
            if value > 9:
                value -= 9
        total += value
    check = (10 - total % 10) % 10
    digits = body + str(check)
    return f"{digits[:6]}-{digits[6:]}"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.django.Password("pw")


class SamUserFactory(UserFactory):
    @factory.post_generation
    def sam_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=SAM_GROUP)[0])


class FacultyFactory(DjangoModelFactory):
    class Meta:
        model = Faculty
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"fak{n}")
    name_sv = factory.Sequence(lambda n: f"Fakulteten {n}")
    name_en = factory.Sequence(lambda n: f"Faculty {n}")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    faculty = factory.SubFactory(FacultyFactory)
    name_sv = factory.Sequence(lambda n: f"Institutionen {n}")


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"PRG{n:03d}")
    name_sv = factory.Sequence(lambda n: f"Programmet {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")
    credits = Decimal("180")
    faculty = factory.SubFactory(FacultyFactory)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    code = factory.Sequence(lambda n: f"DT{n:03d}G")
    name_sv = factory.Sequence(lambda n: f"Kurs {n}")
    credits = Decimal("7.5")


class ProgramCourseFactory(DjangoModelFactory):
    class Meta:
        model = ProgramCourse

    program = factory.SubFactory(ProgramFactory)
    course = factory.SubFactory(CourseFactory)
    year = 1


class LearningOutcomeFactory(DjangoModelFactory):
    class Meta:
        model = LearningOutcome

    program = factory.SubFactory(ProgramFactory)
    level = LearningOutcome.Level.PROGRAM
    text = factory.Sequence(lambda n: f"Lärandemål {n}")
    is_work_life = True


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n} AB")
    org_number = factory.Sequence(luhn_org_number)
    sector = Partner.Sector.PRIVATE


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    type = factory.LazyFunction(lambda: ActivityType.objects.get(key="guest_lecture"))
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    status = Activity.Status.MANDATORY
    reach = 100
    hours = Decimal("2")
    year = 1
    authenticity = factory.LazyAttribute(lambda a: a.type.default_authenticity)
    proximity = factory.LazyAttribute(lambda a: a.type.default_proximity)


class ActivityPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ActivityPartner

    activity = factory.SubFactory(ActivityFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = ActivityPartner.Role.HOST


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Avtal {n}")
    kind = Agreement.Kind.AGREEMENT
    level = Agreement.Level.OPERATIVE
    start_date = datetime.date(2025, 1, 1)


class CouncilFactory(DjangoModelFactory):
    class Meta:
        model = Council

    program = factory.SubFactory(ProgramFactory)
    name = "Programråd"
    is_formal = True


class CouncilMemberFactory(DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    organisation_name = factory.Sequence(lambda n: f"Organisation {n}")
    role = "Ledamot"


class CouncilMeetingFactory(DjangoModelFactory):
    class Meta:
        model = CouncilMeeting

    council = factory.SubFactory(CouncilFactory)
    date = datetime.date(2026, 3, 1)
    participants = 6


class CompassRoundFactory(DjangoModelFactory):
    class Meta:
        model = CompassRound

    program = factory.SubFactory(ProgramFactory)
    date = datetime.date(2026, 9, 1)


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    round = factory.SubFactory(CompassRoundFactory)
    axis = "scope"
    score = 80
    target_year = 2028


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    round = factory.SubFactory(CompassRoundFactory)
    axis = "partnership"
    description = "Starta ett formellt programråd"
    owner = "Programansvarig"
    due_date = datetime.date(2027, 6, 30)


class SupportOfferFactory(DjangoModelFactory):
    class Meta:
        model = SupportOffer

    title_sv = factory.Sequence(lambda n: f"Erbjudande {n}")
    indicators = ["P1"]
