"""Bar charts drawn on the server as SVG, so they work without JavaScript.

Each chart is shown with a table of the same figures (docs/architecture.md §4); the SVG is a
picture for sighted readers and is labelled as such (role="img" with an aria-label naming the
table).
"""

from dataclasses import dataclass

from .formatting import format_value, short_period_label
from .models import MetricValue, Unit

WIDTH = 600
HEIGHT = 240
TOP = 24  # room for the value above the tallest bar
BOTTOM = 40  # room for two lines of period label
SIDE = 8


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    value_y: float
    value_text: str
    label_top: str
    label_bottom: str


@dataclass
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]

    @property
    def label_y(self) -> tuple[float, float]:
        """Where the two lines of period label sit under the bars."""
        return self.baseline + 16, self.baseline + 30


def bar_chart(figures: list[MetricValue], unit: str) -> BarChart:
    """One bar per period; a period without a figure keeps its place but has no bar."""
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    # Percentages are drawn against 100 so a small change does not look like a big one.
    largest = (
        100
        if unit == Unit.PERCENT
        else max((f.value for f in figures if f.value is not None), default=0) or 1
    )
    slot = (WIDTH - 2 * SIDE) / max(len(figures), 1)
    bars = []
    for index, figure in enumerate(figures):
        height = float(figure.value / largest) * plot_height if figure.value is not None else 0
        label = short_period_label(figure.period_type, figure.period_start)
        top, _space, bottom = label.rpartition(" ")
        left = SIDE + index * slot
        bars.append(
            Bar(
                x=round(left + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                centre=round(left + slot / 2, 1),
                value_y=round(baseline - height - 6, 1),
                value_text=format_value(figure.value, unit),
                label_top=top,
                label_bottom=bottom,
            )
        )
    return BarChart(width=WIDTH, height=HEIGHT, baseline=baseline, bars=bars)
