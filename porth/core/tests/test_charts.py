"""The shared SVG charts: geometry, a picture labelled as such, the same numbers as a table."""

from decimal import Decimal
from pathlib import Path

from bs4 import BeautifulSoup
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from porth.core.charts import ChartRow, bar_chart, column_chart, stacked_bar_chart


def _rows():
    return [
        ChartRow(label="Q1 2024", value=Decimal("50"), value_text="50%"),
        ChartRow(label="Q2 2024", value=None, value_text=""),
        ChartRow(label="Q3 2024", value=Decimal("100"), value_text="100%"),
    ]


def test_a_column_chart_scales_to_the_largest_value_and_keeps_a_gap_for_a_missing_one():
    chart = column_chart(_rows())
    tallest, missing, half = chart.columns[2], chart.columns[1], chart.columns[0]
    assert tallest.height == 176.0
    assert half.height == 88.0
    assert missing.height == 0 and missing.value_text == ""
    assert (half.label_top, half.label_bottom) == ("Q1", "2024")


def test_a_percentage_chart_can_be_drawn_against_a_fixed_top():
    chart = column_chart(_rows()[:1], scale_max=100)
    assert chart.columns[0].height == 88.0


def test_a_bar_chart_shortens_long_labels_but_its_table_keeps_them_whole():
    long = "A very long name of a service area that goes on"
    chart = bar_chart([ChartRow(label=long, value=3, value_text="3")])
    assert chart.bars[0].label.endswith("…") and len(chart.bars[0].label) == 34
    table = render_to_string(
        "components/chart_table.html",
        {"chart": chart, "caption": "Areas", "label_heading": "Area", "value_heading": "Count"},
    )
    assert long in table


def test_stacked_bars_split_each_row_by_share_in_the_given_order():
    chart = stacked_bar_chart([("1", {"met": 3, "not_met": 1})], ["met", "not_met"])
    met, not_met = chart.bars[0].segments
    assert (met.key, not_met.key) == ("met", "not_met")
    assert met.width == 3 * not_met.width


def test_the_svg_is_a_labelled_picture_whose_coordinates_are_never_localised():
    chart = column_chart([ChartRow(label="Q1 2024", value=Decimal("12.5"), value_text="12.5")])
    with translation.override("cy"):
        html = render_to_string(
            "components/chart.html", {"chart": chart, "title": "Calls", "id": "calls"}
        )
    svg = BeautifulSoup(html, "html.parser").svg
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "calls-title calls-description"
    assert svg.title.get_text() == "Calls"
    assert "," not in svg.rect["height"]


def test_the_chart_text_is_set_in_the_page_font_not_the_browser_default():
    scss = (Path(__file__).resolve().parents[3] / "frontend/scss/_porth.scss").read_text()
    rule = scss.split(".porth-chart__svg text {", 1)[1].split("}", 1)[0]
    assert "font-family: $govuk-font-family" in rule


def _svg(chart, **context):
    html = render_to_string("components/chart.html", {"chart": chart, "id": "c", **context})
    return BeautifulSoup(html, "html.parser").svg


def test_a_column_chart_draws_a_column_and_value_for_each_figure_and_labels_every_period():
    svg = _svg(column_chart(_rows()), title="Calls")

    assert len(svg.find_all("rect")) == 2  # Q2 has no figure: its place, but no column
    values = svg.find_all("text", class_="porth-chart__value")
    assert [text.get_text() for text in values] == ["50%", "100%"]
    labels = svg.find_all("text", class_="porth-chart__label--secondary")
    assert [text.get_text() for text in labels] == ["2024"] * 3
    assert svg.line["y1"] == svg.line["y2"] == "200"


def test_bar_and_stacked_charts_draw_a_bar_for_each_row_and_a_segment_for_each_share():
    bars = _svg(bar_chart(_rows()), title="Bodies")
    stacked = _svg(
        stacked_bar_chart([("2024", {"yes": 3, "no": 1}), ("2025", {"no": 2})], ["yes", "no"]),
        title="Answers",
    )

    assert len(bars.find_all("rect")) == 3
    assert bars.find_all("text")[0]["x"] == "232"  # right-aligned 8 before the bars
    assert [rect["class"][-1] for rect in stacked.find_all("rect")] == [
        "porth-chart__bar--yes",
        "porth-chart__bar--no",
        "porth-chart__bar--no",
    ]


def test_every_text_in_the_svg_is_escaped_and_a_given_description_replaces_the_default():
    rows = [ChartRow(label="<b>Q1</b> 2024", value=Decimal("1"), value_text="1 & <2>")]

    svg = _svg(column_chart(rows), title="Calls & <script>", description="Made by <i>us</i>")
    plain = _svg(column_chart(rows), title="Calls")

    assert svg.title.get_text() == "Calls & <script>"
    assert svg.desc.get_text() == "Made by <i>us</i>"
    assert svg.find("script") is None and svg.find("b") is None and svg.find("i") is None
    assert svg.find("text", class_="porth-chart__value").get_text() == "1 & <2>"
    assert plain.desc.get_text() == "The same numbers are in the table that follows the chart."


def test_a_title_made_by_blocktranslate_is_escaped_once_as_the_page_would_escape_it():
    chart = column_chart(_rows())
    template = engines["django"].from_string(
        "{% load i18n %}{% blocktranslate trimmed with measure=name asvar title %}"
        "Bar chart of {{ measure }}{% endblocktranslate %}"
        '{% include "components/chart.html" with chart=chart title=title id="c" only %}'
    )

    svg = BeautifulSoup(template.render({"chart": chart, "name": "Calls & visits"}), "html.parser")

    assert svg.title.get_text() == "Bar chart of Calls & visits"
