"""The programme compass page: the live compass with målbild, previous round and drill-down."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from alakompass.types import AuthedRequest
from assessments import charts, selectors
from assessments.models import CompassRound, Target
from assessments.scoring import CompassResult, result_from_dict
from programs import selectors as program_selectors
from programs.models import Program


@require_GET
def program_compass(request: AuthedRequest, pk: int) -> HttpResponse:
    """The live compass of a programme the user may see (404 otherwise).

    The målbild shown is that of the open round, or of the latest round when none is open;
    the previous round is the latest frozen one (the open round is never frozen).
    """
    program = program_selectors.program_get_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    result = selectors.compass_for_program(program=program, reference_date=today)
    rounds = list(selectors.round_list_for_program(program=program))
    open_round = next((r for r in rounds if not r.is_frozen), None)
    target_round = open_round or (rounds[0] if rounds else None)
    previous_round = next((r for r in rounds if r.is_frozen), None)
    titles = selectors.activity_titles(
        program=program, ids=selectors.result_activity_ids(result=result)
    )
    context = compass_context(
        program=program,
        result=result,
        targets=selectors.round_targets(compass_round=target_round),
        previous_round=previous_round,
        titles=titles,
    )
    context |= {
        "reference_date": today,
        "rounds": rounds,
        "open_round": open_round,
        "target_round": target_round,
        "can_edit": program_selectors.program_can_edit(user=request.user, program=program),
    }
    return render(request, "assessments/program_compass.html", context)


def compass_context(
    *,
    program: Program,
    result: CompassResult,
    targets: dict[str, Target],
    previous_round: CompassRound | None,
    titles: dict[int, str],
) -> dict[str, Any]:
    """What the compass partial needs: table rows, the radar figure, recommendations."""
    previous = (
        result_from_dict(previous_round.scores)
        if previous_round is not None and previous_round.scores
        else None
    )
    rows = selectors.compass_rows(result=result, targets=targets, previous=previous, titles=titles)
    figure = charts.radar_figure_data(
        labels=[str(row.name) for row in rows],
        current=[row.current for row in rows],
        target=[row.target for row in rows] if targets else None,
        previous=[row.previous for row in rows] if previous is not None else None,
        current_name=_("Current state"),
        target_name=_("Target (målbild)"),
        previous_name=_("Previous round"),
        not_applicable=_("N/A"),
    )
    return {
        "program": program,
        "result": result,
        "rows": rows,
        "has_targets": bool(targets),
        "previous_round": previous_round,
        "figure": figure,
        "recommendations": selectors.recommendations(result=result),
    }
