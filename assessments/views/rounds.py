"""Compass round pages: start, details, målbild, actions, status steps, freeze.

Who may do what: everybody who may see the programme sees its rounds (404 otherwise); only
its coordinators and administrators write (403 for read-only roles). A frozen round's pages
that would change it redirect back to the round with an error message and change nothing;
the follow-up of an action stays open after freezing (see assessments.services).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alakompass import forms as shared_forms
from alakompass.conflicts import EditConflict
from alakompass.forms import ConflictRow
from alakompass.types import AuthedRequest
from assessments import forms, forms_params, selectors, services
from assessments.models import Action, CompassRound
from assessments.scoring import display_round
from assessments.views.compass import compass_context
from programs import selectors as program_selectors


def _frozen_redirect(request: AuthedRequest, compass_round: CompassRound) -> HttpResponseRedirect:
    messages.error(request, _("This compass round is adopted (frozen) and cannot change."))
    return redirect(compass_round)


T = TypeVar("T")


def _round_page(
    request: AuthedRequest,
    *,
    compass_round: CompassRound,
    form: django_forms.BaseForm,
    save: Callable[[], T],
    saved_message: str,
    template: str,
    context: dict[str, Any] | None = None,
    done: Callable[[T], HttpResponse] | None = None,
    on_conflict: Callable[[EditConflict], list[ConflictRow]] | None = None,
) -> HttpResponse:
    """A round's form page: saved, it returns to the round (or `done`); the rest is
    alakompass.forms.form_page, as for the inventory (conflict table, errors, input kept)."""
    page = {"round": compass_round, "program": compass_round.program, **(context or {})}
    return shared_forms.form_page(
        request,
        form=form,
        save=save,
        done=done or (lambda _saved: redirect(compass_round)),
        saved_message=saved_message,
        template=template,
        context=page,
        on_conflict=on_conflict,
    )


@require_GET
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A compass round: its compass (stored once frozen), målbild, actions and steps."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk)
    program = compass_round.program
    result = selectors.round_result(compass_round=compass_round)
    previous_round = selectors.round_previous_frozen(program=program, before=compass_round)
    if compass_round.is_frozen:
        titles = selectors.frozen_activity_titles(compass_round=compass_round)
    else:
        titles = selectors.activity_titles(
            program=program, ids=selectors.result_activity_ids(result=result)
        )
    targets = selectors.round_targets(compass_round=compass_round)
    context = compass_context(
        program=program,
        result=result,
        targets=targets,
        previous_round=previous_round,
        titles=titles,
    )
    can_edit = program_selectors.program_can_edit(user=request.user, program=program)
    context |= {
        "round": compass_round,
        "reference_date": compass_round.date,
        "targets": [(row, targets.get(row.axis)) for row in context["rows"]],
        "actions": list(selectors.round_actions(compass_round=compass_round)),
        "previous_actions": list(selectors.round_actions(compass_round=previous_round))
        if previous_round is not None
        else [],
        "steps": services.round_steps(compass_round=compass_round),
        "next_status": services.round_next_status(compass_round=compass_round),
        "can_edit": can_edit,
        "can_change": can_edit and not compass_round.is_frozen,
    }
    return render(request, "assessments/round_detail.html", context)


@require_http_methods(["GET", "POST"])
def round_start(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start a new compass round for a programme the user coordinates."""
    program = program_selectors.program_get_for_user(user=request.user, pk=pk, for_edit=True)
    form = forms.RoundStartForm(request.POST or None, initial={"date": timezone.localdate()})
    context = {
        "program": program,
        "open_round": selectors.round_open_for_program(program=program),
    }
    return shared_forms.form_page(
        request,
        form=form,
        save=lambda: services.round_start(
            program=program, user=request.user, date=form.cleaned_data["date"]
        ),
        done=lambda compass_round: redirect(compass_round),
        saved_message=_("Compass round started."),
        template="assessments/round_start.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def round_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change an open round's date, registry number, communication flag and text."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    form = forms.RoundEditForm(request.POST or None, instance=compass_round)
    return _round_page(
        request,
        compass_round=compass_round,
        form=form,
        save=lambda: services.round_update(
            compass_round=compass_round,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        saved_message=_("Compass round saved."),
        template="assessments/round_form.html",
    )


@require_POST
def round_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark a workshop step done (or step back), from the round page."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    form = forms.RoundStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid step."))
        return redirect(compass_round)
    try:
        services.round_set_status(
            compass_round=compass_round, user=request.user, status=form.cleaned_data["status"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status saved."))
    return redirect(compass_round)


@require_http_methods(["GET", "POST"])
def round_targets(request: AuthedRequest, pk: int) -> HttpResponse:
    """Set the målbild of all eight axes in one form."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    form = forms.TargetsForm(request.POST or None, compass_round=compass_round)
    current = selectors.round_result(compass_round=compass_round)
    rows = [
        {
            "axis": row.axis,
            "name": row.name,
            "form": row.form,
            "current": display_round(current.axis(row.axis).value),
        }
        for row in form.axes
    ]
    return _round_page(
        request,
        compass_round=compass_round,
        form=form,
        save=lambda: services.targets_set(
            compass_round=compass_round, user=request.user, targets=form.targets()
        ),
        on_conflict=form.show_conflict,
        saved_message=_("Målbild saved."),
        template="assessments/target_form.html",
        context={"rows": rows},
    )


@require_http_methods(["GET", "POST"])
def round_freeze(request: AuthedRequest, pk: int) -> HttpResponse:
    """Confirm and adopt (freeze) the round."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    form = forms.RoundFreezeForm(request.POST or None)
    targets = selectors.round_targets(compass_round=compass_round)
    result = selectors.round_result(compass_round=compass_round)
    rows = selectors.compass_rows(result=result, targets=targets)
    context = {
        "rows": rows,
        "missing_targets": [row.name for row in rows if row.target is None],
        "action_count": compass_round.actions.count(),
    }
    return _round_page(
        request,
        compass_round=compass_round,
        form=form,
        save=lambda: services.round_freeze(compass_round=compass_round, user=request.user),
        saved_message=_("The compass round is adopted (frozen)."),
        template="assessments/round_freeze.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def action_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add an action to an open round; ?axis=…&indicator=… preselects them."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    params = forms_params.ActionCreateParams(request.GET)
    initial = {
        "axis": params.text("axis"),
        "indicator": params.text("indicator"),
        "status": Action.Status.GREEN,
    }
    form = forms.ActionForm(
        request.POST or None, instance=Action(round=compass_round), initial=initial
    )
    return _round_page(
        request,
        compass_round=compass_round,
        form=form,
        save=lambda: services.action_create(
            compass_round=compass_round, user=request.user, **form.service_data()
        ),
        saved_message=_("Action added."),
        template="assessments/action_form.html",
    )


@require_http_methods(["GET", "POST"])
def action_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change an action of an open round."""
    action = selectors.action_get_for_user(user=request.user, pk=pk, for_edit=True)
    if action.round.is_frozen:
        return _frozen_redirect(request, action.round)
    form = forms.ActionForm(request.POST or None, instance=action)
    return _round_page(
        request,
        compass_round=action.round,
        form=form,
        save=lambda: services.action_update(
            action=action,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        saved_message=_("Action saved."),
        template="assessments/action_form.html",
        context={"action": action},
    )


@require_http_methods(["GET", "POST"])
def action_follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record the follow-up of an action, also once its round is frozen."""
    action = selectors.action_get_for_user(user=request.user, pk=pk, for_edit=True)
    form = forms.FollowUpForm(request.POST or None, instance=action)
    back_to_open = forms_params.FollowUpButtons(request.POST).flag("back_to_open_round")
    return _round_page(
        request,
        compass_round=action.round,
        form=form,
        save=lambda: services.action_follow_up(
            action=action,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        done=lambda _saved: redirect(_next_round(action) if back_to_open else action.round),
        saved_message=_("Follow-up saved."),
        template="assessments/action_follow_up.html",
        context={"action": action},
    )


def _next_round(action: Action) -> CompassRound:
    """The open round of the action's programme, where its follow-up counts (F4)."""
    return selectors.round_open_for_program(program=action.round.program) or action.round


@require_http_methods(["GET", "POST"])
def action_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Remove an action from an open round, after a confirmation page."""
    action = selectors.action_get_for_user(user=request.user, pk=pk, for_edit=True)
    compass_round = action.round
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    if request.method == "POST":
        try:
            services.action_delete(action=action, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Action removed."))
        return redirect(compass_round)
    context = {"round": compass_round, "program": compass_round.program, "action": action}
    return render(request, "assessments/action_confirm_delete.html", context)
