import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from porth.organisations.models import OrganisationType
from porth.organisations.tests.factories import OrganisationFactory
from porth.register import actions, queries
from porth.register.models import Measure, ServiceArea
from porth.register.queries import (
    RelevancePages,
    ServiceFilters,
    editable_organisations,
    measures_for,
    metric_series,
    search_services,
    services_for_list,
    similar_services,
)

from .factories import MeasureFactory, ServiceFactory
from .test_actions import create

pytestmark = pytest.mark.django_db


def names(filters: ServiceFilters) -> list[str]:
    return [service.name_en for service in search_services(filters)]


@pytest.fixture
def register(organisation, other_organisation):
    """Three services in two bodies, in different areas, phases and channels."""
    pothole = create(organisation)
    council_tax = create(
        organisation,
        name_en="Pay council tax",
        name_cy="Talu treth gyngor",
        description_en="Pay your council tax by direct debit or card.",
        description_cy="Talwch eich treth gyngor drwy ddebyd uniongyrchol neu gerdyn.",
        service_area=ServiceArea.objects.get(code="revenues-benefits"),
        users_served=["public", "businesses"],
        channels={"online": True, "phone": True},
    )
    water = create(
        other_organisation,
        name_en="Report a water leak",
        name_cy="Rhoi gwybod am ollyngiad dŵr",
        description_en="Tell us about a leak from a water main.",
        description_cy="Rhowch wybod i ni am ollyngiad o brif bibell ddŵr.",
        users_served=["staff"],
        channels={"post": False},
    )
    return pothole, council_tax, water


def test_search_finds_services_by_their_english_or_welsh_words(register):
    assert names(ServiceFilters(query="council tax")) == ["Pay council tax"]
    assert names(ServiceFilters(query="treth gyngor")) == ["Pay council tax"]
    assert names(ServiceFilters(query="ffordd")) == ["Report a pothole"]


def test_search_ignores_case_and_the_to_bach(register):
    assert names(ServiceFilters(query="DWR")) == ["Report a water leak"]
    assert names(ServiceFilters(query="ollyngiad dwr")) == ["Report a water leak"]


def test_search_finds_a_service_by_its_id(register):
    pothole = register[0]
    assert names(ServiceFilters(query=pothole.public_id.lower())) == ["Report a pothole"]


def test_search_matches_the_start_of_words(register):
    assert names(ServiceFilters(query="pothol")) == ["Report a pothole"]


def test_filters_combine(register, organisation):
    assert names(ServiceFilters(organisations=[organisation.slug], sort="name")) == [
        "Pay council tax",
        "Report a pothole",
    ]
    assert names(ServiceFilters(areas=["revenues-benefits"])) == ["Pay council tax"]
    assert names(ServiceFilters(channels=["post"])) == ["Report a water leak"]
    assert names(ServiceFilters(welsh=["all"])) == ["Pay council tax"]
    assert names(ServiceFilters(welsh=["none"])) == ["Report a water leak"]
    assert names(ServiceFilters(users=["businesses", "staff"], sort="name")) == [
        "Pay council tax",
        "Report a water leak",
    ]
    assert names(ServiceFilters(body_types=[OrganisationType.POLICE_FORCE])) == []
    assert names(ServiceFilters(phases=["alpha"])) == []


def test_a_partner_organisation_finds_the_joint_service(register, organisation):
    partner = OrganisationFactory()
    create(organisation, name_en="Joint service", partner_organisations=[partner])
    assert names(ServiceFilters(organisations=[partner.slug])) == ["Joint service"]


def test_retired_services_are_left_out_unless_asked_for(register):
    pothole = register[0]
    actions.retire_service(service=pothole, retired_on=datetime.date.today(), retired_by=None)
    assert "Report a pothole" not in names(ServiceFilters())
    assert "Report a pothole" in names(ServiceFilters(include_retired=True))


def test_sorting_by_name_follows_the_readers_language(register):
    with translation.override("cy"):
        welsh = [service.name_cy for service in search_services(ServiceFilters(sort="name"))]
    assert welsh == sorted(welsh)


def test_sorting_by_recent_update_puts_the_latest_change_first(register):
    pothole = register[0]
    details = replace(actions.ServiceDetails.from_service(pothole), name_en="Report a hole")
    actions.update_service(service=pothole, details=details, changed_by=None)
    assert names(ServiceFilters(sort="updated"))[0] == "Report a hole"


def test_relevance_is_the_default_order_only_when_searching():
    assert ServiceFilters(query="tax").effective_sort == "relevance"
    assert ServiceFilters().effective_sort == "name"
    assert ServiceFilters(sort="relevance").effective_sort == "name"


