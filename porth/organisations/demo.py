"""Seed the organisations: the Welsh public bodies in data/organisations.csv (see `manage.py seed`).

The same list serves production and demo sites, so `demo` changes nothing here.
"""

import csv
from collections.abc import Callable
from pathlib import Path

from porth.core.seeding import SeedOptions

from .actions import load_organisations

DEPENDS_ON: tuple[str, ...] = ()

# A copy of ../shared/data/organisations.csv lives in the repository, so a fresh clone can load
# the bodies without the shared folder; a test checks the copy still matches when both exist.
DATA_FILE = Path(__file__).resolve().parent / "data" / "organisations.csv"


def read_organisation_rows(file: Path = DATA_FILE) -> list[dict[str, str]]:
    """The rows of an organisations CSV (a byte-order mark from Excel is ignored)."""
    with file.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """Bring the organisations in line with the CSV; changes only what differs."""
    result = load_organisations(rows=read_organisation_rows())
    out(
        f"Organisations: {len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged."
    )
