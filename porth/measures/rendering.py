"""Dashboard tiles drawn once and kept, keyed by what they show (ADR 0060).

Reading the snapshots takes two queries; drawing 21 tiles (a chart, a table of 12 months and a
breakdown each) took most of the dashboard's time. So each tile's HTML is kept in the shared
cache under a key made of everything it shows: the measure's text, its reading, its history,
its target and when it was worked out, the filters, the view (public or centre), the page's
language, and the release that draws it (porth.core.release: its code, templates and
translations, ADR 0077). Taking a snapshot or setting a
target changes what a tile shows, so it changes the key: there is no invalidation to get
wrong, on any number of web processes, and a tile read live (a measure with no snapshot, or a
body type *and* a region) is kept only under the figures it was read with.

The tiles of one page are looked up in one round trip (`get_many`). If the cache cannot be
reached, the tiles are drawn as before.
"""

import hashlib
import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.template import loader
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from porth.core import release
from porth.core.measures import Measure

from .charts import history_chart
from .queries import Tile

logger = logging.getLogger(__name__)

TILE_TEMPLATE = "measures/includes/tile.html"
KEEP_SECONDS = 24 * 60 * 60
"""How long a drawn tile is kept unused: the key already says when it is out of date, so this
only bounds what the cache holds."""
KEY_PREFIX = "porth:measures:tile:"


def _measure_text(measure: Measure) -> tuple:
    """The measure as a tile shows it (not its functions, whose repr changes by process)."""
    return (
        measure.key,
        measure.name_en,
        measure.name_cy,
        measure.definition_en,
        measure.definition_cy,
        measure.unit,
        measure.direction,
        measure.public,
        measure.is_available,
        measure.coverage_en,
        measure.coverage_cy,
        measure.unavailable_en,
        measure.unavailable_cy,
    )


def tile_key(tile: Tile, *, centre: bool, detail: bool, language: str) -> str:
    """The cache key of a tile drawn with these figures, in this view and language."""
    shown = (
        release.fingerprint(),
        language,
        centre,
        detail,
        _measure_text(tile.measure),
        tile.filters,
        tile.reading,
        # To the minute, as the tile shows it: a live reading is "updated" now.
        tile.updated_at.replace(second=0, microsecond=0) if tile.updated_at else None,
        tile.target,
        tile.suppressed,
        tuple((point.on, point.reading, point.suppressed) for point in tile.history),
    )
    return KEY_PREFIX + hashlib.sha256(repr(shown).encode()).hexdigest()


def draw(tile: Tile, *, centre: bool, detail: bool) -> SafeString:
    """One tile's HTML, drawn now."""
    return mark_safe(  # the template's own output, escaped as it was drawn
        loader.render_to_string(
            TILE_TEMPLATE,
            {
                "tile": tile,
                "chart": history_chart(tile),
                "centre": centre,
                "query": tile.filters.query,
                "detail": detail,
            },
        )
    )


def drawn_tiles(tiles: Sequence[Tile], *, centre: bool, detail: bool = False) -> list[SafeString]:
    """Each tile's HTML, in order: kept ones from the cache (one round trip), the others drawn
    and kept."""
    language = get_language() or settings.LANGUAGE_CODE
    keys = [tile_key(tile, centre=centre, detail=detail, language=language) for tile in tiles]
    try:
        kept = cache.get_many(keys)
    except Exception:  # a cache that cannot be reached keeps nothing: draw every tile
        logger.exception("Could not read the kept dashboard tiles")
        kept = {}
    drawn: dict[str, str] = {}
    result = []
    for key, tile in zip(keys, tiles, strict=True):
        html = kept.get(key)
        if html is None:
            html = drawn[key] = draw(tile, centre=centre, detail=detail)
        result.append(mark_safe(html))  # as drawn above, or kept from there
    if drawn:
        try:
            cache.set_many({key: str(html) for key, html in drawn.items()}, KEEP_SECONDS)
        except Exception:
            logger.exception("Could not keep the dashboard tiles")
    return result
