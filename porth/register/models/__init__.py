"""The service register's tables. Import models from here: `from porth.register.models import …`.

- `choices`: fixed lists (phases, channels, units …)
- `reference`: shared lists services point at (service areas, user groups, technology)
- `service`: the service record, its phases and channels, and the ID counter
- `metrics`: measures and the figures reported against them
- `history`: the change log shown on each service page
- `imports`: spreadsheets of services or figures uploaded by a body
"""

from .choices import (
    ChangeKind,
    Channel,
    Hosting,
    OnlineStep,
    PeriodType,
    Phase,
    TeamRole,
    TechnologyCategory,
    Unit,
    UserGroupCode,
    WelshAvailability,
)
from .history import ServiceChange
from .imports import ImportKind, ImportMapping, ImportStatus, SpreadsheetImport
from .metrics import (
    STALE_AFTER_MONTHS,
    Measure,
    MetricValue,
    add_months,
    months_in,
    stale_cutoff,
    value_errors,
)
from .reference import ServiceArea, TechnologyProduct, UserGroup
from .service import (
    PhaseChange,
    Service,
    ServiceChannel,
    ServiceIdCounter,
    fold_for_search,
    format_public_id,
    summarise_welsh_availability,
)

__all__ = [
    "STALE_AFTER_MONTHS",
    "ChangeKind",
    "Channel",
    "Hosting",
    "ImportKind",
    "ImportMapping",
    "ImportStatus",
    "Measure",
    "MetricValue",
    "OnlineStep",
    "PeriodType",
    "Phase",
    "PhaseChange",
    "Service",
    "ServiceArea",
    "ServiceChange",
    "ServiceChannel",
    "ServiceIdCounter",
    "SpreadsheetImport",
    "TeamRole",
    "TechnologyCategory",
    "TechnologyProduct",
    "Unit",
    "UserGroup",
    "UserGroupCode",
    "WelshAvailability",
    "add_months",
    "fold_for_search",
    "format_public_id",
    "months_in",
    "stale_cutoff",
    "summarise_welsh_availability",
    "value_errors",
]
