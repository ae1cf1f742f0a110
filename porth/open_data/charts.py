"""Horizontal bar charts drawn on the server as SVG: no JavaScript, and each one is shown next
to a table of the same numbers (docs/architecture.md §4), which screen readers are pointed to."""

from dataclasses import dataclass

from django.utils.formats import number_format

WIDTH = 640
LABEL_WIDTH = 240
BAR_HEIGHT = 22
GAP = 8
VALUE_ROOM = 70


@dataclass
class Bar:
    label: str
    value_text: str
    y: float
    width: float
    text_y: float
    value_x: float


@dataclass
class BarChart:
    width: int
    height: int
    label_width: int
    bars: list[Bar]


def bar_chart(items: list[tuple[str, int]]) -> BarChart:
    """One bar per (label, count), longest count the full width; a zero keeps its row."""
    largest = max((count for _label, count in items), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for index, (label, count) in enumerate(items):
        top = GAP + index * (BAR_HEIGHT + GAP)
        width = round(room * count / largest, 1)
        bars.append(
            Bar(
                label=label if len(label) <= 34 else label[:33] + "…",
                value_text=number_format(count, force_grouping=True),
                y=top,
                width=width,
                text_y=top + BAR_HEIGHT * 0.7,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    return BarChart(
        width=WIDTH,
        height=GAP + len(items) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
        bars=bars,
    )
