"""Hostile input through every form of the app: refused or stored, and inert wherever shown.

Every URL of the URLconf is either a form swept here (tests/hostile_cases.py, FORMS) or says
in NOT_SWEPT why not (a button without text, the course-list import, tested below with
hostile file content, or a page that only reads, whose query parameters
tests/test_hostile_query_strings.py sweeps): a new URL that is neither fails
`test_every_url_is_swept_or_says_why_not`.

For each form the page is opened and read as a browser would send it (tests.hostile_forms),
then every free-text field gets, in one post per kind of input:
- script and HTML (each field its own, tagged text): stored exactly as typed, and on every
  page that reads the programme, its compass and round, the dashboards and the partner
  register, never a raw tag; each field's text shown (escaped) on some page but the few
  in NOT_SHOWN;
- formula prefixes and an RTL override: stored exactly as typed (exports: see below);
- NUL and 100,000 characters: refused on every field with the message, the input kept;
and every validated field (codes, numbers, lookups, choices) gets the hostile texts too,
refused without an error page and echoed escaped. Hostile texts in every row then go
through every export (inventory Excel and CSV, both dashboards' Excel, the faculty report's
Excel: no formula, read back with openpyxl and csv) and the two reports' PDFs (pdftotext
finds the literal text; pypdf finds no JavaScript and no link to it), and the archive and
job pages that name the report show no raw markup.
"""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import escape

from programs import exporting
from programs.models import Course
from reports import documents
from reports import services as report_services
from reports.models import ReportKind
from tests.hostile_cases import FORMS, NOT_SHOWN, NOT_SWEPT, WITH_FREE_TEXT, FormCase
from tests.hostile_files import csv_cells, formulas, make_hostile, pdf_actions, xlsx_cells
from tests.hostile_forms import (
    SHORT_MARKUP,
    Form,
    World,
    build_world,
    field_errors,
    markup_for,
    page_form,
    raw_markup,
    reading_pages,
    shown_prefix,
)
from tests.reports.pdf_reading import pdf_pages_text

pytestmark = pytest.mark.django_db

FORMULAS = ('=HYPERLINK("https://evil.example/","Klicka")', "+1+1", "@SUM(A1:A2)", "-1+1")
RTL = "Avtal \u202egnp.exe"
NUL = "Avtal\x00NUL"
LONG = "x" * 100_000
NUL_MESSAGE = "Null-tecken är inte tillåtna."
LONG_MESSAGE = "(den har 100000)"  # Django's and our message both end so


@pytest.fixture
def world(program, coordinator, sam_user, board_member) -> World:
    users = {"coordinator": coordinator, "sam_user": sam_user, "board_member": board_member}
    return build_world(program, users)


def log_in(client, world: World, who: str) -> None:
    client.logout()
    if who != "anonymous":
        client.force_login(world.users[who])


def open_form(client, world: World, case: FormCase) -> Form:
    """The case's form as its page shows it to the user who posts it."""
    log_in(client, world, case.user)
    page = case.page(world) if case.page else case.url(world)
    response = client.get(page)
    assert response.status_code == 200, page
    return page_form(response.content.decode(), case.url(world), page=page)


def hostile(kind: str, index: int, maxlength: int | None) -> str:
    """The `kind` of hostile text for the form's `index`-th field (tagged, where shown)."""
    if kind == "markup":
        return markup_for(f"F{index}", maxlength)
    if kind == "formula":
        text = FORMULAS[index % len(FORMULAS)]
        return text if maxlength is None or len(text) <= maxlength else "+1+1"
    return {"rtl": RTL, "nul": NUL, "long": LONG}[kind]


def fill(form: Form, world: World, case: FormCase, names: tuple[str, ...], kind: str):
    """The form's data with the case's base values and `names` given hostile texts."""
    data = form.post_data() | case.base(world)
    texts = {name: hostile(kind, i, form.maxlength.get(name)) for i, name in enumerate(names)}
    return data | texts, texts


def row_name(name: str) -> str:
    """A formset row's field as the first row's (partners-2-partner → partners-0-partner)."""
    return re.sub(r"^(\w+)-\d+-", r"\1-0-", name)


