"""Reads for the periodic mails: the weekly SAM digest and the monthly coordinator reminder.

The definitions are the dashboard's (assessments/dashboard/__init__.py), so a mail and the
dashboard never disagree: the same scope (active programmes), the same stale inventories
(dashboard_build's list itself), overdue actions (due before today, not done) and agreements
ending within AGREEMENT_EXPIRY_WARNING_DAYS. Added here: rounds frozen in the past week and
programmes with no frozen round within the last CURRENT_ROUND_YEARS years (24 months).

Every line carries the path of the page where it is handled; the mail makes it absolute.
Names of people (an action's owner, council members) never leave this module: the mails
name programmes, actions, agreements and partner organisations only.

Programme names, status labels and kinds are read in the active language: build a digest
inside `translation.override(language)`.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from assessments import dashboard
from assessments.models import Action, CompassRound
from programs import selectors as program_selectors
from programs.completeness import Missing
from programs.models import AGREEMENT_EXPIRY_WARNING_DAYS, SAM_GROUP, Agreement, Program
from programs.models.i18n import localised
from reports.models import UserPreference

FROZEN_WITHIN_DAYS = 7  # "rounds frozen in the past week"
NO_ROUND_YEARS = dashboard.CURRENT_ROUND_YEARS  # "no frozen round in 24 months"


@dataclass(frozen=True)
class StaleProgram:
    code: str
    name: str
    last_change: datetime.date
    path: str


@dataclass(frozen=True)
class OverdueItem:
    program_code: str
    program_name: str
    description: str
    due_date: datetime.date
    days_overdue: int
    status: str
    path: str


@dataclass(frozen=True)
class AgreementItem:
    title: str
    partner: str
    kind: str
    end_date: datetime.date
    days_left: int
    program_codes: tuple[str, ...]
    path: str


@dataclass(frozen=True)
class FrozenRound:
    program_code: str
    program_name: str
    date: datetime.date
    frozen_on: datetime.date
    registry_number: str
    path: str


@dataclass(frozen=True)
class RoundlessProgram:
    code: str
    name: str
    last_frozen: datetime.date | None  # reference date of the latest frozen round, if any
    has_open_round: bool
    path: str


@dataclass(frozen=True)
class SamDigest:
    """What the weekly digest tells SAM, university-wide; empty sections are empty tuples."""

    today: datetime.date
    stale: tuple[StaleProgram, ...]
    overdue: tuple[OverdueItem, ...]
    agreements: tuple[AgreementItem, ...]
    frozen: tuple[FrozenRound, ...]
    roundless: tuple[RoundlessProgram, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.stale or self.overdue or self.agreements or self.frozen or self.roundless)


@dataclass(frozen=True)
class ProgramReminder:
    """One coordinator's programme and its open items."""

    code: str
    name: str
    path: str
    overdue: tuple[OverdueItem, ...]
    agreements: tuple[AgreementItem, ...]
    missing: tuple[Missing, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.agreements or self.missing)


@dataclass(frozen=True)
class CoordinatorReminder:
    """The monthly reminder of one coordinator: only their programmes with open items."""

    today: datetime.date
    programs: tuple[ProgramReminder, ...]

    @property
    def is_empty(self) -> bool:
        return not self.programs


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


# Recipients ---------------------------------------------------------------------------------


def _mailable_users() -> QuerySet[User]:
    return User.objects.filter(is_active=True).exclude(email="").order_by("pk")


def digest_recipients() -> list[tuple[User, str]]:
    """Active SAM members with an email address, each with the language of their mails."""
    users = list(_mailable_users().filter(groups__name=SAM_GROUP).distinct())
    return [(user, preference.language) for user, preference in _with_preferences(users)]


def reminder_recipients() -> list[tuple[User, str]]:
    """Active coordinators of active programmes with an email address who have not opted out."""
    users = list(
        _mailable_users().filter(coordinated_programs__is_active=True).distinct().order_by("pk")
    )
    return [
        (user, preference.language)
        for user, preference in _with_preferences(users)
        if preference.monthly_reminder
    ]


def _with_preferences(users: list[User]) -> list[tuple[User, UserPreference]]:
    """Each user with their stored preference, or the defaults (one query for all)."""
    stored = {p.user_id: p for p in UserPreference.objects.filter(user__in=users)}
    return [(user, stored.get(user.pk) or UserPreference(user=user)) for user in users]


# The weekly SAM digest ------------------------------------------------------------------------


def sam_digest(*, today: datetime.date, now: datetime.datetime) -> SamDigest:
    """The weekly digest for SAM on `today`; `now` bounds "frozen in the past week"."""
    programs = dashboard.dashboard_programs()
    built = dashboard.dashboard_build(programs=programs, today=today, whole_university=True)
    stale = tuple(
        StaleProgram(
            code=row.code,
            name=row.name,
            last_change=_local_date(row.last_change),
            path=reverse("programs:program_detail", kwargs={"pk": row.pk}),
        )
        for row in built.stale
    )
    return SamDigest(
        today=today,
        stale=stale,
        overdue=tuple(
            _overdue_items(programs=programs, today=today, route="assessments:round_detail")
        ),
        agreements=tuple(_university_agreements(today=today)),
        frozen=tuple(_frozen_rounds(programs=programs, now=now)),
        roundless=tuple(_roundless_programs(programs=programs, today=today)),
    )


def _overdue_actions(*, programs: QuerySet[Program], today: datetime.date) -> QuerySet[Action]:
    """The dashboard's overdue actions: due before today and not done, earliest first."""
    return (
        Action.objects.filter(round__program__in=programs.values("pk"), due_date__lt=today)
        .exclude(status=Action.Status.DONE)
        .select_related("round__program")
        .order_by("due_date", "round__program__code", "pk")
    )


