"""HTML to an archival PDF: WeasyPrint, PDF/A-3a, tagged, fonts embedded.

Choices made here:
- `pdf_variant="pdf/a-3a"` with `pdf_tags=True` (docs/../shared stack notes): a tagged PDF/A
  whose language comes from `<html lang>`, title and author from `<title>` and
  `<meta name=author>`, and whose h1–h3 become the bookmarks.
- The print stylesheet is `reports/documents/report.css`, read once per process. The footer
  words ("Page X of Y") are translated messages turned into a CSS `content` value here,
  so they follow the active language; user text never goes into CSS (the footer's programme
  and round are a running element of the document, `.running-footer` in report.css).
- WeasyPrint leaves an sRGB colour profile unclosed when it writes the PDF/A output intent;
  exactly that ResourceWarning is filtered, nothing else.
"""

from __future__ import annotations

import functools
import logging
import warnings
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

STYLESHEET = Path(__file__).with_name("report.css")
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # "Step 1 …" per render


@functools.cache
def _base_stylesheet() -> object:
    from weasyprint import CSS

    return CSS(filename=str(STYLESHEET))


def css_string(text: str) -> str:
    """`text` as a quoted CSS string (backslash, quotes and line breaks escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def page_counter_content() -> str:
    """The CSS `content` value of the translated "Page X of Y" line."""
    marker = _("Page {page} of {pages}")
    parts: list[str] = []
    rest = marker
    while rest:
        page_at = rest.find("{page}")
        pages_at = rest.find("{pages}")
        hits = [
            (at, token) for at, token in ((page_at, "{page}"), (pages_at, "{pages}")) if at >= 0
        ]
        if not hits:
            parts.append(css_string(rest))
            break
        at, token = min(hits)
        if at:
            parts.append(css_string(rest[:at]))
        parts.append("counter(page)" if token == "{page}" else "counter(pages)")
        rest = rest[at + len(token) :]
    return " ".join(parts)


def university_name() -> str:
    """The university named on every cover (settings.ALA_UNIVERSITY_NAME)."""
    return str(settings.ALA_UNIVERSITY_NAME)


def not_for_comparison() -> str:
    """The line every page carries, in the active language."""
    return _("Self-assessment – not intended for comparing programmes")


def html_lang(language: str) -> str:
    """The `<html lang>` (and so the PDF's /Lang) of a report language."""
    return "sv-SE" if language.startswith("sv") else "en"


def draft_label() -> str:
    """The draft marking of an open round's report, in the active language."""
    return _("Draft – not adopted")


def html_to_pdf(html: str, *, header: str, draft: bool = False) -> tuple[bytes, int]:
    """Render `html` to PDF/A-3a bytes; return them with the page count.

    Every page carries `header` at the top and "Page X of Y" at the bottom right; a draft
    also carries the draft label top left, as upright text (text extractors such as
    pdftotext skip the rotated watermark the template draws).
    """
    from weasyprint import CSS, HTML

    rules = [
        f"@top-center {{ content: {css_string(header)}; }}",
        f"@bottom-right {{ content: {page_counter_content()}; }}",
    ]
    if draft:
        rules.append(f"@top-left {{ content: {css_string(draft_label())}; }}")
    counter_css = CSS(string="@page { " + " ".join(rules) + " }")
    document = HTML(string=html, base_url=str(STYLESHEET.parent)).render(
        stylesheets=[_base_stylesheet(), counter_css], pdf_tags=True
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=ResourceWarning, message=r".*sRGB.*")
        warnings.filterwarnings("ignore", category=ResourceWarning, message=r"unclosed file.*\.icc")
        content = document.write_pdf(pdf_variant="pdf/a-3a", pdf_tags=True)
    return content, len(document.pages)
