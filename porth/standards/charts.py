"""Geometry for the app's charts, drawn as inline SVG by the templates.

Drawn on the server so they work without JavaScript and print; colours come from classes in
standards.css (the content security policy forbids style attributes). Every page that shows a
chart shows the same numbers in a table next to it.
"""

from dataclasses import dataclass

from .models import RAG, Rating
from .queries import StandardProgress

WIDTH = 640
LABEL_WIDTH = 48
BAR_WIDTH = WIDTH - LABEL_WIDTH - 8
ROW_HEIGHT = 28
BAR_HEIGHT = 18
UNANSWERED = "unanswered"
RATING_ORDER = [*Rating.values, UNANSWERED]
RAG_ORDER = RAG.values


@dataclass(frozen=True)
class Segment:
    key: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    text_y: int
    segments: list[Segment]


@dataclass(frozen=True)
class StackedBarChart:
    width: int
    height: int
    label_width: int
    bars: list[Bar]


def stacked_bars(rows: list[tuple[str, dict[str, int]]], order: list[str]) -> StackedBarChart:
    """One full-width bar per row, split in `order` by each key's share of the row's total."""
    bars = []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts.get(key, 0) for key in order)
        x = float(LABEL_WIDTH)
        segments = []
        for key in order:
            if not total or not counts.get(key):
                continue
            width = BAR_WIDTH * counts[key] / total
            segments.append(
                Segment(key=key, x=round(x, 2), width=round(width, 2), count=counts[key])
            )
            x += width
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        bars.append(Bar(label=label, y=y, text_y=y + BAR_HEIGHT - 4, segments=segments))
    return StackedBarChart(
        width=WIDTH, height=len(rows) * ROW_HEIGHT, label_width=LABEL_WIDTH, bars=bars
    )


def rating_chart(progress: list[StandardProgress]) -> StackedBarChart:
    """A self-assessment: each standard's criteria by how they were answered."""
    rows = []
    for item in progress:
        counts = dict(item.counts)
        counts[UNANSWERED] = len(item.criteria) - item.answered_count
        rows.append((str(item.standard.number), counts))
    return stacked_bars(rows, RATING_ORDER)


def outcome_chart(per_standard: dict[int, dict[str, int]]) -> StackedBarChart:
    """Published reviews: each standard's green, amber and red outcomes."""
    return stacked_bars([(str(n), per_standard[n]) for n in sorted(per_standard)], RAG_ORDER)


def coverage_chart(numbers: dict) -> StackedBarChart:
    """Services self-assessed (row 1) and reviewed (row 2), against all current services."""
    rows = [
        (str(row), {"yes": numbers[key], "no": numbers["services"] - numbers[key]})
        for row, key in ((1, "self_assessed"), (2, "reviewed"))
    ]
    return stacked_bars(rows, ["yes", "no"])
