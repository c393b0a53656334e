"""The load test's data: the university it runs on and one login per virtual user.

Runs inside `manage.py loadtest --internal-prepare` with DATABASE_URL pointing at the load
test's own, freshly created database (never another): migrate, then the demo university or
the benchmark's synthetic one, every stored score computed (the state after the nightly
refresh), ANALYZE, and the accounts of the virtual users. Each virtual user logs in as an
account of its own, so no two share a session and a login lockout never counts one user's
failures against another. Coordinators get a programme of their own where there are enough
programmes, an open compass round there and an action of their own to edit; the målbild is
edited only by a coordinator who is the round's only load-test coordinator, so that no two
virtual users edit the same row and every refused save is a real error, not a conflict.

The plan (JSON) tells the locustfile who logs in with which password and what each may read
and edit.
"""

import random
from dataclasses import asdict, dataclass, field
from typing import Literal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Action, CompassRound
from demo.benchmark import generator
from programs.models import SAM_GROUP, Faculty, Program

DataSet = Literal["demo", "benchmark"]
USER_PREFIX = "load-"
EDITED_AXIS = "scope"  # the målbild axis whose motivation carries the marker
ACTION_AXIS = "follow_up"


@dataclass
class Coordinator:
    username: str
    program_id: int
    action_id: int
    round_id: int | None  # the målbild this user edits, when no other virtual user shares it


@dataclass
class Reader:
    username: str
    program_ids: list[int]
    faculty_ids: list[int]


@dataclass
class LoadPlan:
    password: str
    data: DataSet
    programs: int
    target_axis: str = EDITED_AXIS
    coordinators: list[Coordinator] = field(default_factory=list)
    sam: list[Reader] = field(default_factory=list)
    board: list[Reader] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Split:
    """How many virtual users of each kind: half coordinators, a quarter each SAM and board."""

    coordinators: int
    sam: int
    board: int

    @classmethod
    def of(cls, users: int) -> "Split":
        if users < 2:
            raise ValueError("The load test needs at least 2 users (a coordinator and SAM).")
        coordinators = (users + 1) // 2
        sam = max(1, (users - coordinators + 1) // 2)
        return cls(coordinators=coordinators, sam=sam, board=users - coordinators - sam)


def data_load(*, data: DataSet, scale: generator.BenchScale, seed: int) -> None:
    """Migrate, write the university, store every score and refresh the planner statistics."""
    call_command("migrate", interactive=False, verbosity=0)
    if data == "demo":
        call_command("seed_demo", force=True, verbosity=0)
    else:
        generator.bench_generate(scale=scale, seed=seed)
    assessment_services.program_scores_refresh(reference_date=timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _programs(data: DataSet) -> list[Program]:
    programs = Program.objects.select_related("faculty").order_by("code")
    if data == "benchmark":
        return list(programs.filter(faculty__code=generator.BENCH_FACULTY))
    return list(programs.exclude(faculty__code=generator.BENCH_FACULTY))


def _open_round(program: Program, user: User) -> CompassRound:
    open_round = (
        program.compass_rounds.exclude(status=CompassRound.Status.FROZEN).order_by("-pk").first()
    )
    return open_round or assessment_services.round_start(program=program, user=user)


def _account(username: str, password_hash: str) -> User:
    return User.objects.create(
        username=username, password=password_hash, email=f"{username}@load.example"
    )


@transaction.atomic
def plan_prepare(*, data: DataSet, split: Split, password: str, seed: int) -> LoadPlan:
    """Create the virtual users' accounts with their roles and return what each may do."""
    programs = _programs(data)
    if not programs:
        raise ValueError("The load database has no programmes.")
    rng = random.Random(seed)
    # One hash for every account: hashing the same password 20 times would take seconds.
    password_hash = make_password(password)
    plan = LoadPlan(password=password, data=data, programs=len(programs))
    edited = rng.sample(programs, k=min(split.coordinators, len(programs)))
    shares = [
        sum(1 for i in range(split.coordinators) if i % len(edited) == j)
        for j in range(len(edited))
    ]
    for number in range(split.coordinators):
        user = _account(f"{USER_PREFIX}coordinator-{number + 1:02d}", password_hash)
        program = edited[number % len(edited)]
        program.coordinators.add(user)
        compass_round = _open_round(program, user)
        action = assessment_services.action_create(
            compass_round=compass_round,
            user=user,
            axis=ACTION_AXIS,
            description=f"Load test action of {user.username}",
            status=Action.Status.GREEN,
        )
        alone = shares[number % len(edited)] == 1
        plan.coordinators.append(
            Coordinator(
                username=user.username,
                program_id=program.pk,
                action_id=action.pk,
                round_id=compass_round.pk if alone else None,
            )
        )
    sam_group, _created = Group.objects.get_or_create(name=SAM_GROUP)
    faculty_ids = sorted({program.faculty_id for program in programs})
    for number in range(split.sam):
        user = _account(f"{USER_PREFIX}sam-{number + 1:02d}", password_hash)
        user.groups.add(sam_group)
        plan.sam.append(
            Reader(
                username=user.username,
                program_ids=[program.pk for program in programs],
                faculty_ids=faculty_ids,
            )
        )
    for number in range(split.board):
        user = _account(f"{USER_PREFIX}board-{number + 1:02d}", password_hash)
        faculty = Faculty.objects.get(pk=faculty_ids[number % len(faculty_ids)])
        faculty.board_members.add(user)
        plan.board.append(
            Reader(
                username=user.username,
                program_ids=[p.pk for p in programs if p.faculty_id == faculty.pk],
                faculty_ids=[faculty.pk],
            )
        )
    return plan
