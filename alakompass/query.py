"""Parameters a view reads from the query string (or a bare POST field), parsed by a form.

A view never reads a value from `request.GET` or `request.POST` itself: it binds them to a
form whose fields name the parameters it reads and what they may hold. A value that does not
validate is dropped, never passed on: a NUL byte (PostgreSQL refuses it in text, so psycopg2
raises and the page would answer 500), a 100,000-character string or a number that is not
one. Django's CharField refuses NUL (ProhibitNullCharactersValidator); every CharField here
also has a max_length.
"""

from collections.abc import Iterable
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict


class ParamsForm(forms.Form):
    """A form over the parameters a view reads; a missing or invalid one reads as empty."""

    def __init__(self, data: QueryDict) -> None:
        super().__init__(data)

    def value(self, name: str) -> object:
        """The cleaned value of `name`; None when it is missing or does not validate."""
        self.is_valid()
        return self.cleaned_data.get(name)  # invalid fields are left out of cleaned_data

    def text(self, name: str) -> str:
        """A text parameter, or "" when missing or invalid."""
        value = self.value(name)
        return value if isinstance(value, str) else ""

    def number(self, name: str) -> int | None:
        """A whole-number parameter, or None when missing or invalid."""
        value = self.value(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def flag(self, name: str) -> bool:
        """A checkbox or button: True when sent with a true value."""
        return self.value(name) is True


class PageParams(ParamsForm):
    """?page= of a paginated list; anything but a positive number means the first page."""

    page = forms.IntegerField(min_value=1, required=False)


def query_string(form: forms.BaseForm, *, exclude: Iterable[str] = ()) -> str:
    """The bound `form`'s valid, non-empty fields as a query string, to carry a filter on
    to another link (an export, the next page) without echoing what did not validate."""
    if not form.is_bound:
        return ""
    form.is_valid()
    skip = set(exclude)
    pairs = [
        (name, str(form[name].value()))
        for name, value in form.cleaned_data.items()
        if name not in skip and value not in (None, "")
    ]
    return urlencode(pairs)
