"""The forms of an HTML page as a browser would submit them, for the load test's virtual users.

Standard library only (the locustfile imports it; no Django there). A form's fields are what
a browser sends when the user presses a plain submit button: text, hidden and other value
inputs, checked checkboxes and radio buttons, the selected options of each select (the first
option of a single select when none is marked), and every textarea; never file inputs or
buttons. Values come back unescaped, so the CSRF token and the record's version travel as
the server wrote them.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VALUE_LESS = {"submit", "button", "image", "reset", "file"}


@dataclass
class Form:
    """One <form>: its attributes and its fields as (name, value) pairs in page order."""

    attrs: dict[str, str]
    fields: list[tuple[str, str]] = field(default_factory=list)

    @property
    def action(self) -> str:
        return self.attrs.get("action", "")

    def names(self) -> set[str]:
        return {name for name, _value in self.fields}

    def get(self, name: str) -> str | None:
        """The first value of `name`, or None when the form does not send it."""
        return next((value for key, value in self.fields if key == name), None)

    def set(self, name: str, value: str) -> None:
        """Send `value` as the only value of `name` (added when the form lacks it)."""
        kept = [(key, old) for key, old in self.fields if key != name]
        self.fields = [*kept, (name, value)]


@dataclass
class _Select:
    name: str
    multiple: bool
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)
    text: list[str] = field(default_factory=list)  # the current option's text
    value: str | None = None  # the current option's value attribute
    selected: bool = False


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: _Select | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._template_depth = 0  # inside <template>: inert markup, never submitted

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {key: value or "" for key, value in attr_list}
        if tag == "template":
            self._template_depth += 1
        if self._template_depth:
            return
        if tag == "form":
            self._form = Form(attrs=attrs)
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in attrs:
            return
        name = attrs.get("name", "")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in VALUE_LESS:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    form.fields.append((name, attrs.get("value", "on")))
                return
            form.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = _Select(name=name, multiple="multiple" in attrs)
        elif tag == "option" and self._select is not None:
            self._end_option()
            self._select.value = attrs.get("value")
            self._select.selected = "selected" in attrs
            self._select.text = []
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data: str) -> None:
        if self._template_depth:
            return
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._select is not None and self._select.value is None:
            self._select.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._template_depth = max(0, self._template_depth - 1)
        if self._template_depth:
            return
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._end_option()
        elif tag == "select" and self._select is not None:
            self._end_select()
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            # Browsers drop the newline right after <textarea> (Django writes one).
            text = text.removeprefix("\r\n").removeprefix("\n")
            if self._form is not None:
                self._form.fields.append((name, text))
            self._textarea = None

    def _end_option(self) -> None:
        select = self._select
        if select is None or (select.value is None and not select.text):
            return
        value = select.value if select.value is not None else "".join(select.text).strip()
        select.options.append((value, select.selected))
        select.value, select.text, select.selected = None, [], False

    def _end_select(self) -> None:
        select = self._select
        assert select is not None
        self._end_option()
        chosen = [value for value, selected in select.options if selected]
        if not chosen and not select.multiple and select.options:
            chosen = [select.options[0][0]]
        if not select.multiple:
            chosen = chosen[-1:]
        if self._form is not None:
            self._form.fields.extend((select.name, value) for value in chosen)
        self._select = None


def page_forms(html: str) -> list[Form]:
    """Every form of the page, in order."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with(html: str, field_name: str) -> Form:
    """The page's form that sends `field_name`; ValueError when no form or several do."""
    found = [form for form in page_forms(html) if field_name in form.names()]
    if len(found) != 1:
        raise ValueError(f"{len(found)} forms send a field named {field_name!r}")
    return found[0]


def select_options(html: str, select_name: str) -> list[str]:
    """The option values of the page's select named `select_name` (for choosing a value)."""
    parser = _OptionParser(select_name)
    parser.feed(html)
    parser.close()
    return parser.values


class _OptionParser(HTMLParser):
    def __init__(self, select_name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.select_name = select_name
        self.inside = False
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {key: value or "" for key, value in attr_list}
        if tag == "select":
            self.inside = attrs.get("name") == self.select_name
        elif tag == "option" and self.inside and "value" in attrs:
            self.values.append(attrs["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.inside = False
