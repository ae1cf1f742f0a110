"""An editor of another body is refused on every write route; anonymous people must sign in."""

import pytest
from django.urls import reverse
from django.utils import translation

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.register import urls
from porth.register.forms import SERVICE_STEPS
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
    return MembershipFactory(organisation=other_organisation, role=Role.EDITOR).person


# Register pages anyone may open: reading the register, and choosing which of one's own bodies
# to add a service for or import into (they offer only those, see the last test here), and
# the public help page about importing.
OPEN_TO_OTHERS = {
    "service_list",
    "service_detail",
    "service_create",
    "import_start",
    "import_help",  # a public help page about importing
    "register_change_feed",  # the public Atom feed of changes to published services
}
WRITE_ROUTE_NAMES = sorted(
    pattern.name for pattern in urls.urlpatterns if pattern.name not in OPEN_TO_OTHERS
)


def addresses(name: str, *, service, organisation, area) -> list[str]:
    """Every address of one URL pattern aimed at `organisation`: each question page for a
    `step`, in both languages. A new kind of URL argument must be given a value here."""
    pattern = next(p for p in urls.urlpatterns if p.name == name)
    values = {
        "public_id": [service.public_id],
        "slug": [organisation.slug],
        "step": [step.slug for step in SERVICE_STEPS],
        "pk": [area.pk],
        "kind": ["services", "metrics"],
        "file_format": ["csv", "xlsx"],
    }
    arguments = list(pattern.pattern.converters)
    unknown = set(arguments) - set(values)
    assert not unknown, f"register:{name} takes {unknown}: say which value aims it at the body"
    combinations = [{}]
    for argument in arguments:
        combinations = [{**c, argument: value} for c in combinations for value in values[argument]]
    found = []
    for language in ("en", "cy"):
        with translation.override(language):
            found += [reverse(f"register:{name}", kwargs=kwargs) for kwargs in combinations]
    return found


@pytest.mark.parametrize("name", WRITE_ROUTE_NAMES)
def test_an_editor_of_another_body_is_refused_on_every_register_write_route(
    client, service, organisation, other_editor, name
):
    """Walks the app's URL patterns, so a write page added later is checked without a change."""
    client.force_login(other_editor)
    area = ServiceArea.objects.first()
    for address in addresses(name, service=service, organisation=organisation, area=area):
        assert client.get(address).status_code == 403, address
        assert (
            client.post(address, {"name_en": "Hijacked", "name_cy": "Hijacked"}).status_code == 403
        )
    service.refresh_from_db()
    assert service.name_en != "Hijacked"
    assert not service.changes.exists()


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
