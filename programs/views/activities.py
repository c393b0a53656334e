"""Activity pages: add (full form or quick add), edit, duplicate and delete."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alakompass.types import AuthedRequest
from programs import forms, selectors, services
from programs.models import Activity, ActivityPartner, Program
from programs.views.common import child_or_404, handle_conflict, program_for, to_program


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
    initial: dict[str, Any] = {k: request.GET[k] for k in ("year", "course") if request.GET.get(k)}
    activity_type = selectors.activity_types().filter(key=request.GET.get("type", "")).first()
    if activity_type is not None:
        initial["type"] = activity_type.pk
    return initial


def _save(
    *,
    request: AuthedRequest,
    program: Program,
    form: forms.ActivityForm,
    links: forms.PartnerLinkFormSet,
    new_partner: forms.NewPartnerForm,
    activity: Activity | None,
) -> Activity:
    """The activity form's save: one service, one transaction."""
    return services.activity_save(
        program=program,
        activity=activity,
        user=request.user,
        expected_version=form.expected_version,
        partner_links=links.links(),
        new_partner=new_partner.new_partner(),
        **form.service_data(),
    )


def _activity_page(
    request: AuthedRequest, program: Program, activity: Activity | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    if data is not None and data.get("quick"):
        data = _with_quick_defaults(forms.ActivityForm(program=program), data)
    initial = _initial_from_query(request) if activity is None else {}
    form = forms.ActivityForm(data, program=program, instance=activity, initial=initial)
    links = forms.partner_link_formset(data=data, activity=activity)
    new_partner = forms.NewPartnerForm(data, prefix="new_partner")
    conflict = []
    if data is not None:
        valid = [form.is_valid(), links.is_valid(), new_partner.is_valid()]
        if all(valid):
            try:
                saved = _save(
                    request=request,
                    program=program,
                    form=form,
                    links=links,
                    new_partner=new_partner,
                    activity=activity,
                )
            except services.EditConflict as exc:
                current_links = sorted(
                    str(link) for link in exc.current.partner_links.select_related("partner")
                )
                theirs = sorted(
                    f"{partner} ({ActivityPartner.Role(role).label})"
                    for partner, role, _feedback in links.links()
                )
                extra = {"partners": (_("partner organisations"), current_links, theirs)}
                conflict = handle_conflict(form, exc, extra)
            else:
                messages.success(request, _("Activity “%(title)s” saved.") % {"title": saved})
                if "save_and_add" in request.POST:
                    url = reverse("programs:activity_create", kwargs={"program_pk": program.pk})
                    return redirect(f"{url}?year={saved.year or ''}")
                return to_program(program, f"activity-{saved.pk}")
    context = {
        "program": program,
        "activity": activity,
        "form": form,
        "links": links,
        "new_partner": new_partner,
        "conflict": conflict,
        "type_defaults": _type_defaults(),
        "course_years": selectors.program_course_years(program=program),
        "can_create_partner": selectors.partner_can_create(user=request.user),
    }
    return render(request, "programs/activity_form.html", context)


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
