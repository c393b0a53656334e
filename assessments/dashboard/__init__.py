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

from assessments import services as compass_services
from assessments.dashboard.access import (
    dashboard_can_view,
    dashboard_faculties_for_user,
    dashboard_faculty_get,
    dashboard_programs,
)
from assessments.dashboard.building import (
    CURRENT_ROUND_YEARS,
    STALE_AFTER_MONTHS,
    TOP_PARTNERS,
    dashboard_build,
    months_before,
    years_before,
)
from assessments.dashboard.distributions import QUARTILE_METHOD, axis_distribution, axis_scores
from assessments.dashboard.results import (
    AxisDistribution,
    CoverageColumn,
    CoverageRow,
    Dashboard,
    ExpiringAgreement,
    OverdueAction,
    PartnerEngagement,
    ProgramRow,
    Share,
)

__all__ = [
    "CURRENT_ROUND_YEARS",
    "QUARTILE_METHOD",
    "STALE_AFTER_MONTHS",
    "TOP_PARTNERS",
    "AxisDistribution",
    "CoverageColumn",
    "CoverageRow",
    "Dashboard",
    "ExpiringAgreement",
    "OverdueAction",
    "PartnerEngagement",
    "ProgramRow",
    "Share",
    "axis_distribution",
    "axis_scores",
    "compass_services",
    "dashboard_build",
    "dashboard_can_view",
    "dashboard_faculties_for_user",
    "dashboard_faculty_get",
    "dashboard_programs",
    "months_before",
    "years_before",
]
