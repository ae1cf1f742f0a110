"""Charts drawn on the server as inline SVG: no JavaScript, and they print (docs/architecture.md).

One module for every app: never copy it into an app. Apps turn their figures into `ChartRow`s
(or counts for stacked bars) and render `components/chart.html`; every chart is shown with a
table of the same numbers (`components/chart_table.html`, or the page's own table), and the
SVG is labelled as a picture of that table. Text in the SVG uses the page's font (the
`.porth-chart__svg text` rule in frontend/scss/_porth.scss), never the browser's serif default.
"""

from dataclasses import dataclass, field

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

WIDTH = 640
# Columns (one per period, time runs left to right)
COLUMN_HEIGHT = 240
COLUMN_TOP = 24  # room for the value above the tallest column
COLUMN_BOTTOM = 40  # room for two lines of label
COLUMN_SIDE = 8
# Bars (one per category, longest the full width)
BAR_LABEL_WIDTH = 240
BAR_HEIGHT = 22
BAR_GAP = 8
BAR_VALUE_ROOM = 70
BAR_LABEL_CHARACTERS = 34
# Stacked bars (one per row, split by share)
STACK_LABEL_WIDTH = 48
STACK_ROW_HEIGHT = 28
STACK_BAR_HEIGHT = 18


@dataclass(frozen=True)
class ChartRow:
    """One number of a chart and of its table: `value` None means no figure for the label."""

    label: str
    value: float | None
    value_text: str


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    centre: float
    value_y: float
    value_text: str
    label_top: str
    label_bottom: str


@dataclass(frozen=True)
class ColumnChart:
    rows: list[ChartRow]
    columns: list[Column]
    width: int = WIDTH
    height: int = COLUMN_HEIGHT
    baseline: float = COLUMN_HEIGHT - COLUMN_BOTTOM

    @property
    def label_y(self) -> tuple[float, float]:
        """Where the two lines of label sit under the columns."""
        return self.baseline + 16, self.baseline + 30


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: float
    width: float
    text_y: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    rows: list[ChartRow]
    bars: list[Bar]
    height: int
    width: int = WIDTH
    label_width: int = BAR_LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


@dataclass(frozen=True)
class Segment:
    key: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class StackedBar:
    label: str
    y: int
    text_y: int
    segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class StackedBarChart:
    bars: list[StackedBar]
    height: int
    width: int = WIDTH
    label_width: int = STACK_LABEL_WIDTH
    bar_height: int = STACK_BAR_HEIGHT


def column_chart(rows: list[ChartRow], *, scale_max: float | None = None) -> ColumnChart:
    """One column per row; a row without a value keeps its place but has no column.

    `scale_max` fixes the top of the scale (percentages against 100, so that a small change
    does not look like a big one); otherwise the largest value reaches the top. A label's last
    word goes on a second line ("Q1" over "2024").
    """
    baseline = COLUMN_HEIGHT - COLUMN_BOTTOM
    plot_height = baseline - COLUMN_TOP
    largest = scale_max or max((r.value for r in rows if r.value is not None), default=0) or 1
    slot = (WIDTH - 2 * COLUMN_SIDE) / max(len(rows), 1)
    columns = []
    for index, row in enumerate(rows):
        height = float(row.value) / float(largest) * plot_height if row.value is not None else 0
        top, _space, bottom = row.label.rpartition(" ")
        left = COLUMN_SIDE + index * slot
        columns.append(
            Column(
                x=round(left + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                centre=round(left + slot / 2, 1),
                value_y=round(baseline - height - 6, 1),
                value_text=row.value_text if row.value is not None else "",
                label_top=top,
                label_bottom=bottom,
            )
        )
    return ColumnChart(rows=rows, columns=columns, baseline=baseline)


def bar_chart(rows: list[ChartRow]) -> BarChart:
    """One horizontal bar per row, the largest value the full width; a zero keeps its row."""
    largest = max((r.value or 0 for r in rows), default=0) or 1
    room = WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_ROOM
    bars = []
    for index, row in enumerate(rows):
        top = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = round(room * float(row.value or 0) / float(largest), 1)
        label = row.label
        if len(label) > BAR_LABEL_CHARACTERS:
            label = label[: BAR_LABEL_CHARACTERS - 1] + "…"
        bars.append(
            Bar(
                label=label,
                value_text=row.value_text,
                y=top,
                width=width,
                text_y=round(top + BAR_HEIGHT * 0.7, 1),
                value_x=BAR_LABEL_WIDTH + width + 6,
            )
        )
    return BarChart(rows=rows, bars=bars, height=BAR_GAP + len(rows) * (BAR_HEIGHT + BAR_GAP))


def stacked_bar_chart(rows: list[tuple[str, dict[str, int]]], order: list[str]) -> StackedBarChart:
    """One full-width bar per row, split in `order` by each key's share of the row's total.

    Segments get the class `porth-chart__bar--<key>`, so the app's CSS colours them.
    """
    bar_room = WIDTH - STACK_LABEL_WIDTH - 8
    bars = []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts.get(key, 0) for key in order)
        x = float(STACK_LABEL_WIDTH)
        segments = []
        for key in order:
            if not total or not counts.get(key):
                continue
            width = bar_room * counts[key] / total
            segments.append(
                Segment(key=key, x=round(x, 2), width=round(width, 2), count=counts[key])
            )
            x += width
        y = index * STACK_ROW_HEIGHT + (STACK_ROW_HEIGHT - STACK_BAR_HEIGHT) // 2
        bars.append(
            StackedBar(label=label, y=y, text_y=y + STACK_BAR_HEIGHT - 4, segments=segments)
        )
    return StackedBarChart(bars=bars, height=len(rows) * STACK_ROW_HEIGHT)


