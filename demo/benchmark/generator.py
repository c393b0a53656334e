"""A synthetic university for the benchmark, written with bulk_create in one transaction.

Everything it writes is recognisable, so `benchmark --clean` removes exactly that: one faculty
with code BENCH_FACULTY, course codes starting with BENCH_COURSE_PREFIX, partner organisations
in region BENCH_REGION and users whose names start with BENCH_USER_PREFIX. bulk_create writes
no history rows, which is what a benchmark wants (and why --clean deletes with raw DELETEs:
Django's cascading delete would write a history row per deleted row). It writes no stored
scores (assessments.ProgramScore) either: the measurements fill them.

The shape follows a real university: activity counts per programme are skewed (lognormal), so
there are very large and very small programmes; about 10 % of the programmes have not changed
for 14 months (stale); councils, compass rounds, actions and agreements are spread so every
dashboard table has rows.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.contrib.auth.models import Group, User
from django.db import connection, models, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from assessments.models import Action, CompassRound, ProgramScore, SurveyResult, Target
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
    Faculty,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
)

BENCH_FACULTY = "bench"
BENCH_COURSE_PREFIX = "BNC"
BENCH_REGION = "benchmark"
BENCH_USER_PREFIX = "bench-"
SAM_USERNAME = "bench-sam"
BATCH = 5000
Row = TypeVar("Row", bound=models.Model)
STALE_SHARE = 0.10
STALE_DAYS = 430

# Relative frequency of each activity type in the synthetic inventory.
TYPE_WEIGHTS = {
    "guest_lecture": 25,
    "study_visit": 10,
    "partner_project": 12,
    "placement": 6,
    "degree_project": 5,
    "coop": 2,
    "field_study": 5,
    "simulation": 6,
    "competition": 3,
    "entrepreneurship": 3,
    "mentorship": 3,
    "career": 8,
    "alumni": 5,
    "other": 7,
}
HP_CHOICES = {
    "placement": ("7.5", "15", "30"),
    "degree_project": ("15", "30"),
    "coop": ("15", "30"),
    "partner_project": ("3", "7.5"),
}
HOURS_CHOICES = ("1", "2", "4", "8", "16", "40")
CREDITS_CHOICES = (
    (Decimal("180"), 3),
    (Decimal("120"), 2),
    (Decimal("300"), 5),
    (Decimal("210"), 4),
)
ROLES = [choice for choice, _label in ActivityPartner.Role.choices]


@dataclass(frozen=True)
class BenchScale:
    programs: int
    courses: int
    activities: int


@dataclass(frozen=True)
class BenchUniversity:
    """What the measurements need: the faculty, the SAM user, and a large and small programme."""

    faculty: Faculty
    sam_user: User
    large_program_id: int
    large_activities: int
    small_program_id: int
    small_activities: int
    scale: BenchScale


def bench_programs() -> QuerySet[Program]:
    """The benchmark's programmes (a queryset)."""
    return Program.objects.filter(faculty__code=BENCH_FACULTY)


def foreign_data_exists() -> bool:
    """True if the database holds programmes or partners that the benchmark did not write."""
    foreign_programs = Program.objects.exclude(faculty__code=BENCH_FACULTY).exists()
    foreign_partners = Partner.objects.exclude(region=BENCH_REGION).exists()
    return foreign_programs or foreign_partners


def bench_scale() -> BenchScale | None:
    """The scale of the benchmark data already in the database, if any."""
    if not Faculty.objects.filter(code=BENCH_FACULTY).exists():
        return None
    return BenchScale(
        programs=bench_programs().count(),
        courses=Course.objects.filter(code__startswith=BENCH_COURSE_PREFIX).count(),
        activities=Activity.objects.filter(program__faculty__code=BENCH_FACULTY).count(),
    )


def bench_university() -> BenchUniversity:
    """Describe the benchmark data already in the database."""
    faculty = Faculty.objects.get(code=BENCH_FACULTY)
    sizes = list(
        bench_programs()
        .annotate(n=Count("activities"))
        .order_by("n", "code")
        .values_list("pk", "n")
    )
    (small_id, small_n), (large_id, large_n) = sizes[0], sizes[-1]
    scale = bench_scale()
    assert scale is not None
    return BenchUniversity(
        faculty=faculty,
        sam_user=_sam_user(),
        large_program_id=large_id,
        large_activities=large_n,
        small_program_id=small_id,
        small_activities=small_n,
        scale=scale,
    )


def _sam_user() -> User:
    user, _created = User.objects.get_or_create(
        username=SAM_USERNAME, defaults={"email": "bench-sam@example.se"}
    )
    user.groups.add(Group.objects.get_or_create(name=SAM_GROUP)[0])
    return user


