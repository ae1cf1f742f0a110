"""Register search: `search`, its parsed query, its backends and its results (ADR 0016, 0029)."""

import datetime
from dataclasses import replace

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from porth.organisations.models import Organisation, OrganisationType
from porth.organisations.tests.factories import OrganisationFactory
from porth.register import actions
from porth.register import search as search_module
from porth.register.expressions import NameDistance, StoredWords
from porth.register.models import NameWord, Service
from porth.register.queries import published_services
from porth.register.search import (
    COUNTED_UP_TO,
    RANKING_IN_TIERS_FROM,
    FoldedTextSearch,
    Matches,
    ParsedQuery,
    PostgreSQLSearch,
    SearchBackend,
    SearchResults,
    ServiceFilters,
    backend_for,
    search,
)

from .test_actions import create

pytestmark = pytest.mark.django_db

on_postgresql = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own search"),
]


def names(filters: ServiceFilters) -> list[str]:
    return [service.name_en for service in search(filters)]


# --- ParsedQuery ----------------------------------------------------------------------------


def test_a_parsed_query_holds_the_folded_words_once():
    query = ParsedQuery.parse("  Dŵr, YSGOL-gynradd ")
    assert query.words == ("dwr", "ysgol", "gynradd")
    assert query.public_id is None
    assert query


def test_a_parsed_query_of_nothing_but_spaces_and_marks_is_empty():
    assert not ParsedQuery.parse("  ,.- ")
    assert ParsedQuery.parse("").words == ()


@pytest.mark.parametrize("typed", ["PS-000012", "ps12", " Ps-12 "])
def test_a_parsed_query_recognises_a_service_id_however_it_is_typed(typed):
    assert ParsedQuery.parse(typed).public_id == "PS-000012"


def test_a_parsed_query_drops_a_plural_s_from_longer_words_only():
    assert ParsedQuery.parse("potholes bus gas").word_starts == ("pothole", "bus", "gas")


# --- ServiceFilters -------------------------------------------------------------------------


def test_relevance_is_the_default_order_only_when_searching():
    assert ServiceFilters(query="tax").effective_sort == "relevance"
    assert ServiceFilters().effective_sort == "name"
    assert ServiceFilters(sort="relevance").effective_sort == "name"
    assert ServiceFilters(query="tax", sort="updated").effective_sort == "updated"
    assert ServiceFilters(query="tax", sort="nonsense").effective_sort == "relevance"


# --- search: words, filters and order ------------------------------------------------------


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


def test_search_matches_the_start_of_words_and_plurals(register):
    assert names(ServiceFilters(query="pothol")) == ["Report a pothole"]
    assert names(ServiceFilters(query="potholes")) == ["Report a pothole"]


def test_every_word_must_match_before_a_typing_slip_is_forgiven(register):
    query = ParsedQuery.parse("council pothole")
    assert not FoldedTextSearch().match(published_services(), query).services.exists()
    if connection.vendor == "postgresql":  # no exact match: ranked by likeness instead
        assert PostgreSQLSearch().match(published_services(), query).count is None


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
    assert names(ServiceFilters(query="tax", areas=["streets-highways"])) == []


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
        welsh = [service.name_cy for service in search(ServiceFilters(sort="name"))]
    assert welsh == sorted(welsh)


def test_sorting_by_organisation_groups_each_bodys_services(register):
    bodies = [service.organisation.name for service in search(ServiceFilters(sort="organisation"))]
    assert bodies == sorted(bodies)


def test_sorting_by_recent_update_puts_the_latest_change_first(register):
    pothole = register[0]
    details = replace(actions.ServiceDetails.from_service(pothole), name_en="Report a hole")
    actions.update_service(service=pothole, details=details, changed_by=None)
    assert names(ServiceFilters(sort="updated"))[0] == "Report a hole"


def test_services_whose_names_hold_every_word_come_first_then_the_rest_by_name(organisation):
    create(organisation, name_en="Apply for a bus pass", description_en="Travel on local buses.")
    create(organisation, name_en="Adopt a road verge", description_en="Plant a bus stop garden.")
    create(organisation, name_en="Bus shelter repairs", description_en="Report a broken shelter.")
    assert names(ServiceFilters(query="bus")) == [
        "Apply for a bus pass",
        "Bus shelter repairs",
        "Adopt a road verge",
    ]


