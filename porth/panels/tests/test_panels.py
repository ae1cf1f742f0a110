"""Panels: only centre staff change them; profiles shown only when the member chose to;
minutes published in both languages; actions tracked to done."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from porth.accounts.tests.factories import UserFactory
from porth.panels import actions
from porth.panels.models import Meeting, MeetingAction, Member

from .factories import MeetingFactory, MemberFactory, PanelFactory

pytestmark = pytest.mark.django_db


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"panels:{name}", args=args)


def test_the_public_sees_only_the_profiles_members_chose_to_show(client):
    panel = PanelFactory()
    MemberFactory(panel=panel, name="Shown Demo")
    MemberFactory(panel=panel, name="Hidden Demo", profile_is_public=False)
    MemberFactory(panel=panel, name="Past Demo", term_to=datetime.date(2021, 1, 1))
    page = client.get(_url("panel_detail", panel.slug, language="cy")).content.decode()
    assert "Shown Demo" in page
    assert "Hidden Demo" not in page
    assert "Past Demo" not in page
    assert "Mae gan y panel 2 aelod." in page


def test_centre_staff_record_a_meeting_and_its_actions_to_done(client, centre_staff):
    panel = PanelFactory()
    client.force_login(centre_staff)
    client.post(
        _url("meeting_create", panel.slug),
        {
            "held_on_day": "18",
            "held_on_month": "11",
            "held_on_year": "2020",
            "agenda_en": "Standards",
            "agenda_cy": "Safonau",
        },
    )
    meeting = Meeting.objects.get()
    client.post(
        _url("action_create", meeting.pk),
        {
            "description_en": "Share a summary",
            "description_cy": "Rhannu crynodeb",
            "owner": "Demo Person",
            "due_on_day": "16",
            "due_on_month": "12",
            "due_on_year": "2020",
        },
    )
    action = MeetingAction.objects.get()
    client.post(_url("action_done", action.pk))
    action.refresh_from_db()
    assert action.is_done


def test_minutes_are_published_only_in_both_languages(client, centre_staff):
    meeting = MeetingFactory()
    client.force_login(centre_staff)
    response = client.post(
        _url("meeting_minutes", meeting.pk, language="cy"),
        {"minutes_en": "We met.", "publish": "on"},
    )
    assert "Rhowch y cofnodion yn Gymraeg i&#x27;w cyhoeddi" in response.content.decode()
    assert "We met." in response.content.decode()
    with pytest.raises(actions.MinutesIncomplete):
        actions.save_minutes(
            by=centre_staff, meeting=meeting, minutes_en="We met.", minutes_cy="", publish=True
        )
    actions.save_minutes(
        by=centre_staff,
        meeting=meeting,
        minutes_en="We met.",
        minutes_cy="Cwrddon ni.",
        publish=True,
    )
    assert (
        "Cwrddon ni."
        in client.get(_url("meeting_detail", meeting.pk, language="cy")).content.decode()
    )


def test_only_centre_staff_change_panels(client, organisation_admin):
    panel = PanelFactory()
    meeting = MeetingFactory(panel=panel)
    client.force_login(organisation_admin)
    for url in (
        _url("member_create", panel.slug),
        _url("meeting_create", panel.slug),
        _url("meeting_minutes", meeting.pk),
        _url("action_create", meeting.pk),
        _url("pair_create"),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
    with pytest.raises(actions.NotCentreStaff):
        actions.record_meeting(
            by=organisation_admin,
            panel=panel,
            held_on=datetime.date(2021, 1, 1),
            agenda_en="a",
            agenda_cy="b",
        )


def test_a_member_form_with_mistakes_keeps_what_was_typed(client, centre_staff):
    panel = PanelFactory()
    client.force_login(centre_staff)
    response = client.post(
        _url("member_create", panel.slug),
        {
            "name": "Typed Demo",
            "profile_en": "x",
            "term_from_day": "1",
            "term_from_month": "9",
            "term_from_year": "2021",
            "term_to_day": "1",
            "term_to_month": "1",
            "term_to_year": "2020",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Typed Demo" in page
    assert "Enter the profile in Welsh" in page
    assert "The term must end after it starts" in page
    assert not Member.objects.exists()


def test_the_demo_has_a_14_member_advisory_panel_and_paired_apprentices():
    from porth.panels import demo

    demo.seed_demo_panels()
    demo.seed_demo_panels()
    assert Member.objects.filter(panel__slug="advisory-panel").count() == 14
    apprentices = Member.objects.filter(panel__slug="apprentice-panel")
    assert apprentices.count() == 6
    assert all(member.mentored_by.exists() for member in apprentices)
    assert all(member.name.endswith("Demo") for member in Member.objects.all())
    assert UserFactory._meta.model.objects.count() == 0
