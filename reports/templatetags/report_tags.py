"""`{% report_create_options %}`: what the "Create report" partial offers on a page.

The host template includes `reports/_create_button.html` with `report_kind` and the scope it
shows (`report_program`, `report_round` or `report_faculty`); the tag turns that into the
form's options, or None when the user may not request that report.
"""

from dataclasses import dataclass

from django import template
from django.template.context import Context
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.models import CompassRound
from programs.models import Faculty, Program
from reports import selectors
from reports.models import ReportKind, ReportLanguage

register = template.Library()


@dataclass(frozen=True)
class RoundOption:
    pk: int
    label: str


@dataclass(frozen=True)
class CreateOptions:
    """The "Create report" form of one page."""

    kind: str
    description: str
    rounds: tuple[RoundOption, ...]  # programme reports: the rounds to choose from
    faculty_pk: int | None
    languages: tuple[tuple[str, str], ...]
    language: str  # preselected: the page's language


def _round_label(compass_round: CompassRound) -> str:
    date = f"{compass_round.date:%Y-%m-%d}"
    if compass_round.is_frozen:
        return _("Adopted round of %(date)s") % {"date": date}
    return _("Open round of %(date)s (draft)") % {"date": date}


@register.simple_tag(takes_context=True)
def report_create_options(context: Context) -> CreateOptions | None:
    """The options of the partial's form, or None when the user may not request it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    kind = context.get("report_kind")
    program = context.get("report_program")
    compass_round = context.get("report_round")
    faculty = context.get("report_faculty")
    language = (get_language() or "sv")[:2]
    if language not in ReportLanguage.values:
        language = ReportLanguage.SV
    rounds: list[CompassRound] = []
    if kind == ReportKind.PROGRAM:
        if isinstance(compass_round, CompassRound):
            rounds = [compass_round]
            program = compass_round.program
        elif isinstance(program, Program):
            rounds = selectors.report_round_choices(program=program)
        if not rounds or not selectors.report_scope_visible(user=user, kind=kind, program=program):
            return None
        description = _("Quality-assurance report of the programme (PDF)")
    elif kind in (ReportKind.FACULTY, ReportKind.UNIVERSITY):
        if not isinstance(faculty, Faculty):
            kind, faculty = ReportKind.UNIVERSITY, None
        if not selectors.report_scope_visible(user=user, kind=kind, faculty=faculty):
            return None
        description = (
            _("Faculty report of all its programmes (PDF and Excel)")
            if faculty is not None
            else _("University-wide report of all programmes (PDF and Excel)")
        )
    else:
        return None
    return CreateOptions(
        kind=str(kind),
        description=description,
        rounds=tuple(RoundOption(pk=r.pk, label=_round_label(r)) for r in rounds),
        faculty_pk=faculty.pk if isinstance(faculty, Faculty) else None,
        languages=tuple((str(code), str(label)) for code, label in ReportLanguage.choices),
        language=language,
    )
