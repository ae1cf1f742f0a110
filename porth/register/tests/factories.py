"""Factories for register tests. Services get a real public ID from the counter."""

import datetime
from decimal import Decimal

import factory

from porth.organisations.tests.factories import OrganisationFactory
from porth.register.models import (
    Measure,
    MetricValue,
    PeriodType,
    Phase,
    Service,
    ServiceArea,
    ServiceIdCounter,
    TechnologyCategory,
    TechnologyProduct,
    format_public_id,
)


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")
    name_cy = factory.Sequence(lambda n: f"Maes {n}")


class TechnologyProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechnologyProduct

    name = factory.Sequence(lambda n: f"Product {n}")
    supplier = "Example Ltd"
    category = TechnologyCategory.FORMS


class ServiceFactory(factory.django.DjangoModelFactory):
    """A live service; use `porth.register.actions.create_service` when history matters."""

    class Meta:
        model = Service

    public_id = factory.LazyFunction(lambda: format_public_id(ServiceIdCounter.allocate()[0]))
    organisation = factory.SubFactory(OrganisationFactory)
    name_en = factory.Sequence(lambda n: f"Apply for a permit {n}")
    name_cy = factory.Sequence(lambda n: f"Gwneud cais am drwydded {n}")
    description_en = "Apply for a permit online."
    description_cy = "Gwneud cais am drwydded ar-lein."
    service_area = factory.LazyFunction(lambda: ServiceArea.objects.get(code="housing"))
    phase = Phase.LIVE
    phase_since = datetime.date(2024, 1, 1)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    code = factory.Sequence(lambda n: f"measure-{n}")
    name_en = factory.Sequence(lambda n: f"Measure {n}")
    name_cy = factory.Sequence(lambda n: f"Mesur {n}")
    unit = "count"


class MetricValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetricValue

    service = factory.SubFactory(ServiceFactory)
    measure = factory.LazyFunction(lambda: Measure.objects.get(code="user-satisfaction"))
    period_type = PeriodType.MONTH
    period_start = datetime.date(2025, 1, 1)
    value = Decimal("80")
