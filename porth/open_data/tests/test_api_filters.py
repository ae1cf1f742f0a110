"""Every API list reads its parameters with a form (`api/filters.py`, ADR 0009): a value that
makes no sense is a bilingual 400, never ignored, and the schema lists the form's fields."""

import pytest
import yaml
from drf_spectacular.types import OpenApiTypes

from porth.open_data.api.filters import MeasureFilters, parameters

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations/?body_type=castle",
        "/api/v1/service-areas/?is_active=perhaps",
        "/api/v1/technology/?hosting=moon",
        "/api/v1/measures/?is_kpi=perhaps",
        "/api/v1/review-reports/?standard=99",
        "/api/v1/standards-statistics/?year=12",
    ],
)
def test_a_filter_value_that_makes_no_sense_is_refused_not_ignored(client, url):
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    welsh = client.get(url, HTTP_ACCEPT_LANGUAGE="cy")

    assert english.status_code == welsh.status_code == 400
    assert english.json() != welsh.json()


def test_boolean_filters_read_true_false_one_and_zero(client):
    kpis = client.get("/api/v1/measures/?is_kpi=true").json()["count"]
    others = client.get("/api/v1/measures/?is_kpi=0").json()["count"]
    everything = client.get("/api/v1/measures/").json()["count"]

    assert kpis and kpis + others == everything
    assert client.get("/api/v1/measures/?is_kpi=1").json()["count"] == kpis


def test_one_item_is_found_whatever_the_list_parameters(client, organisation):
    response = client.get(f"/api/v1/organisations/{organisation.slug}/?body_type=castle")

    assert response.status_code == 200


def test_the_schema_describes_each_filter_form_field():
    described = {parameter.name: parameter for parameter in parameters(MeasureFilters)}

    assert set(described) == {"is_kpi", "organisation"}
    assert described["is_kpi"].type == OpenApiTypes.BOOL


def test_the_published_schema_lists_the_small_lists_parameters(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    technology = schema["paths"]["/api/v1/technology/"]["get"]["parameters"]

    assert {"category", "hosting", "is_open_source"} <= {p["name"] for p in technology}
