"""Data for the periodic-mail tests: a small university with one of everything to report."""

import datetime
from dataclasses import dataclass

import time_machine

from assessments.models import Action, CompassRound
from programs.models import Program
from reports.models import UserPreference
from tests import factories

TODAY = datetime.date(2026, 12, 7)  # a Monday
NOW = datetime.datetime(2026, 12, 7, 5, 30, tzinfo=datetime.UTC)  # 06:30 in Stockholm
SITE = "https://ala.example.se"


@dataclass
class University:
    stale: Program  # untouched since 2025, never a round
    active: Program  # a round adopted last week, an overdue action, an ending agreement
    closed: Program  # inactive: never reported
    frozen_round: CompassRound
    overdue: Action
    agreement_pk: int
    partner_pk: int


def frozen_round(program: Program, *, date: datetime.date, frozen_at: datetime.datetime):
    return factories.CompassRoundFactory(
        program=program,
        date=date,
        status=CompassRound.Status.FROZEN,
        scores={},
        frozen_at=frozen_at,
    )


def university(faculty) -> University:
    """Everything the digest reports, plus what it must leave out."""
    with time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)):
        stale = factories.ProgramFactory(
            code="STALE1", name_sv="Gamla programmet", name_en="Old programme", faculty=faculty
        )
        closed = factories.ProgramFactory(code="CLOSED", faculty=faculty, is_active=False)
    active = factories.ProgramFactory(
        code="ACT1", name_sv="Aktiva programmet", name_en="Active programme", faculty=faculty
    )
    adopted = frozen_round(
        active,
        date=datetime.date(2026, 12, 1),
        frozen_at=datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC),
    )
    overdue = factories.ActionFactory(
        round=adopted,
        description="Bjud in <b>alumner</b> & branschfolk",
        owner="Anna Andersson",
        due_date=datetime.date(2026, 11, 1),
        status=Action.Status.RED,
    )
    factories.ActionFactory(  # done: not overdue
        round=adopted,
        description="Klar åtgärd",
        due_date=datetime.date(2026, 10, 1),
        status=Action.Status.DONE,
    )
    factories.ActionFactory(round=adopted, description="Framtida åtgärd")  # due 2027
    closed_round = factories.CompassRoundFactory(program=closed)
    factories.ActionFactory(
        round=closed_round, description="Stängt program", due_date=datetime.date(2026, 1, 1)
    )
    ending = factories.AgreementFactory(
        title="VFU-avtal Region", end_date=datetime.date(2027, 1, 15)
    )
    ending.programs.add(active)
    later = factories.AgreementFactory(title="Långt avtal", end_date=datetime.date(2027, 6, 1))
    later.programs.add(active)
    ended = factories.AgreementFactory(title="Slut avtal", end_date=datetime.date(2026, 12, 1))
    ended.programs.add(active)
    return University(
        stale=stale,
        active=active,
        closed=closed,
        frozen_round=adopted,
        overdue=overdue,
        agreement_pk=ending.pk,
        partner_pk=ending.partner_id,
    )


def quiet_program(faculty) -> Program:
    """A programme with nothing for the digest: fresh, a round adopted a month ago."""
    program = factories.ProgramFactory(code="QUIET", faculty=faculty)
    frozen_round(
        program,
        date=datetime.date(2026, 11, 1),
        frozen_at=datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC),
    )
    return program


def complete_program(program: Program) -> Program:
    """Give `program` everything programs/completeness.py checks for."""
    activity = factories.ActivityFactory(program=program, authenticity=1, proximity=1)
    factories.ActivityPartnerFactory(activity=activity)
    factories.LearningOutcomeFactory(program=program)
    council = factories.CouncilFactory(program=program)
    factories.CouncilMemberFactory(council=council)
    factories.CouncilMeetingFactory(council=council)
    program.alumni_follow_up = Program.AlumniFollowUp.PROGRAM
    program.gender_analysis = Program.GenderAnalysis.ANALYSED
    program.save()
    return program


def prefer(user, *, language: str = "sv", monthly_reminder: bool = True) -> None:
    UserPreference.objects.update_or_create(
        user=user, defaults={"language": language, "monthly_reminder": monthly_reminder}
    )


def html_of(message) -> str:
    (alternative,) = message.alternatives
    assert alternative[1] == "text/html"
    return alternative[0]
