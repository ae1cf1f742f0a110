"""Every API list (and a service) costs a fixed number of queries, however much data there is:
30 services with figures, products, partners and bodies' own measures cost what 3 do."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models.signals import pre_init
from django.test.utils import CaptureQueriesContext

from porth.organisations.tests.factories import OrganisationFactory
from porth.register.actions import define_measure, record_metric_value
from porth.register.models import Measure, Service, TechnologyProduct

from .factories import make_service

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/services/",
    "/api/v1/services/?q=pothole&sort=name",
    "/api/v1/services/{public_id}/",
    "/api/v1/metrics/",
    "/api/v1/metrics/?measure=user-satisfaction&period_type=month",
    "/api/v1/organisations/",
    "/api/v1/service-areas/",
    "/api/v1/technology/",
    "/api/v1/measures/",
]


def add_services(count: int) -> Service:
    """`count` more services, each of its own body, with a product, a partner and figures for
    two shared measures and one of the body's own."""
    shared = list(Measure.objects.filter(organisation__isnull=True).order_by("code")[:2])
    for _ in range(count):
        body = OrganisationFactory()
        product = TechnologyProduct.objects.create(name=f"Product for {body.slug}")
        service = make_service(
            body,
            technology=[product],
            partner_organisations=[OrganisationFactory()],
            channels={"online": True, "phone": False, "email": True},
        )
        own = define_measure(organisation=body, name_en="Calls", name_cy="Galwadau", unit="count")
        for measure in [*shared, own]:
            for month in (1, 2):
                record_metric_value(
                    service=service,
                    measure=measure,
                    period_type="month",
                    period_start=datetime.date(2025, month, 1),
                    value=Decimal(month * 10),
                    recorded_by=None,
                )
    return service


def count_queries(client, service: Service) -> dict[str, int]:
    counts = {}
    for path in PATHS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path.format(public_id=service.public_id))
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_each_api_answer_costs_the_same_queries_for_3_or_30_services(client) -> None:
    small = count_queries(client, add_services(3))
    large = count_queries(client, add_services(27))

    assert large == small


@pytest.mark.parametrize("path", ["/api/v1/services/", "/api/v1/services/{public_id}/"])
def test_a_services_partners_groups_channels_and_products_are_read_as_values(client, path):
    """No model instance (nor related manager) for each partner, group, channel and product
    of a page of services: they cost more than the services themselves (ADR 0063)."""
    service = add_services(2)
    built = []

    def count(sender, **_kwargs):
        built.append(sender.__name__)

    pre_init.connect(count)
    try:
        response = client.get(path.format(public_id=service.public_id))
    finally:
        pre_init.disconnect(count)

    answer = response.json()
    one = answer["results"][-1] if "results" in answer else answer
    assert one["public_id"] == service.public_id
    assert len(one["partner_organisations"]) == len(one["technology"]) == 1
    assert [channel["code"] for channel in one["channels"]] == ["online", "phone", "email"]
    assert one["users_served"]
    assert not {"ServiceChannel", "TechnologyProduct", "UserGroup"} & set(built)
    if "results" not in answer:  # (a list also reads every body for its filters' choices)
        assert built.count("Organisation") == 1  # the service's own body, not its partner
