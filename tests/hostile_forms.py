"""The hostile-input sweep's tools: a page's forms as a browser sends them, the payloads,
the world of rows every form edits and the pages that show them.

`page_form(html, action)` finds the POST form that posts to `action` (on a form's own page:
not the header's language switch or log-out form) and returns what submitting it unchanged would send: every input, textarea
and select with its current value, checked boxes and radios, selected options, the hidden
version and formset management fields. The sweep then replaces the free-text fields.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import escape

from assessments.models import Action, CompassRound
from programs.models import (
    Activity,
    Agreement,
    Council,
    CouncilMeeting,
    CouncilMember,
    LearningOutcome,
    Partner,
    Program,
    ProgramCourse,
)
from tests import factories

TEXT_TYPES = {"text", "search", "email", "url", "tel", ""}
SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


@dataclass
class Form:
    """One <form>: its action, its data (name → values) and its free-text fields."""

    action: str | None
    method: str
    data: dict[str, list[str]] = field(default_factory=dict)
    text_fields: list[str] = field(default_factory=list)  # <input type=text…> and <textarea>
    fields: set[str] = field(default_factory=set)
    maxlength: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def post_data(self) -> dict[str, str | list[str]]:
        """The data as the test client posts it (one value, or a list for several)."""
        return {
            name: values[0] if len(values) == 1 else values for name, values in self.data.items()
        }


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: list[str] | None = None
        self._option_attrs: tuple[str | None, bool] = (None, False)
        self._in_template = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "template":  # a formset's empty row: a browser sends nothing of it
            self._in_template += 1
        if self._in_template:
            return
        if tag == "form":
            self._form = Form(action=a.get("action"), method=a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name")
        if name and a.get("maxlength", "").isdigit():
            form.maxlength[name] = int(a["maxlength"])
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            form.fields.add(name)
            if kind in SKIPPED_TYPES:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    form.add(name, a.get("value", "on"))
                return
            form.data.setdefault(name, [])
            form.add(name, a.get("value", ""))
            if kind in TEXT_TYPES:
                form.text_fields.append(name)
        elif tag == "textarea" and name:
            form.fields.add(name)
            form.text_fields.append(name)
            self._textarea = (name, [])
        elif tag == "select" and name:
            form.fields.add(name)
            self._select = (name, "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self._option = []
            self._option_attrs = (a.get("value"), "selected" in a)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._in_template -= 1
        if self._in_template:
            return
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            name, parts = self._textarea
            text = "".join(parts)
            self._form.add(name, text[1:] if text.startswith("\n") else text)
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected = self._option_attrs
            self._select[2].append(
                (value if value is not None else "".join(self._option), selected)
            )
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]  # a browser sends a single select's first option
            for value in chosen:
                self._form.add(name, value)
            self._select = None
        elif tag == "form":
            self._form = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def page_form(html: str, action: str, *, page: str | None = None) -> Form:
    """The POST form that posts to `action` (on its own page, or on `page`), the largest."""
    targets = {action} if page not in (None, action) else {None, "", action}
    candidates = [
        form for form in forms_of(html) if form.method == "post" and form.action in targets
    ]
    if not candidates:
        raise AssertionError(f"{page or action}: no form posts to {action}")
    return max(candidates, key=lambda form: len(form.fields))


def field_errors(html: str, name: str) -> list[str]:
    """The error messages crispy-forms shows under the field `name`."""
    pattern = rf'id="error_\d+_id_{re.escape(name)}"><strong>(.*?)</strong>'
    return [unescape(message) for message in re.findall(pattern, html, flags=re.S)]


# ---- The payloads ----------------------------------------------------------------------

MARKUP = (
    '<script>alert(1)</script><a href="https://evil.example/">Klicka här</a>'
    "<img src=x onerror=alert(2)>\"'><svg onload=alert(3)>&lt;b&gt;"
)
SHORT_MARKUP = "<script>alert(1)</script>"
# Fragments that would be live markup (or break out of an attribute) if a page printed the
# text unescaped; none may appear in any page.
RAW_FRAGMENTS = (
    "<script>alert(",
    '<a href="https://evil.example/',
    "<img src=x",
    "<svg onload",
    "'><svg",
)


def markup_for(tag: str, maxlength: int | None) -> str:
    """A tagged script-and-HTML text that fits the field (`tag` names the field)."""
    for text in (f"{tag} {MARKUP}", f"{tag} {SHORT_MARKUP}", f"{tag}<b>x</b>"):
        if maxlength is None or len(text) <= maxlength:
            return text
    raise AssertionError(f"no markup payload fits maxlength {maxlength}")


def raw_markup(html: str) -> list[str]:
    """The fragments of live markup from a hostile text found in a page."""
    return [fragment for fragment in RAW_FRAGMENTS if fragment in html]


def shown_prefix(text: str) -> str:
    """What a page shows of a tagged markup text, escaped (its first characters: pages
    may shorten long texts)."""
    return escape(text)[:30]


# ---- The world every form edits ---------------------------------------------------------


@dataclass
class World:
    """A programme with one row of every kind, and the users who post and read."""

    program: Program
    users: dict[str, User]
    partner: Partner
    other_partner: Partner
    activity: Activity
    place: ProgramCourse
    outcome: LearningOutcome
    council: Council
    member: CouncilMember
    meeting: CouncilMeeting
    agreement: Agreement
    round: CompassRound
    action: Action


def build_world(program: Program, users: dict[str, User]) -> World:
    """One row of every kind in `program`, linked as the pages show them."""
    partner = factories.PartnerFactory(name="Älvstads Energi AB")
    activity = factories.ActivityFactory(program=program)
    factories.ActivityPartnerFactory(activity=activity, partner=partner)
    council = factories.CouncilFactory(program=program)
    agreement = factories.AgreementFactory(partner=partner)
    agreement.programs.add(program)
    compass_round = factories.CompassRoundFactory(program=program)
    factories.SupportOfferFactory()
    return World(
        program=program,
        users=users,
        partner=partner,
        other_partner=factories.PartnerFactory(name="Norrbyns kommun"),
        activity=activity,
        place=factories.ProgramCourseFactory(program=program),
        outcome=factories.LearningOutcomeFactory(program=program),
        council=council,
        member=factories.CouncilMemberFactory(council=council),
        meeting=factories.CouncilMeetingFactory(council=council),
        agreement=agreement,
        round=compass_round,
        action=factories.ActionFactory(round=compass_round),
    )


def reading_pages(world: World) -> list[str]:
    """Every page that shows the world's texts to a reader (SAM reads them all)."""
    program, compass_round = world.program, world.round
    return [
        reverse("programs:home"),
        reverse("programs:program_detail", args=[program.pk]),
        reverse("programs:program_history", args=[program.pk]),
        reverse("assessments:program_compass", args=[program.pk]),
        reverse("assessments:round_detail", args=[compass_round.pk]),
        reverse("assessments:dashboard"),
        reverse("assessments:faculty_dashboard", args=[program.faculty_id]),
        reverse("programs:partner_list"),
        *(
            reverse("programs:partner_detail", args=[pk])
            for pk in Partner.objects.values_list("pk", flat=True)
        ),
    ]
