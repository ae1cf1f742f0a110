"""Safety net: every route we write says who may use it, and refuses everyone else."""

import pytest

from porth.core.tests.urlwalk import walk

# Routes whose views are not ours: they guard themselves (allauth, Wagtail's admin) and are
# tested through the journeys that use them.
THIRD_PARTY_PREFIXES = ("/cms/", "/documents/", "/en/accounts/")


def our_routes(slug: str = "sample"):
    return [
        route
        for route in walk(slug=slug)
        if route.is_ours and not route.path.startswith(THIRD_PARTY_PREFIXES)
    ]


def test_every_route_of_ours_declares_who_may_use_it():
    undeclared = [route.name or route.path for route in our_routes() if route.access is None]
    assert undeclared == [], "Wrap these views in a decorator from porth.core.permissions"


@pytest.mark.django_db
def test_every_private_route_refuses_an_anonymous_visitor(client, organisation):
    for route in our_routes(slug=organisation.slug):
        if route.access == "public":
            continue
        response = client.get(route.path)
        assert response.status_code in (302, 403, 404), route.path
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], route.path


@pytest.mark.django_db
def test_every_organisation_route_refuses_a_person_from_another_organisation(
    client, organisation, outsider
):
    client.force_login(outsider)
    routes = [
        route
        for route in our_routes(slug=organisation.slug)
        if (route.access or "").startswith("organisation_")
    ]
    for route in routes:
        assert client.get(route.path).status_code in (403, 404), route.path
        assert client.post(route.path, {}).status_code in (403, 404), route.path


@pytest.mark.django_db
def test_every_centre_staff_route_refuses_an_organisation_admin(client, organisation_admin):
    client.force_login(organisation_admin)
    for route in our_routes():
        if route.access == "centre_staff":
            assert client.get(route.path).status_code in (403, 404), route.path
