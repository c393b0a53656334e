"""The dataclasses the dashboard shows: programme rows, distributions, shares, follow-up lists."""

import datetime
from dataclasses import dataclass

from assessments.scoring import display_round


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