def _text(value: str) -> str:
    """Text escaped for HTML unless it is marked safe already, as a template's autoescaping does
    (a title made by `{% blocktranslate … asvar %}` is)."""
    return conditional_escape(value)


def _n(value: float) -> str:
    """A coordinate as SVG wants it in every language: "12.5", never "12,5". Coordinates are
    rounded to a place or two, so `str` gives what Django's unlocalised number would; an
    exponent ("1e-05") goes the long way round."""
    text = str(value)
    return text if "e" not in text else localize(value, use_l10n=False)


def svg(
    chart: ColumnChart | BarChart | StackedBarChart, *, title: str, id: str, description: str = ""
) -> SafeString:
    """The chart as inline SVG, labelled by `title` and `description` (by default, that the
    same numbers are in the table after it). `components/chart.html` calls this.

    Written here rather than in a template: a page of figures draws a dozen charts of a dozen
    columns, and a template spent about 0.5 ms on each chart's few hundred variables, a tenth
    of a service page's time (ADR 0069). Every text is escaped."""
    # Our own catalogue's text goes in as it is, as `{% translate %}` puts it; a caller's is
    # escaped.
    said = (
        _text(description)
        if description
        else gettext("The same numbers are in the table that follows the chart.")
    )
    parts = [
        f'<svg class="porth-chart__svg" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {_n(chart.width)} {_n(chart.height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{_text(id)}-title {_text(id)}-description" focusable="false">',
        f'<title id="{_text(id)}-title">{_text(title)}</title>',
        f'<desc id="{_text(id)}-description">{said}</desc>',
    ]
    if isinstance(chart, ColumnChart):
        top, bottom = (_n(y) for y in chart.label_y)
        parts.append(
            f'<line x1="0" y1="{_n(chart.baseline)}" x2="{_n(chart.width)}" '
            f'y2="{_n(chart.baseline)}" class="porth-chart__axis"></line>'
        )
        for column in chart.columns:
            centre = _n(column.centre)
            if column.value_text:
                parts.append(
                    f'<rect class="porth-chart__bar" x="{_n(column.x)}" y="{_n(column.y)}" '
                    f'width="{_n(column.width)}" height="{_n(column.height)}"></rect>'
                    f'<text class="porth-chart__value" x="{centre}" y="{_n(column.value_y)}" '
                    f'text-anchor="middle">{_text(column.value_text)}</text>'
                )
            parts.append(
                f'<text class="porth-chart__label" x="{centre}" y="{top}" '
                f'text-anchor="middle">{_text(column.label_top)}</text>'
                f'<text class="porth-chart__label porth-chart__label--secondary" x="{centre}" '
                f'y="{bottom}" text-anchor="middle">{_text(column.label_bottom)}</text>'
            )
    elif isinstance(chart, BarChart):
        label_x = _n(chart.label_width - 8)
        for bar in chart.bars:
            parts.append(
                f'<text class="porth-chart__label" x="{label_x}" y="{_n(bar.text_y)}" '
                f'text-anchor="end">{_text(bar.label)}</text>'
                f'<rect class="porth-chart__bar" x="{_n(chart.label_width)}" y="{_n(bar.y)}" '
                f'width="{_n(bar.width)}" height="{_n(chart.bar_height)}"></rect>'
                f'<text class="porth-chart__value" x="{_n(bar.value_x)}" '
                f'y="{_n(bar.text_y)}">{_text(bar.value_text)}</text>'
            )
    else:
        label_x = _n(chart.label_width - 8)
        for bar in chart.bars:
            parts.append(
                f'<text class="porth-chart__label" x="{label_x}" y="{_n(bar.text_y)}" '
                f'text-anchor="end">{_text(bar.label)}</text>'
            )
            parts.extend(
                f'<rect class="porth-chart__bar porth-chart__bar--{_text(segment.key)}" '
                f'x="{_n(segment.x)}" y="{_n(bar.y)}" width="{_n(segment.width)}" '
                f'height="{_n(chart.bar_height)}"></rect>'
                for segment in bar.segments
            )
    parts.append("</svg>")
    return mark_safe("\n".join(parts))  # every value above is escaped
