"""Which columns an import reads, and how a file's column names are matched to them.

The columns are the open data download's own (`porth.open_data.columns`), so a download can be
imported again as it is: the columns an import does not read there (names of codes, the
organisation's type, when a row was last updated …) are recognised and ignored. A column name
may be the code (`name_en`), the English or the Welsh label ("Name (English)", "Enw
(Saesneg)") or the download's two-language header, in any case and with stray spaces.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from porth.open_data.columns import METRIC_COLUMNS, SERVICE_COLUMNS, Column

from ..models import ImportKind
from .problems import FileRefused

# The service owner's contact details are private, so downloads leave them out, but a body
# may import them.
OWNER_COLUMNS = [
    Column("owner_name", _("Service owner's name")),
    Column("owner_role", _("Service owner's role")),
    Column("owner_email", _("Service owner's email address")),
]


@dataclass(frozen=True)
class ImportColumn:
    column: Column
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return self.column.code


def _pick(columns: list[Column], codes: list[str]) -> dict[str, Column]:
    by_code = {column.code: column for column in columns}
    return {code: by_code[code] for code in codes}


_SERVICE = _pick(
    SERVICE_COLUMNS + OWNER_COLUMNS,
    [
        "public_id",
        "organisation",
        "name_en",
        "name_cy",
        "description_en",
        "description_cy",
        "url_en",
        "url_cy",
        "service_area",
        "users_served",
        "partner_organisations",
        "phase",
        "phase_since",
        "channels",
        "channels_in_welsh",
        "online_steps",
        "team_roles",
        "technology",
        "owner_name",
        "owner_role",
        "owner_email",
        "is_retired",
        "retired_on",
    ],
)
SERVICE_REQUIRED = {"name_en", "name_cy", "description_en", "description_cy", "service_area"}
SERVICE_IMPORT_COLUMNS = [
    ImportColumn(
        column,
        required=code in SERVICE_REQUIRED,
        aliases=("service_id",) if code == "public_id" else (),
    )
    for code, column in _SERVICE.items()
]

_METRIC = _pick(
    METRIC_COLUMNS,
    [
        "service",
        "measure",
        "period_type",
        "period_start",
        "value",
        "not_provided_reason",
        "source",
        "note",
    ],
)
METRIC_REQUIRED = {"service", "measure", "period_type", "period_start", "value"}
METRIC_IMPORT_COLUMNS = [
    ImportColumn(
        column,
        required=code in METRIC_REQUIRED,
        aliases=("service_id", "public_id") if code == "service" else (),
    )
    for code, column in _METRIC.items()
]

IMPORT_COLUMNS = {
    ImportKind.SERVICES: SERVICE_IMPORT_COLUMNS,
    ImportKind.METRICS: METRIC_IMPORT_COLUMNS,
}
# Columns of the downloads that an import recognises and leaves alone.
DOWNLOAD_ONLY = {
    ImportKind.SERVICES: [c for c in SERVICE_COLUMNS if c.code not in _SERVICE],
    ImportKind.METRICS: [c for c in METRIC_COLUMNS if c.code not in _METRIC],
}


def column_label(code: str) -> str:
    """A column's label in the reader's language, for problems and the preview."""
    for columns in IMPORT_COLUMNS.values():
        for spec in columns:
            if spec.code == code:
                return str(spec.column.label)
    return code


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
