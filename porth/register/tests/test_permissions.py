"""An editor of another body is refused on every write route; anonymous people must sign in."""

import pytest
from django.urls import reverse
from django.utils import translation

from porth.register.models import ServiceArea

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation)


def write_routes(service, organisation) -> list[str]:
    """Every page that changes a service of `organisation`, in both languages."""
    routes = []
    for language in ("en", "cy"):
        with translation.override(language):
            routes += [
                reverse("register:service_update", args=[service.public_id]),
                reverse("register:service_update_step", args=[service.public_id, "name"]),
                reverse("register:service_retire", args=[service.public_id]),
                reverse("register:metric_value_create", args=[service.public_id]),
                reverse("register:service_create_done", args=[service.public_id]),
                reverse("register:service_create_check", args=[organisation.slug]),
                reverse("register:service_create_step", args=[organisation.slug, "name"]),
            ]
    return routes


@pytest.fixture
def other_editor(other_organisation):
    from porth.accounts.tests.factories import MembershipFactory
    from porth.core.permissions import Role

    return MembershipFactory(organisation=other_organisation, role=Role.EDITOR).person


@pytest.mark.parametrize("who", ["other_editor", "outsider", "member"])
def test_people_who_cannot_edit_the_body_are_refused_on_every_write_route(
    client, service, organisation, who, request
):
    client.force_login(request.getfixturevalue(who))
    for route in write_routes(service, organisation):
        assert client.get(route).status_code == 403, route
        assert client.post(route, {"name_en": "Hijacked", "name_cy": "Hijacked"}).status_code == 403
    service.refresh_from_db()
    assert service.name_en != "Hijacked"
    assert not service.changes.exists()


def test_anonymous_visitors_are_sent_to_sign_in_on_every_write_route(client, service, organisation):
    for route in write_routes(service, organisation):
        for response in (client.get(route), client.post(route, {})):
            assert response.status_code == 302, route
            assert "/accounts/login/" in response["Location"]


def test_editors_of_the_body_and_centre_staff_may_use_every_write_route(
    client, service, organisation, editor, centre_staff
):
    for person in (editor, centre_staff):
        client.force_login(person)
        for route in write_routes(service, organisation):
            assert client.get(route).status_code in (200, 302), route


def test_an_unknown_service_id_is_not_found_for_an_editor(client, editor):
    client.force_login(editor)
    assert client.get("/en/register/services/PS-999999/edit/").status_code == 404


def test_only_centre_staff_manage_service_areas(client, organisation_admin):
    client.force_login(organisation_admin)
    area = ServiceArea.objects.first()
    for route in (
        reverse("register:service_area_list"),
        reverse("register:service_area_create"),
        reverse("register:service_area_update", args=[area.pk]),
    ):
        assert client.get(route).status_code == 403
        assert client.post(route, {"name_en": "x", "name_cy": "y", "code": "x"}).status_code == 403


def test_choosing_where_to_add_a_service_offers_only_bodies_the_person_edits(
    client, organisation, other_organisation, editor
):
    client.force_login(editor)
    response = client.get(reverse("register:service_create"))
    assert response["Location"].endswith(f"/organisations/{organisation.slug}/services/new/name/")
