import datetime

import pytest
from django.db.models import Max

from porth.core.seeding import SeedOptions
from porth.organisations.models import OrganisationType
from porth.organisations.tests.factories import OrganisationFactory
from porth.register.demo import NoOrganisations, generate_demo_register, seed
from porth.register.models import (
    Measure,
    MetricValue,
    Phase,
    Service,
    ServiceChange,
    summarise_welsh_availability,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def bodies():
    return [
        OrganisationFactory(type=OrganisationType.PRINCIPAL_COUNCIL),
        OrganisationFactory(type=OrganisationType.LOCAL_HEALTH_BOARD),
        OrganisationFactory(type=OrganisationType.POLICE_FORCE),
    ]


def snapshot() -> list[tuple]:
    figures = {service_id: sorted(values) for service_id, values in _figures_by_service().items()}
    return [
        (s.name_en, s.organisation_id, s.phase, s.welsh_availability, tuple(figures.get(s.pk, [])))
        for s in Service.objects.order_by("public_id")
    ]


def _figures_by_service() -> dict[int, list]:
    result: dict[int, list] = {}
    for service_id, code, start, value in MetricValue.objects.values_list(
        "service_id", "measure__code", "period_start", "value"
    ):
        result.setdefault(service_id, []).append((code, start, value))
    return result


def test_the_demo_register_is_bilingual_and_spread_over_the_bodies(bodies):
    result = generate_demo_register(services=30, months=6, seed=3, today=TODAY)
    assert result.services == Service.objects.count() == 30
    assert result.figures == MetricValue.objects.count() > 0
    assert {s.organisation_id for s in Service.objects.all()} == {b.pk for b in bodies}
    council_names = set(
        Service.objects.filter(organisation=bodies[0]).values_list("name_cy", flat=True)
    )
    assert "Talu treth gyngor" in council_names
    police_names = set(
        Service.objects.filter(organisation=bodies[2]).values_list("name_en", flat=True)
    )
    assert "Report a crime" in police_names
    assert "Pay council tax" not in police_names


def test_the_same_seed_gives_the_same_register(bodies):
    generate_demo_register(services=20, months=4, seed=7, today=TODAY)
    first = snapshot()
    Service.objects.all().delete()
    generate_demo_register(services=20, months=4, seed=7, today=TODAY)
    assert snapshot() == first
    Service.objects.all().delete()
    generate_demo_register(services=20, months=4, seed=8, today=TODAY)
    assert snapshot() != first


def test_denormalised_fields_match_the_rows_they_summarise(bodies):
    generate_demo_register(services=40, months=6, seed=1, today=TODAY)
    for service in Service.objects.prefetch_related("channels", "phase_changes"):
        channels = [(c.channel, c.is_available_in_welsh) for c in service.channels.all()]
        assert service.welsh_availability == summarise_welsh_availability(channels)
        latest = max(service.phase_changes.all(), key=lambda c: (c.applies_from, c.pk))
        assert (service.phase, service.phase_since) == (latest.phase, latest.applies_from)
        assert service.is_retired == (service.phase == Phase.RETIRED)
        stored = (service.search_document, service.search_names)
        service.refresh_search_fields()
        assert stored == (service.search_document, service.search_names)
        provided = service.metric_values.exclude(value=None).aggregate(latest=Max("period_start"))
        assert service.latest_metric_period == provided["latest"]
    assert ServiceChange.objects.count() == 40


def test_every_demo_figure_passes_validation(bodies):
    generate_demo_register(services=6, months=12, seed=2, today=TODAY)
    for figure in MetricValue.objects.select_related("measure"):
        figure.full_clean(validate_unique=False, validate_constraints=False)
        assert figure.period_start < TODAY.replace(day=1)


def run_seed(*, demo: bool) -> str:
    lines: list[str] = []
    options = SeedOptions(services=5, months=2, random_seed=1, today=TODAY)
    seed(demo=demo, options=options, out=lines.append)
    return "\n".join(lines)


def test_seeding_with_demo_fills_an_empty_register_once(bodies):
    run_seed(demo=True)

    output = run_seed(demo=True)

    assert Service.objects.count() == 5
    assert "already has 5 services" in output


def test_seeding_without_demo_loads_only_the_reference_data(bodies):
    run_seed(demo=False)

    assert Measure.objects.filter(organisation__isnull=True).exists()
    assert not Service.objects.exists()


def test_the_demo_register_needs_organisations_first():
    with pytest.raises(NoOrganisations):
        generate_demo_register(services=5, months=2, today=TODAY)
