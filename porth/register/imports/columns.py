"""Which columns an import reads, and how a file's column names are matched to them.

The columns are the downloads' own, declared in the register's description of a service
(`porth.register.description`, which open data's downloads also use), so a download can be
imported again as it is: the columns an import does not read there (names of codes, the
organisation's type, when a row was last updated …) are recognised and ignored. A column name
may be the code (`name_en`), the English or the Welsh label ("Name (English)", "Enw
(Saesneg)") or the download's two-language header, in any case and with stray spaces.
"""

import re
from dataclasses import dataclass

from ..description import (
    METRIC_COLUMNS,
    METRIC_IMPORT_REQUIRED,
    PRIVATE_COLUMNS,
    SERVICE_COLUMNS,
    SERVICE_IMPORT_REQUIRED,
    Column,
)
from ..models import ImportKind
from .problems import FileRefused


@dataclass(frozen=True)
class ImportColumn:
    column: Column
    required: bool = False

    @property
    def code(self) -> str:
        return self.column.code

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.column.aliases


def _read(
    columns: list[Column], required: set[str], first: tuple[str, ...] = ()
) -> list[ImportColumn]:
    """The columns an import reads, those in `first` (which say whose row it is) first."""
    read = [column for column in columns if column.imported]
    read.sort(key=lambda column: first.index(column.code) if column.code in first else len(first))
    return [ImportColumn(column, required=column.code in required) for column in read]


SERVICE_IMPORT_COLUMNS = _read(
    SERVICE_COLUMNS + PRIVATE_COLUMNS, SERVICE_IMPORT_REQUIRED, first=("public_id", "organisation")
)
METRIC_IMPORT_COLUMNS = _read(METRIC_COLUMNS, METRIC_IMPORT_REQUIRED)

IMPORT_COLUMNS = {
    ImportKind.SERVICES: SERVICE_IMPORT_COLUMNS,
    ImportKind.METRICS: METRIC_IMPORT_COLUMNS,
}
# Columns of the downloads that an import recognises and leaves alone.
DOWNLOAD_ONLY = {
    ImportKind.SERVICES: [c for c in SERVICE_COLUMNS if not c.imported],
    ImportKind.METRICS: [c for c in METRIC_COLUMNS if not c.imported],
}


def normalise(header: str) -> str:
    return re.sub(r"\s+", " ", str(header or "").replace("\ufeff", "")).strip().casefold()


def _names(column: Column, aliases: tuple[str, ...] = ()) -> set[str]:
    english, welsh = column.label_in("en"), column.label_in("cy")
    return {normalise(name) for name in (column.code, english, welsh, column.header, *aliases)}


def match_headers(kind: str, headers: list[str]) -> dict[str, int]:
    """{column code: position} for the columns this kind of import reads.

    Refuses the file when a required column is missing or a column appears twice; columns it
    does not know are ignored (see `unknown_headers`).
    """
    names: dict[str, str] = {}
    for spec in IMPORT_COLUMNS[kind]:
        for name in _names(spec.column, spec.aliases):
            names[name] = spec.code
    positions: dict[str, int] = {}
    for position, header in enumerate(headers):
        code = names.get(normalise(header))
        if code is None:
            continue
        if code in positions:
            raise FileRefused("duplicate_column", value=str(header).strip())
        positions[code] = position
    missing = [
        spec.code for spec in IMPORT_COLUMNS[kind] if spec.required and spec.code not in positions
    ]
    if missing:
        raise FileRefused("missing_columns", columns=missing)
    return positions


def recognise(kind: str, header: str) -> str | None:
    """The code of the column this kind of import reads under that name, if any."""
    name = normalise(header)
    for spec in IMPORT_COLUMNS[kind]:
        if name in _names(spec.column, spec.aliases):
            return spec.code
    return None


def unknown_headers(kind: str, headers: list[str]) -> list[str]:
    """Column names the import neither reads nor recognises from a download: shown in the
    preview so a misspelt optional column does not go unnoticed."""
    known: set[str] = set()
    for spec in IMPORT_COLUMNS[kind]:
        known |= _names(spec.column, spec.aliases)
    for column in DOWNLOAD_ONLY[kind]:
        known |= _names(column)
    return [str(h).strip() for h in headers if normalise(h) and normalise(h) not in known]


def template_headers(kind: str, language: str) -> list[str]:
    """The column names of a blank template, in one language."""
    return [spec.column.label_in(language) for spec in IMPORT_COLUMNS[kind]]
