"""Template helpers of the compass pages."""

import html
from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def activity_links(activities: Iterable[tuple[int, str]], program_url: str) -> SafeString:
    """<li> links to the activities' rows on the programme page, with every value escaped.

    One pass with the standard library's escape instead of a template loop (or format_html)
    per link: a large programme's drill-down lists thousands of links, and this keeps the
    page within its time budget.
    """
    base = html.escape(str(program_url), quote=True)
    items = (
        f'<li><a href="{base}#activity-{int(pk)}">{html.escape(str(title), quote=True)}</a></li>'
        for pk, title in activities
    )
    return mark_safe("".join(items))  # every interpolated value is escaped above
