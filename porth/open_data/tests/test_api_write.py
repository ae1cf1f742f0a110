"""The write API: tokens, and the rule that an editor changes only their own body's services."""

import datetime

import pytest
import yaml

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.open_data.actions import revoke_token
from porth.open_data.models import PersonalToken
from porth.register.models import ChangeKind, MetricValue, Phase, Service

from .factories import make_service, record, token_for

pytestmark = pytest.mark.django_db

NEW_SERVICE = {
    "name_en": "Book a bulky waste collection",
    "name_cy": "Trefnu casgliad gwastraff swmpus",
    "description_en": "Book a collection of large items.",
    "description_cy": "Trefnwch gasgliad o eitemau mawr.",
    "service_area": "waste-recycling",
    "users_served": ["public"],
    "channels": [
        {"channel": "online", "is_available_in_welsh": True},
        {"channel": "phone", "is_available_in_welsh": False},
    ],
    "phase": "live",
    "phase_from": "2025-01-01",
}


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def service(organisation):
    return make_service(organisation)


@pytest.fixture
def figure(service):
    return record(service, "user-satisfaction", datetime.date(2025, 1, 1), "70")


def write_requests(organisation, service, figure):
    """Every write the API accepts, aimed at `organisation`'s service."""
    return [
        ("post", "/api/v1/services/", {**NEW_SERVICE, "organisation": organisation.slug}),
        ("patch", f"/api/v1/services/{service.public_id}/", {"name_en": "Renamed"}),
        (
            "post",
            "/api/v1/metrics/",
            {
                "service": service.public_id,
                "measure": "completion-rate",
                "period_type": "month",
                "period_start": "2025-02-01",
                "value": "50",
            },
        ),
        ("patch", f"/api/v1/metrics/{figure.pk}/", {"value": "75"}),
        (
            "put",
            f"/api/v1/organisations/{organisation.slug}/services/REF-1/",
            {k: v for k, v in NEW_SERVICE.items() if k not in ("channels", "phase_from")},
        ),
        (
            "post",
            f"/api/v1/organisations/{organisation.slug}/services/bulk/",
            {"services": [{"public_id": service.public_id, "name_en": "Renamed"}]},
        ),
    ]


def send(client, method: str, path: str, data: dict, **headers):
    return getattr(client, method)(path, data, content_type="application/json", **headers)


@pytest.fixture
def other_editor(other_organisation):
    return MembershipFactory(organisation=other_organisation, role=Role.EDITOR).person


def test_the_writes_checked_here_are_every_write_in_the_schema(
    client, organisation, service, figure
):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    in_schema = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method not in {"get", "head", "options", "parameters"}
    }
    checked = {
        (
            method,
            path.replace(service.public_id, "{public_id}")
            .replace(f"/{figure.pk}/", "/{id}/")
            .replace(f"/{organisation.slug}/", "/{slug}/")
            .replace("/REF-1/", "/{reference}/"),
        )
        for method, path, _data in write_requests(organisation, service, figure)
    }

    assert checked == in_schema


@pytest.mark.parametrize("who", ["other_editor", "outsider"])
def test_an_editor_of_another_body_is_refused_on_every_write(
    client, organisation, service, figure, who, request
):
    secret = token_for(request.getfixturevalue(who))

    for method, path, data in write_requests(organisation, service, figure):
        response = send(client, method, path, data, **bearer(secret))
        assert response.status_code == 403, (method, path, response.content)

    assert Service.objects.count() == 1
    service.refresh_from_db()
    assert service.name_en == "Report a pothole"
    figure.refresh_from_db()
    assert figure.value == 70


def test_a_write_without_a_token_or_with_a_bad_one_is_unauthorised(
    client, organisation, service, figure, editor
):
    revoked = token_for(editor)
    revoke_token(token=PersonalToken.objects.get(person=editor))
    attempts = [
        {},
        bearer("porth_not-a-real-token"),
        bearer(revoked),
        {"HTTP_AUTHORIZATION": "Bearer"},
        {"HTTP_AUTHORIZATION": "Bearer two parts"},
    ]
    for headers in attempts:
        for method, path, data in write_requests(organisation, service, figure):
            response = send(client, method, path, data, **headers)
            assert response.status_code == 401, (headers, method, path)
            assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_bad_token_is_refused_even_for_a_read(client):
    response = client.get("/api/v1/services/", **bearer("porth_wrong"))

    assert response.status_code == 401


