"""Helpers shared by the inventory views: access, conflicts, redirects, completeness text."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs import selectors
from programs.completeness import Completeness, Missing
from programs.forms import bound_version
from programs.models import Program
from programs.services import EditConflict


def program_for(request: HttpRequest, pk: int, *, edit: bool = False) -> Program:
    """The programme if the user may see it (404) and, with `edit`, change it (403)."""
    return selectors.program_get_for_user(user=request.user, pk=pk, for_edit=edit)


def child_or_404(model: type[models.Model], program: Program, pk: int, **lookup: Any) -> Any:
    """A row of `program`'s inventory; 404 if it belongs to another programme."""
    lookup = lookup or {"program": program}
    return get_object_or_404(model, pk=pk, **lookup)


def to_program(program: Program, anchor: str = "") -> HttpResponse:
    """Back to the programme page, at the section that changed."""
    url = program.get_absolute_url()
    return redirect(f"{url}#{anchor}" if anchor else url)


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` parameter if it points into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def show(value: Any) -> str:
    """A saved or typed value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return "; ".join(sorted(str(item) for item in value)) or "—"
    if isinstance(value, Decimal | int | float):
        return formats.localize(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _comparable(value: Any) -> Any:
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(getattr(item, "pk", item) for item in value)
    if isinstance(value, models.Model):
        return value.pk
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return Decimal(value)
    return value


def conflict_changes(
    form: forms.Form, current: models.Model, extra: dict[str, tuple[str, Any, Any]] | None = None
) -> list[dict[str, str]]:
    """Fields whose saved value differs from what the user typed: label, saved, theirs."""
    rows = []
    for name, field in form.fields.items():
        if name not in form.cleaned_data or isinstance(field.widget, forms.HiddenInput):
            continue
        try:
            current._meta.get_field(name)
        except Exception:  # a form-only field, not stored on the record
            continue
        saved = getattr(current, name)
        if isinstance(saved, models.Manager):
            saved = list(saved.all())
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = dict(field.choices)
            saved_text = str(choices.get(saved, show(saved)))
            theirs_text = str(choices.get(form.cleaned_data[name], show(form.cleaned_data[name])))
        else:
            saved_text, theirs_text = show(saved), show(form.cleaned_data[name])
        if _comparable(saved) != _comparable(form.cleaned_data[name]):
            rows.append({"label": str(field.label), "saved": saved_text, "theirs": theirs_text})
    for label, saved, theirs in (extra or {}).values():
        if _comparable(saved) != _comparable(theirs):
            rows.append({"label": label, "saved": show(saved), "theirs": show(theirs)})
    return rows


def handle_conflict(
    form: forms.Form, exc: EditConflict, extra: dict[str, tuple[str, Any, Any]] | None = None
) -> list[dict[str, str]]:
    """Keep the user's input, explain the conflict, and let the next save go through."""
    form.add_error(None, exc)
    bound_version(form, exc.current.version)
    return conflict_changes(form, exc.current, extra)


def _missing_text(item: Missing) -> str:
    count = item.count
    texts = {
        "no_activities": _("No work-integration activities recorded yet."),
        "activities_without_year": ngettext(
            "%(count)d activity has no programme year.",
            "%(count)d activities have no programme year.",
            count,
        ),
        "activities_without_partner": ngettext(
            "%(count)d activity of a type that involves an organisation has no partner.",
            "%(count)d activities of a type that involves an organisation have no partner.",
            count,
        ),
        "deep_without_support": ngettext(
            "%(count)d deep activity has no support item recorded.",
            "%(count)d deep activities have no support items recorded.",
            count,
        ),
        "no_work_life_outcome": _("No learning outcome is marked as concerning working life."),
        "no_program_outcome": _("No programme-level learning outcome concerning working life."),
        "no_council": _("No council recorded."),
        "council_without_members": _("The council has no external members recorded."),
        "council_without_meetings": _("The council has no meetings recorded."),
        "alumni_follow_up_unset": _("Alumni follow-up (F3) is still “none”."),
        "gender_analysis_unset": _("Gender analysis of participation (E3) is still “none”."),
    }
    return texts.get(item.key, item.key) % {"count": count}


def completeness_view(result: Completeness) -> dict[str, Any]:
    """Template-ready completeness: percentage, its text, and the sentences of what is missing."""
    return {
        "percent": result.percent,
        "passed": result.passed,
        "total": result.total,
        "missing": [{"text": _missing_text(m), "anchor": m.anchor} for m in result.missing],
    }


def form_page(
    request: HttpRequest,
    *,
    program: Program,
    form: forms.Form,
    save: Callable[[], Any],
    title: str,
    anchor: str,
    saved_message: str,
    delete_url: str = "",
) -> HttpResponse:
    """Validate, save through `save()`, and either go back to the programme or re-render.

    An EditConflict keeps the input and lists the fields that differ from the saved record.
    """
    conflict = []
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except EditConflict as exc:
            conflict = handle_conflict(form, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved_message)
            return to_program(program, anchor)
    context = {
        "program": program,
        "form": form,
        "conflict": conflict,
        "title": title,
        "anchor": anchor,
        "delete_url": delete_url,
    }
    return render(request, "programs/form.html", context)


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
