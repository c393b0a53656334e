"""The dashboard's Plotly figures: distributions and coverage, never a ranking of programmes."""

import numpy as np

from assessments import dashboard_charts


def test_distribution_figure_has_one_box_per_axis_with_every_point():
    figure = dashboard_charts.axis_distribution_figure(
        axes=[("Scope", [10.0, 90.0, 50.0]), ("Equity", [])],
        title="Distribution",
        score_label="Score",
    )
    assert [trace.type for trace in figure.data] == ["box", "box"]
    assert [trace.name for trace in figure.data] == ["Scope", "Equity"]
    assert figure.data[0].boxpoints == "all"
    assert list(figure.data[0].y) == [10.0, 90.0, 50.0]
    # Hover shows the value only: no programme name travels with a point.
    assert figure.data[0].hoverinfo == "y"
    assert figure.data[0].text is None


def test_no_figure_is_a_bar_chart_of_programmes():
    figures = [
        dashboard_charts.axis_distribution_figure(
            axes=[("Scope", [1.0])], title="t", score_label="s"
        ),
        dashboard_charts.coverage_heatmap_figure(
            program_labels=["A"], type_labels=["t"], counts=[[1]], title="t", count_label="c"
        ),
    ]
    for figure in figures:
        assert all(trace.type != "bar" for trace in figure.data)


def test_heatmap_keeps_programmes_in_the_order_given():
    figure = dashboard_charts.coverage_heatmap_figure(
        program_labels=["PRG-A", "PRG-B", "PRG-C"],
        type_labels=["Placement", "Guest lecture"],
        counts=[[0, 1], [5, 5], [2, 0]],
        title="Coverage",
        count_label="Activities",
    )
    (heatmap,) = figure.data
    assert heatmap.type == "heatmap"
    assert list(heatmap.y) == ["PRG-A", "PRG-B", "PRG-C"]
    assert np.asarray(heatmap.z).tolist() == [[0, 1], [5, 5], [2, 0]]
    assert figure.layout.yaxis.autorange == "reversed"  # first code on top


def test_heatmap_of_no_programmes_is_empty_not_an_error():
    figure = dashboard_charts.coverage_heatmap_figure(
        program_labels=[], type_labels=["Placement"], counts=[], title="t", count_label="c"
    )
    assert len(figure.data[0].y) == 0


def test_share_figure_shows_percentages_and_a_dash_for_none():
    figure = dashboard_charts.share_figure(shares=[("Council", 40), ("Round", None)], title="t")
    (bars,) = figure.data
    assert list(bars.x) == [40, 0]
    assert list(bars.text) == ["40 %", "–"]


def test_figures_serialise_to_json():
    figure = dashboard_charts.partner_figure(
        partners=[("Region AB", 3)], title="t", count_label="c"
    )
    assert '"Region AB"' in figure.to_json()
