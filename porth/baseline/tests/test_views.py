import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from porth.baseline import actions
from porth.baseline.models import Participation, Round, RoundStatus
from porth.open_data.models import RegisterSnapshot

BODY_ROUTES = [
    "participation_tasks",
    "participation_services",
    "participation_missing",
    "participation_figures",
    "participation_sign_off",
]
CENTRE_ROUTES = ["round_create", "round_dashboard", "round_close"]


def _url(name: str, participation: Participation, language: str = "en") -> str:
    from django.utils import translation

    with translation.override(language):
        if name in BODY_ROUTES:
            return reverse(
                f"baseline:{name}",
                kwargs={"pk": participation.round_id, "slug": participation.organisation.slug},
            )
        if name == "round_create":
            return reverse("baseline:round_create")
        return reverse(f"baseline:{name}", kwargs={"pk": participation.round_id})


@pytest.mark.parametrize("name", BODY_ROUTES + CENTRE_ROUTES)
def test_an_anonymous_visitor_is_sent_to_sign_in(client, participation, name):
    for method in (client.get, client.post):
        response = method(_url(name, participation))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", BODY_ROUTES + CENTRE_ROUTES)
def test_an_editor_of_another_body_is_refused_on_every_route(
    client, participation, other_organisation, name, services
):
    from porth.accounts.tests.factories import MembershipFactory
    from porth.core.permissions import Role

    other_editor = MembershipFactory(organisation=other_organisation, role=Role.EDITOR).person
    client.force_login(other_editor)

    assert client.get(_url(name, participation)).status_code == 403
    assert (
        client.post(_url(name, participation), {"service": services[0].public_id}).status_code
        == 403
    )
    services[0].refresh_from_db()
    assert services[0].last_reviewed_on is None
    participation.refresh_from_db()
    assert participation.last_activity_at is None and not participation.is_signed_off


@pytest.mark.parametrize("name", BODY_ROUTES)
def test_a_member_who_is_not_an_editor_is_refused(client, participation, member, name):
    client.force_login(member)

    assert client.get(_url(name, participation)).status_code == 403
    assert client.post(_url(name, participation)).status_code == 403


@pytest.mark.parametrize("name", BODY_ROUTES[:4])
def test_an_editor_works_on_the_task_list(client, participation, editor, name, services):
    client.force_login(editor)

    assert client.get(_url(name, participation)).status_code == 200


def test_an_editor_cannot_sign_off_but_an_organisation_admin_can(
    client, ready_to_sign_off, editor, organisation_admin
):
    url = _url("participation_sign_off", ready_to_sign_off)
    client.force_login(editor)
    assert client.post(url).status_code == 403

    client.force_login(organisation_admin)
    page = client.get(url)
    assert page.status_code == 200 and b"cannot change" in page.content
    response = client.post(url)

    assert response.status_code == 302
    ready_to_sign_off.refresh_from_db()
    assert ready_to_sign_off.signed_off_by == organisation_admin


def test_signing_off_before_the_tasks_are_done_says_why(
    client, participation, services, organisation_admin
):
    client.force_login(organisation_admin)

    response = client.post(_url("participation_sign_off", participation), follow=True)

    assert b"Complete the other tasks before you sign off." in response.content
    participation.refresh_from_db()
    assert not participation.is_signed_off


@pytest.mark.parametrize("name", CENTRE_ROUTES)
def test_an_organisation_admin_cannot_use_the_centre_pages(
    client, participation, organisation_admin, name
):
    client.force_login(organisation_admin)

    assert client.get(_url(name, participation)).status_code == 403
    assert client.post(_url(name, participation)).status_code == 403
    assert Round.objects.get().status == RoundStatus.OPEN


def test_an_editor_confirms_one_service_then_the_rest(client, participation, services, editor):
    client.force_login(editor)
    url = _url("participation_services", participation)

    client.post(url, {"service": services[0].public_id})
    services[0].refresh_from_db()
    assert services[0].last_reviewed_on == timezone.localdate()
    assert services[1].changes.count() == 0

    response = client.post(url, follow=True)
    services[1].refresh_from_db()
    assert services[1].last_reviewed_on == timezone.localdate()
    assert b"2 of 2 services confirmed" in response.content


def test_a_service_of_another_body_cannot_be_confirmed_through_the_page(
    client, participation, other_organisation, editor
):
    from porth.register.tests.factories import ServiceFactory

    theirs = ServiceFactory(organisation=other_organisation)
    client.force_login(editor)

    client.post(_url("participation_services", participation), {"service": theirs.public_id})

    theirs.refresh_from_db()
    assert theirs.last_reviewed_on is None


def test_the_missing_and_figures_tasks_can_be_marked_done(client, participation, editor):
    client.force_login(editor)

    client.post(_url("participation_missing", participation))
    client.post(_url("participation_figures", participation))

    participation.refresh_from_db()
    assert participation.no_missing_services_at and participation.figures_complete_at