def _overdue_items(
    *, programs: QuerySet[Program], today: datetime.date, route: str
) -> Iterable[OverdueItem]:
    """Overdue actions as mail lines; `route` is the page the line links to."""
    for action in _overdue_actions(programs=programs, today=today):
        program = action.round.program
        pk = action.round_id if route == "assessments:round_detail" else action.pk
        yield OverdueItem(
            program_code=program.code,
            program_name=program.name,
            description=" ".join(action.description.split()),  # one line in a list
            due_date=action.due_date or today,  # the filter excludes actions without a date
            days_overdue=(today - action.due_date).days if action.due_date else 0,
            status=action.get_status_display(),
            path=reverse(route, kwargs={"pk": pk}),
        )


def _ending_agreements(*, today: datetime.date) -> QuerySet[Agreement]:
    last_day = today + datetime.timedelta(days=AGREEMENT_EXPIRY_WARNING_DAYS)
    return (
        Agreement.objects.filter(end_date__gte=today, end_date__lte=last_day)
        .select_related("partner")
        .prefetch_related("programs")
        .order_by("end_date", "title", "pk")
    )


def _agreement_item(agreement: Agreement, *, today: datetime.date, path: str) -> AgreementItem:
    end_date = agreement.end_date or today  # the filter excludes agreements without an end
    return AgreementItem(
        title=agreement.title,
        partner=agreement.partner.name,
        kind=agreement.get_kind_display(),
        end_date=end_date,
        days_left=(end_date - today).days,
        program_codes=tuple(sorted(p.code for p in agreement.programs.all())),
        path=path,
    )


def _university_agreements(*, today: datetime.date) -> Iterable[AgreementItem]:
    """Every agreement ending soon (the whole-university dashboard's list), linked to its
    partner's page, where SAM keeps the partner register."""
    for agreement in _ending_agreements(today=today):
        path = reverse("programs:partner_detail", kwargs={"pk": agreement.partner_id})
        yield _agreement_item(agreement, today=today, path=path)


def _frozen_rounds(*, programs: QuerySet[Program], now: datetime.datetime) -> Iterable[FrozenRound]:
    since = now - datetime.timedelta(days=FROZEN_WITHIN_DAYS)
    rounds = (
        CompassRound.objects.filter(
            program__in=programs.values("pk"),
            status=CompassRound.Status.FROZEN,
            frozen_at__gte=since,
            frozen_at__lte=now,
        )
        .select_related("program")
        .order_by("frozen_at", "program__code", "pk")
    )
    for compass_round in rounds:
        frozen_at = compass_round.frozen_at or now
        yield FrozenRound(
            program_code=compass_round.program.code,
            program_name=compass_round.program.name,
            date=compass_round.date,
            frozen_on=_local_date(frozen_at),
            registry_number=compass_round.registry_number,
            path=compass_round.get_absolute_url(),
        )


def _roundless_programs(
    *, programs: QuerySet[Program], today: datetime.date
) -> Iterable[RoundlessProgram]:
    """Programmes with no frozen round dated within the last NO_ROUND_YEARS years."""
    since = dashboard.years_before(today, NO_ROUND_YEARS)
    frozen = Q(compass_rounds__status=CompassRound.Status.FROZEN)
    rows = (
        programs.annotate(
            last_frozen=Max("compass_rounds__date", filter=frozen),
            open_rounds=Max("compass_rounds__pk", filter=~frozen),
        )
        .filter(Q(last_frozen__isnull=True) | Q(last_frozen__lt=since))
        .order_by("code")
        .values_list("pk", "code", "name_sv", "name_en", "last_frozen", "open_rounds")
    )
    for pk, code, name_sv, name_en, last_frozen, open_round in rows:
        yield RoundlessProgram(
            code=code,
            name=localised(name_sv, name_en),
            last_frozen=last_frozen,
            has_open_round=open_round is not None,
            path=reverse("assessments:program_compass", kwargs={"pk": pk}),
        )


# The monthly coordinator reminder -------------------------------------------------------------


def coordinator_reminder(*, user: User, today: datetime.date) -> CoordinatorReminder:
    """The open items of the active programmes `user` coordinates, in code order."""
    programs = Program.objects.filter(coordinators=user, is_active=True)
    overdue: dict[str, list[OverdueItem]] = defaultdict(list)
    for item in _overdue_items(
        programs=programs, today=today, route="assessments:action_follow_up"
    ):
        overdue[item.program_code].append(item)
    agreements = _program_agreements(programs=programs, today=today)
    missing = {
        row.program.pk: row.completeness.missing
        for row in program_selectors.program_overview_for_user(user=user)
    }
    reminders = (
        ProgramReminder(
            code=program.code,
            name=program.name,
            path=program.get_absolute_url(),
            overdue=tuple(overdue[program.code]),
            agreements=tuple(agreements[program.pk]),
            missing=missing.get(program.pk, ()),
        )
        for program in programs.order_by("code")
    )
    return CoordinatorReminder(
        today=today, programs=tuple(item for item in reminders if not item.is_empty)
    )


def _program_agreements(
    *, programs: QuerySet[Program], today: datetime.date
) -> dict[int, list[AgreementItem]]:
    """Agreements ending soon under each of `programs`, linked to the programme's edit form."""
    wanted = set(programs.values_list("pk", flat=True))
    result: dict[int, list[AgreementItem]] = defaultdict(list)
    for agreement in _ending_agreements(today=today).filter(programs__in=wanted).distinct():
        for program in agreement.programs.all():
            if program.pk in wanted:
                path = reverse(
                    "programs:agreement_edit",
                    kwargs={"program_pk": program.pk, "pk": agreement.pk},
                )
                result[program.pk].append(_agreement_item(agreement, today=today, path=path))
    return result
