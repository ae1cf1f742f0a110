"""Every write to the register goes through these functions: `from porth.register import actions`.

Each one checks the rules, runs in one transaction, records who changed what in the service's
change log (`ServiceChange`) and keeps the denormalised fields on `Service` right. Imports and
the API call these too, so a change made anywhere appears in the service's history.
"""

from porth.core.edits import StaleEdit

from .batch import (
    EditedService,
    NewService,
    ServiceEdit,
    change_services,
    create_services,
    load_links,
)
from .figures import (
    Figure,
    InvalidFigure,
    InvalidFigures,
    MeasureNotAvailable,
    define_measure,
    record_figures,
    record_metric_value,
)
from .lists import find_or_add_product, save_service_area
from .services import (
    InvalidServiceDetails,
    PhaseDateInFuture,
    RetireInstead,
    ServiceDetails,
    ServiceIsRetired,
    create_service,
    mark_service_reviewed,
    record_phase,
    retire_service,
    update_service,
)

__all__ = [
    "EditedService",
    "Figure",
    "InvalidFigure",
    "InvalidFigures",
    "InvalidServiceDetails",
    "MeasureNotAvailable",
    "NewService",
    "PhaseDateInFuture",
    "RetireInstead",
    "ServiceDetails",
    "ServiceEdit",
    "ServiceIsRetired",
    "StaleEdit",
    "change_services",
    "create_service",
    "create_services",
    "define_measure",
    "find_or_add_product",
    "load_links",
    "mark_service_reviewed",
    "record_figures",
    "record_metric_value",
    "record_phase",
    "retire_service",
    "save_service_area",
    "update_service",
]
