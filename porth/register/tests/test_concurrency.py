"""Two editors at once (issue 9, findings 4 and 5): no lost updates, no duplicate services."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from porth.core.edits import StaleEdit, new_creation_token
from porth.register import actions
from porth.register.models import PhaseChange, Service

from .factories import ServiceAreaFactory
from .test_actions import create, details
from .test_views import FULL_ANSWERS, answer

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"register:{name}", kwargs=kwargs)


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def open_edit(client: Client, service: Service, language: str = "en") -> str:
    check_url = url("service_update", language, public_id=service.public_id)
    assert client.get(check_url + "?start=1").status_code == 200
    return check_url


def change_step(client: Client, service: Service, step: str, data: dict, language: str = "en"):
    response = client.post(
        url("service_update_step", language, public_id=service.public_id, step=step), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def name_data(service: Service, **changes) -> dict:
    values = {
        name: getattr(service, name)
        for name in ("name_en", "name_cy", "description_en", "description_cy", "url_en", "url_cy")
    }
    return {**values, **changes}


def owner_data(**changes) -> dict:
    return {
        "owner_name": "Alys Owen",
        "owner_role": "",
        "owner_email": "alys.owen@example.gov.uk",
        **changes,
    }


@pytest.fixture
def second_editor(organisation):
    from porth.accounts.tests.factories import MembershipFactory
    from porth.core.permissions import Role

    return MembershipFactory(organisation=organisation, role=Role.EDITOR).person


# --- Finding 4: lost updates -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_4_a_stale_draft_does_not_revert_another_editors_rename(
    organisation, editor, second_editor, language
):
    service = create(organisation)
    first, second = signed_in(editor), signed_in(second_editor)
    check_url = open_edit(first, service, language)
    open_edit(second, service, language)

    change_step(second, service, "name", name_data(service, name_en="Report a road defect"))
    assert second.post(check_url, {"version": "1"}).status_code == 302

    change_step(first, service, "owner", owner_data(owner_name="Rhian Lewis"), language)
    response = first.post(check_url, {"version": "1"})

    page = response.content.decode()
    assert response.status_code == 409
    service.refresh_from_db()
    assert service.name_en == "Report a road defect"
    assert service.owner_name == "Alys Owen"
    if language == "en":
        assert "Someone else has saved changes since you started" in page
        assert "Saved now" in page and "Your version" in page
    else:
        assert "Mae rhywun arall wedi cadw newidiadau ers i chi ddechrau" in page
    # What is saved now beside what this editor would save, for each field that differs.
    assert "Report a road defect" in page
    assert "Rhian Lewis" in page
    assert response.context["stale"].version == service.version


def test_finding_4_keeping_the_saved_version_throws_the_stale_draft_away(
    organisation, editor, second_editor
):
    service = create(organisation)
    first, second = signed_in(editor), signed_in(second_editor)
    check_url = open_edit(first, service)
    open_edit(second, service)
    change_step(second, service, "name", name_data(service, name_en="Report a road defect"))
    second.post(check_url)
    change_step(first, service, "owner", owner_data(owner_name="Rhian Lewis"))
    stale = first.post(check_url).context["stale"]

    response = first.post(check_url, {"version": str(stale.version), "keep_saved": "1"})

    assert response["Location"] == service.get_absolute_url()
    service.refresh_from_db()
    assert (service.name_en, service.owner_name) == ("Report a road defect", "Alys Owen")
    # A fresh edit starts from what is saved now.
    assert "Report a road defect" in first.get(check_url).content.decode()


def test_finding_4_saving_my_version_after_seeing_the_differences_saves_it(
    organisation, editor, second_editor
):
    service = create(organisation)
    first, second = signed_in(editor), signed_in(second_editor)
    check_url = open_edit(first, service)
    open_edit(second, service)
    change_step(second, service, "name", name_data(service, name_en="Report a road defect"))
    second.post(check_url)
    change_step(first, service, "owner", owner_data(owner_name="Rhian Lewis"))
    stale = first.post(check_url).context["stale"]

    response = first.post(check_url, {"version": str(stale.version)})

    assert response["Location"] == service.get_absolute_url()
    service.refresh_from_db()
    assert (service.name_en, service.owner_name) == ("Report a pothole", "Rhian Lewis")


def test_finding_4_a_stale_draft_adds_no_phase_history_entry(organisation, editor, second_editor):
    service = create(organisation)
    first, second = signed_in(editor), signed_in(second_editor)
    check_url = open_edit(first, service)
    open_edit(second, service)
    change_step(
        second,
        service,
        "phase",
        {
            "phase": "public_beta",
            "phase_from_day": "2",
            "phase_from_month": "1",
            "phase_from_year": "2025",
        },
    )
    second.post(check_url)
    entries = list(PhaseChange.objects.filter(service=service).values_list("phase", flat=True))
    change_step(first, service, "name", name_data(service, name_en="Report a road defect"))

    response = first.post(check_url)

    assert response.status_code == 409
    assert "Public beta" in response.content.decode()  # the phase saved now, shown as theirs
    assert list(PhaseChange.objects.filter(service=service).values_list("phase", flat=True)) == (
        entries
    )
    service.refresh_from_db()
    assert (service.phase, service.name_en) == ("public_beta", "Report a pothole")


def test_finding_4_a_stale_save_that_overwrites_nothing_goes_through(
    organisation, editor, second_editor
):
    service = create(organisation)
    first, second = signed_in(editor), signed_in(second_editor)
    check_url = open_edit(first, service)
    open_edit(second, service)
    for client in (second, first):  # both make the same correction
        change_step(client, service, "name", name_data(service, name_en="Report a road defect"))
        assert client.post(check_url)["Location"] == service.get_absolute_url()
    service.refresh_from_db()
    assert service.name_en == "Report a road defect"


def test_finding_4_the_action_refuses_a_stale_version_and_writes_nothing(organisation, editor):
    service = create(organisation)
    actions.update_service(
        service=service, details=details(name_en="Report a road defect"), changed_by=editor
    )
    service.refresh_from_db()
    assert service.version == 2
    changes_before = service.changes.count()

    with pytest.raises(StaleEdit) as refused:
        actions.update_service(
            service=service,
            details=details(owner_name="Rhian Lewis"),
            changed_by=editor,
            version=1,
            phase="public_beta",
            phase_from=datetime.date(2025, 1, 2),
        )

    assert refused.value.version == 2
    labels = {str(difference.label) for difference in refused.value.differences}
    assert labels == {"Name in English", "Service owner", "Phase"}
    service.refresh_from_db()
    assert (service.name_en, service.owner_name, service.phase) == (
        "Report a road defect",
        "Alys Owen",
        "live",
    )
    assert service.changes.count() == changes_before


def test_finding_4_every_saved_change_moves_the_version_on(organisation, editor):
    service = create(organisation)
    assert service.version == 1
    actions.update_service(service=service, details=details(), changed_by=editor)
    service.refresh_from_db()
    assert service.version == 1  # nothing changed, so no edit in progress is made stale
    actions.record_phase(
        service=service,
        phase="public_beta",
        applies_from=datetime.date(2025, 1, 2),
        recorded_by=editor,
    )
    actions.retire_service(service=service, retired_on=datetime.date.today(), retired_by=editor)
    service.refresh_from_db()
    assert service.version == 3


# --- Finding 5: double submits -----------------------------------------------------------------


def fill_in_new_service(client: Client, organisation) -> str:
    """Answer every question page; return the token "Check your answers" was shown with."""
    area = ServiceAreaFactory()
    for step, data in FULL_ANSWERS:
        data = {k: (area.code if v == "AREA" else v) for k, v in data.items()}
        assert answer(client, organisation, step, data).status_code == 302
    check = client.get(url("service_create_check", slug=organisation.slug))
    return check.context["creation_token"]


def test_finding_5_submitting_check_your_answers_twice_adds_one_service(
    client, organisation, editor
):
    client.force_login(editor)
    token = fill_in_new_service(client, organisation)
    check_url = url("service_create_check", slug=organisation.slug)

    first = client.post(check_url, {"creation_token": token})
    again = client.post(check_url, {"creation_token": token})

    service = Service.objects.get()
    done = url("service_create_done", public_id=service.public_id)
    assert first["Location"] == again["Location"] == done
    assert service.creation_token is not None


def test_finding_5_showing_check_your_answers_writes_nothing(client, organisation, editor):
    client.force_login(editor)
    fill_in_new_service(client, organisation)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url("service_create_check", slug=organisation.slug))
    writes = [
        query["sql"]
        for query in context.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in query["sql"]
    ]
    assert writes == []


@pytest.mark.parametrize("token", ["", "forged", "someone else's"])
def test_finding_5_a_missing_or_foreign_token_adds_nothing_and_asks_again(
    client, organisation, editor, other_organisation, token
):
    client.force_login(editor)
    fill_in_new_service(client, organisation)
    if token == "someone else's":
        token = new_creation_token(
            purpose=f"register.service_create:{organisation.pk}", person_pk=editor.pk + 1000
        )

    response = client.post(
        url("service_create_check", slug=organisation.slug), {"creation_token": token}
    )

    assert response.status_code == 200
    assert "This page had expired, so the service was not added" in response.content.decode()
    assert not Service.objects.exists()
    # The page comes back with a fresh token that works.
    client.post(
        url("service_create_check", slug=organisation.slug),
        {"creation_token": response.context["creation_token"]},
    )
    assert Service.objects.count() == 1


def test_finding_5_the_action_returns_the_first_service_for_a_repeated_token(organisation):
    import uuid

    token = uuid.uuid4()
    first = actions.create_service(
        organisation=organisation,
        details=details(),
        phase="live",
        phase_from=datetime.date(2024, 4, 1),
        created_by=None,
        creation_token=token,
    )
    again = actions.create_service(
        organisation=organisation,
        details=details(name_en="Something else"),
        phase="live",
        phase_from=datetime.date(2024, 4, 1),
        created_by=None,
        creation_token=token,
    )
    assert again.pk == first.pk
    assert Service.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_finding_5_five_concurrent_submits_of_check_your_answers_add_one_service(
    organisation, editor
):
    main = signed_in(editor)
    token = fill_in_new_service(main, organisation)
    check_url = url("service_create_check", slug=organisation.slug)
    start = threading.Barrier(5)
    locations: list[str] = []
    failures: list[BaseException] = []

    def submit() -> None:
        client = Client()
        client.cookies = main.cookies  # the same browser session, clicked five times
        try:
            start.wait()
            response = client.post(check_url, {"creation_token": token})
            locations.append(response.get("Location", str(response.status_code)))
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [repr(failure) for failure in failures] == []
    service = Service.objects.get()
    assert locations == [url("service_create_done", public_id=service.public_id)] * 5