def bench_clean() -> None:
    """Remove everything the generator wrote, with plain DELETEs in dependency order."""
    programs = bench_programs().values("pk")
    partners = Partner.objects.filter(region=BENCH_REGION).values("pk")
    agreements = Agreement.objects.filter(partner__in=partners).values("pk")
    through = Activity.outcomes.through
    deletions = [
        ProgramScore.objects.filter(program__in=programs),
        # The measurements edit a few activities through the services, which writes history
        # (the activity's row and a snapshot of its outcome links).
        _activity_history_links()._default_manager.filter(history__program_id__in=programs),
        Activity.history.model.objects.filter(program_id__in=programs),
        SurveyResult.objects.filter(round__program__in=programs),
        Target.objects.filter(round__program__in=programs),
        Action.objects.filter(round__program__in=programs),
        CompassRound.objects.filter(program__in=programs),
        ActivityPartner.objects.filter(activity__program__in=programs),
        through.objects.filter(activity__program__in=programs),
        Activity.objects.filter(program__in=programs),
        LearningOutcome.objects.filter(program__in=programs),
        ProgramCourse.objects.filter(program__in=programs),
        CouncilMeeting.objects.filter(council__program__in=programs),
        CouncilMember.objects.filter(council__program__in=programs),
        Council.objects.filter(program__in=programs),
        Agreement.programs.through.objects.filter(agreement__in=agreements),
        Agreement.programs.through.objects.filter(program__in=programs),
        Agreement.objects.filter(partner__in=partners),
        Program.coordinators.through.objects.filter(program__in=programs),
        Program.objects.filter(faculty__code=BENCH_FACULTY),
        Course.objects.filter(code__startswith=BENCH_COURSE_PREFIX),
        Partner.objects.filter(region=BENCH_REGION),
        Faculty.board_members.through.objects.filter(faculty__code=BENCH_FACULTY),
        Faculty.objects.filter(code=BENCH_FACULTY),
    ]
    with transaction.atomic():
        for queryset in deletions:
            # _raw_delete: one DELETE statement, no signals, so no history rows are written.
            queryset._raw_delete(connection.alias)
        User.objects.filter(username__startswith=BENCH_USER_PREFIX).delete()


def _activity_history_links() -> type[models.Model]:
    """simple_history's model of the outcome links recorded with each activity history row."""
    return next(
        relation.related_model
        for relation in Activity.history.model._meta.related_objects
        if relation.field.name == "history"
    )


