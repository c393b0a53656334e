"""Course-list import (upload → preview → commit) and inventory export (Excel, CSV).

The uploaded bytes wait between preview and commit in the user's session (base64, at
most IMPORT_MAX_BYTES, one file per programme): the session is already private to the
user and expires with it, so no temporary files need cleaning. The commit form carries
the file's SHA-256, so a commit always writes the file whose preview the user saw.
"""

import base64
import binascii

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alakompass import spreadsheets
from alakompass.types import AuthedRequest
from programs import exporting, forms, importing, selectors
from programs.forms_io import CourseImportForm
from programs.models import Program

SESSION_KEY = "programs.course_import.{pk}"


def _store_upload(request: AuthedRequest, program: Program, filename: str, data: bytes) -> None:
    request.session[SESSION_KEY.format(pk=program.pk)] = {
        "filename": filename,
        "data": base64.b64encode(data).decode("ascii"),
        "digest": importing.upload_digest(data),
    }


def _stored_upload(request: AuthedRequest, program: Program) -> tuple[str, bytes, str] | None:
    stored = request.session.get(SESSION_KEY.format(pk=program.pk))
    if not isinstance(stored, dict):
        return None
    try:
        data = base64.b64decode(stored["data"], validate=True)
    except (KeyError, binascii.Error):
        return None
    return stored.get("filename", ""), data, stored.get("digest", "")


def _discard_upload(request: AuthedRequest, program: Program) -> None:
    request.session.pop(SESSION_KEY.format(pk=program.pk), None)


@require_http_methods(["GET", "POST"])
def course_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload a course list; a readable file goes on to the preview."""
    program = selectors.program_get_for_user(user=request.user, pk=pk, for_edit=True)
    if request.method == "POST":
        form = CourseImportForm(request.POST, request.FILES)
    else:
        form = CourseImportForm()
    if getattr(request, "upload_too_large", False):  # set by alakompass.uploads
        form.is_valid()
        form.errors["file"] = form.error_class(
            [
                _("The file is larger than %(limit)s, the largest file you can import.")
                % {"limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
            ]
        )
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            importing.check_upload(filename=upload.name, size=upload.size)
            data = upload.read()
            importing.course_list_preview(
                program=program, user=request.user, data=data, filename=upload.name
            )
        except importing.ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            _store_upload(request, program, upload.name, data)
            return redirect("programs:course_import_preview", pk=program.pk)
    context = {"program": program, "form": form, "columns": importing.COLUMNS}
    return render(request, "programs/import_form.html", context)


@require_GET
def course_import_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every row of the uploaded file with what the import would do to it."""
    program = selectors.program_get_for_user(user=request.user, pk=pk, for_edit=True)
    stored = _stored_upload(request, program)
    if stored is None:
        messages.info(request, _("Upload a course list to see the preview."))
        return redirect("programs:course_import", pk=program.pk)
    filename, data, digest = stored
    try:
        preview = importing.course_list_preview(
            program=program, user=request.user, data=data, filename=filename
        )
    except importing.ImportFileError as exc:
        _discard_upload(request, program)
        messages.error(request, exc.message)
        return redirect("programs:course_import", pk=program.pk)
    context = {"program": program, "preview": preview, "digest": digest}
    return render(request, "programs/import_preview.html", context)


@require_POST
def course_import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Write the previewed file, all rows or none."""
    program = selectors.program_get_for_user(user=request.user, pk=pk, for_edit=True)
    stored = _stored_upload(request, program)
    digest = forms.ImportCommitParams(request.POST).text("digest")
    if stored is None or not digest or digest != stored[2]:
        messages.error(request, _("The preview is out of date. Upload the file again."))
        return redirect("programs:course_import", pk=program.pk)
    filename, data, _digest = stored
    try:
        preview = importing.course_list_commit(
            program=program, user=request.user, data=data, filename=filename
        )
    except importing.ImportFileError as exc:
        _discard_upload(request, program)
        messages.error(request, exc.message)
        return redirect("programs:course_import", pk=program.pk)
    except importing.ImportRejected:
        messages.error(
            request,
            _("Nothing was saved: some rows are rejected. Fix the file and upload it again."),
        )
        return redirect("programs:course_import_preview", pk=program.pk)
    except importing.ImportCommitError as exc:
        messages.error(
            request,
            _("Nothing was saved: row %(line)s could not be saved (%(error)s).")
            % {"line": exc.line, "error": exc.message},
        )
        return redirect("programs:course_import_preview", pk=program.pk)
    _discard_upload(request, program)
    counts = preview.counts
    messages.success(
        request,
        _(
            "Course list imported: %(created)s new, %(updated)s updated, "
            "%(linked)s existing courses added, %(unchanged)s unchanged."
        )
        % {
            "created": counts["create"],
            "updated": counts["update"],
            "linked": counts["link"],
            "unchanged": counts["unchanged"],
        },
    )
    return redirect(program)


@require_POST
def course_import_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    """Forget the uploaded file without saving anything."""
    program = selectors.program_get_for_user(user=request.user, pk=pk, for_edit=True)
    _discard_upload(request, program)
    messages.info(request, _("The uploaded file was discarded; nothing was saved."))
    return redirect("programs:course_import", pk=program.pk)


@require_GET
def inventory_export(request: AuthedRequest, pk: int) -> HttpResponse:
    """The export page: the whole inventory as Excel, or one table as CSV."""
    program = selectors.program_get_for_user(user=request.user, pk=pk)
    sheets = [(key, exporting.SHEET_TITLES[key]) for key in exporting.SHEET_KEYS]
    context = {
        "program": program,
        "sheets": sheets,
        "default_sheet": exporting.DEFAULT_CSV_SHEET,
    }
    return render(request, "programs/inventory_export.html", context)


@require_GET
def inventory_export_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    """The programme's inventory as an Excel workbook in the user's language."""
    program = selectors.program_get_for_user(user=request.user, pk=pk)
    with translation.override(request.LANGUAGE_CODE):
        content = exporting.inventory_xlsx(program=program)
        filename = exporting.export_filename(program=program, extension="xlsx")
    return spreadsheets.download_response(
        content, content_type=spreadsheets.XLSX_CONTENT_TYPE, filename=filename
    )


@require_GET
def inventory_export_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    """One table of the inventory (?sheet=, activities by default) as CSV."""
    program = selectors.program_get_for_user(user=request.user, pk=pk)
    params = forms.ExportSheetParams(request.GET)
    if not params.is_valid():
        raise Http404("unknown sheet")
    key = params.text("sheet") or exporting.DEFAULT_CSV_SHEET
    with translation.override(request.LANGUAGE_CODE):
        sheet = exporting.inventory_sheet(program=program, key=key)
        content = spreadsheets.sheet_csv(sheet=sheet)
        filename = exporting.export_filename(program=program, extension="csv", sheet=sheet)
    return spreadsheets.download_response(
        content, content_type=spreadsheets.CSV_CONTENT_TYPE, filename=filename
    )