def saved_as_typed(client, world: World, case: FormCase, kind: str) -> dict[str, str]:
    """Post the case's free texts of `kind` and assert they are stored exactly, and that the
    page after saving shows no raw markup; the texts posted."""
    form = open_form(client, world, case)
    data, texts = fill(form, world, case, case.free, kind)
    response = client.post(case.url(world), data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain, {name: field_errors(html, name) for name in texts}
    assert case.saved is not None
    assert case.saved(world, case.free) == texts
    assert raw_markup(html) == []
    return texts


@pytest.mark.parametrize("case", FORMS, ids=lambda case: case.name)
def test_every_text_field_is_swept_and_validated_fields_refuse_hostile_text(client, world, case):
    form = open_form(client, world, case)
    unswept = {row_name(name) for name in form.text_fields} - {*case.free, *case.strict}
    assert unswept == set(), f"{case.name}: add these text fields to the sweep"
    missing = {*case.free, *case.strict} - {row_name(name) for name in form.fields}
    assert missing == set(), f"{case.name}: the form has no such fields"
    for kind in ("markup", "nul", "long", "formula"):
        data, _texts = fill(open_form(client, world, case), world, case, case.strict, kind)
        response = client.post(case.url(world), data, follow=True)
        assert response.status_code in {200, 400, 403, 404}, kind
        assert raw_markup(response.content.decode()) == [], kind
        if case.saved is not None:
            stored = case.saved(world, case.free).values()
            assert not any("<" in value or "\x00" in value for value in stored), kind


@pytest.mark.parametrize("case", WITH_FREE_TEXT, ids=lambda case: case.name)
def test_script_and_html_are_stored_as_typed_and_shown_escaped_on_every_page(client, world, case):
    texts = saved_as_typed(client, world, case, "markup")
    shown: set[str] = set()
    log_in(client, world, "sam_user")
    for page in reading_pages(world):
        html = client.get(page).content.decode()
        assert raw_markup(html) == [], page
        shown |= {name for name, text in texts.items() if shown_prefix(text) in html}
    assert set(case.free) - shown == NOT_SHOWN.get(case.name, set())


@pytest.mark.parametrize("case", WITH_FREE_TEXT, ids=lambda case: case.name)
def test_formula_prefixes_and_an_rtl_override_are_stored_as_typed(client, world, case):
    for kind in ("formula", "rtl"):
        saved_as_typed(client, world, case, kind)


@pytest.mark.parametrize("case", WITH_FREE_TEXT, ids=lambda case: case.name)
def test_nul_and_100k_characters_are_refused_with_a_message_and_the_input_kept(client, world, case):
    before = case.saved(world, case.free) if case.saved else {}
    for kind, message in (("nul", NUL_MESSAGE), ("long", LONG_MESSAGE)):
        form = open_form(client, world, case)
        data, texts = fill(form, world, case, case.free, kind)
        response = client.post(case.url(world), data)
        assert response.status_code == 200, f"{kind}: refused, the form again"
        html = response.content.decode()
        kept = page_form(html, case.url(world)).data
        for name, text in texts.items():
            assert any(message in error for error in field_errors(html, name)), (kind, name)
            assert kept[name] == [text], f"{kind}: the input of {name} is not kept"
        assert case.saved is None or case.saved(world, case.free) == before, kind


def test_every_url_is_swept_or_says_why_not():
    def names(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":  # Django's own admin
                    prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                    yield from names(pattern.url_patterns, prefix)
            else:
                yield f"{namespace}{pattern.name}"

    urls = set(names(get_resolver().url_patterns))
    swept = {case.name for case in FORMS}
    assert urls - swept - set(NOT_SWEPT) == set(), "sweep these forms or say why not"
    assert swept & set(NOT_SWEPT) == set()


# ---- The course-list import: hostile file content ---------------------------------------

IMPORT_HEADER = "Kurskod;Kursnamn;Engelskt namn;Hp;Årskurs\n"


def upload(client, world: World, content: str | bytes):
    log_in(client, world, "coordinator")
    data = content.encode("utf-8") if isinstance(content, str) else content
    url = reverse("programs:course_import", args=[world.program.pk])
    return client.post(url, {"file": SimpleUploadedFile("kurser.csv", data)}, follow=True)


def test_an_imported_course_list_with_script_html_and_formulas_is_stored_and_shown_escaped(
    client, world
):
    names = {
        "HX200A": f'F0 {SHORT_MARKUP}<a href="https://evil.example/">Klicka</a>',
        "HX201A": '=HYPERLINK("https://evil.example/","Klicka")',
        "HX202A": RTL,
    }
    rows = "".join(f"{code};{name};+1+1;7,5;1\n" for code, name in names.items())
    preview = upload(client, world, IMPORT_HEADER + rows)
    html = preview.content.decode()
    assert preview.redirect_chain[-1][0].endswith("/forhandsgranska/")
    assert raw_markup(html) == []
    assert escape(names["HX200A"]) in html
    digest = page_form(html, reverse("programs:course_import_commit", args=[world.program.pk]))
    response = client.post(
        reverse("programs:course_import_commit", args=[world.program.pk]),
        digest.post_data(),
        follow=True,
    )
    assert raw_markup(response.content.decode()) == []
    stored = dict(Course.objects.filter(code__in=names).values_list("code", "name_sv"))
    assert stored == names
    assert set(Course.objects.filter(code__in=names).values_list("name_en", flat=True)) == {"+1+1"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (IMPORT_HEADER + "HX300A;Med\x00NUL;;7,5;1\n", "text"),
        (IMPORT_HEADER + f"HX301A;{LONG};;7,5;1\n", "200 tecken"),
    ],
    ids=["nul", "100k-name"],
)
def test_an_imported_course_list_with_nul_or_a_100k_name_is_refused_with_a_message(
    client, world, content, message
):
    response = upload(client, world, content)
    html = unescape(response.content.decode())
    assert message in html
    if response.redirect_chain:  # the preview: the row rejected, nothing to save
        commit = reverse("programs:course_import_commit", args=[world.program.pk])
        form = page_form(response.content.decode(), commit)
        client.post(commit, form.post_data())
    assert not Course.objects.filter(code__in=["HX300A", "HX301A"]).exists()


# ---- Exports and reports: every download neutralised, the PDFs inert ---------------------


@pytest.fixture
def hostile_world(world, settings, tmp_path) -> tuple[World, dict[str, str]]:
    settings.MEDIA_ROOT = tmp_path / "media"  # the archived reports land here
    return world, make_hostile(world)


def download(client, world: World, who: str, url: str) -> bytes:
    log_in(client, world, who)
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_inert(pdf: bytes, *texts: str) -> None:
    """The texts are in the PDF literally, and it holds no JavaScript and no link to them."""
    shown = " ".join(pdf_pages_text(pdf))
    for text in texts:
        assert " ".join(text.split()) in shown, text
    actions = pdf_actions(pdf)
    assert [action for action in actions if "JavaScript" in action or "/JS" in action] == []
    assert [action for action in actions if "evil.example" in action] == []


def test_every_export_neutralises_formulas_and_the_faculty_report_links_nowhere(
    client, hostile_world
):
    world, written = hostile_world
    program = world.program
    faculty_pdf, faculty_xlsx = documents.faculty_report(
        faculty=program.faculty, language="sv", generated_by=None, generated_at=timezone.now()
    )
    assert_inert(faculty_pdf.content, written["Program.name_sv"])
    workbooks = {
        "inventory": download(
            client,
            world,
            "coordinator",
            reverse("programs:inventory_export_xlsx", args=[program.pk]),
        ),
        "dashboard": download(client, world, "sam_user", reverse("assessments:dashboard_export")),
        "faculty": download(
            client,
            world,
            "board_member",
            reverse("assessments:faculty_dashboard_export", args=[program.faculty_id]),
        ),
        "faculty report": faculty_xlsx.content,
    }
    for name, content in workbooks.items():
        cells = xlsx_cells(content)
        assert [cell for cell in cells if cell[1] == "f"] == [], name
        assert formulas(value for _sheet, _type, value in cells) == [], name
        assert "'" + written["Program.name_sv"] in {value for *_rest, value in cells}, name
    csv_texts: list[str] = []
    for key in exporting.SHEET_KEYS:
        url = reverse("programs:inventory_export_csv", args=[program.pk]) + f"?sheet={key}"
        csv_texts += csv_cells(download(client, world, "coordinator", url))
    assert formulas(csv_texts) == []
    for field in ("Activity.title", "Activity.description", "Partner.name", "Agreement.notes"):
        assert "'" + written[field] in csv_texts, field


def test_the_programme_report_of_a_hostile_round_shows_the_text_and_links_nowhere(
    client, hostile_world
):
    world, written = hostile_world
    job = report_services.report_job_create(
        kind=ReportKind.PROGRAM,
        language="sv",
        requested_by=world.users["coordinator"],
        compass_round=world.round,
    )
    (report,) = report_services.report_generate(job_id=job.pk)
    content = download(client, world, "coordinator", reverse("reports:download", args=[report.pk]))
    fields = ("Program.name_sv", "CompassRound.horizontal_perspectives", "Action.description")
    assert_inert(content, *(written[field] for field in fields))
    for page in (reverse("reports:archive"), reverse("reports:job_detail", args=[job.pk])):
        assert raw_markup(client.get(page).content.decode()) == [], page