def bench_analyze() -> None:
    """Refresh the planner's statistics after the bulk load, as one would after any import."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` lognormally skewed counts (each >= 1 when total >= parts)."""
    weights = [rng.lognormvariate(0, 0.9) for _ in range(parts)]
    floor = 1 if total >= parts else 0
    spare = total - floor * parts
    scale = spare / sum(weights)
    counts = [floor + int(w * scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % parts] += 1
    return counts


def _bulk(model: type[Row], rows: list[Row]) -> list[Row]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def bench_generate(*, scale: BenchScale, seed: int = 1) -> BenchUniversity:
    """Write a synthetic university of the given scale; returns its description."""
    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    types = {t.key: t for t in ActivityType.objects.all()}
    type_keys = [key for key in TYPE_WEIGHTS if key in types]
    type_weights = [TYPE_WEIGHTS[key] for key in type_keys]

    faculty = Faculty.objects.create(
        code=BENCH_FACULTY, name_sv="Benchmarkfakulteten", name_en="Benchmark faculty"
    )
    profiles = [choice for choice, _label in Program.Profile.choices]
    programs = _bulk(
        Program,
        [
            Program(
                code=f"BENCH{i:05d}",
                name_sv=f"Benchmarkprogram {i:05d}",
                name_en=f"Benchmark programme {i:05d}",
                credits=credits,
                years=years,
                profile=rng.choice(profiles),
                has_distance_students=rng.random() < 0.2,
                faculty=faculty,
                alumni_follow_up=rng.choice(["none", "university", "program"]),
                gender_analysis=rng.choice(["none", "collected", "analysed"]),
            )
            for i in range(scale.programs)
            for credits, years in [rng.choice(CREDITS_CHOICES)]
        ],
    )
    years_of = {p.pk: p.years for p in programs}
    program_ids = [p.pk for p in programs]

    courses = _bulk(
        Course,
        [
            Course(
                code=f"{BENCH_COURSE_PREFIX}{i:06d}",
                name_sv=f"Benchmarkkurs {i}",
                credits=Decimal(rng.choice(("7.5", "15", "30"))),
            )
            for i in range(scale.courses)
        ],
    )
    places = []
    courses_of: dict[int, list[int]] = defaultdict(list)
    for i, course in enumerate(courses):
        owners = {program_ids[i % len(program_ids)]}
        if rng.random() < 0.1:
            owners.add(rng.choice(program_ids))
        for program_id in owners:
            year = 1 + (i // len(program_ids)) % years_of[program_id]
            places.append(ProgramCourse(program_id=program_id, course=course, year=year))
            courses_of[program_id].append(course.pk)
    _bulk(ProgramCourse, places)

    outcomes = []
    for program_id in program_ids:
        outcomes.append(
            LearningOutcome(
                program_id=program_id, level="program", text="Arbetslivsmål", is_work_life=True
            )
        )
        outcomes.append(LearningOutcome(program_id=program_id, level="program", text="Ämnesmål"))
    for place in places:
        outcomes.append(
            LearningOutcome(
                program_id=place.program_id,
                level="course",
                course_id=place.course_id,
                text="Kursmål",
                is_work_life=rng.random() < 0.3,
            )
        )
    outcomes = _bulk(LearningOutcome, outcomes)
    outcomes_of: dict[int, list[int]] = defaultdict(list)
    for outcome in outcomes:
        outcomes_of[outcome.program_id].append(outcome.pk)
    del outcomes, places

    partners = _bulk(
        Partner,
        [
            Partner(
                name=f"Benchmarkpartner {i:05d}",
                sector=rng.choice(["private", "public", "non_profit", "university"]),
                region=BENCH_REGION,
                is_strategic=rng.random() < 0.05,
            )
            for i in range(max(20, scale.activities // 40))
        ],
    )
    partner_ids = [p.pk for p in partners]
    del partners

    counts = _split(scale.activities, len(program_ids), rng)
    pending: list[Activity] = []
    for program_id, count in zip(program_ids, counts, strict=True):
        years = years_of[program_id]
        program_courses = courses_of[program_id]
        for _ in range(count):
            pending.append(
                _activity(rng, program_id, years, program_courses, types, type_keys, type_weights)
            )
            if len(pending) >= BATCH:
                _write_activities(rng, pending, outcomes_of, partner_ids)
                pending = []
    if pending:
        _write_activities(rng, pending, outcomes_of, partner_ids)

    _councils(rng, program_ids, today)
    _rounds(rng, program_ids, today, now)
    _agreements(rng, program_ids, partner_ids, today)
    _make_stale(rng, program_ids, now)
    _sam_user()
    return bench_university()


def _activity(
    rng: random.Random,
    program_id: int,
    years: int,
    course_ids: list[int],
    types: dict[str, ActivityType],
    type_keys: list[str],
    type_weights: list[int],
) -> Activity:
    key = rng.choices(type_keys, type_weights)[0]
    activity_type = types[key]
    status = rng.choices(["mandatory", "elective", "extracurricular"], [50, 35, 15])[0]
    hp = Decimal(rng.choice(HP_CHOICES[key])) if key in HP_CHOICES else Decimal(0)
    authenticity = activity_type.default_authenticity
    proximity = activity_type.default_proximity
    motivation = ""
    if rng.random() < 0.05:
        authenticity = rng.randint(0, 2)
        motivation = "Justerad i benchmark"
    return Activity(
        program_id=program_id,
        course_id=rng.choice(course_ids) if course_ids and rng.random() < 0.8 else None,
        type=activity_type,
        title=f"{activity_type.name_sv} {rng.randint(1, 9999)}",
        status=status,
        reach=100 if status == "mandatory" else rng.randint(5, 95),
        hp=hp,
        hours=Decimal(0) if hp else Decimal(rng.choice(HOURS_CHOICES)),
        year=None if rng.random() < 0.05 else rng.randint(1, years),
        authenticity=authenticity,
        proximity=proximity,
        depth_motivation=motivation,
        assessed=rng.random() < 0.5,
        reflection=rng.random() < 0.4,
        support_preparation=rng.random() < 0.7,
        support_agreement=rng.random() < 0.4,
        support_workplace_supervisor=rng.random() < 0.5,
        support_university_contact=rng.random() < 0.5,
        support_debriefing=rng.random() < 0.6,
        host_arranged_by=rng.choice(["program", "student"]),
        open_to_distance=rng.random() < 0.3,
        evaluated_by_students=rng.random() < 0.5,
        alumni_take_part=key == "alumni" or rng.random() < 0.02,
    )


def _write_activities(
    rng: random.Random,
    activities: list[Activity],
    outcomes_of: dict[int, list[int]],
    partner_ids: list[int],
) -> None:
    created = _bulk(Activity, activities)
    through = Activity.outcomes.through
    links, partner_links = [], []
    for activity in created:
        if rng.random() < 0.4:
            links.append(
                through(
                    activity_id=activity.pk,
                    learningoutcome_id=rng.choice(outcomes_of[activity.program_id]),
                )
            )
        depth = activity.authenticity + activity.proximity
        wanted = rng.randint(1, 2) if depth >= 2 else (1 if rng.random() < 0.4 else 0)
        seen = set()
        for _ in range(wanted):
            # Squaring skews the choice towards the first partners: a few are everywhere.
            partner_id = partner_ids[int(len(partner_ids) * rng.random() ** 2)]
            role = rng.choice(ROLES)
            if (partner_id, role) in seen:
                continue
            seen.add((partner_id, role))
            partner_links.append(
                ActivityPartner(
                    activity_id=activity.pk,
                    partner_id=partner_id,
                    role=role,
                    feedback_collected=rng.random() < 0.5,
                )
            )
    _bulk(through, links)
    _bulk(ActivityPartner, partner_links)


def _councils(rng: random.Random, program_ids: list[int], today: datetime.date) -> None:
    councils = _bulk(
        Council,
        [
            Council(
                program_id=program_id,
                name="Programråd",
                is_formal=rng.random() < 0.6,
                last_curriculum_review=(
                    today - datetime.timedelta(days=rng.randint(30, 1800))
                    if rng.random() < 0.7
                    else None
                ),
            )
            for program_id in program_ids
            if rng.random() < 0.7
        ],
    )
    members, meetings = [], []
    for council in councils:
        members += [
            CouncilMember(council=council, organisation_name=f"Organisation {i}", role="Ledamot")
            for i in range(rng.randint(0, 6))
        ]
        meetings += [
            CouncilMeeting(
                council=council,
                date=today - datetime.timedelta(days=rng.randint(1, 730)),
                participants=rng.randint(3, 12),
            )
            for _ in range(rng.randint(0, 4))
        ]
    _bulk(CouncilMember, members)
    _bulk(CouncilMeeting, meetings)


def _rounds(
    rng: random.Random, program_ids: list[int], today: datetime.date, now: datetime.datetime
) -> None:
    rounds = []
    for program_id in program_ids:
        draw = rng.random()
        if draw < 0.5:  # an adopted round about 2.5 years ago
            rounds.append(
                CompassRound(
                    program_id=program_id,
                    date=today - datetime.timedelta(days=900),
                    status=CompassRound.Status.FROZEN,
                    scores={},
                    inputs={},
                    frozen_at=now - datetime.timedelta(days=890),
                )
            )
        if draw < 0.35 or 0.5 <= draw < 0.85:  # and/or a current open round
            rounds.append(
                CompassRound(
                    program_id=program_id,
                    date=today - datetime.timedelta(days=rng.randint(10, 300)),
                    status=rng.choice(["draft", "workshop_1", "workshop_2"]),
                )
            )
    rounds = _bulk(CompassRound, rounds)
    statuses = [choice for choice, _label in Action.Status.choices]
    axes = ["scope", "partnership", "career", "follow_up"]
    _bulk(
        Action,
        [
            Action(
                round=compass_round,
                axis=rng.choice(axes),
                description="Åtgärd i benchmark",
                owner="Programansvarig" if rng.random() < 0.9 else "",
                due_date=today + datetime.timedelta(days=rng.randint(-400, 400)),
                status=rng.choice(statuses),
                follow_up_note="Uppföljd" if rng.random() < 0.5 else "",
            )
            for compass_round in rounds
            for _ in range(rng.randint(0, 5))
        ],
    )


def _agreements(
    rng: random.Random, program_ids: list[int], partner_ids: list[int], today: datetime.date
) -> None:
    agreements = []
    for i in range(max(1, len(program_ids) // 2)):
        end = today + datetime.timedelta(days=rng.randint(-200, 700))
        agreements.append(
            Agreement(
                partner_id=rng.choice(partner_ids),
                title=f"Benchmarkavtal {i:05d}",
                kind=rng.choice(["agreement", "letter_of_intent"]),
                level=rng.choice(["strategic", "operative"]),
                start_date=end - datetime.timedelta(days=3 * 365),
                end_date=end,
            )
        )
    agreements = _bulk(Agreement, agreements)
    through = Agreement.programs.through
    links = []
    for agreement in agreements:
        for program_id in set(rng.sample(program_ids, min(len(program_ids), rng.randint(1, 3)))):
            links.append(through(agreement_id=agreement.pk, program_id=program_id))
    _bulk(through, links)


def _make_stale(rng: random.Random, program_ids: list[int], now: datetime.datetime) -> None:
    """Date back every inventory row of about 10 % of the programmes (update() skips auto_now)."""
    stale = rng.sample(program_ids, max(1, int(len(program_ids) * STALE_SHARE)))
    old = now - datetime.timedelta(days=STALE_DAYS)
    Program.objects.filter(pk__in=stale).update(updated_at=old)
    inventory: tuple[type[models.Model], ...] = (Activity, ProgramCourse, LearningOutcome, Council)
    for model in inventory:
        model._default_manager.filter(program_id__in=stale).update(updated_at=old)
    for council_row in (CouncilMember, CouncilMeeting):
        council_row._default_manager.filter(council__program_id__in=stale).update(updated_at=old)
