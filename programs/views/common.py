"""Helpers shared by the inventory views: access, the form and delete pages, redirects,
completeness text."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from alakompass import forms as shared_forms
from programs import completeness_text, selectors
from programs import forms as prog_forms
from programs.completeness import Completeness
from programs.models import Program

M = TypeVar("M", bound=models.Model)


def program_for(request: HttpRequest, pk: int, *, edit: bool = False) -> Program:
    """The programme if the user may see it (404) and, with `edit`, change it (403)."""
    return selectors.program_get_for_user(user=request.user, pk=pk, for_edit=edit)


def child_or_404(
    model: type[M] | models.QuerySet[M], program: Program, pk: int, **lookup: Any
) -> M:
    """A row of `program`'s inventory; 404 if it belongs to another programme."""
    lookup = lookup or {"program": program}
    return get_object_or_404(model, pk=pk, **lookup)


def to_program(program: Program, anchor: str = "") -> HttpResponse:
    """Back to the programme page, at the section that changed."""
    url = program.get_absolute_url()
    return redirect(f"{url}#{anchor}" if anchor else url)


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` parameter if it points into this site, else `default`."""
    target = prog_forms.NextParams(request.POST).text("next") or prog_forms.NextParams(
        request.GET
    ).text("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def completeness_view(result: Completeness) -> dict[str, Any]:
    """Template-ready completeness: percentage, its text, and the sentences of what is missing."""
    return {
        "percent": result.percent,
        "passed": result.passed,
        "total": result.total,
        "missing": [
            {"text": completeness_text.missing_text(m), "anchor": m.anchor} for m in result.missing
        ],
    }


def form_page(
    request: HttpRequest,
    *,
    program: Program,
    form: forms.BaseForm,
    save: Callable[[], object],
    title: str,
    anchor: str,
    saved_message: str,
    delete_url: str = "",
) -> HttpResponse:
    """An inventory row's form page (programs/form.html): saved, it returns to the programme
    page at `anchor`; the rest is alakompass.forms.form_page (conflicts, errors, input kept)."""
    return shared_forms.form_page(
        request,
        form=form,
        save=save,
        done=lambda _saved: to_program(program, anchor),
        saved_message=saved_message,
        template="programs/form.html",
        context={"program": program, "title": title, "anchor": anchor, "delete_url": delete_url},
    )


def delete_page(
    request: HttpRequest,
    *,
    program: Program,
    obj: models.Model,
    kind: str,
    delete: Callable[[], Any],
    anchor: str,
) -> HttpResponse:
    """GET asks for confirmation; POST deletes through `delete()` and returns to the programme."""
    if request.method == "POST":
        delete()
        messages.success(
            request, _("%(kind)s “%(name)s” deleted.") % {"kind": capfirst(kind), "name": obj}
        )
        return to_program(program, anchor)
    context = {
        "program": program,
        "object": obj,
        "kind": kind,
        "cancel_url": f"{program.get_absolute_url()}#{anchor}",
    }
    return render(request, "programs/confirm_delete.html", context)