# --- SearchResults --------------------------------------------------------------------------


def test_search_results_count_once_and_slice_pages_in_order(register):
    results = search(ServiceFilters(sort="name"))
    assert isinstance(results, SearchResults)
    with CaptureQueriesContext(connection) as counted:
        assert results.count() == len(results) == 3
        assert results.count() == 3
    assert len(counted) <= 1
    assert [s.name_en for s in results[1:3]] == ["Report a pothole", "Report a water leak"]
    assert results[0].name_en == "Pay council tax"
    assert results[5:9] == []
    assert list(results.services) == list(results)


def test_search_results_remember_what_was_asked(register):
    filters = ServiceFilters(query="Tax")
    results = search(filters)
    assert results.filters is filters
    assert results.query == ParsedQuery.parse("Tax")


def test_a_paginator_pages_through_search_results(register):
    paginator = Paginator(search(ServiceFilters(sort="name")), 2)
    assert paginator.count == 3
    assert paginator.num_pages == 2
    assert [s.name_en for s in paginator.page(2)] == ["Report a water leak"]


def test_search_results_give_a_queryset_others_can_narrow(register):
    services = search(ServiceFilters(query="report")).services
    assert sorted(services.values_list("name_en", flat=True)) == [
        "Report a pothole",
        "Report a water leak",
    ]
    assert services.filter(organisation=register[2].organisation).get() == register[2]


# --- Backends -------------------------------------------------------------------------------


def test_each_database_engine_has_its_backend():
    assert isinstance(backend_for("postgresql"), PostgreSQLSearch)
    assert isinstance(backend_for("sqlite"), FoldedTextSearch)
    assert isinstance(backend_for(connection.vendor), SearchBackend)


def test_the_folded_text_backend_ranks_names_first(register):
    query = ParsedQuery.parse("pothole")
    create(register[0].organisation, name_en="Street lights", description_en="Not a pothole.")
    matches = FoldedTextSearch().match(published_services(), query)
    assert isinstance(matches, Matches)
    assert matches.count is None and matches.names_first is None
    ranked = {s.name_en: s.relevance for s in matches.services}
    assert ranked == {"Report a pothole": 1.0, "Street lights": 0.0}


@pytest.mark.parametrize("backend", [FoldedTextSearch, PostgreSQLSearch])
def test_a_backend_matches_only_within_the_services_it_is_given(register, backend):
    if backend is PostgreSQLSearch and connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own search")
    given = published_services().exclude(pk=register[0].pk)
    assert (
        not backend().match(given, ParsedQuery.parse("pothole")).services.filter(pk=register[0].pk)
    )


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own search")
def test_on_postgresql_the_backend_counts_its_matches_and_offers_the_names_first_group(register):
    create(register[0].organisation, name_en="Street lights", description_en="Not a pothole.")
    matches = PostgreSQLSearch().match(published_services(), ParsedQuery.parse("pothole"))
    assert matches.count == 2
    assert [s.name_en for s in matches.names_first] == ["Report a pothole"]


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own search")
def test_on_postgresql_a_search_counts_once_however_the_page_is_read(register):
    with CaptureQueriesContext(connection) as captured:
        results = search(ServiceFilters(query="report"))
        assert results.count() == 2
        page = results[0:20]
    assert len(page) == 2
    counts = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1


