"""The university-wide partner register: list, search-as-you-type, register, edit, merge.

Anyone holding a role reads the register; coordinators and SAM register partners;
only SAM (and administrators) edit or merge register entries. A user with no role gets
404 on every register page, as on any page they may not see; a role that reads the register
but may not change it gets 403 (programs.selectors.partner_register_get_for_user).
"""

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alakompass import forms as shared_forms
from alakompass.types import AuthedRequest
from programs import forms, selectors, services
from programs.views.common import safe_next

PARTNER_PAGE_SIZE = 50
SEARCH_MAX_LENGTH = 100  # characters of a search-as-you-type query that are matched


def _detail_url(pk: int) -> str:
    return reverse("programs:partner_detail", kwargs={"pk": pk})


@require_GET
def partner_list(request: AuthedRequest) -> HttpResponse:
    """The register, searchable by name or org number (also without JavaScript)."""
    selectors.partner_register_get_for_user(user=request.user)
    search = forms.PartnerSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(selectors.partner_list(query=query), PARTNER_PAGE_SIZE).get_page(
        forms.PageParams(request.GET).number("page")
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
    search = forms.PartnerSearchForm(request.GET)
    query = search.cleaned_data["q"][:SEARCH_MAX_LENGTH] if search.is_valid() else ""
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
    selectors.partner_register_get_for_user(user=request.user, write="create")
    name = forms.PartnerCreateParams(request.GET).text("name")
    form = forms.PartnerForm(request.POST or None, initial={"name": name})
    next_url = safe_next(request, "")
    return shared_forms.form_page(
        request,
        form=form,
        save=lambda: services.partner_create(user=request.user, **form.service_data()),
        done=lambda partner: redirect(next_url) if next_url else redirect(_detail_url(partner.pk)),
        saved_message=lambda partner: (
            _("%(name)s is registered: you can now choose it.") % {"name": partner.name}
        ),
        template="programs/partner_form.html",
        context={"next": next_url, "partner": None},
    )


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
    selectors.partner_register_get_for_user(user=request.user, write="edit")
    partner = selectors.partner_get(pk=pk)
    form = forms.PartnerForm(request.POST or None, instance=partner)
    return shared_forms.form_page(
        request,
        form=form,
        save=lambda: services.partner_update(
            partner=partner,
            user=request.user,
            expected_version=form.expected_version,
            **form.service_data(),
        ),
        done=lambda saved: redirect(_detail_url(saved.pk)),
        saved_message=_("Partner saved."),
        template="programs/partner_form.html",
        context={"partner": partner, "next": ""},
    )


@require_http_methods(["GET", "POST"])
def partner_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    """SAM merges two records of one organisation: links move, nothing is lost."""
    selectors.partner_register_get_for_user(user=request.user, write="edit")
    partner = selectors.partner_get(pk=pk)
    other_pk = forms.PartnerMergeParams(request.GET).number("other")
    other = selectors.partner_find(pk=other_pk) if other_pk else None
    form = forms.PartnerMergeForm(request.POST or None, partner=partner, initial={"other": other})
    context = {
        "partner": partner,
        "counts": selectors.partner_merge_counts(partner=partner),
        "similar": selectors.partner_similar(name=partner.name, exclude_pk=partner.pk),
    }
    return shared_forms.form_page(
        request,
        form=form,
        save=lambda: services.partner_merge(
            keep=form.keep_and_remove()[0], remove=form.keep_and_remove()[1], user=request.user
        ),
        done=lambda kept: redirect(_detail_url(kept.pk)),
        saved_message=lambda kept: (
            _("%(removed)s was merged into %(kept)s.")
            % {"removed": form.keep_and_remove()[1].name, "kept": kept.name}
        ),
        template="programs/partner_merge.html",
        context=context,
    )
