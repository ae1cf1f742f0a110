import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from porth.register.models import (
    Measure,
    MetricValue,
    PeriodType,
    ServiceArea,
    ServiceIdCounter,
    UserGroup,
    fold_for_search,
    stale_cutoff,
    summarise_welsh_availability,
)

from .factories import MetricValueFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_sixteen_service_areas_are_seeded_in_both_languages():
    assert ServiceArea.objects.count() == 16
    assert ServiceArea.objects.get(code="waste-recycling").name_cy == "Gwastraff ac ailgylchu"


def test_the_four_kpis_and_channel_measures_are_seeded():
    kpis = set(Measure.objects.filter(is_kpi=True).values_list("code", flat=True))
    assert kpis == {
        "cost-per-transaction",
        "user-satisfaction",
        "completion-rate",
        "digital-take-up",
    }
    assert Measure.objects.exclude(channel="").count() == 7  # "other" since ADR 0046
    assert Measure.objects.filter(code="transactions-in-welsh").exists()
    assert UserGroup.objects.count() == 5


def test_service_numbers_are_allocated_in_order_and_never_reused():
    first = ServiceIdCounter.allocate()
    block = ServiceIdCounter.allocate(3)
    assert list(block) == [first[0] + 1, first[0] + 2, first[0] + 3]


def test_a_service_is_searchable_without_accents():
    service = ServiceFactory(name_en="Water", name_cy="Dŵr Cymru")
    assert "dwr cymru" in service.search_document
    assert fold_for_search("YSGOL Ŷ") == "ysgol y"


def test_a_retired_service_needs_a_retirement_date():
    service = ServiceFactory()
    service.is_retired = True
    with pytest.raises(IntegrityError), transaction.atomic():
        service.save()


@pytest.mark.parametrize(
    ("channels", "summary"),
    [
        ([], "unknown"),
        ([("online", True), ("phone", True)], "all"),
        ([("online", True), ("phone", False)], "some"),
        ([("online", False)], "none"),
    ],
)
def test_welsh_availability_is_summarised_from_the_channels(channels, summary):
    assert summarise_welsh_availability(channels) == summary


def test_a_percentage_over_100_is_refused_in_words_and_by_the_database():
    value = MetricValueFactory.build(service=ServiceFactory(), value=Decimal("101"))
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert "between 0 and 100" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        value.save()


def test_a_negative_count_is_refused_by_the_database():
    measure = Measure.objects.get(code="transactions-online")
    with pytest.raises(IntegrityError), transaction.atomic():
        MetricValueFactory(measure=measure, value=Decimal("-1"))


def test_a_count_must_be_a_whole_number():
    measure = Measure.objects.get(code="transactions-online")
    value = MetricValueFactory.build(
        service=ServiceFactory(), measure=measure, value=Decimal("1.5")
    )
    with pytest.raises(ValidationError, match="whole number"):
        value.full_clean()


def test_a_figure_needs_a_value_or_a_reason_but_not_both():
    service = ServiceFactory()
    neither = MetricValueFactory.build(service=service, value=None)
    with pytest.raises(ValidationError, match="say why"):
        neither.full_clean()
    both = MetricValueFactory.build(service=service, not_provided_reason="Not collected")
    with pytest.raises(ValidationError, match="not both"):
        both.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        neither.save()


def test_a_quarter_must_start_at_the_start_of_a_quarter():
    value = MetricValueFactory.build(
        service=ServiceFactory(),
        period_type=PeriodType.QUARTER,
        period_start=datetime.date(2025, 2, 1),
    )
    with pytest.raises(ValidationError, match="1 January, 1 April, 1 July or 1 October"):
        value.full_clean()


def test_one_figure_per_service_measure_and_period():
    first = MetricValueFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MetricValueFactory(service=first.service)


@pytest.mark.parametrize(
    ("period_type", "period_start", "today", "stale"),
    [
        (PeriodType.MONTH, datetime.date(2025, 1, 1), datetime.date(2025, 7, 31), False),
        (PeriodType.MONTH, datetime.date(2025, 1, 1), datetime.date(2025, 8, 1), True),
        (PeriodType.QUARTER, datetime.date(2025, 1, 1), datetime.date(2025, 9, 30), False),
        (PeriodType.QUARTER, datetime.date(2025, 1, 1), datetime.date(2025, 10, 1), True),
    ],
)
def test_a_figure_is_stale_six_months_after_its_period_ends(
    period_type, period_start, today, stale, monkeypatch
):
    value = MetricValueFactory(period_type=period_type, period_start=period_start)
    monkeypatch.setattr("porth.register.models.metrics.timezone.localdate", lambda: today)
    assert value.is_stale is stale
    assert MetricValue.objects.stale(today).filter(pk=value.pk).exists() is stale
    assert stale_cutoff(today) < today
