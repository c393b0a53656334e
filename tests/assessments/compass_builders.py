"""Inventory builders for the compass tests: the worked example and varied programmes."""

import datetime
import random
from decimal import Decimal

from programs.models import Activity, ActivityType, Council, LearningOutcome, Program
from tests import factories

REFERENCE_DATE = datetime.date(2026, 9, 1)
SUPPORT = (
    "support_preparation",
    "support_agreement",
    "support_workplace_supervisor",
    "support_university_contact",
    "support_debriefing",
)

# The worked example of compass-model.md: score per axis, unrounded.
WORKED_EXAMPLE_SCORES = {
    "scope": 75.0,
    "authenticity": 71.6667,
    "integration": 74.4141,
    "support": 86.6667,
    "partnership": 93.3333,
    "career": 33.3333,
    "follow_up": 43.75,
    "equity": 41.6667,
}


def _type(key: str) -> ActivityType:
    return ActivityType.objects.get(key=key)


def _activity(program: Program, key: str, **fields) -> Activity:
    activity_type = _type(key)
    values = {
        "authenticity": activity_type.default_authenticity,
        "proximity": activity_type.default_proximity,
        "host_arranged_by": Activity.HostArrangedBy.STUDENT,
    } | fields
    return factories.ActivityFactory(program=program, type=activity_type, **values)


def _support(count: int, skip: str | None = None) -> dict[str, bool]:
    items = [item for item in SUPPORT if item != skip][:count]
    return {item: item in items for item in SUPPORT}


def build_worked_example(program: Program | None = None) -> Program:
    """ "Kandidatprogram i exempelvetenskap" exactly as in compass-model.md."""
    program = program or factories.ProgramFactory()
    Program.objects.filter(pk=program.pk).update(
        credits=Decimal("180"),
        years=3,
        has_distance_students=False,
        alumni_follow_up=Program.AlumniFollowUp.UNIVERSITY,
        gender_analysis=Program.GenderAnalysis.COLLECTED,
    )
    program.refresh_from_db()
    council = factories.CouncilFactory(
        program=program,
        is_formal=True,
        last_curriculum_review=datetime.date(2024, 9, 1),
    )
    factories.CouncilMemberFactory.create_batch(6, council=council)
    factories.CouncilMeetingFactory(council=council, date=datetime.date(2026, 6, 1))
    course = factories.CourseFactory()
    programme_outcome = factories.LearningOutcomeFactory(
        program=program, level=LearningOutcome.Level.PROGRAM, is_work_life=True
    )
    course_outcome = factories.LearningOutcomeFactory(
        program=program, level=LearningOutcome.Level.COURSE, course=course, is_work_life=True
    )

    for year in (1, 1, 2, 3):
        lecture = _activity(program, "guest_lecture", hours=Decimal("2"), year=year)
        factories.ActivityPartnerFactory(activity=lecture, role="guest_teacher")
    visit = _activity(
        program, "study_visit", hours=Decimal("6"), year=1, evaluated_by_students=True
    )
    factories.ActivityPartnerFactory(activity=visit, role="host")
    project = _activity(
        program,
        "partner_project",
        hp=Decimal("7.5"),
        hours=0,
        year=2,
        assessed=True,
        reflection=True,
        host_arranged_by=Activity.HostArrangedBy.PROGRAM,
        evaluated_by_students=True,
        **_support(4, skip="support_agreement"),
    )
    project.outcomes.add(course_outcome)
    factories.ActivityPartnerFactory(activity=project, role="co_creator", feedback_collected=True)
    placement = _activity(
        program,
        "placement",
        status=Activity.Status.ELECTIVE,
        reach=40,
        hp=Decimal("15"),
        hours=0,
        year=3,
        assessed=True,
        reflection=True,
        evaluated_by_students=True,
        **_support(5),
    )
    placement.outcomes.add(programme_outcome)
    for _ in range(6):
        partner = factories.PartnerFactory()
        for role in ("host", "supervisor"):
            factories.ActivityPartnerFactory(
                activity=placement, partner=partner, role=role, feedback_collected=True
            )
    degree = _activity(
        program,
        "degree_project",
        status=Activity.Status.ELECTIVE,
        reach=30,
        hp=Decimal("15"),
        hours=0,
        year=3,
        assessed=True,
        **_support(4),
    )
    degree.outcomes.add(course_outcome)
    factories.ActivityPartnerFactory.create_batch(2, activity=degree, role="host")
    _activity(program, "career", hours=Decimal("6"), year=3)
    _activity(
        program,
        "alumni",
        status=Activity.Status.EXTRACURRICULAR,
        reach=30,
        hours=Decimal("2"),
        year=2,
        alumni_take_part=True,
    )
    _activity(
        program,
        "entrepreneurship",
        status=Activity.Status.EXTRACURRICULAR,
        reach=10,
        hours=Decimal("2"),
        year=None,
        authenticity=0,
        proximity=1,
        depth_motivation="En informationsträff om inkubatorn.",
    )
    return program