# --- The stored words (PostgreSQL) ----------------------------------------------------------


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stores the words")
def test_on_postgresql_the_model_reads_the_stored_words_of_both_texts(register):
    pothole = register[0]
    stored = Service.objects.values_list("search_names_vector", "search_document_vector").get(
        pk=pothole.pk
    )
    assert "'pothole'" in stored[0] and "'dwll'" in stored[0]
    assert "'pavement'" in stored[1]


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stores the words")
def test_on_postgresql_stored_words_match_through_a_joined_table_alias(register, organisation):
    """The old expression cut the last character off the compiled column to write the stored
    column's name; a declared field is written by Django, whatever alias the table has."""
    words = SearchQuery("pothol:*", search_type="raw", config="simple")
    bodies = Organisation.objects.filter(services__search_document_vector=words)
    assert list(bodies) == [organisation]
    partners = Service.objects.filter(organisation__services__search_names_vector=words)
    assert set(partners) == {register[0], register[1]}


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stores the words")
def test_on_postgresql_the_stored_columns_hold_what_the_models_expression_gives(register):
    """Migration 0007 made the columns with raw SQL and 0008 only told the model: this keeps
    the two in step."""
    rows = Service.objects.annotate(
        document=StoredWords("search_document"), names=StoredWords("search_names")
    ).values_list("document", "search_document_vector", "names", "search_names_vector")
    assert rows and all(row[0] == row[1] and row[2] == row[3] for row in rows)


def test_other_databases_store_no_words(register):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL stores the words")
    stored = Service.objects.values_list("search_document_vector", "search_names_vector")
    assert set(stored) == {(None, None)}


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram distance is PostgreSQL's")
def test_on_postgresql_name_distance_puts_the_nearest_names_first(register):
    nearest = Service.objects.order_by(NameDistance(F("search_names"), Value("water leek")))
    assert nearest.first() == register[2]


def test_the_stored_words_are_never_read_into_python(register):
    service = Service.objects.get(pk=register[0].pk)
    assert {"search_document_vector", "search_names_vector"} <= service.get_deferred_fields()
    service.name_en = "Report a hole"
    service.save()
    assert names(ServiceFilters(query="hole")) == ["Report a hole"]


# --- Typing slips and ranking in tiers (PostgreSQL) -----------------------------------------


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search needs PostgreSQL")
@pytest.mark.parametrize("typed", ["pothol", "potole", "adrod twll"])
@pytest.mark.usefixtures("register")
def test_on_postgresql_a_typing_slip_still_finds_the_service(typed):
    assert "Report a pothole" in names(ServiceFilters(query=typed))


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search needs PostgreSQL")
@pytest.mark.parametrize("score_all_up_to", [5_000, 0])
def test_on_postgresql_a_typing_slip_is_forgiven_within_the_filters_however_many_they_leave(
    register, score_all_up_to, monkeypatch
):
    monkeypatch.setattr(search_module, "TYPING_SLIP_SCORE_ALL_UP_TO", score_all_up_to)
    create(register[2].organisation, name_en="Report a pothole too", name_cy="Twll arall")
    found = ServiceFilters(query="potole", organisations=[register[0].organisation.slug])
    assert names(found) == ["Report a pothole"]


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
    monkeypatch.setattr(search_module, "RANKING_IN_TIERS_FROM", 1)
    with translation.override(language):
        results = search(ServiceFilters(query=query))
        assert results._reads_in_tiers()
        full = list(results.services)
        for start in range(0, results.count() + 3, 3):  # pages that straddle both groups
            assert results[start : start + 3] == full[start : start + 3]


def test_a_small_search_or_another_order_is_not_read_in_tiers(register):
    assert not search(ServiceFilters(query="report"))._reads_in_tiers()
    assert not search(ServiceFilters(query="report", sort="name"))._reads_in_tiers()


# --- Counting a search by words up to a limit (ADR 0061) -----------------------------------


def test_a_search_by_words_stops_counting_past_the_limit_and_says_more_match(
    organisation, monkeypatch
):
    for number in range(4):
        create(organisation, name_en=f"Report a pothole {number}")
    monkeypatch.setattr(search_module, "COUNTED_UP_TO", 2)
    with CaptureQueriesContext(connection) as captured:
        results = search(ServiceFilters(query="pothole"))
        assert results.count() == 2
        assert results.more_than_counted
    counts = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1 and "LIMIT 3" in counts[0]
    assert Paginator(results, 1).num_pages == 2
    assert len(list(results.services)) == 4  # downloads and the API still read every match


def test_a_search_by_words_within_the_limit_is_counted_exactly(register):
    results = search(ServiceFilters(query="report"))
    assert results.count() == 2
    assert not results.more_than_counted


