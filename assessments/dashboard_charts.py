"""Plotly figures for the SAM dashboard: plain values in, one figure out. No ORM, no I/O.

Principle 1 of the compass model: these figures show distributions and coverage, never a
ranked bar chart of programmes. Axis scores arrive without the programme they belong to, and
the coverage heatmap keeps programmes in the order given (code order), not sorted by score.
Every label arrives translated from the caller, so the module has no gettext either, and as
plain text: each is escaped here (assessments.chart_text.plot_text), so a partner or
programme named with HTML is drawn as its characters, never as a link or a styled span.
Numbers go in as numpy arrays: Plotly validates an array in one step (a list element by
element) and serialises it as a compact typed array, which matters for 8 × 1,000 points.
"""

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from assessments.chart_text import plot_text

FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}
BOX_COLOUR = "#0b3d66"
POINT_COLOUR = "rgba(11, 61, 102, 0.45)"
# A sequential scale from white to dark blue that keeps 0 visibly blank.
HEATMAP_SCALE = [[0.0, "#ffffff"], [0.001, "#e3eef8"], [0.5, "#6b9ac4"], [1.0, "#0b3d66"]]
ROW_HEIGHT = 18
MIN_HEIGHT = 320


def _layout(*, title: str, height: int) -> dict:
    return {
        "title": {"text": plot_text(title)},
        "font": FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "showlegend": False,
    }


def axis_distribution_figure(
    *, axes: Sequence[tuple[str, Sequence[float]]], title: str, score_label: str
) -> go.Figure:
    """One box with its points per axis: `axes` is (axis label, scores) in radar order."""
    figure = go.Figure()
    for label, values in axes:
        figure.add_trace(
            go.Box(
                y=np.asarray(values, dtype=float),
                name=plot_text(label),
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": POINT_COLOUR, "size": 5},
                line={"color": BOX_COLOUR},
                fillcolor="rgba(11, 61, 102, 0.08)",
                hoverinfo="y",
            )
        )
    figure.update_layout(**_layout(title=title, height=460))
    figure.update_yaxes(
        title_text=plot_text(score_label), range=[-5, 105], dtick=25, gridcolor="#dddddd"
    )
    figure.update_xaxes(tickangle=-30, automargin=True)
    return figure


def coverage_heatmap_figure(
    *,
    program_labels: Sequence[str],
    type_labels: Sequence[str],
    counts: Sequence[Sequence[int]],
    title: str,
    count_label: str,
) -> go.Figure:
    """Activities per programme (rows, in the order given) and activity type (columns)."""
    figure = go.Figure(
        go.Heatmap(
            z=np.asarray(counts, dtype=int) if len(counts) else [],
            x=[plot_text(label) for label in type_labels],
            y=[plot_text(label) for label in program_labels],
            colorscale=HEATMAP_SCALE,
            zmin=0,
            colorbar={"title": {"text": plot_text(count_label)}},
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    height = max(MIN_HEIGHT, 160 + ROW_HEIGHT * len(program_labels))
    figure.update_layout(**_layout(title=title, height=height))
    figure.update_layout(margin={"l": 120, "r": 20, "t": 170, "b": 20})
    figure.update_layout(title={"y": 0.995, "yanchor": "top"})
    # Plotly draws the first row at the bottom; reversed, the list reads top-down in code order.
    figure.update_yaxes(autorange="reversed", type="category", automargin=True)
    # Type labels on top: with a hundred rows the bottom of the map is far below the fold.
    figure.update_xaxes(side="top", tickangle=-40, type="category", automargin=True)
    return figure


def share_figure(*, shares: Sequence[tuple[str, int | None]], title: str) -> go.Figure:
    """Horizontal bars of shares in per cent: (label, percent) in the order given."""
    figure = go.Figure(
        go.Bar(
            x=[percent or 0 for _label, percent in shares],
            y=[plot_text(label) for label, _percent in shares],
            orientation="h",
            marker={"color": BOX_COLOUR},
            text=[f"{percent} %" if percent is not None else "–" for _label, percent in shares],
            textposition="outside",
            hoverinfo="skip",
        )
    )
    figure.update_layout(**_layout(title=title, height=260))
    figure.update_layout(margin={"l": 260, "r": 60, "t": 50, "b": 40})
    figure.update_xaxes(range=[0, 110], ticksuffix=" %", dtick=25, gridcolor="#dddddd")
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


def partner_figure(
    *, partners: Sequence[tuple[str, int]], title: str, count_label: str
) -> go.Figure:
    """Partner organisations (not programmes) by number of programmes engaged, as given."""
    figure = go.Figure(
        go.Bar(
            x=[count for _name, count in partners],
            y=[plot_text(name) for name, _count in partners],
            orientation="h",
            marker={"color": BOX_COLOUR},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    height = max(260, 120 + 26 * len(partners))
    figure.update_layout(**_layout(title=title, height=height))
    figure.update_layout(margin={"l": 240, "r": 30, "t": 50, "b": 50})
    figure.update_xaxes(title_text=plot_text(count_label), rangemode="tozero", gridcolor="#dddddd")
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure
