"""The service register's tables. Import models from here: `from porth.register.models import …`.

- `choices`: fixed lists (phases, channels, units …)
- `reference`: shared lists services point at (service areas, user groups, technology)
- `service`: the service record, its phases and channels, and the ID counter
- `metrics`: measures and the figures reported against them
- `periods`: the periods a figure can cover (month, quarter, financial or calendar year)
- `history`: the change log shown on each service page
- `imports`: spreadsheets of services or figures uploaded by a body
"""

from .choices import (
    ChangeKind,
    Channel,
    Hosting,
    PeriodType,
    Phase,
    ServiceStep,
    StepsInWelsh,
    TeamRole,
    TechnologyCategory,
    Unit,
    UserGroupCode,
    WelshAvailability,
    codes,
)
from .history import ServiceChange
from .imports import ImportKind, ImportMapping, ImportStatus, SpreadsheetImport
from .metrics import (
    STALE_AFTER_MONTHS,
    Measure,
    MetricValue,
    add_months,
    figure_errors,
    months_in,
    period_end,
    stale_cutoff,
    value_errors,
)
from .periods import check_period, per_month, start_of_period
from .reference import ServiceArea, TechnologyProduct, UserGroup
from .service import (
    NameWord,
    PhaseChange,
    Service,
    ServiceChannel,
    ServiceIdCounter,
    fold_for_search,
    format_public_id,
    summarise_steps_in_welsh,
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
    "NameWord",
    "PeriodType",
    "Phase",
    "PhaseChange",
    "Service",
    "ServiceArea",
    "ServiceChange",
    "ServiceChannel",
    "ServiceIdCounter",
    "ServiceStep",
    "SpreadsheetImport",
    "StepsInWelsh",
    "TeamRole",
    "TechnologyCategory",
    "TechnologyProduct",
    "Unit",
    "UserGroup",
    "UserGroupCode",
    "WelshAvailability",
    "add_months",
    "check_period",
    "codes",
    "figure_errors",
    "fold_for_search",
    "format_public_id",
    "months_in",
    "per_month",
    "period_end",
    "stale_cutoff",
    "start_of_period",
    "summarise_steps_in_welsh",
    "summarise_welsh_availability",
    "value_errors",
]