def test_a_signed_off_body_sees_its_answers_cannot_change(
    client, ready_to_sign_off, organisation_admin
):
    actions.sign_off(participation=ready_to_sign_off, person=organisation_admin)
    client.force_login(organisation_admin)

    response = client.post(_url("participation_missing", ready_to_sign_off), follow=True)

    assert b"its answers cannot change" in response.content


def test_centre_staff_open_a_round(client, organisation, centre_staff):
    client.force_login(centre_staff)
    deadline = timezone.localdate() + datetime.timedelta(days=10)

    response = client.post(
        reverse("baseline:round_create"),
        {
            "name_en": "Spring",
            "name_cy": "Gwanwyn",
            "period_start_day": "1",
            "period_start_month": "1",
            "period_start_year": "2025",
            "period_end_day": "31",
            "period_end_month": "3",
            "period_end_year": "2025",
            "deadline_day": str(deadline.day),
            "deadline_month": str(deadline.month),
            "deadline_year": str(deadline.year),
            "body_types": ["principal_council"],
        },
    )

    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{round_.pk}/")
    assert round_.participations.filter(organisation=organisation).exists()


def test_opening_a_round_with_bad_dates_keeps_what_was_typed_and_says_why(client, centre_staff):
    client.force_login(centre_staff)

    response = client.post(
        reverse("baseline:round_create"),
        {
            "name_en": "Spring",
            "name_cy": "",
            "period_start_day": "1",
            "period_start_month": "4",
            "period_start_year": "2025",
            "period_end_day": "31",
            "period_end_month": "3",
            "period_end_year": "2025",
            "deadline_day": "40",
            "deadline_month": "1",
            "deadline_year": "2030",
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter the name of the round in Welsh" in content
    assert "The last day of the period must be after the first" in content
    assert "The day must be a number from 1 to 31" in content
    assert "Select at least one type of body" in content
    assert 'value="Spring"' in content
    assert not Round.objects.exists()


def test_the_dashboard_shows_each_body_and_filters(
    client, round_, ready_to_sign_off, organisation_admin, other_organisation, centre_staff
):
    actions.sign_off(participation=ready_to_sign_off, person=organisation_admin)
    client.force_login(centre_staff)
    url = reverse("baseline:round_dashboard", args=[round_.pk])

    everyone = client.get(url).content.decode()
    outstanding = client.get(url, {"show": "outstanding", "sort": "progress"}).content.decode()
    nonsense = client.get(url, {"show": "x", "sort": "y"})

    assert ready_to_sign_off.organisation.name_en in everyone and "100%" in everyone
    assert other_organisation.name_en in outstanding
    assert ready_to_sign_off.organisation.name_en not in outstanding
    assert nonsense.status_code == 200


def test_centre_staff_close_a_round_after_confirming(
    client, round_, centre_staff, django_capture_on_commit_callbacks
):
    client.force_login(centre_staff)
    url = reverse("baseline:round_close", args=[round_.pk])

    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    response = client.get(reverse("baseline:round_dashboard", args=[round_.pk]))

    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    assert RegisterSnapshot.objects.count() == 1
    assert b"A snapshot of the register was taken" in response.content


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_renders_in_both_languages(
    client, participation, services, organisation_admin, centre_staff, language
):
    client.force_login(organisation_admin)
    for name in BODY_ROUTES:
        response = client.get(_url(name, participation, language))
        assert response.status_code == 200, name
        assert f'<html lang="{language}"' in response.content.decode()
    client.force_login(centre_staff)
    for name in CENTRE_ROUTES:
        response = client.get(_url(name, participation, language))
        assert response.status_code == 200, name
    response = client.get(f"/{language}/baseline-rounds/")
    assert response.status_code == 200


def test_the_round_list_shows_a_body_its_open_rounds(client, participation, editor, member):
    client.force_login(editor)
    assert participation.round.name_en.encode() in client.get("/en/baseline-rounds/").content

    client.force_login(member)
    assert participation.round.name_en.encode() not in client.get("/en/baseline-rounds/").content


def test_the_organisation_page_links_editors_to_the_task_list(
    client, participation, editor, member
):
    page = reverse("organisations:organisation_detail", args=[participation.organisation.slug])
    tasks = _url("participation_tasks", participation)

    client.force_login(editor)
    assert tasks.encode() in client.get(page).content
    client.force_login(member)
    assert tasks.encode() not in client.get(page).content
    client.logout()
    assert tasks.encode() not in client.get(page).content


@pytest.mark.parametrize(
    "name", ["participation_services", "participation_missing", "participation_figures"]
)
def test_every_task_form_carries_the_csrf_token(client, participation, services, editor, name):
    client.force_login(editor)

    content = client.get(_url(name, participation)).content.decode()

    assert content.count("<form") == content.count('name="csrfmiddlewaretoken"') > 0
