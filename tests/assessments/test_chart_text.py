"""Every text a chart draws is escaped: user data never reaches Plotly's HTML reader as markup.

Each figure type of the app (the compass radar of the page and of both reports, the four
dashboard figures, the faculty report's distribution) is built with hostile texts in every
text argument; the figure's dict is then walked and every string in it checked: no `<` but
the builders' own `<br>` and `<extra>`, no `&` that is not one of our three entities, no
user text in a hover template, and the hostile text still there to read, literally.
"""

import html
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import plotly.graph_objects as go
import pytest

from assessments import charts, dashboard_charts
from assessments.chart_text import plot_text
from reports.documents.faculty.context import AxisLine, small_radar

HOSTILE = (
    '<a href="https://evil.example/">Klicka här</a>',
    '<span style="color:red;font-size:40px">X</span>',
    "<b>fet</b><br>ny rad<sup>2</sup>",
    "&lt;i&gt;redan escapad&lt;/i&gt; &#60;a href=x&#62; &amp;",
    "<script>alert(1)</script>",
    "Mall %{x} %{fullData.name} <extra>",
    "Smith & Co <3 >_<",
)
OWN_MARKUP = re.compile(r"<br>|</?extra>")
NOT_OUR_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")
TEMPLATE_KEYS = {"hovertemplate", "texttemplate"}


def strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, text) for every string anywhere in a figure dict."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for child_key, child in value.items():
            yield from strings(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from strings(child, key)


def as_dict(figure: dict[str, Any] | go.Figure) -> dict[str, Any]:
    """The dict the page sends to plotly.js (the views' and the PDF's JSON)."""
    if isinstance(figure, go.Figure):
        return json.loads(figure.to_json())
    go.Figure(figure)  # validates every property, as plotly.js would read it
    return json.loads(json.dumps(figure))


def drawn(text: str) -> str:
    """What Plotly draws for a text: our breaks as spaces, entities as characters."""
    return html.unescape(OWN_MARKUP.sub(" ", text))


def radar(name: str) -> dict[str, Any]:
    return charts.radar_figure_data(
        labels=[name, f"{name} andra axeln", "C"],
        current=[10, None, 30],
        target=[40, 50, 60],
        previous=[5, 5, 5],
        title=name,
        current_name=name,
        target_name=f"{name} mål",
        previous_name=f"{name} förra",
        not_applicable=name,
    )


def report_radar(name: str) -> dict[str, Any]:
    lines = (
        AxisLine(label=name, value=50.0, shown=50, target=60, gap=10),
        AxisLine(label="B", value=None, shown=None, target=None, gap=None),
    )
    return small_radar(lines=lines, current_name=name, target_name=name, na=name)


def distribution(name: str) -> go.Figure:
    return dashboard_charts.axis_distribution_figure(
        axes=[(name, [10.0, 20.0]), ("B", [])], title=name, score_label=name
    )


def coverage(name: str) -> go.Figure:
    return dashboard_charts.coverage_heatmap_figure(
        program_labels=[name, "PRG2"],
        type_labels=[name, "Gästföreläsning"],
        counts=[[1, 0], [0, 2]],
        title=name,
        count_label=name,
    )


def shares(name: str) -> go.Figure:
    return dashboard_charts.share_figure(shares=[(name, 40), ("B", None)], title=name)


def partners(name: str) -> go.Figure:
    return dashboard_charts.partner_figure(
        partners=[(name, 3), ("Region AB", 1)], title=name, count_label=name
    )


BUILDERS: dict[str, Callable[[str], dict[str, Any] | go.Figure]] = {
    "radar": radar,
    "report radar": report_radar,
    "distribution": distribution,
    "coverage": coverage,
    "shares": shares,
    "partners": partners,
}


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("builder", BUILDERS.values(), ids=BUILDERS.keys())
def test_no_figure_carries_markup_or_entities_from_user_text(builder, name):
    figure = as_dict(builder(name))
    texts = list(strings(figure))
    for key, text in texts:
        assert "<" not in OWN_MARKUP.sub("", text), f"{key}: {text!r}"
        assert not NOT_OUR_ENTITY.search(text), f"{key}: {text!r}"
        if key in TEMPLATE_KEYS:
            assert not any(word in text for word in ("evil", "Mall", "Smith")), text
    # The text is there to read, exactly as typed (a wrapped label's lines joined by spaces).
    shown = {drawn(text) for key, text in texts if key not in TEMPLATE_KEYS}
    assert any(" ".join(name.split()) in " ".join(text.split()) for text in shown), shown


def test_plot_text_escapes_tags_and_entities_and_nothing_else():
    assert plot_text('<a href="x">Ö & Co</a>') == '&lt;a href="x"&gt;Ö &amp; Co&lt;/a&gt;'
    assert plot_text("&lt;") == "&amp;lt;"
    assert plot_text("Omfattning och räckvidd 50 %") == "Omfattning och räckvidd 50 %"
    assert plot_text(12) == "12"


def test_a_wrapped_label_keeps_its_own_breaks_and_escapes_its_words():
    label = charts.wrap_label("Kontakt <b>med</b> arbetslivet & alumner", width=18)
    assert label == "Kontakt &lt;b&gt;med&lt;/b&gt;<br>arbetslivet &amp;<br>alumner"


def test_axis_names_with_an_ampersand_are_drawn_as_written():
    figure = radar("Scope & reach")
    assert figure["data"][0]["theta"][0] == "Scope &amp; reach"
    assert drawn(figure["data"][0]["theta"][0]) == "Scope & reach"