def test_a_list_without_words_is_counted_in_full_however_long(register, monkeypatch):
    monkeypatch.setattr(search_module, "COUNTED_UP_TO", 1)
    results = search(ServiceFilters())
    assert results.count() == 3
    assert not results.more_than_counted


def test_the_count_limit_still_tells_a_large_search_to_read_in_tiers():
    assert COUNTED_UP_TO >= RANKING_IN_TIERS_FROM


# --- Correcting typing slips from the words of names (PostgreSQL, ADR 0061) ----------------


def test_other_databases_keep_no_dictionary_of_name_words(register):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL keeps the dictionary")
    assert not NameWord.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL keeps the dictionary")
def test_on_postgresql_every_name_written_adds_its_words_to_the_dictionary(organisation):
    pothole = create(organisation, name_en="Report a pothole", name_cy="Adrodd am dwll")
    words = set(NameWord.objects.values_list("word", flat=True))
    assert {"report", "pothole", "adrodd", "dwll"} <= words
    assert not {"a", "am"} & words  # too short to correct
    assert not any(any(char.isdigit() for char in word) for word in words)  # no service IDs
    details = replace(actions.ServiceDetails.from_service(pothole), name_en="Mend a crater")
    actions.update_service(service=pothole, details=details, changed_by=None)
    assert NameWord.objects.filter(word="crater").exists()
    made = Service(organisation=organisation, name_en="Gritting roads", name_cy="Graeanu ffyrdd")
    made.public_id = "PS-999999"
    made.service_area_id = pothole.service_area_id
    made.refresh_search_fields()
    Service.objects.bulk_create([made])
    assert NameWord.objects.filter(word__in=["gritting", "graeanu"]).count() == 2
    assert str(NameWord.objects.get(word="gritting")) == "gritting"


def _walked_the_names_by_likeness(captured) -> bool:
    return any("<->>" in query["sql"] for query in captured)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search needs PostgreSQL")
def test_on_postgresql_a_typing_slip_is_corrected_from_the_name_words_not_every_name(
    organisation, monkeypatch
):
    create(organisation, name_en="Apply for a parking permit", name_cy="Trwydded barcio")
    create(organisation, name_en="Apply for planning permission", name_cy="Caniatâd cynllunio")
    create(organisation, name_en="Report a pothole")
    monkeypatch.setattr(search_module, "TYPING_SLIP_SCORE_ALL_UP_TO", 0)
    with CaptureQueriesContext(connection) as captured:
        found = names(ServiceFilters(query="aplly for a permitt"))
    assert found == ["Apply for a parking permit"]  # "permitt" is "permit", not "permission"
    assert not _walked_the_names_by_likeness(captured)
    assert len(captured) == 4  # count, dictionary, count again, the page


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search needs PostgreSQL")
@pytest.mark.parametrize("language", ["en", "cy"])
def test_on_postgresql_a_welsh_word_finds_its_mutated_form_in_a_name(organisation, language):
    create(
        organisation,
        name_en="Pay council tax",
        name_cy="Talu'r dreth gyngor",
        description_en="Pay by direct debit.",
        description_cy="Talu drwy ddebyd uniongyrchol.",
    )
    create(organisation, name_en="Report a pothole", name_cy="Adrodd am dwll yn y ffordd")
    with translation.override(language), CaptureQueriesContext(connection) as captured:
        assert names(ServiceFilters(query="treth gyngr")) == ["Pay council tax"]
        assert names(ServiceFilters(query="nhwll")) == ["Report a pothole"]
    assert not _walked_the_names_by_likeness(captured)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search needs PostgreSQL")
def test_on_postgresql_words_that_never_meet_are_still_ranked_by_likeness(register):
    with CaptureQueriesContext(connection) as captured:
        matches = PostgreSQLSearch().match(published_services(), ParsedQuery.parse("tax pothole"))
        assert matches.count is None
        ranked = [service.name_en for service in matches.services.order_by("-relevance")]
    assert "Report a pothole" in ranked
    # Both words are in names, so there is nothing to correct: one full-text search only.
    assert sum("to_tsquery" in q["sql"] for q in captured) == 1
