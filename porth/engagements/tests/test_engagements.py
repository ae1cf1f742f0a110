"""Engagements: centre staff manage them, partners' admins add notes, the public sees only
what is public."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from porth.engagements import actions
from porth.engagements.models import Engagement, TimelineEntry
from porth.register.tests.factories import ServiceFactory

from .factories import EngagementFactory, TimelineEntryFactory

pytestmark = pytest.mark.django_db


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"engagements:{name}", args=args)


def _engagement_form(**changes):
    data = {
        "title_en": "Digital Democracy",
        "title_cy": "Democratiaeth Ddigidol",
        "problem_en": "Few people take part.",
        "problem_cy": "Ychydig o bobl sy'n cymryd rhan.",
        "goals_en": "More people take part.",
        "goals_cy": "Mwy o bobl yn cymryd rhan.",
        "theme": "democracy",
        "phase": "discovery",
        "starts_on_day": "3",
        "starts_on_month": "4",
        "starts_on_year": "2024",
        "is_public": "on",
    }
    data.update(changes)
    return data


def test_centre_staff_create_an_engagement_linked_to_register_services(
    client, centre_staff, organisation
):
    service = ServiceFactory(organisation=organisation)
    client.force_login(centre_staff)
    response = client.post(
        _url("engagement_create"),
        _engagement_form(partners=[organisation.pk], service_ids=service.public_id.lower()),
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert list(engagement.partners.all()) == [organisation]
    assert list(engagement.services.all()) == [service]
    assert engagement.phases.get().started_on == datetime.date(2024, 4, 3)


def test_a_bad_engagement_form_keeps_what_was_typed_and_says_what_is_wrong_in_welsh(
    client, centre_staff
):
    client.force_login(centre_staff)
    response = client.post(
        _url("engagement_create", language="cy"),
        _engagement_form(
            title_cy="",
            service_ids="SRV-999999",
            ends_on_day="1",
            ends_on_month="1",
            ends_on_year="2020",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Democratiaeth" not in page or "Digital Democracy" in page
    assert "Rhowch y teitl yn Gymraeg" in page
    assert "SRV-999999" in page
    assert "Rhaid i&#x27;r dyddiad gorffen" in page
    assert not Engagement.objects.exists()


def test_a_partner_admin_cannot_create_or_change_an_engagement(
    client, organisation, organisation_admin
):
    engagement = EngagementFactory(partners=[organisation])
    client.force_login(organisation_admin)
    assert client.get(_url("engagement_create")).status_code == 403
    assert (
        client.post(_url("engagement_edit", engagement.pk), _engagement_form()).status_code == 403
    )
    assert client.get(_url("squad_member_create", engagement.pk)).status_code == 403
    with pytest.raises(actions.NotCentreStaff):
        actions.update_engagement(engagement=engagement, by=organisation_admin, title_en="x")


def test_a_partner_admin_adds_a_private_note_but_not_a_show_and_tell(
    client, organisation, organisation_admin
):
    engagement = EngagementFactory(partners=[organisation])
    client.force_login(organisation_admin)
    data = {
        "kind": "show-and-tell",
        "happened_on_day": "1",
        "happened_on_month": "6",
        "happened_on_year": "2024",
        "title_en": "Our note",
        "title_cy": "Ein nodyn",
        "text_en": "We met.",
        "text_cy": "Cwrddon ni.",
    }
    response = client.post(_url("entry_create", engagement.pk), data)
    assert response.status_code == 200 and not TimelineEntry.objects.exists()
    client.post(_url("entry_create", engagement.pk), {**data, "kind": "note"})
    note = TimelineEntry.objects.get()
    assert note.kind == "note" and not note.is_public
    with pytest.raises(actions.OnlyNotes):
        actions.add_timeline_entry(
            engagement=engagement,
            by=organisation_admin,
            kind="show-and-tell",
            happened_on=datetime.date(2024, 6, 1),
            title_en="a",
            title_cy="b",
            text_en="c",
            text_cy="d",
            is_public=True,
        )


def test_another_bodys_admin_cannot_add_a_note(client, organisation, outsider):
    engagement = EngagementFactory(partners=[organisation])
    client.force_login(outsider)
    assert client.get(_url("entry_create", engagement.pk)).status_code == 403
    assert client.post(_url("entry_create", engagement.pk), {}).status_code == 403


def test_the_public_page_shows_public_entries_only(client, organisation):
    engagement = EngagementFactory(partners=[organisation])
    TimelineEntryFactory(engagement=engagement, title_en="Open show and tell")
    TimelineEntryFactory(engagement=engagement, title_en="Private note", is_public=False)
    page = client.get(_url("engagement_detail", engagement.pk)).content.decode()
    assert "Open show and tell" in page
    assert "Private note" not in page


def test_a_private_engagement_is_hidden_from_the_public_and_other_bodies(
    client, organisation, member, outsider
):
    engagement = EngagementFactory(partners=[organisation], is_public=False)
    response = client.get(_url("engagement_detail", engagement.pk))
    assert response.status_code == 302
    assert engagement.title_en not in client.get(_url("engagement_list")).content.decode()
    client.force_login(outsider)
    assert client.get(_url("engagement_detail", engagement.pk)).status_code == 403
    client.force_login(member)
    assert client.get(_url("engagement_detail", engagement.pk)).status_code == 200
    assert engagement.title_en in client.get(_url("engagement_list")).content.decode()


def test_an_attachment_is_stored_and_downloaded_only_by_those_who_may_see_it(
    client, organisation, centre_staff, outsider
):
    engagement = EngagementFactory(partners=[organisation])
    entry = actions.add_timeline_entry(
        engagement=engagement,
        by=centre_staff,
        kind="note",
        happened_on=datetime.date(2024, 6, 1),
        title_en="Slides",
        title_cy="Sleidiau",
        text_en="The slides",
        text_cy="Y sleidiau",
        is_public=False,
        attachment=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides"),
    )
    url = _url("entry_attachment", engagement.pk, entry.pk)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(centre_staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"


def test_a_wrong_kind_of_attachment_is_refused_with_a_message(client, centre_staff):
    engagement = EngagementFactory()
    client.force_login(centre_staff)
    response = client.post(
        _url("entry_create", engagement.pk, language="cy"),
        {
            "kind": "note",
            "happened_on_day": "1",
            "happened_on_month": "6",
            "happened_on_year": "2024",
            "title_en": "Script",
            "title_cy": "Sgript",
            "text_en": "x",
            "text_cy": "y",
            "attachment": SimpleUploadedFile("run.exe", b"MZ"),
        },
    )
    assert response.status_code == 200
    assert "Rhaid i&#x27;r ffeil fod ar ffurf PDF" in response.content.decode()


def test_changing_the_phase_keeps_the_history(centre_staff):
    engagement = EngagementFactory()
    actions.change_phase(
        engagement=engagement, by=centre_staff, phase="alpha", started_on=datetime.date(2024, 9, 1)
    )
    engagement.refresh_from_db()
    assert engagement.phase == "alpha"
    actions.update_engagement(engagement=engagement, by=centre_staff, phase="beta")
    assert [change.phase for change in engagement.phases.all()] == ["alpha", "beta"]


def test_centre_staff_add_a_squad_member_from_a_partner_body(client, centre_staff, organisation):
    engagement = EngagementFactory(partners=[organisation])
    client.force_login(centre_staff)
    client.post(
        _url("squad_member_create", engagement.pk),
        {
            "name": "Demo Person",
            "role_en": "User researcher",
            "role_cy": "Ymchwilydd defnyddwyr",
            "organisation": organisation.pk,
        },
    )
    page = client.get(_url("engagement_detail", engagement.pk, language="cy")).content.decode()
    assert "Ymchwilydd defnyddwyr" in page