def test_a_member_who_is_not_an_editor_cannot_write(client, organisation, service, figure, member):
    secret = token_for(member)

    for method, path, data in write_requests(organisation, service, figure):
        assert send(client, method, path, data, **bearer(secret)).status_code == 403


def test_a_token_is_revoked_when_the_membership_of_its_only_body_ends(client, service, editor):
    secret = token_for(editor)
    editor.memberships.all().delete()

    response = send(
        client,
        "patch",
        f"/api/v1/services/{service.public_id}/",
        {"name_en": "X"},
        **bearer(secret),
    )
    assert response.status_code == 401
    assert PersonalToken.objects.get().is_revoked


def test_a_token_stops_writing_when_its_person_is_no_longer_an_editor(client, service, editor):
    secret = token_for(editor)
    editor.memberships.update(role=Role.MEMBER)

    response = send(
        client,
        "patch",
        f"/api/v1/services/{service.public_id}/",
        {"name_en": "X"},
        **bearer(secret),
    )
    assert response.status_code == 403


def test_an_editor_adds_a_service_for_their_body_through_the_register_actions(
    client, organisation, editor
):
    response = send(
        client,
        "post",
        "/api/v1/services/",
        {**NEW_SERVICE, "organisation": organisation.slug},
        **bearer(token_for(editor)),
    )

    assert response.status_code == 201, response.content
    document = response.json()
    assert document["public_id"].startswith("PS-")
    assert response["Location"].endswith(f"/api/v1/services/{document['public_id']}/")
    service = Service.objects.get(public_id=document["public_id"])
    assert service.organisation == organisation
    assert service.name_cy == "Trefnu casgliad gwastraff swmpus"
    assert service.welsh_availability == "some"
    assert service.changes.get().kind == ChangeKind.CREATED
    assert service.changes.get().changed_by == editor
    assert PersonalToken.objects.get(person=editor).last_used_at is not None


def test_an_editor_changes_details_and_phase_and_the_history_records_it(client, service, editor):
    response = send(
        client,
        "patch",
        f"/api/v1/services/{service.public_id}/",
        {"name_en": "Report a pothole or broken pavement", "phase": "public_beta"},
        **bearer(token_for(editor)),
    )

    assert response.status_code == 200, response.content
    assert response.json()["phase"]["code"] == "public_beta"
    service.refresh_from_db()
    assert service.name_en == "Report a pothole or broken pavement"
    assert service.name_cy == "Adrodd am dwll yn y ffordd"
    assert service.phase == Phase.PUBLIC_BETA
    assert {change.kind for change in service.changes.all()} == {
        ChangeKind.CREATED,
        ChangeKind.UPDATED,
        ChangeKind.PHASE,
    }


def test_retiring_through_the_api_keeps_the_service(client, service, editor):
    secret = token_for(editor)
    response = send(
        client,
        "patch",
        f"/api/v1/services/{service.public_id}/",
        {"phase": "retired"},
        **bearer(secret),
    )

    assert response.status_code == 200
    assert response.json()["is_retired"] is True
    again = send(
        client,
        "patch",
        f"/api/v1/services/{service.public_id}/",
        {"name_en": "X"},
        **bearer(secret),
    )
    assert again.status_code == 409


def test_centre_staff_can_write_for_any_body(client, organisation, service, centre_staff):
    secret = token_for(centre_staff)
    created = send(
        client,
        "post",
        "/api/v1/services/",
        {**NEW_SERVICE, "organisation": organisation.slug},
        **bearer(secret),
    )
    changed = send(
        client,
        "patch",
        f"/api/v1/services/{service.public_id}/",
        {"description_en": "New words."},
        **bearer(secret),
    )

    assert created.status_code == 201
    assert changed.status_code == 200


