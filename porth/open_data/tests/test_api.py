import datetime

import pytest
import yaml

from porth.organisations.models import OrganisationType
from porth.register.models import ServiceArea, TechnologyCategory, TechnologyProduct

from .factories import make_service, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(organisation, other_organisation):
    product = TechnologyProduct.objects.create(
        name="FormBuilder", supplier="Acme", category=TechnologyCategory.FORMS
    )
    housing = make_service(
        organisation,
        name_en="Apply for social housing",
        name_cy="Gwneud cais am dai cymdeithasol",
        service_area=ServiceArea.objects.get(code="housing"),
        channels={"online": True, "phone": True},
        technology=[product],
    )
    roads = make_service(other_organisation, users_served=["businesses"], channels={"post": False})
    return housing, roads


def test_the_root_lists_every_resource_and_states_the_licence(client):
    document = client.get("/api/v1/").json()

    assert document["licence"]["name_en"] == "Open Government Licence v3.0"
    assert document["licence"]["name_cy"] == "Trwydded Llywodraeth Agored v3.0"
    assert set(document["resources"]) == {
        "services",
        "metrics",
        "organisations",
        "service_areas",
        "technology",
        "measures",
        "review_reports",
        "standards_statistics",
        "learning_sessions",
    }


def test_a_service_is_found_by_its_public_id_in_both_languages(client, services):
    housing = services[0]
    response = client.get(f"/api/v1/services/{housing.public_id}/")

    assert response.status_code == 200
    assert 'rel="license"' in response["Link"]
    document = response.json()
    assert document["public_id"] == housing.public_id
    assert document["name_en"] == "Apply for social housing"
    assert document["name_cy"] == "Gwneud cais am dai cymdeithasol"
    assert document["phase"] == {"code": "live", "name_en": "Live", "name_cy": "Byw"}
    assert document["service_area"]["name_cy"] == "Tai"
    assert document["organisation"]["slug"] == housing.organisation.slug
    assert [c["code"] for c in document["channels"]] == ["online", "phone"]
    assert document["technology"][0]["name"] == "FormBuilder"
    assert "owner_email" not in document
    assert client.get(f"/api/v1/services/{housing.public_id.lower()}/").status_code == 200


def test_the_language_of_the_request_does_not_change_the_fields(client, services):
    english = client.get("/api/v1/services/", HTTP_ACCEPT_LANGUAGE="en").json()
    welsh = client.get("/api/v1/services/", HTTP_ACCEPT_LANGUAGE="cy").json()

    assert english["results"] == welsh["results"]


def test_an_unknown_service_or_address_is_a_json_not_found_not_a_redirect(client):
    unknown_service = client.get("/api/v1/services/PS-999999/")
    unknown_address = client.get("/api/v1/nothing-here/")

    assert unknown_service.status_code == 404
    assert unknown_address.status_code == 404
    assert unknown_address.json() == {"detail": "Not found."}


def test_an_address_without_its_final_slash_is_redirected_to_it(client):
    response = client.get("/api/v1/services?phase=live")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/services/?phase=live"


def test_services_are_filtered_with_the_register_lists_parameters(
    client, services, other_organisation
):
    other_organisation.type = OrganisationType.POLICE_FORCE
    other_organisation.save()
    housing, roads = services

    def ids(query: str) -> list[str]:
        return [s["public_id"] for s in client.get(f"/api/v1/services/?{query}").json()["results"]]

    assert ids("") == [housing.public_id, roads.public_id]
    assert ids(f"organisation={other_organisation.slug}") == [roads.public_id]
    assert ids("body_type=police_force") == [roads.public_id]
    assert ids("area=housing") == [housing.public_id]
    assert ids("phase=live&phase=alpha") == [housing.public_id, roads.public_id]
    assert ids("phase=alpha") == []
    assert ids("channel=post") == [roads.public_id]
    assert ids("welsh=none") == [roads.public_id]
    assert ids("users=businesses") == [roads.public_id]
    assert ids("q=cymdeithasol") == [housing.public_id]


def test_services_can_be_asked_for_by_when_they_last_changed(client, services):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()

    assert client.get(f"/api/v1/services/?updated_since={tomorrow}").json()["count"] == 0
    assert client.get(f"/api/v1/services/?updated_since={yesterday}").json()["count"] == 2


def test_a_filter_value_that_makes_no_sense_is_a_bad_request(client, services):
    response = client.get("/api/v1/services/?phase=sideways")

    assert response.status_code == 400
    assert "phase" in response.json()
    assert client.get("/api/v1/services/?updated_since=soon").status_code == 400


