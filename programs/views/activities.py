"""Activity pages: add (full form or quick add), edit, duplicate and delete."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alakompass import forms as shared_forms
from alakompass.forms import ConflictRow
from alakompass.types import AuthedRequest
from programs import forms, selectors, services
from programs.models import Activity, ActivityPartner, Program
from programs.views.common import child_or_404, program_for, to_program


def _type_defaults() -> dict[str, dict[str, Any]]:
    """Each type's default A, P and typical support items, for inventory.js."""
    return {
        str(t.pk): {
            "key": t.key,
            "authenticity": t.default_authenticity,
            "proximity": t.default_proximity,
            "support": list(t.typical_support),
        }
        for t in selectors.activity_types()
    }


def _with_quick_defaults(form: forms.ActivityForm, data: Any) -> Any:
    """The quick-add form sends a few fields; the rest take the full form's initial values."""
    data = data.copy()
    data.setdefault("partners-TOTAL_FORMS", "0")
    data.setdefault("partners-INITIAL_FORMS", "0")
    for name, field in form.fields.items():
        if name not in data and field.initial not in (None, "", False):
            data[name] = field.initial
    return data


def _initial_from_query(request: AuthedRequest) -> dict[str, Any]:
    """?type=guest_lecture&year=1&course=3 preselect fields of a new activity."""
    params = forms.ActivityCreateParams(request.GET)
    initial: dict[str, Any] = {
        name: params.number(name) for name in ("year", "course") if params.number(name)
    }
    key = params.text("type")
    activity_type = selectors.activity_types().filter(key=key).first() if key else None
    if activity_type is not None:
        initial["type"] = activity_type.pk
    return initial


def _links_conflict(
    form: forms.ActivityForm, links: forms.BasePartnerLinkFormSet, exc: services.EditConflict
) -> list[ConflictRow]:
    """The conflict table of the activity form, with its partner links as one more row."""
    current = exc.current
    assert isinstance(current, Activity)
    saved = sorted(str(link) for link in current.partner_links.select_related("partner"))
    theirs = sorted(
        f"{partner} ({ActivityPartner.Role(role).label})"
        for partner, role, _feedback in links.links()
    )
    extra = {"partners": (_("partner organisations"), saved, theirs)}
    return shared_forms.show_conflict(form, exc, extra)


def _after_save(request: AuthedRequest, program: Program, saved: Activity) -> HttpResponse:
    """Back to the programme at the activity, or on to a new one ("Save and add another")."""
    if forms.ActivityButtons(request.POST).flag("save_and_add"):
        url = reverse("programs:activity_create", kwargs={"program_pk": program.pk})
        return redirect(f"{url}?year={saved.year or ''}")
    return to_program(program, f"activity-{saved.pk}")


def _activity_page(
    request: AuthedRequest, program: Program, activity: Activity | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    if data is not None and forms.ActivityButtons(data).flag("quick"):
        data = _with_quick_defaults(forms.ActivityForm(program=program), data)
    initial = _initial_from_query(request) if activity is None else {}
    form = forms.ActivityForm(data, program=program, instance=activity, initial=initial)
    links = forms.partner_link_formset(data=data, activity=activity)
    new_partner = forms.NewPartnerForm(data, prefix="new_partner")
    context = {
        "program": program,
        "activity": activity,
        "links": links,
        "new_partner": new_partner,
        "type_defaults": _type_defaults(),
        "course_years": selectors.program_course_years(program=program),
        "can_create_partner": selectors.partner_can_create(user=request.user),
    }
    return shared_forms.form_page(
        request,
        form=form,
        valid=all([form.is_valid(), links.is_valid(), new_partner.is_valid()]),
        save=lambda: services.activity_save(
            program=program,
            activity=activity,
            user=request.user,
            expected_version=form.expected_version,
            partner_links=links.links(),
            new_partner=new_partner.new_partner(),
            **form.service_data(),
        ),
        on_conflict=lambda exc: _links_conflict(form, links, exc),
        done=lambda saved: _after_save(request, program, saved),
        saved_message=lambda saved: _("Activity “%(title)s” saved.") % {"title": saved},
        template="programs/activity_form.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def activity_create(request: AuthedRequest, program_pk: int) -> HttpResponse:
    """Add an activity; ?type=guest_lecture&year=1 preselects type and year."""
    program = program_for(request, program_pk, edit=True)
    return _activity_page(request, program, None)


@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    program = program_for(request, program_pk, edit=True)
    activity = child_or_404(Activity, program, pk)
    return _activity_page(request, program, activity)


@require_POST
def activity_duplicate(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    """Copy the activity and open the copy for editing."""
    program = program_for(request, program_pk, edit=True)
    activity = child_or_404(Activity, program, pk)
    copy = services.activity_duplicate(activity=activity, user=request.user)
    messages.success(request, _("Activity copied: adjust the copy and save it."))
    return redirect("programs:activity_edit", program_pk=program.pk, pk=copy.pk)


@require_http_methods(["GET", "POST"])
def activity_delete(request: AuthedRequest, program_pk: int, pk: int) -> HttpResponse:
    """Ask, then delete the activity and its partner links."""
    program = program_for(request, program_pk, edit=True)
    activity = child_or_404(Activity, program, pk)
    if request.method == "POST":
        services.activity_delete(activity=activity, user=request.user)
        messages.success(request, _("Activity “%(title)s” deleted.") % {"title": activity})
        return to_program(program, "activities")
    context = {
        "program": program,
        "object": activity,
        "kind": _("activity"),
        "cancel_url": program.get_absolute_url() + f"#activity-{activity.pk}",
    }
    return render(request, "programs/confirm_delete.html", context)
