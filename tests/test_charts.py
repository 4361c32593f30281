"""The core's bar charts: bar lengths follow the values, labels are escaped, nothing breaks on no data."""

import re

import pytest

from cms.core.charts import PLOT_HEIGHT, PLOT_WIDTH, BarChart, Series


def widths(chart):
    return [[float(bar.width.rstrip("%")) for bar in row.bars] for row in chart.rows]


def test_bars_are_as_long_as_their_values_and_labelled_with_them():
    chart = BarChart("Overdue", labels=["WGK", "MPK", "WOŚ"], series=[Series("Cases", [8, 4, 0])])
    assert widths(chart) == [[PLOT_WIDTH], [PLOT_WIDTH / 2], [0.0]]
    assert [[value.text for value in row.values] for row in chart.rows] == [["8"], ["4"], ["0"]]

    html = str(chart)
    assert 'role="img"' in html and "<title id=" in html
    assert html.count("<rect") == 2  # a zero draws no bar, only its value label "0"
    assert "<title>WGK, Cases: 8</title>" in html and "<title>MPK, Cases: 4</title>" in html
    table = re.search(r'<table class="w-sr-only">.*</table>', html, re.S).group(0)
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", table)
    assert cells == ["", "Cases", "WGK", "8", "MPK", "4", "WOŚ", "0"]


def test_stacked_bars_add_up_and_show_the_total():
    chart = BarChart(
        "Answers",
        labels=["WGK", "MPK"],
        series=[Series("On time", [3, 1], "positive"), Series("Late", [1, 0], "critical")],
        stacked=True,
    )
    assert chart.scale == 4
    (wgk_on_time, wgk_late), (mpk_on_time, mpk_late) = widths(chart)
    assert wgk_on_time == pytest.approx(PLOT_WIDTH * 3 / 4) and wgk_late == pytest.approx(PLOT_WIDTH / 4)
    assert chart.rows[0].bars[1].x == chart.rows[0].bars[0].width  # the late part starts where on time ends
    assert mpk_on_time == pytest.approx(PLOT_WIDTH / 4) and mpk_late == 0
    assert [row.values[0].text for row in chart.rows] == ["4", "1"]
    html = str(chart)
    assert "bar-chart__legend" in html and "bar-chart__fill--critical" in html


def test_columns_on_a_fixed_scale_with_missing_values():
    chart = BarChart(
        "On time by month",
        labels=["Jan", "Feb", "Mar"],
        series=[Series("On time", [50, None, 99.6])],
        vertical=True,
        max_value=100,
        suffix="%",
    )
    heights = [float(row.bars[0].height) for row in chart.rows]
    assert heights == [PLOT_HEIGHT / 2, 0, pytest.approx(PLOT_HEIGHT * 0.996, abs=0.1)]
    assert [row.values[0].text for row in chart.rows] == ["50%", "—", "100%"]  # rounded, not cut off
    assert [cells for _label, cells in chart.table] == [["50%"], ["—"], ["100%"]]


def test_values_over_a_fixed_scale_are_clipped():
    chart = BarChart("Load", labels=["A"], series=[Series("Share", [150])], max_value=100)
    assert widths(chart) == [[PLOT_WIDTH]]


def test_all_zero_and_no_data_draw_without_dividing_by_zero():
    zeros = BarChart("Overdue", labels=["WGK"], series=[Series("Cases", [0])])
    assert zeros.scale == 0 and widths(zeros) == [[0.0]]
    assert ">0</text>" in str(zeros)

    empty = BarChart("Overdue", labels=[], series=[Series("Cases", [])], empty_text="Nothing overdue.")
    html = str(empty)
    assert empty.is_empty and empty.rows == []
    assert "Nothing overdue." in html and "<svg" not in html


def test_labels_and_titles_are_escaped():
    chart = BarChart(
        '<script>alert("x")</script>',
        labels=['Wydział "A" & <b>B</b>'],
        series=[Series("<i>Cases</i>", [1])],
    )
    html = str(chart)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "Wydział &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;" in html


def test_numbers_follow_the_active_language(settings):
    from django.utils import translation

    chart = BarChart("Time", labels=["WGK"], series=[Series("Hours", [1234.5])], decimals=1)
    with translation.override("pl"):
        assert chart.rows[0].values[0].text == "1\xa0234,5"
    with translation.override("en"):
        assert chart.rows[0].values[0].text == "1,234.5"


@pytest.mark.parametrize(
    "series",
    [
        [Series("Cases", [1, 2, 3])],  # three values for two labels
        [Series("Cases", [1, -2])],
        [Series("Cases", [1, 2], tone="purple")],
    ],
)
def test_malformed_data_is_refused(series):
    with pytest.raises(ValueError):
        BarChart("Bad", labels=["A", "B"], series=series)


def test_several_series_side_by_side():
    series = [Series("Received", [10]), Series("Answered", [5], "positive")]
    chart = BarChart("Cases", labels=["WGK"], series=series)
    assert widths(chart) == [[PLOT_WIDTH, PLOT_WIDTH / 2]]
    received, answered = chart.rows[0].bars
    assert float(answered.y) > float(received.y)  # one under the other, each with its value
    assert [value.text for value in chart.rows[0].values] == ["10", "5"]

    received, answered = BarChart("Cases", labels=["Jan"], series=series, vertical=True).rows[0].bars
    assert float(answered.x.rstrip("%")) > float(received.x.rstrip("%"))
    assert float(received.height) == PLOT_HEIGHT and float(answered.height) == PLOT_HEIGHT / 2
