"""Forms of the register. Import them from here: `from porth.register.forms import …`."""

from .figures import MetricValueForm
from .filters import ServiceFilterForm
from .imports import ImportChoicesForm, ImportForm
from .mapping import ImportMappingForm
from .service_areas import ServiceAreaForm
from .service_steps import (
    SERVICE_STEPS,
    STEPS_BY_SLUG,
    AreaForm,
    ChannelsForm,
    NameForm,
    OnlineStepsForm,
    OwnerForm,
    PartnersForm,
    PhaseForm,
    RetireForm,
    StepForm,
    SummaryRow,
    TechnologyForm,
)

__all__ = [
    "SERVICE_STEPS",
    "STEPS_BY_SLUG",
    "AreaForm",
    "ChannelsForm",
    "ImportChoicesForm",
    "ImportForm",
    "ImportMappingForm",
    "MetricValueForm",
    "NameForm",
    "OnlineStepsForm",
    "OwnerForm",
    "PartnersForm",
    "PhaseForm",
    "RetireForm",
    "ServiceAreaForm",
    "ServiceFilterForm",
    "StepForm",
    "SummaryRow",
    "TechnologyForm",
]