def test_a_service_cannot_move_to_another_body(client, service, editor, other_organisation):
    response = send(
        client,
        "patch",
        f"/api/v1/services/{service.public_id}/",
        {"organisation": other_organisation.slug},
        **bearer(token_for(editor)),
    )

    assert response.status_code == 400
    assert "organisation" in response.json()


def test_invalid_details_are_refused_with_reasons(client, organisation, editor):
    response = send(
        client,
        "post",
        "/api/v1/services/",
        {**NEW_SERVICE, "organisation": organisation.slug, "service_area": "nowhere", "phase": ""},
        **bearer(token_for(editor)),
    )

    assert response.status_code == 400
    assert {"service_area", "phase"} <= set(response.json())


def test_a_phase_cannot_start_in_the_future(client, organisation, editor):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = send(
        client,
        "post",
        "/api/v1/services/",
        {**NEW_SERVICE, "organisation": organisation.slug, "phase_from": tomorrow},
        **bearer(token_for(editor)),
    )

    assert response.status_code == 400
    assert "phase_from" in response.json()


def test_an_editor_records_and_corrects_a_figure(client, service, editor):
    secret = token_for(editor)
    created = send(
        client,
        "post",
        "/api/v1/metrics/",
        {
            "service": service.public_id,
            "measure": "completion-rate",
            "period_type": "month",
            "period_start": "2025-02-01",
            "value": "55.5",
            "source": "Web analytics",
        },
        **bearer(secret),
    )
    assert created.status_code == 201, created.content
    figure_id = created.json()["id"]

    corrected = send(
        client,
        "patch",
        f"/api/v1/metrics/{figure_id}/",
        {"not_provided_reason": "Analytics were broken"},
        **bearer(secret),
    )

    assert corrected.status_code == 200, corrected.content
    figure = MetricValue.objects.get(pk=figure_id)
    assert figure.value is None
    assert figure.not_provided_reason == "Analytics were broken"
    assert figure.source == "Web analytics"
    assert service.changes.filter(kind=ChangeKind.METRIC).count() == 2


def test_a_figure_out_of_range_is_refused_with_the_registers_reason(client, service, editor):
    response = send(
        client,
        "post",
        "/api/v1/metrics/",
        {
            "service": service.public_id,
            "measure": "user-satisfaction",
            "period_type": "month",
            "period_start": "2025-02-01",
            "value": "150",
        },
        **bearer(token_for(editor)),
    )

    assert response.status_code == 400
    assert "value" in response.json()


def test_an_unknown_measure_or_a_fixed_field_is_refused(client, service, figure, editor):
    secret = token_for(editor)
    unknown = send(
        client,
        "post",
        "/api/v1/metrics/",
        {
            "service": service.public_id,
            "measure": "happiness",
            "period_type": "month",
            "period_start": "2025-02-01",
            "value": "1",
        },
        **bearer(secret),
    )
    moved = send(
        client,
        "patch",
        f"/api/v1/metrics/{figure.pk}/",
        {"period_start": "2024-01-01"},
        **bearer(secret),
    )

    assert unknown.status_code == 400
    assert "measure" in unknown.json()
    assert moved.status_code == 400
    assert "period_start" in moved.json()


def test_put_and_delete_are_not_offered(client, service, editor):
    secret = token_for(editor)
    path = f"/api/v1/services/{service.public_id}/"

    assert client.delete(path, **bearer(secret)).status_code == 405
    assert send(client, "put", path, {}, **bearer(secret)).status_code == 405


def test_a_change_with_a_channel_missing_its_code_is_refused_not_a_server_error(
    client, service, editor
):
    path = f"/api/v1/services/{service.public_id}/"
    secret = token_for(editor)
    refused = send(
        client, "patch", path, {"channels": [{"is_available_in_welsh": True}]}, **bearer(secret)
    )
    changed = send(client, "patch", path, {"channels": [{"channel": "post"}]}, **bearer(secret))

    assert refused.status_code == 400
    assert refused.json() == {"channels": {"0": {"channel": ["This field is required."]}}}
    assert changed.status_code == 200
    assert changed.json()["channels"][0]["is_available_in_welsh"] is False
