"""Mentoring notes are private to the pair and centre staff: on every route, and the reminder
goes to a pair that has not checked in for 6 weeks, once."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from porth.accounts.tests.factories import UserFactory
from porth.core.tests.test_url_permissions import our_routes
from porth.panels import actions
from porth.panels.models import CheckIn

from .factories import MeetingFactory, MemberFactory, PairFactory, PanelFactory

pytestmark = pytest.mark.django_db

SECRET = "Private check-in note about confidence"


@pytest.fixture
def pair():
    mentor = MemberFactory(person=UserFactory(preferred_language="cy"))
    apprentice = MemberFactory(
        panel=PanelFactory(slug="apprentice-panel"), person=UserFactory(preferred_language="en")
    )
    pair = PairFactory(mentor=mentor, apprentice=apprentice)
    CheckIn.objects.create(pair=pair, held_on=datetime.date(2021, 1, 5), note=SECRET)
    return pair


def _panel_paths(pair) -> list[str]:
    """Every panels route, its parameters filled with this pair's real objects."""
    meeting = MeetingFactory(panel=pair.mentor.panel)
    values = {"pk": pair.pk, "slug": pair.mentor.panel.slug}
    paths = []
    for language in ("en", "cy"):
        with translation.override(language):
            for route in our_routes():
                if not route.name.startswith("panels:"):
                    continue
                kwargs = {name: values[name] for name in route.parameters}
                if "pk" in kwargs and "meeting" in route.name:
                    kwargs["pk"] = meeting.pk
                paths.append(reverse(route.name, kwargs=kwargs))
    return paths


def test_check_in_notes_are_seen_only_by_the_pair_and_centre_staff_on_every_route(
    client, pair, centre_staff, outsider
):
    other_member = MemberFactory().person or UserFactory()
    paths = _panel_paths(pair)
    for person in (None, outsider, other_member):
        client.logout()
        if person is not None:
            client.force_login(person)
        for path in paths:
            response = client.get(path)
            assert SECRET not in response.content.decode(), (person, path)
            response = client.post(path, {"held_on_day": "1", "note": "Sneaky"})
            assert SECRET not in response.content.decode(), (person, path)
    assert not CheckIn.objects.filter(note="Sneaky").exists()
    for person in (pair.mentor.person, pair.apprentice.person, centre_staff):
        client.force_login(person)
        assert SECRET in client.get(reverse("panels:pair_detail", args=[pair.pk])).content.decode()


def test_someone_outside_the_pair_is_refused_and_cannot_write(pair, outsider):
    with pytest.raises(actions.NotInPair):
        actions.record_check_in(by=outsider, pair=pair, held_on=datetime.date(2021, 2, 1), note="x")


def test_either_of_the_pair_records_a_check_in(client, pair):
    client.force_login(pair.apprentice.person)
    client.post(
        reverse("panels:pair_detail", args=[pair.pk]),
        {
            "held_on_day": "2",
            "held_on_month": "2",
            "held_on_year": "2021",
            "note": "We talked about user research.",
        },
    )
    assert pair.check_ins.count() == 2


def test_a_quiet_pair_is_reminded_once_in_each_persons_language(
    pair, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_check_in_reminders(today=today) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_check_in_reminders(today=today) == 0
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Amser am sgwrs fentora", "Time for a mentoring check-in"]


def test_a_pair_that_checked_in_recently_is_not_reminded(pair):
    CheckIn.objects.create(pair=pair, held_on=timezone.localdate(), note="Recent")
    assert actions.send_check_in_reminders() == 0


def test_check_in_notes_appear_on_no_other_page_and_nowhere_in_the_api(
    client, pair, centre_staff, outsider
):
    """Every route of ours without parameters (lists, searches, the whole /api/v1/ and its
    downloads), asked for the note's words, as a visitor, another body's admin and another
    panel member: the note never appears."""
    other_member = MemberFactory().person or UserFactory()
    paths = [route.path for route in our_routes() if not route.parameters]
    assert any(path.startswith("/api/v1/") for path in paths)
    for person in (None, outsider, other_member):
        client.logout()
        if person is not None:
            client.force_login(person)
        for path in paths:
            response = client.get(path, {"q": "confidence", "search": "confidence"})
            body = b"" if response.streaming else response.content
            assert SECRET.encode() not in body, (person, path)


def test_the_daily_command_has_the_worker_send_the_reminder(
    pair, django_capture_on_commit_callbacks
):
    """`manage.py send_mentoring_reminders` (the daily job) queues the task; the worker sends."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_mentoring_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    pair.refresh_from_db()
    assert pair.reminded_at is not None
