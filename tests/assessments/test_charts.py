"""The compass radar figure: pure, three series, N/A as gaps, range 0–100."""

import plotly.graph_objects as go
import pytest

from assessments import charts

LABELS = ["A", "B", "C", "D"]


def radar(**inputs):
    """radar_figure_data's dict as a go.Figure, which validates every property of it."""
    return go.Figure(charts.radar_figure_data(**inputs))


def test_all_three_series_make_three_traces_with_a_legend():
    figure = radar(
        labels=LABELS,
        current=[10, 20, 30, 40],
        target=[50, 60, 70, 80],
        previous=[5, 5, 5, 5],
        current_name="Nuläge",
        target_name="Målbild",
        previous_name="Förra omgången",
    )
    assert isinstance(figure, go.Figure)
    assert [trace.name for trace in figure.data] == ["Förra omgången", "Nuläge", "Målbild"]
    assert figure.layout.showlegend is True


def test_not_applicable_axes_are_gaps_never_zero():
    figure = radar(labels=LABELS, current=[10, None, 30, 40], target=[None, 1, 2, 3])
    current, target = figure.data
    assert current.r[1] is None
    assert 0 not in (current.r[1], target.r[0])
    assert current.connectgaps is False
    assert current.customdata[1] == "N/A"


def test_polygon_is_closed_by_repeating_the_first_axis():
    figure = radar(labels=LABELS, current=[10, 20, 30, 40])
    assert list(figure.data[0].theta) == [*LABELS, "A"]
    assert list(figure.data[0].r) == [10, 20, 30, 40, 10]


def test_current_is_filled_target_dashed_previous_faint():
    figure = radar(labels=LABELS, current=[1, 2, 3, 4], target=[5, 6, 7, 8], previous=[1, 1, 1, 1])
    previous, current, target = figure.data
    assert current.fill == "toself"
    assert target.line.dash == "dash"
    assert target.fill is None
    assert previous.line.width < current.line.width
    assert previous.line.dash == "dot"


def test_radial_axis_always_spans_0_to_100():
    figure = radar(labels=LABELS, current=[1, 2, 3, 4])
    assert tuple(figure.layout.polar.radialaxis.range) == (0, 100)


def test_only_the_current_state_gives_one_trace():
    assert len(radar(labels=LABELS, current=[1, 2, 3, 4]).data) == 1


def test_hover_text_rounds_half_up():
    figure = radar(labels=LABELS, current=[43.75, 0.5, 2.5, None])
    assert list(figure.data[0].customdata) == ["44", "1", "3", "N/A", "44"]


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="one value per label"):
        radar(labels=LABELS, current=[1, 2, 3, 4], target=[1, 2])


def test_figure_serialises_to_json_for_the_page():
    figure = radar(labels=LABELS, current=[None, 2, 3, 4])
    data = figure.to_plotly_json()
    assert data["data"][0]["r"][0] is None


def test_long_axis_labels_wrap_onto_lines_of_about_18_characters():
    figure = radar(labels=["Follow-up, feedback & improvement", "B"], current=[1, 2])
    assert figure.data[0].theta[0] == "Follow-up,<br>feedback &amp;<br>improvement"
    assert figure.data[0].theta[1] == "B"


def test_the_pages_plain_dict_is_the_same_figure_the_pdf_gets():
    kwargs = {"labels": LABELS, "current": [1, None, 3, 4], "target": [5, 6, 7, 8]}
    data = charts.radar_figure_data(**kwargs)
    figure = go.Figure(data)  # go.Figure validates every property of the dict
    assert [t["r"] for t in data["data"]] == [list(t.r) for t in figure.data]
    assert figure.to_plotly_json()["layout"]["polar"]["radialaxis"]["range"] == [0, 100]
