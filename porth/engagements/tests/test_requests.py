"""Requests for help: sending, triage, the requester told in their language, public demand."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from porth.core.models import AuditEntry
from porth.engagements import actions, queries
from porth.engagements.models import Engagement, HelpRequest, RequestStatus
from porth.register.tests.factories import ServiceFactory

from .factories import HelpRequestFactory

pytestmark = pytest.mark.django_db


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"engagements:{name}", args=args)


def test_an_organisation_admin_sends_a_request_naming_their_services(
    client, organisation, organisation_admin
):
    service = ServiceFactory(organisation=organisation)
    client.force_login(organisation_admin)
    response = client.post(
        _url("request_create", organisation.slug, language="cy"),
        {
            "problem": "Mae pobl yn aros yn rhy hir",
            "services": [service.pk],
            "urgency": "high",
            "help_type": "squad",
        },
    )
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert help_request.language == "cy"
    assert list(help_request.services.all()) == [service]
    assert help_request.answer_by == datetime.date.today() + datetime.timedelta(days=10)
    assert AuditEntry.objects.filter(action="engagements.send_help_request").exists()


def test_a_request_cannot_name_another_bodys_service(client, organisation, organisation_admin):
    theirs = ServiceFactory()
    client.force_login(organisation_admin)
    response = client.post(
        _url("request_create", organisation.slug),
        {"problem": "Slow", "services": [theirs.pk], "urgency": "low", "help_type": "advice"},
    )
    assert response.status_code == 200
    assert "Select services from the list" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_request_with_nothing_filled_in_shows_welsh_errors_and_keeps_what_was_typed(
    client, organisation, organisation_admin
):
    client.force_login(organisation_admin)
    response = client.post(
        _url("request_create", organisation.slug, language="cy"),
        {"problem": "Ein problem", "urgency": "nonsense"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ein problem" in page
    assert "Dewiswch y cymorth rydych chi ei eisiau" in page


def test_an_editor_cannot_send_a_request(client, organisation, editor):
    client.force_login(editor)
    assert client.get(_url("request_create", organisation.slug)).status_code == 403
    with pytest.raises(actions.NotOrganisationAdmin):
        actions.send_help_request(
            organisation=organisation,
            person=editor,
            problem="x",
            services=[],
            urgency="low",
            help_type="advice",
            language="en",
        )


def test_accepting_a_request_starts_a_private_engagement_and_tells_the_requester_in_welsh(
    organisation_admin, organisation, centre_staff, django_capture_on_commit_callbacks
):
    organisation_admin.preferred_language = "cy"
    organisation_admin.save()
    help_request = HelpRequestFactory(organisation=organisation, requested_by=organisation_admin)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = actions.accept_request(
            help_request=help_request,
            by=centre_staff,
            title_en="Care assessments",
            title_cy="Asesiadau gofal",
            theme="adult-social-care",
        )
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.ACCEPTED
    assert help_request.engagement == engagement
    assert not engagement.is_public
    assert list(engagement.partners.all()) == [organisation]
    assert engagement.phases.get().phase == "discovery"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [organisation_admin.email]
    assert "derbyn" in mail.outbox[0].subject


def test_declining_needs_a_reason_and_the_requester_reads_it(
    client, organisation_admin, organisation, centre_staff, django_capture_on_commit_callbacks
):
    help_request = HelpRequestFactory(organisation=organisation, requested_by=organisation_admin)
    client.force_login(centre_staff)
    response = client.post(_url("request_decide", help_request.pk), {"decision": "decline"})
    assert "Enter the reason" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("request_decide", help_request.pk),
            {"decision": "decline", "reason": "We are full until April."},
        )
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.DECLINED
    assert "We are full until April." in mail.outbox[0].body


def test_referring_names_who_can_help(client, organisation, centre_staff, organisation_admin):
    help_request = HelpRequestFactory(organisation=organisation, requested_by=organisation_admin)
    client.force_login(centre_staff)
    client.post(
        _url("request_decide", help_request.pk),
        {"decision": "refer", "reason": "They know procurement", "referred_to": "Another team"},
    )
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.REFERRED
    assert help_request.referred_to == "Another team"


def test_a_decision_stands(organisation, centre_staff):
    help_request = HelpRequestFactory(organisation=organisation)
    actions.decline_request(help_request=help_request, by=centre_staff, reason="Full")
    with pytest.raises(actions.AlreadyDecided):
        actions.refer_request(
            help_request=help_request, by=centre_staff, referred_to="x", reason="y"
        )


def test_only_centre_staff_decide(organisation, organisation_admin):
    help_request = HelpRequestFactory(organisation=organisation)
    with pytest.raises(actions.NotCentreStaff):
        actions.decline_request(help_request=help_request, by=organisation_admin, reason="No")


def test_the_queue_shows_overdue_requests(client, centre_staff):
    HelpRequestFactory(answer_by=datetime.date.today() - datetime.timedelta(days=1))
    client.force_login(centre_staff)
    page = client.get(_url("request_queue", language="cy")).content.decode()
    assert "Yn hwyr" in page


def test_a_requester_reads_their_request_and_another_body_cannot(
    client, organisation, organisation_admin, outsider
):
    help_request = HelpRequestFactory(organisation=organisation)
    client.force_login(organisation_admin)
    assert client.get(_url("request_detail", help_request.pk)).status_code == 200
    client.force_login(outsider)
    assert client.get(_url("request_detail", help_request.pk)).status_code == 403
    assert client.get(_url("request_decide", help_request.pk)).status_code == 403


def test_the_public_demand_summary_suppresses_small_numbers(client, centre_staff):
    for _ in range(5):
        HelpRequestFactory(help_type="discovery")
    declined = HelpRequestFactory(help_type="advice")
    actions.decline_request(help_request=declined, by=centre_staff, reason="Full")
    _statuses, rows = queries.demand_summary()
    by_type = {row.help_type: row for row in rows}
    assert by_type["discovery"].counts[0] == 5
    assert by_type["discovery"].total == 5
    assert by_type["advice"].counts[2] is None
    assert by_type["advice"].total is None
    assert by_type["training"].total == 0
    page = client.get(_url("demand_summary", language="cy")).content.decode()
    assert "llai na 5" in page
    assert declined.organisation.name_en not in page


def test_accepting_through_the_page_goes_on_to_fill_in_the_engagement(
    client, organisation, centre_staff
):
    help_request = HelpRequestFactory(organisation=organisation)
    client.force_login(centre_staff)
    response = client.post(
        _url("request_decide", help_request.pk),
        {"decision": "accept", "title_en": "Care", "title_cy": "Gofal", "theme": "democracy"},
    )
    engagement = Engagement.objects.get()
    assert response["Location"] == _url("engagement_edit", engagement.pk)
    assert client.get(response["Location"]).status_code == 200
