"""The hostile-input sweep's files: hostile texts in every row, and the downloads read back.

`make_hostile(world)` writes hostile texts straight into every free text of every row of
the world (bypassing forms, as an old row or an admin could hold them): each begins with a
formula prefix and carries script, HTML or an RTL override after it. The readers return
every text cell of a workbook or CSV file, and the PDF checks find JavaScript and links.
"""

import csv
import io
from collections.abc import Iterable

from django.db import models
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from alakompass.spreadsheets import FORMULA_PREFIXES
from assessments.models import AxisChoice, Target
from tests import factories
from tests.hostile_forms import World

HOSTILE_TEXTS = (
    '=HYPERLINK("https://evil.example/","x") <a href="https://evil.example/">Klicka här</a>',
    "+1+1 <script>alert(1)</script>",
    "@SUM(A1:A2) <img src=x onerror=alert(2)>",
    "-1+1 \u202egnp.exe",
    " =1+1 <b>efter ett blanksteg</b>",
)
SHORT = "+1+1"  # for a field too short for the others
# Identifiers with validators of their own, not free text.
NOT_FREE = {"code", "org_number", "model_version", "registry_number"}


def _free_texts(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and field.name not in NOT_FREE
    ]


def make_hostile(world: World) -> dict[str, str]:
    """Every free text of the world's rows (and a målbild on every axis) made hostile;
    returns "Model.field" → the text it holds."""
    for axis in AxisChoice.values:
        factories.TargetFactory(round=world.round, axis=axis, score=60)
    rows: Iterable[models.Model] = (
        world.program,
        world.place.course,
        world.outcome,
        world.activity,
        world.partner,
        world.council,
        world.member,
        world.meeting,
        world.agreement,
        world.round,
        world.action,
        *Target.objects.filter(round=world.round),
    )
    written: dict[str, str] = {}
    index = 0
    for row in rows:
        values = {}
        for field in _free_texts(type(row)):
            text = HOSTILE_TEXTS[index % len(HOSTILE_TEXTS)]
            index += 1
            values[field.name] = text if len(text) <= (field.max_length or 10**6) else SHORT
            written[f"{type(row).__name__}.{field.name}"] = values[field.name]
        type(row)._default_manager.filter(pk=row.pk).update(**values)
    return written


def xlsx_cells(content: bytes) -> list[tuple[str, str, object]]:
    """(sheet, data type, value) of every cell of every sheet."""
    workbook = load_workbook(io.BytesIO(content))
    return [
        (sheet.title, cell.data_type, cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def csv_cells(content: bytes) -> list[str]:
    """Every field of a semicolon-separated UTF-8 file."""
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    return [value for row in reader for value in row]


def formulas(texts: Iterable[object]) -> list[str]:
    """The texts a spreadsheet would run as a formula."""
    return [
        text
        for text in texts
        if isinstance(text, str)
        and (text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES))
    ]


def pdf_actions(content: bytes) -> list[str]:
    """Every JavaScript, launch or link action and every link target in the PDF."""
    reader = PdfReader(io.BytesIO(content))
    found: list[str] = []
    seen: set[int] = set()

    def walk(value: object) -> None:
        if isinstance(value, IndirectObject):
            if value.idnum in seen:
                return
            seen.add(value.idnum)
            value = value.get_object()
        if isinstance(value, DictionaryObject):
            for key in ("/JS", "/JavaScript", "/URI", "/Launch", "/SubmitForm"):
                if key in value:
                    found.append(f"{key} {value[key]!r}"[:200])
            if value.get("/S") in {"/JavaScript", "/URI", "/Launch"}:
                found.append(f"action {value.get('/S')}")
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(reader.trailer)
    return found
