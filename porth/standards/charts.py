"""Geometry for the summary's chart, drawn as inline SVG by the template.

Drawn on the server so it works without JavaScript and prints; colours come from classes in
standards.css (the content security policy forbids style attributes). The page always shows
the same numbers in a table next to it.
"""

from dataclasses import dataclass

from .models import Rating
from .queries import StandardProgress

WIDTH = 640
LABEL_WIDTH = 48
BAR_WIDTH = WIDTH - LABEL_WIDTH - 8
ROW_HEIGHT = 28
BAR_HEIGHT = 18
UNANSWERED = "unanswered"
SEGMENT_ORDER = [*Rating.values, UNANSWERED]


@dataclass(frozen=True)
class Segment:
    rating: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class Bar:
    number: int
    y: int
    text_y: int
    segments: list[Segment]


@dataclass(frozen=True)
class RatingChart:
    width: int
    height: int
    label_width: int
    bars: list[Bar]


def rating_chart(progress: list[StandardProgress]) -> RatingChart:
    """One bar per standard, split by how its criteria were answered, each bar full width."""
    bars = []
    for row, item in enumerate(progress):
        counts = dict(item.counts)
        counts[UNANSWERED] = len(item.criteria) - item.answered_count
        total = sum(counts.values())
        x = float(LABEL_WIDTH)
        segments = []
        for rating in SEGMENT_ORDER:
            if not total or not counts[rating]:
                continue
            width = BAR_WIDTH * counts[rating] / total
            segments.append(
                Segment(rating=rating, x=round(x, 2), width=round(width, 2), count=counts[rating])
            )
            x += width
        y = row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        bars.append(
            Bar(number=item.standard.number, y=y, text_y=y + BAR_HEIGHT - 4, segments=segments)
        )
    return RatingChart(
        width=WIDTH, height=len(progress) * ROW_HEIGHT, label_width=LABEL_WIDTH, bars=bars
    )
