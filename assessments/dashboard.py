"""Reads for the SAM dashboard and the faculty view: who may open them, and what they show.

Principle 1 of the compass model: cross-programme views show distributions and coverage,
never a league table. Nothing here orders programmes by a score: programme lists are in code
order, and per-axis scores only leave this module as distributions (n, quartiles, N/A).

Definitions (where the issue leaves room, these are the choices):
- Scope: active programmes (Program.is_active), optionally of one faculty and one profile.
- Current round: a compass round dated within the last CURRENT_ROUND_YEARS years (calendar
  years back to the same day, both ends included) or one that is still open (not adopted).
- Action plan: the programme has a compass round (any round) with at least one action.
- Stale inventory: the latest change to the programme, its activities, its course places, its
  learning outcomes, its council or the council's meetings and members is older than
  STALE_AFTER_MONTHS months (calendar months back to the same day).
- Overdue action: due date before today and status not "done".
- Agreements ending soon: end date between today and today + AGREEMENT_EXPIRY_WARNING_DAYS,
  both included. The whole-university view lists every such agreement; a filtered or faculty
  view lists those linked to at least one programme in scope.
- Partner organisations engaged: distinct programmes in scope with an activity linked to the
  organisation; the TOP_PARTNERS organisations with the most, ties by name.

Queries: a fixed handful whatever the number of programmes. The live compass of every
programme in scope is the expensive part, so the axis values come from the stored scores
(assessments.ProgramScore), which every inventory write marks stale and a task refreshes.
Rows that are missing, stale, of another model version or computed for another date than
today are recomputed first, in one batched call (assessments.services.program_scores_refresh),
and stored: a GET that fills the store, like a cache. So the distributions always equal the
live compass on `today`, and after an edit only the edited programmes are scored again.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assessments import services as compass_services
from assessments.models import Action, AxisChoice, CompassRound, ProgramScore
from assessments.scoring import MODEL_VERSION, Axis, display_round
from programs import selectors as program_selectors
from programs.models import (
    AGREEMENT_EXPIRY_WARNING_DAYS,
    Activity,
    ActivityPartner,
    ActivityType,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    Faculty,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
)
from programs.models.i18n import localised
from programs.selectors import AnyUser

STALE_AFTER_MONTHS = 12
CURRENT_ROUND_YEARS = 2
TOP_PARTNERS = 15
QUARTILE_METHOD = "linear"  # pandas' default, the same as Excel's QUARTILE.INC


# ---------------------------------------------------------------- access


def dashboard_can_view(*, user: AnyUser) -> bool:
    """SAM and administrators see the university dashboard."""
    return program_selectors.user_is_sam(user=user)


def dashboard_faculties_for_user(*, user: AnyUser) -> QuerySet[Faculty]:
    """Faculties whose faculty view `user` may open: all for SAM, else the boards they sit on."""
    if not user.is_authenticated:
        return Faculty.objects.none()
    if program_selectors.user_is_sam(user=user):
        return Faculty.objects.all()
    return Faculty.objects.filter(board_members=user)


def dashboard_faculty_get(*, user: AnyUser, pk: int) -> Faculty:
    """The faculty if `user` may open its view (SAM, admin, its board): 404 otherwise."""
    return get_object_or_404(dashboard_faculties_for_user(user=user), pk=pk)


def dashboard_programs(*, faculty: Faculty | None = None, profile: str = "") -> QuerySet[Program]:
    """Active programmes in scope, optionally restricted to one faculty and one profile."""
    programs = Program.objects.filter(is_active=True)
    if faculty is not None:
        programs = programs.filter(faculty=faculty)
    if profile:
        programs = programs.filter(profile=profile)
    return programs


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class ProgramRow:
    """One programme in scope, for drill-down and the inventory follow-up tables."""

    pk: int
    code: str
    name: str
    faculty: str
    profile: str
    has_formal_council: bool
    has_current_round: bool
    has_action_plan: bool
    last_change: datetime.datetime
    is_stale: bool


@dataclass(frozen=True)
class AxisDistribution:
    """How one axis is spread across the programmes in scope: never per programme."""

    axis: str
    label: str
    values: tuple[float, ...]  # scored programmes, sorted ascending, no programme attached
    n: int
    not_applicable: int
    minimum: int | None
    q1: int | None
    median: int | None
    q3: int | None
    maximum: int | None


@dataclass(frozen=True)
class Share:
    key: str
    count: int
    total: int

    @property
    def percent(self) -> int | None:
        """Share in per cent, rounded half up; None when there are no programmes."""
        return display_round(100 * self.count / self.total) if self.total else None


@dataclass(frozen=True)
class CoverageColumn:
    key: str
    label: str
    programs_with: int  # programmes in scope with at least one activity of this type
    activities: int


@dataclass(frozen=True)
class CoverageRow:
    program: ProgramRow
    counts: tuple[int, ...]  # one per CoverageColumn, same order


@dataclass(frozen=True)
class OverdueAction:
    program_pk: int
    program_code: str
    program_name: str
    description: str
    owner: str
    due_date: datetime.date
    days_overdue: int
    status: str


@dataclass(frozen=True)
class ExpiringAgreement:
    title: str
    partner: str
    kind: str
    end_date: datetime.date
    days_left: int
    program_codes: tuple[str, ...]


@dataclass(frozen=True)
class PartnerEngagement:
    name: str
    sector: str
    is_strategic: bool
    programs: int


@dataclass(frozen=True)
class Dashboard:
    today: datetime.date
    programs: tuple[ProgramRow, ...]  # in code order
    distributions: tuple[AxisDistribution, ...]  # in Axis order
    shares: tuple[Share, ...]
    coverage_columns: tuple[CoverageColumn, ...]
    coverage_rows: tuple[CoverageRow, ...]  # in code order, every programme in scope
    stale: tuple[ProgramRow, ...]  # oldest change first
    overdue_actions: tuple[OverdueAction, ...]
    expiring_agreements: tuple[ExpiringAgreement, ...]
    top_partners: tuple[PartnerEngagement, ...]

    @property
    def program_count(self) -> int:
        return len(self.programs)


# ---------------------------------------------------------------- building


def dashboard_build(
    *, programs: QuerySet[Program], today: datetime.date, whole_university: bool
) -> Dashboard:
    """Everything the dashboard shows for `programs`, read in a fixed number of queries."""
    rows = _program_rows(programs=programs, today=today)
    program_ids = [row.pk for row in rows]
    columns, coverage_rows = _coverage(programs=programs, rows=rows)
    return Dashboard(
        today=today,
        programs=rows,
        distributions=_distributions(programs=programs, program_ids=program_ids, today=today),
        shares=_shares(rows),
        coverage_columns=columns,
        coverage_rows=coverage_rows,
        stale=tuple(sorted((r for r in rows if r.is_stale), key=lambda r: (r.last_change, r.code))),
        overdue_actions=_overdue_actions(programs=programs, today=today),
        expiring_agreements=_expiring_agreements(
            programs=programs, today=today, whole_university=whole_university
        ),
        top_partners=_top_partners(programs=programs),
    )


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` years earlier; 29 February goes back to 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def _latest(model: type, path: str) -> Subquery:
    """Latest updated_at of `model` rows whose `path` is the outer programme."""
    rows = model.objects.filter(**{path: OuterRef("pk")}).order_by().values(path)
    return Subquery(rows.annotate(latest=Max("updated_at")).values("latest")[:1])


def _program_rows(*, programs: QuerySet[Program], today: datetime.date) -> tuple[ProgramRow, ...]:
    current_since = years_before(today, CURRENT_ROUND_YEARS)
    stale_before = months_before(today, STALE_AFTER_MONTHS)
    own = F("updated_at")
    latest = [
        _latest(Activity, "program"),
        _latest(ProgramCourse, "program"),
        _latest(LearningOutcome, "program"),
        _latest(Council, "program"),
        _latest(CouncilMeeting, "council__program"),
        _latest(CouncilMember, "council__program"),
    ]
    # Coalesce before Greatest: SQLite's MAX() of a NULL is NULL, PostgreSQL's GREATEST skips it.
    last_change = Greatest(
        own, *(Coalesce(sub, own, output_field=DateTimeField()) for sub in latest)
    )
    queryset = (
        programs.annotate(
            has_formal_council=Exists(
                Council.objects.filter(program=OuterRef("pk"), is_formal=True)
            ),
            has_current_round=Exists(
                CompassRound.objects.filter(program=OuterRef("pk")).filter(
                    Q(date__gte=current_since) | ~Q(status=CompassRound.Status.FROZEN)
                )
            ),
            has_action_plan=Exists(Action.objects.filter(round__program=OuterRef("pk"))),
            last_change=last_change,
        )
        .order_by("code")
        .values_list(
            "pk",
            "code",
            "name_sv",
            "name_en",
            "faculty__name_sv",
            "profile",
            "has_formal_council",
            "has_current_round",
            "has_action_plan",
            "last_change",
        )
    )
    profiles = {key: str(label) for key, label in Program.Profile.choices}
    return tuple(
        ProgramRow(
            pk=pk,
            code=code,
            name=localised(name_sv, name_en),
            faculty=faculty,
            profile=profiles.get(profile, profile),
            has_formal_council=council,
            has_current_round=current,
            has_action_plan=plan,
            last_change=changed,
            is_stale=_local_date(changed) < stale_before,
        )
        for (
            pk,
            code,
            name_sv,
            name_en,
            faculty,
            profile,
            council,
            current,
            plan,
            changed,
        ) in queryset
    )


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _shares(rows: Sequence[ProgramRow]) -> tuple[Share, ...]:
    total = len(rows)
    return (
        Share("formal_council", sum(r.has_formal_council for r in rows), total),
        Share("current_round", sum(r.has_current_round for r in rows), total),
        Share("action_plan", sum(r.has_action_plan for r in rows), total),
    )


def _coverage(
    *, programs: QuerySet[Program], rows: Sequence[ProgramRow]
) -> tuple[tuple[CoverageColumn, ...], tuple[CoverageRow, ...]]:
    """Activity counts per programme and type: programmes in code order, types in taxonomy order."""
    types = list(ActivityType.objects.all())
    counts = (
        Activity.objects.filter(program__in=programs.values("pk"))
        .order_by()
        .values("program_id", "type_id")
        .annotate(n=Count("pk"))
    )
    frame = pd.DataFrame.from_records(list(counts), columns=["program_id", "type_id", "n"])
    matrix = (
        frame.pivot_table(index="program_id", columns="type_id", values="n", aggfunc="sum")
        .reindex(index=[r.pk for r in rows], columns=[t.pk for t in types])
        .fillna(0)
        .astype(int)
    )
    columns = tuple(
        CoverageColumn(
            key=activity_type.key,
            label=activity_type.name,
            programs_with=int((matrix[activity_type.pk] > 0).sum()),
            activities=int(matrix[activity_type.pk].sum()),
        )
        for activity_type in types
    )
    values = matrix.to_numpy().tolist()
    coverage_rows = tuple(
        CoverageRow(program=row, counts=tuple(values[i])) for i, row in enumerate(rows)
    )
    return columns, coverage_rows


def _overdue_actions(
    *, programs: QuerySet[Program], today: datetime.date
) -> tuple[OverdueAction, ...]:
    statuses = {key: str(label) for key, label in Action.Status.choices}
    actions = (
        Action.objects.filter(round__program__in=programs.values("pk"), due_date__lt=today)
        .exclude(status=Action.Status.DONE)
        .order_by("due_date", "round__program__code", "pk")
        .values_list(
            "round__program_id",
            "round__program__code",
            "round__program__name_sv",
            "round__program__name_en",
            "description",
            "owner",
            "due_date",
            "status",
        )
    )
    return tuple(
        OverdueAction(
            program_pk=program_pk,
            program_code=code,
            program_name=localised(name_sv, name_en),
            description=description,
            owner=owner,
            due_date=due_date,
            days_overdue=(today - due_date).days,
            status=statuses.get(status, status),
        )
        for program_pk, code, name_sv, name_en, description, owner, due_date, status in actions
    )


def _expiring_agreements(
    *, programs: QuerySet[Program], today: datetime.date, whole_university: bool
) -> tuple[ExpiringAgreement, ...]:
    last_day = today + datetime.timedelta(days=AGREEMENT_EXPIRY_WARNING_DAYS)
    agreements = Agreement.objects.filter(end_date__gte=today, end_date__lte=last_day)
    if not whole_university:
        agreements = agreements.filter(programs__in=programs.values("pk")).distinct()
    agreements = (
        agreements.select_related("partner")
        .prefetch_related("programs")
        .order_by("end_date", "title", "pk")
    )
    return tuple(
        ExpiringAgreement(
            title=agreement.title,
            partner=agreement.partner.name,
            kind=agreement.get_kind_display(),
            end_date=agreement.end_date,
            days_left=(agreement.end_date - today).days,
            program_codes=tuple(sorted(p.code for p in agreement.programs.all())),
        )
        for agreement in agreements
    )


def _top_partners(*, programs: QuerySet[Program]) -> tuple[PartnerEngagement, ...]:
    links = (
        ActivityPartner.objects.filter(activity__program__in=programs.values("pk"))
        .order_by()
        .values("partner_id", "partner__name", "partner__sector", "partner__is_strategic")
        .annotate(n=Count("activity__program_id", distinct=True))
        .order_by("-n", "partner__name", "partner_id")[:TOP_PARTNERS]
    )
    sectors = dict(Partner.Sector.choices)
    return tuple(
        PartnerEngagement(
            name=link["partner__name"],
            sector=str(sectors.get(link["partner__sector"], link["partner__sector"])),
            is_strategic=link["partner__is_strategic"],
            programs=link["n"],
        )
        for link in links
    )


# ---------------------------------------------------------------- distributions


def _distributions(
    *, programs: QuerySet[Program], program_ids: list[int], today: datetime.date
) -> tuple[AxisDistribution, ...]:
    scores = axis_scores(programs=programs, program_ids=program_ids, today=today)
    labels = dict(AxisChoice.choices)
    return tuple(
        axis_distribution(
            axis=axis.value,
            label=str(labels[axis.value]),
            values=[scores[pk][index] for pk in program_ids if pk in scores],
            total=len(program_ids),
        )
        for index, axis in enumerate(Axis)
    )


def axis_distribution(
    *, axis: str, label: str, values: Sequence[float | None], total: int
) -> AxisDistribution:
    """Summarise one axis: n scored, N/A count, min, quartiles and max, rounded for display."""
    scored = pd.Series([v for v in values if v is not None], dtype="float64")
    n = int(scored.size)
    if n:
        q1, median, q3 = scored.quantile([0.25, 0.5, 0.75], interpolation=QUARTILE_METHOD)
        summary = [scored.min(), q1, median, q3, scored.max()]
        minimum, q1, median, q3, maximum = (display_round(float(v)) for v in summary)
    else:
        minimum = q1 = median = q3 = maximum = None
    return AxisDistribution(
        axis=axis,
        label=label,
        values=tuple(sorted(float(v) for v in scored)),
        n=n,
        not_applicable=total - n,
        minimum=minimum,
        q1=q1,
        median=median,
        q3=q3,
        maximum=maximum,
    )


def axis_scores(
    *, programs: QuerySet[Program], program_ids: list[int], today: datetime.date
) -> dict[int, tuple[float | None, ...]]:
    """Live axis values (Axis order) per programme in scope: stored ones, recomputed if outdated.

    A stored row is used when it is fresh (not stale), of the current model version and
    computed for `today`; the others are scored in one batched call and stored.
    """
    if not program_ids:
        return {}
    rows = ProgramScore.objects.filter(program__in=programs.values("pk")).values_list(
        "program_id", "stale", "model_version", "reference_date", "axes"
    )
    scores = {
        pk: _axis_tuple(axes)
        for pk, stale, version, reference_date, axes in rows
        if not stale and version == MODEL_VERSION and reference_date == today
    }
    outdated = [pk for pk in program_ids if pk not in scores]
    if outdated:
        computed = compass_services.program_scores_refresh(
            program_ids=outdated, reference_date=today
        )
        scores.update((pk, _axis_tuple(axes)) for pk, axes in computed.items())
    return scores


def _axis_tuple(axes: dict[str, float | None]) -> tuple[float | None, ...]:
    return tuple(axes.get(axis.value) for axis in Axis)