def test_similar_services_come_from_other_bodies_in_the_same_area(register, organisation):
    pothole, _council_tax, water = register
    for number in range(3):
        create(OrganisationFactory(), name_en=f"Report a pothole {number}")
    create(organisation, name_en="Report a blocked drain")
    similar = similar_services(pothole)
    assert water in similar
    assert all(other.organisation_id != organisation.pk for other in similar)
    assert len({other.organisation_id for other in similar}) == len(similar) == 4


def test_metric_series_keeps_the_latest_periods_in_order(organisation):
    service = ServiceFactory(organisation=organisation)
    measure = Measure.objects.get(code="transactions-online")
    for month in range(1, 13):
        for year in (2023, 2024):
            actions.record_metric_value(
                service=service,
                measure=measure,
                period_type="month",
                period_start=datetime.date(year, month, 1),
                value=Decimal(month),
                recorded_by=None,
            )
    (series,) = metric_series(service, periods=6)
    assert [f.period_start for f in series.figures] == [
        datetime.date(2024, month, 1) for month in range(7, 13)
    ]
    assert series.latest.period_start == datetime.date(2024, 12, 1)


def test_measures_offered_are_the_shared_ones_and_the_bodys_own(organisation, other_organisation):
    service = ServiceFactory(organisation=organisation)
    own = MeasureFactory(organisation=organisation)
    theirs = MeasureFactory(organisation=other_organisation)
    offered = list(measures_for(service))
    assert own in offered
    assert theirs not in offered
    assert Measure.objects.get(code="user-satisfaction") in offered


def test_editors_and_centre_staff_know_where_they_can_add_services(
    organisation, other_organisation, editor, member, centre_staff
):
    assert list(editable_organisations(editor)) == [organisation]
    assert list(editable_organisations(member)) == []
    assert set(editable_organisations(centre_staff)) == {organisation, other_organisation}


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search needs PostgreSQL")
@pytest.mark.parametrize("typed", ["pothol", "potole", "adrod twll"])
@pytest.mark.usefixtures("register")
def test_on_postgresql_a_typing_slip_still_finds_the_service(typed):
    assert "Report a pothole" in names(ServiceFilters(query=typed))


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram likeness needs PostgreSQL")
def test_on_postgresql_the_most_alike_name_comes_first_however_many_services_share_the_area(
    register,
):
    pothole = register[0]
    for number in range(25):  # more than similar_services reads from the name index
        create(OrganisationFactory(), name_en=f"Apply for a licence {number}", name_cy="Trwydded")
    alike = create(OrganisationFactory(), name_en="Report a pothole on a road", name_cy="Twll")
    similar = similar_services(pothole)
    assert similar[0] == alike
    assert len({other.organisation_id for other in similar}) == len(similar) == 5


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking in tiers is PostgreSQL's")
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("query", ["pothole", "road"])
def test_on_postgresql_pages_read_in_tiers_are_the_pages_of_the_full_ranking(
    organisation, language, query, monkeypatch
):
    for number in range(7):  # "pothole" in the name: the first group
        create(organisation, name_en=f"Report a pothole {number}", name_cy=f"Twll {number}")
    for number in range(5):  # "road" only in the description: no first group at all
        create(
            organisation,
            name_en=f"Street lights {number}",
            name_cy=f"Goleuadau stryd {number}",
            description_en="Lights on a pothole road.",
        )
    monkeypatch.setattr(queries, "RANKING_IN_TIERS_FROM", 1)
    with translation.override(language):
        in_tiers, count = services_for_list(ServiceFilters(query=query))
        full = search_services(ServiceFilters(query=query))
        assert isinstance(in_tiers, RelevancePages)
        for start in range(0, count + 3, 3):  # pages that straddle the groups, and past the end
            assert in_tiers[start : start + 3] == list(full[start : start + 3])


def test_services_whose_names_hold_every_word_come_first_then_the_rest_by_name(organisation):
    create(organisation, name_en="Apply for a bus pass", description_en="Travel on local buses.")
    create(organisation, name_en="Adopt a road verge", description_en="Plant a bus stop garden.")
    create(organisation, name_en="Bus shelter repairs", description_en="Report a broken shelter.")
    assert names(ServiceFilters(query="bus")) == [
        "Apply for a bus pass",
        "Bus shelter repairs",
        "Adopt a road verge",
    ]


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search needs PostgreSQL")
@pytest.mark.parametrize("score_all_up_to", [5_000, 0])
def test_on_postgresql_a_typing_slip_is_forgiven_within_the_filters_however_many_they_leave(
    register, score_all_up_to, monkeypatch
):
    monkeypatch.setattr(queries, "TYPING_SLIP_SCORE_ALL_UP_TO", score_all_up_to)
    create(register[2].organisation, name_en="Report a pothole too", name_cy="Twll arall")
    found = ServiceFilters(query="potole", organisations=[register[0].organisation.slug])
    assert names(found) == ["Report a pothole"]