def test_lists_are_paginated_with_a_maximum_page_size(client, organisation):
    for number in range(3):
        make_service(organisation, name_en=f"Service {number}")

    first = client.get("/api/v1/services/?page_size=2").json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert second["previous"]
    assert first["licence"]["url_en"].startswith("https://www.nationalarchives.gov.uk/")
    assert client.get("/api/v1/services/?page=9").status_code == 404


def test_the_list_of_every_live_service_reads_a_pages_ids_first_and_keeps_their_order(
    client, organisation
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = [make_service(organisation, name_en=f"Service {n}").public_id for n in range(5)]

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/api/v1/services/?page_size=2&page=2").json()
    ids_only = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "register_service"."id" AS "pk"')
    ]
    third = client.get("/api/v1/services/?page_size=2&page=3").json()

    assert [s["public_id"] for s in second["results"]] == made[2:4]  # oldest first, as ever
    assert [s["public_id"] for s in third["results"]] == made[4:]
    assert len(ids_only) == 1 and "LIMIT 2 OFFSET 2" in ids_only[0], ids_only
    # With their service IDs, for the page cache (ADR 0073), which the index covers.
    selected = ids_only[0].split(" FROM ")[0]
    assert selected.endswith('"register_service"."public_id" AS "public_id"'), selected
    assert selected.count('"register_service".') == 2, selected


def test_the_page_size_cannot_go_above_the_maximum(client, services, settings):
    from porth.open_data.api.common import OpenDataPagination

    assert OpenDataPagination.max_page_size == 500
    response = client.get("/api/v1/services/?page_size=100000")
    assert response.status_code == 200


def test_figures_are_listed_with_their_measure_in_both_languages(client, services):
    housing, roads = services
    record(housing, "user-satisfaction", datetime.date(2025, 1, 1), "81.5")
    record(roads, "completion-rate", datetime.date(2025, 2, 1), None, reason="Not measured yet")

    everything = client.get("/api/v1/metrics/").json()
    for_housing = client.get(f"/api/v1/metrics/?service={housing.public_id}").json()
    by_period = client.get("/api/v1/metrics/?period_from=2025-02-01").json()

    assert everything["count"] == 2
    assert everything["licence"]["name_en"] == "Open Government Licence v3.0"
    figure = for_housing["results"][0]
    assert figure["measure"]["name_en"] == "User satisfaction"
    assert figure["measure"]["name_cy"] == "Boddhad defnyddwyr"
    assert figure["value"] == "81.50"
    assert figure["period_end"] == "2025-01-31"
    assert figure["service"] == housing.public_id
    assert [f["not_provided_reason"] for f in by_period["results"]] == ["Not measured yet"]
    detail = client.get(f"/api/v1/metrics/{figure['id']}/").json()
    assert detail == figure


def test_organisations_are_filtered_by_body_type(client, organisation, other_organisation):
    other_organisation.type = OrganisationType.NHS_TRUST
    other_organisation.save()

    listed = client.get("/api/v1/organisations/?body_type=nhs_trust").json()["results"]
    one = client.get(f"/api/v1/organisations/{organisation.slug}/").json()

    assert [o["slug"] for o in listed] == [other_organisation.slug]
    assert one["name_cy"] == organisation.name_cy
    assert one["type"]["name_en"] == "Principal council"


def test_service_areas_carry_both_languages(client):
    housing = client.get("/api/v1/service-areas/housing/").json()

    assert housing == {"code": "housing", "name_en": "Housing", "name_cy": "Tai", "is_active": True}


def test_technology_says_how_many_services_and_bodies_use_each_product(client, services):
    products = client.get("/api/v1/technology/?category=forms").json()["results"]

    assert products[0]["name"] == "FormBuilder"
    assert products[0]["services"] == 1
    assert products[0]["bodies"] == 1


def test_measures_are_listed(client):
    measures = client.get("/api/v1/measures/?is_kpi=true").json()["results"]

    assert {m["code"] for m in measures} == {
        "cost-per-transaction",
        "user-satisfaction",
        "completion-rate",
        "digital-take-up",
    }


def test_the_openapi_schema_renders_and_describes_only_the_api(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["info"]["license"]["name"] == "Open Government Licence v3.0"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "/api/v1/services/{public_id}/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/services/"]["get"]["parameters"]}
    assert {"organisation", "body_type", "area", "phase", "channel", "welsh", "users"} <= parameters
    assert {"updated_since", "page", "page_size"} <= parameters
    assert "personalToken" in schema["components"]["securitySchemes"]
    assert client.get("/api/v1/schema/?format=json").json()["openapi"].startswith("3.")


def test_the_browsable_api_renders_for_a_browser(client, services):
    response = client.get("/api/v1/services/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"Apply for social housing" in response.content


def test_the_docs_address_sends_a_reader_to_the_page_in_their_language(client):
    response = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="cy")

    assert response.status_code == 302
    assert response["Location"] == "/cy/open-data/api/"
