"""A measure's history as a chart (porth/core/charts.py) and its table rows."""

from django.utils.formats import date_format

from porth.core.charts import ChartRow, ColumnChart, column_chart
from porth.core.measures import Unit

from .queries import Tile, format_value


def history_chart(tile: Tile) -> ColumnChart:
    """One column a month; a month with no figure (or one hidden) keeps its place, empty."""
    rows = [
        ChartRow(
            label=date_format(point.on, "M Y"),
            value=point.value,
            value_text=format_value(tile.measure, point.value),
        )
        for point in tile.history
    ]
    return column_chart(rows, scale_max=100 if tile.measure.unit == Unit.PERCENT else None)
