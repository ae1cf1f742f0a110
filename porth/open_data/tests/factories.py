"""Services made through the register's own actions, so their derived fields and history are
what a real editor would leave behind."""

import datetime
from decimal import Decimal
from typing import Any

from porth.register import actions
from porth.register.actions import ServiceDetails
from porth.register.models import Measure, MetricValue, Phase, Service, ServiceArea

from ..actions import create_token
from ..models import TokenScope


def service_details(**overrides: Any) -> ServiceDetails:
    values: dict[str, Any] = {
        "name_en": "Report a pothole",
        "name_cy": "Adrodd am dwll yn y ffordd",
        "description_en": "Tell us about a pothole on a road or pavement.",
        "description_cy": "Rhowch wybod i ni am dwll mewn ffordd neu balmant.",
        "service_area": ServiceArea.objects.get(code="streets-highways"),
        "users_served": ["public"],
        "channels": {"online": True, "phone": False},
        "steps": [
            {"step": "apply", "online": True, "welsh": True},
            {"step": "track", "online": True, "welsh": False},
        ],
        "team_roles": ["design"],
        "owner_name": "Alys Owen",
        "owner_email": "alys.owen@example.gov.uk",
    }
    values.update(overrides)
    return ServiceDetails(**values)


def make_service(organisation, *, phase: str = Phase.LIVE, by=None, **overrides: Any) -> Service:
    return actions.create_service(
        organisation=organisation,
        details=service_details(**overrides),
        phase=phase,
        phase_from=datetime.date(2024, 4, 1),
        created_by=by,
    )


def record(
    service: Service,
    code: str,
    period_start: datetime.date,
    value: str | None,
    *,
    reason: str = "",
    by=None,
) -> MetricValue:
    return actions.record_metric_value(
        service=service,
        measure=Measure.objects.get(code=code, organisation__isnull=True),
        period_type="month",
        period_start=period_start,
        value=None if value is None else Decimal(value),
        not_provided_reason=reason,
        recorded_by=by,
    )


def token_for(person, **options: Any) -> str:
    """A fresh token's secret, as a program would send it: read and write, for every
    organisation the person belongs to, unless `options` say otherwise."""
    options.setdefault("scope", TokenScope.WRITE)
    return create_token(person=person, name="Test script", **options)[1]
