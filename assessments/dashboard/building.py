"""Builds the dashboard for a scope of programmes in a fixed number of queries."""

import datetime
from collections.abc import Sequence

import pandas as pd
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Max,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from assessments.dashboard.distributions import _distributions
from assessments.dashboard.results import (
    CoverageColumn,
    CoverageRow,
    Dashboard,
    ExpiringAgreement,
    OverdueAction,
    PartnerEngagement,
    ProgramRow,
    Share,
)
from assessments.models import Action, CompassRound
from programs.models import (
    AGREEMENT_EXPIRY_WARNING_DAYS,
    Activity,
    ActivityPartner,
    ActivityType,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
)
from programs.models.i18n import localised

STALE_AFTER_MONTHS = 12
CURRENT_ROUND_YEARS = 2
TOP_PARTNERS = 15


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


def _latest(model: type[Model], path: str) -> Subquery:
    """Latest updated_at of `model` rows whose `path` is the outer programme."""
    rows = model._default_manager.filter(**{path: OuterRef("pk")}).order_by().values(path)
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
        if due_date is not None  # the query asks for due dates before today: always true
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
        if agreement.end_date is not None  # filtered on end_date: always true
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