def build_varied_program(seed: int, *, activities: int = 8, program: Program | None = None):
    """A programme with random but valid content: types, statuses, links, council, outcomes."""
    rng = random.Random(seed)
    years = rng.choice([1, 2, 3, 4, 5])
    program = program or factories.ProgramFactory(
        credits=Decimal(60 * years),
        years=years,
        has_distance_students=rng.random() < 0.5,
        alumni_follow_up=rng.choice(list(Program.AlumniFollowUp.values)),
        gender_analysis=rng.choice(list(Program.GenderAnalysis.values)),
    )
    if program.years:
        years = program.years
    has_council = Council.objects.filter(program=program).exists()
    if rng.random() < 0.7 and not has_council:
        council = factories.CouncilFactory(
            program=program,
            is_formal=rng.random() < 0.7,
            last_curriculum_review=rng.choice([None, datetime.date(2021, 1, 1), REFERENCE_DATE]),
        )
        factories.CouncilMemberFactory.create_batch(rng.randint(0, 5), council=council)
        for days in rng.sample([30, 200, 400, 800, -20], rng.randint(0, 3)):
            factories.CouncilMeetingFactory(
                council=council, date=REFERENCE_DATE - datetime.timedelta(days=days)
            )
    outcomes = []
    for level in rng.sample(["program", "course", "course"], rng.randint(0, 3)):
        course = factories.CourseFactory() if level == "course" else None
        outcomes.append(
            factories.LearningOutcomeFactory(
                program=program, level=level, course=course, is_work_life=rng.random() < 0.7
            )
        )
    types = list(ActivityType.objects.all())
    partners = [factories.PartnerFactory() for _ in range(3)]
    for _ in range(activities):
        activity_type = rng.choice(types)
        status = rng.choice(list(Activity.Status.values))
        with_hp = rng.random() < 0.4
        activity = _activity(
            program,
            activity_type.key,
            status=status,
            reach=100 if status == "mandatory" else rng.randint(0, 100),
            hp=Decimal(rng.choice(["1.5", "7.5", "15"])) if with_hp else Decimal("0"),
            hours=Decimal("0") if with_hp else Decimal(rng.choice(["0.5", "2", "6", "40"])),
            year=rng.choice([None, *range(1, years + 1)]),
            assessed=rng.random() < 0.5,
            reflection=rng.random() < 0.5,
            host_arranged_by=rng.choice(list(Activity.HostArrangedBy.values)),
            open_to_distance=rng.random() < 0.5,
            evaluated_by_students=rng.random() < 0.5,
            alumni_take_part=rng.random() < 0.2,
            **{item: rng.random() < 0.5 for item in SUPPORT},
        )
        if outcomes and rng.random() < 0.5:
            activity.outcomes.add(rng.choice(outcomes))
        for partner in rng.sample(partners, rng.randint(0, 2)):
            factories.ActivityPartnerFactory(
                activity=activity,
                partner=partner,
                role=rng.choice(["host", "co_creator", "supervisor", "guest_teacher"]),
                feedback_collected=rng.random() < 0.5,
            )
    return program
