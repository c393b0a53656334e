"""The compass radar as a Plotly figure: plain values in, one figure out. No ORM, no I/O.

The programme page draws it with plotly.js (static/js/compass.js) and the programme report
exports the same figure to SVG (reports.documents.svg), so both always look alike. Labels
and series names arrive translated from the caller, as plain text: every text is escaped
here (assessments.chart_text.plot_text), so none is read as Plotly's HTML. An axis whose
value is None (N/A) is a gap in its line, never a 0.

Colours keep at least 3:1 contrast against white (WCAG 2.1 1.4.11) and the series differ by
more than colour: the current state is a filled line with round markers, the målbild a dashed
line with diamonds, the previous round a thin dotted grey line with small squares.
"""

from collections.abc import Sequence
from typing import Any

from assessments.chart_text import plot_text
from assessments.scoring import display_round

FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}
CURRENT_COLOUR = "#0b3d66"  # 11.6:1 on white
CURRENT_FILL = "rgba(11, 61, 102, 0.22)"
TARGET_COLOUR = "#a34a00"  # 5.9:1 on white
PREVIOUS_COLOUR = "#767676"  # 4.5:1 on white
GRID_COLOUR = "#c8c8c8"
RADAR_RANGE = (0, 100)
RADAR_TICKS = (0, 25, 50, 75, 100)
LABEL_WIDTH = 18  # characters per line of an axis label, so long names fit beside the radar

Values = Sequence[float | None]


def radar_figure_data(
    *,
    labels: Sequence[str],
    current: Values,
    target: Values | None = None,
    previous: Values | None = None,
    title: str = "",
    current_name: str = "Current state",
    target_name: str = "Target",
    previous_name: str = "Previous round",
    not_applicable: str = "N/A",
) -> dict[str, Any]:
    """The compass radar as a plain JSON-ready dict {"data": [...], "layout": {...}}.

    Current state filled, målbild dashed, previous round faint, 0–100. The web page sends
    this dict to plotly.js as it is and the programme report exports it to SVG: a
    plotly.graph_objects.Figure would validate every property, which costs tens of
    milliseconds per page (the tests do it once). One dict, so both always draw alike.
    """
    if len(current) != len(labels):
        raise ValueError("current needs one value per label")
    data = []
    if previous is not None:
        data.append(
            _trace(
                labels,
                previous,
                name=previous_name,
                not_applicable=not_applicable,
                line={"color": PREVIOUS_COLOUR, "width": 1.5, "dash": "dot"},
                marker={"color": PREVIOUS_COLOUR, "size": 6, "symbol": "square"},
            )
        )
    data.append(
        _trace(
            labels,
            current,
            name=current_name,
            not_applicable=not_applicable,
            line={"color": CURRENT_COLOUR, "width": 2.5},
            marker={"color": CURRENT_COLOUR, "size": 8, "symbol": "circle"},
            fill="toself",
            fillcolor=CURRENT_FILL,
        )
    )
    if target is not None:
        data.append(
            _trace(
                labels,
                target,
                name=target_name,
                not_applicable=not_applicable,
                line={"color": TARGET_COLOUR, "width": 2.5, "dash": "dash"},
                marker={"color": TARGET_COLOUR, "size": 8, "symbol": "diamond"},
            )
        )
    layout = {
        "title": {"text": plot_text(title)},
        "font": FONT,
        "height": 520,
        "margin": {"l": 110, "r": 110, "t": 70 if title else 50, "b": 100},
        "paper_bgcolor": "#ffffff",
        "showlegend": True,
        "legend": {
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": 0.02,
            "yanchor": "bottom",
            "yref": "container",
        },
        "polar": {
            "bgcolor": "#ffffff",
            "radialaxis": {
                "range": list(RADAR_RANGE),
                "tickvals": list(RADAR_TICKS),
                "angle": 90,
                "tickangle": 90,
                "gridcolor": GRID_COLOUR,
                "linecolor": GRID_COLOUR,
                "tickfont": {"size": 11},
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "gridcolor": GRID_COLOUR,
                "linecolor": GRID_COLOUR,
            },
        },
    }
    return {"data": data, "layout": layout}


def _trace(
    labels: Sequence[str], values: Values, *, name: str, not_applicable: str, **style: object
) -> dict[str, Any]:
    if len(values) != len(labels):
        raise ValueError(f"{name}: needs one value per label")
    # Repeat the first point to close the polygon; None stays None, so N/A is a gap.
    wrapped = [wrap_label(label) for label in labels]
    theta = [*wrapped, wrapped[0]] if wrapped else []
    r = [*values, values[0]] if values else []
    shown = [plot_text(not_applicable) if v is None else str(display_round(v)) for v in r]
    return {
        "type": "scatterpolar",
        "r": r,
        "theta": theta,
        "name": plot_text(name),
        "mode": "lines+markers",
        "connectgaps": False,
        "customdata": shown,
        # The series name by reference, never joined in: a "%{…}" in it stays text.
        "hovertemplate": "%{theta}: %{customdata}<extra>%{fullData.name}</extra>",
        **style,
    }


def wrap_label(label: str, width: int = LABEL_WIDTH) -> str:
    """A long axis label as escaped lines of about `width` characters, joined by Plotly's <br>.

    The lines are measured on the plain text and each is escaped before the <br> joins
    them, so the breaks are the only markup in the result.
    """
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(plot_text(line) for line in lines)
