import datetime

import pytest

from porth.accounts.demo import create_demo_accounts
from porth.baseline.demo import last_full_quarter, seed, seed_demo_round
from porth.baseline.models import Round
from porth.baseline.queries import TaskStatus, round_progress
from porth.core.seeding import SeedOptions
from porth.organisations.models import OrganisationType
from porth.organisations.tests.factories import OrganisationFactory
from porth.register.tests.factories import ServiceFactory

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def demo_bodies(db):
    bodies = {
        slug: OrganisationFactory(slug=slug, type=OrganisationType.PRINCIPAL_COUNCIL)
        for slug in ("cardiff", "gwynedd", "swansea", "powys")
    }
    for body in bodies.values():
        ServiceFactory.create_batch(2, organisation=body)
    create_demo_accounts()
    return bodies


def test_the_last_full_quarter_is_the_one_before_today():
    assert last_full_quarter(TODAY) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert last_full_quarter(datetime.date(2026, 1, 5)) == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )


def test_the_demo_round_is_open_with_bodies_part_way_through(demo_bodies):
    round_ = seed_demo_round(today=TODAY)

    assert round_.is_open and round_.name_en == "Baseline round: July to September 2026"
    assert round_.name_cy != round_.name_en
    rows = {row.participation.organisation.slug: row for row in round_progress(round_)}
    assert rows["cardiff"].confirm_status == TaskStatus.IN_PROGRESS
    assert rows["gwynedd"].sign_off_status == TaskStatus.NOT_STARTED
    assert rows["gwynedd"].is_ready_to_sign_off
    assert rows["swansea"].participation.is_signed_off and rows["swansea"].percent_done == 100
    assert rows["powys"].percent_done == 0


def test_seeding_the_demo_round_again_changes_nothing(demo_bodies):
    first = seed_demo_round(today=TODAY)

    seed(demo=True, options=SeedOptions(today=TODAY), out=print)
    again = seed_demo_round(today=TODAY)

    assert again == first
    assert Round.objects.filter(name_en=first.name_en).count() == 1


def test_seeding_without_demo_opens_no_round(demo_bodies):
    seed(demo=False, options=SeedOptions(today=TODAY), out=print)

    assert not Round.objects.exists()
