"""The university-wide partner register: list, search-as-you-type, register, edit, merge.

Anyone holding a role reads the register; coordinators and SAM register partners;
only SAM (and administrators) edit or merge register entries.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alakompass.types import AuthedRequest
from programs import forms, selectors, services
from programs.views.common import handle_conflict, safe_next

PARTNER_PAGE_SIZE = 50


def _require_sam(request: AuthedRequest) -> None:
    if not selectors.partner_can_edit(user=request.user):
        raise PermissionDenied


@require_GET
def partner_list(request: AuthedRequest) -> HttpResponse:
    """The register, searchable by name or org number (also without JavaScript)."""
    selectors.partner_register_get_for_user(user=request.user)
    search = forms.PartnerSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(selectors.partner_list(query=query), PARTNER_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "search": search,
        "query": query,
        "page": page,
        "can_create": selectors.partner_can_create(user=request.user),
        "can_edit": selectors.partner_can_edit(user=request.user),
    }
    return render(request, "programs/partner_list.html", context)


@require_GET
def partner_search(request: AuthedRequest) -> JsonResponse:
    """JSON suggestions for the partner fields: ?q=name or org number."""
    selectors.partner_register_get_for_user(user=request.user)
    query = request.GET.get("q", "")[:100]
    results = [
        {
            "id": partner.pk,
            "name": partner.name,
            "org_number": partner.org_number,
            "label": selectors.partner_label(partner=partner),
        }
        for partner in (selectors.partner_search(query=query) if query.strip() else [])
    ]
    return JsonResponse({"results": results})


@require_http_methods(["GET", "POST"])
def partner_create(request: AuthedRequest) -> HttpResponse:
    """Register a partner; ?next= returns to the page it was opened from."""
    selectors.partner_register_get_for_user(user=request.user, create=True)
    form = forms.PartnerForm(request.POST or None, initial={"name": request.GET.get("name", "")})
    next_url = safe_next(request, "")
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        partner = services.partner_create(user=request.user, **data)
        messages.success(
            request,
            _("%(name)s is registered: you can now choose it.") % {"name": partner.name},
        )
        if next_url:
            return redirect(next_url)
        return redirect("programs:partner_detail", pk=partner.pk)
    context = {"form": form, "next": next_url, "partner": None}
    return render(request, "programs/partner_form.html", context)


@require_GET
def partner_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A register entry and where it is used, in the programmes the reader may see."""
    selectors.partner_register_get_for_user(user=request.user)
    partner = selectors.partner_get(pk=pk)
    context = {
        "partner": partner,
        "uses": selectors.partner_uses_for_user(partner=partner, user=request.user),
        "can_edit": selectors.partner_can_edit(user=request.user),
    }
    return render(request, "programs/partner_detail.html", context)


@require_http_methods(["GET", "POST"])
def partner_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """SAM corrects a register entry."""
    _require_sam(request)
    partner = selectors.partner_get(pk=pk)
    form = forms.PartnerForm(request.POST or None, instance=partner)
    conflict = []
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(
                partner=partner,
                user=request.user,
                expected_version=form.expected_version,
                **form.service_data(),
            )
        except services.EditConflict as exc:
            conflict = handle_conflict(form, exc)
        else:
            messages.success(request, _("Partner saved."))
            return redirect("programs:partner_detail", pk=partner.pk)
    context = {"form": form, "partner": partner, "conflict": conflict, "next": ""}
    return render(request, "programs/partner_form.html", context)


@require_http_methods(["GET", "POST"])
def partner_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    """SAM merges two records of one organisation: links move, nothing is lost."""
    _require_sam(request)
    partner = selectors.partner_get(pk=pk)
    other_pk = request.GET.get("other", "")
    other = selectors.partner_find(pk=other_pk)
    form = forms.PartnerMergeForm(request.POST or None, partner=partner, initial={"other": other})
    if request.method == "POST" and form.is_valid():
        keep, remove = form.keep_and_remove()
        kept = services.partner_merge(keep=keep, remove=remove, user=request.user)
        messages.success(
            request,
            _("%(removed)s was merged into %(kept)s.")
            % {"removed": remove.name, "kept": kept.name},
        )
        return redirect("programs:partner_detail", pk=kept.pk)
    context = {
        "partner": partner,
        "form": form,
        "counts": selectors.partner_merge_counts(partner=partner),
        "similar": selectors.partner_similar(name=partner.name, exclude_pk=partner.pk),
    }
    return render(request, "programs/partner_merge.html", context)
