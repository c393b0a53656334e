"""Compass round pages: start, details, målbild, actions, status steps, freeze.

Who may do what: everybody who may see the programme sees its rounds (404 otherwise); only
its coordinators and administrators write (403 for read-only roles). A frozen round's pages
that would change it redirect back to the round with an error message and change nothing;
the follow-up of an action stays open after freezing (see assessments.services).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alakompass.types import AuthedRequest
from assessments import forms, selectors, services
from assessments.models import Action, CompassRound
from assessments.scoring import display_round
from assessments.views.compass import compass_context
from programs import selectors as program_selectors
from programs.services import EditConflict


def _frozen_redirect(request: AuthedRequest, compass_round: CompassRound) -> HttpResponseRedirect:
    messages.error(request, _("This compass round is adopted (frozen) and cannot change."))
    return redirect(compass_round)


def _add_service_error(form: Any, exc: ValidationError) -> None:
    """Show a service's refusal on the form; a lost update keeps the newer version."""
    form.add_error(None, exc)
    if isinstance(exc, EditConflict) and "version" in form.fields:
        data = form.data.copy()
        data[form.add_prefix("version")] = str(exc.current.version)
        form.data = data


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
    if form.is_valid():
        try:
            compass_round = services.round_start(
                program=program, user=request.user, date=form.cleaned_data["date"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Compass round started."))
            return redirect(compass_round)
    open_round = selectors.round_open_for_program(program=program)
    context = {"program": program, "form": form, "open_round": open_round}
    return render(request, "assessments/round_start.html", context)


@require_http_methods(["GET", "POST"])
def round_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change an open round's date, registry number, communication flag and text."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    form = forms.RoundEditForm.for_round(compass_round, request.POST or None)
    if form.is_valid():
        try:
            services.round_update(
                compass_round=compass_round,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.service_data(),
            )
        except ValidationError as exc:
            _add_service_error(form, exc)
        else:
            messages.success(request, _("Compass round saved."))
            return redirect(compass_round)
    context = {"round": compass_round, "program": compass_round.program, "form": form}
    return render(request, "assessments/round_form.html", context)


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
    axis_forms = forms.target_forms(compass_round=compass_round, data=request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and all(form.is_valid() for _a, _n, form in axis_forms):
        targets = [{"axis": axis.value, **form.cleaned_data} for axis, _name, form in axis_forms]
        try:
            services.targets_set(compass_round=compass_round, user=request.user, targets=targets)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Målbild saved."))
            return redirect(compass_round)
    current = selectors.round_result(compass_round=compass_round)
    rows = []
    for axis, name, form in axis_forms:
        rows.append(
            {
                "axis": axis,
                "name": name,
                "form": form,
                "current": display_round(current.axis(axis).value),
            }
        )
    context = {
        "round": compass_round,
        "program": compass_round.program,
        "rows": rows,
        "errors": errors,
        "has_errors": bool(errors) or any(form.errors for _a, _n, form in axis_forms),
    }
    return render(request, "assessments/target_form.html", context)


@require_http_methods(["GET", "POST"])
def round_freeze(request: AuthedRequest, pk: int) -> HttpResponse:
    """Confirm and adopt (freeze) the round."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    form = forms.RoundFreezeForm(request.POST or None)
    if form.is_valid():
        try:
            services.round_freeze(compass_round=compass_round, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The compass round is adopted (frozen)."))
            return redirect(compass_round)
    targets = selectors.round_targets(compass_round=compass_round)
    result = selectors.round_result(compass_round=compass_round)
    rows = selectors.compass_rows(result=result, targets=targets)
    context = {
        "round": compass_round,
        "program": compass_round.program,
        "form": form,
        "rows": rows,
        "missing_targets": [row.name for row in rows if row.target is None],
        "action_count": compass_round.actions.count(),
    }
    return render(request, "assessments/round_freeze.html", context)


@require_http_methods(["GET", "POST"])
def action_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add an action to an open round; ?axis=…&indicator=… preselects them."""
    compass_round = selectors.round_get_for_user(user=request.user, pk=pk, for_edit=True)
    if compass_round.is_frozen:
        return _frozen_redirect(request, compass_round)
    initial = {
        "axis": request.GET.get("axis", ""),
        "indicator": request.GET.get("indicator", ""),
        "status": Action.Status.GREEN,
    }
    form = forms.ActionForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.action_create(
                compass_round=compass_round, user=request.user, **form.service_data()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect(compass_round)
    context = {"round": compass_round, "program": compass_round.program, "form": form}
    return render(request, "assessments/action_form.html", context)


@require_http_methods(["GET", "POST"])
def action_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change an action of an open round."""
    action = selectors.action_get_for_user(user=request.user, pk=pk, for_edit=True)
    if action.round.is_frozen:
        return _frozen_redirect(request, action.round)
    form = forms.ActionForm.for_action(action, request.POST or None)
    if form.is_valid():
        try:
            services.action_update(
                action=action,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.service_data(),
            )
        except ValidationError as exc:
            _add_service_error(form, exc)
        else:
            messages.success(request, _("Action saved."))
            return redirect(action.round)
    context = {
        "round": action.round,
        "program": action.round.program,
        "form": form,
        "action": action,
    }
    return render(request, "assessments/action_form.html", context)


@require_http_methods(["GET", "POST"])
def action_follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record the follow-up of an action, also once its round is frozen."""
    action = selectors.action_get_for_user(user=request.user, pk=pk, for_edit=True)
    form = forms.FollowUpForm.for_action(action, request.POST or None)
    if form.is_valid():
        try:
            services.action_follow_up(
                action=action,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.service_data(),
            )
        except ValidationError as exc:
            _add_service_error(form, exc)
        else:
            messages.success(request, _("Follow-up saved."))
            back_to_open = request.POST.get("back_to_open_round")
            return redirect(_next_round(action) if back_to_open else action.round)
    context = {
        "round": action.round,
        "program": action.round.program,
        "form": form,
        "action": action,
    }
    return render(request, "assessments/action_follow_up.html", context)


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
