"""Which whole-register downloads have a stored copy to serve."""

from collections.abc import Iterable

from porth.core import stored_files

from ..formats import FORMATS, stored_download_name


def downloads_not_stored(names: Iterable[str]) -> tuple[str, ...]:
    """The downloads of `names` that lack a stored copy in at least one format: never built on
    this database, or their file is gone from storage. A start-up or a restore asks for these
    alone, not for every download again (ADR 0075)."""
    return tuple(
        name
        for name in names
        if not all(
            stored_files.is_stored(stored_download_name(name, file_format))
            for file_format in FORMATS
        )
    )
