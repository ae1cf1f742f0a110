"""Fixtures for baseline rounds: an open round for principal councils, with services."""

import datetime

import pytest
from django.utils import timezone

from porth.baseline import actions
from porth.organisations.models import OrganisationType
from porth.register.tests.factories import MetricValueFactory, ServiceFactory

PERIOD_START = datetime.date(2025, 4, 1)
PERIOD_END = datetime.date(2025, 6, 30)


@pytest.fixture
def services(organisation):
    """Two current services of the organisation and one retired one, which the round ignores."""
    current = [ServiceFactory(organisation=organisation) for _ in range(2)]
    ServiceFactory(organisation=organisation, is_retired=True, retired_on=datetime.date(2024, 1, 1))
    return current


@pytest.fixture
def round_(organisation, other_organisation, centre_staff):
    return actions.open_round(
        name_en="Baseline 2025",
        name_cy="Llinell sylfaen 2025",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        body_types=[OrganisationType.PRINCIPAL_COUNCIL],
        opened_by=centre_staff,
    )


@pytest.fixture
def participation(round_, organisation):
    return round_.participations.get(organisation=organisation)


@pytest.fixture
def figures_for(db):
    """Give a service a figure in the round's period."""

    def give(service):
        return MetricValueFactory(service=service, period_start=datetime.date(2025, 5, 1))

    return give


@pytest.fixture
def ready_to_sign_off(participation, services, figures_for, editor):
    """Every task but sign-off done, by an editor."""
    actions.confirm_all_services(participation=participation, person=editor)
    for service in services:
        figures_for(service)
    actions.confirm_no_missing_services(participation=participation)
    participation.refresh_from_db()
    return participation
