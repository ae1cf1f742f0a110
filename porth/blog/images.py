"""Simple lead images for the demo posts, drawn with Pillow so no picture files are stored.

Each shows a number from the post as shapes (three councils as three circles, 22 local
authorities as 22 squares); its alternative text in each language says so.
"""

import io
import math

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 540
BACKGROUND = (243, 242, 241)
COLOURS = [(29, 112, 184), (0, 112, 60), (212, 53, 28), (77, 41, 118), (244, 119, 56)]


def draw(kind: str, count: int = 0, values: list[int] | None = None) -> bytes:
    """A PNG of `count` shapes of `kind` (circles, squares, tiles, shapes) or of bars."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    if kind == "bars":
        values = values or []
        top = max(values) if values else 1
        bar = WIDTH // (2 * len(values) + 1)
        for index, value in enumerate(values):
            x = bar * (2 * index + 1)
            height = int((HEIGHT - 80) * value / top)
            pen.rectangle([x, HEIGHT - 40 - height, x + bar, HEIGHT - 40], fill=COLOURS[index])
    elif kind == "circles":
        radius = min(WIDTH // (count + 1), HEIGHT // 3)
        for index in range(count):
            x = WIDTH * (index + 1) // (count + 1)
            pen.ellipse(
                [x - radius, HEIGHT // 2 - radius, x + radius, HEIGHT // 2 + radius],
                outline=COLOURS[index % len(COLOURS)],
                width=12,
            )
    elif kind == "shapes":
        size = WIDTH // 6
        y = HEIGHT // 2
        pen.ellipse(
            [size - size // 2, y - size // 2, size + size // 2, y + size // 2], fill=COLOURS[0]
        )
        x = WIDTH // 2
        pen.rectangle([x - size // 2, y - size // 2, x + size // 2, y + size // 2], fill=COLOURS[1])
        x = WIDTH - size
        pen.polygon(
            [(x, y - size // 2), (x - size // 2, y + size // 2), (x + size // 2, y + size // 2)],
            fill=COLOURS[2],
        )
    else:  # squares and tiles: a grid
        columns = math.ceil(math.sqrt(count * WIDTH / HEIGHT))
        rows = math.ceil(count / columns)
        cell = min(WIDTH // (columns + 1), HEIGHT // (rows + 1))
        for index in range(count):
            row, column = divmod(index, columns)
            x = (WIDTH - columns * cell) // 2 + column * cell
            y = (HEIGHT - rows * cell) // 2 + row * cell
            colour = COLOURS[(index if kind == "tiles" else 0) % len(COLOURS)]
            pen.rectangle([x + 6, y + 6, x + cell - 6, y + cell - 6], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
