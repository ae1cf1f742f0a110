"""The centre's pages: only centre staff, aggregate counts, issues written in both languages."""

import pytest
from django.core import mail

from porth.newsletter.models import Issue

from .factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_the_centre_sees_counts_by_topic_and_language_and_nothing_about_any_reader(
    client, centre_staff
):
    SubscriberFactory.create_batch(2, language="cy")
    SubscriberFactory(language="en", wants_blog=False, email="private@example.org")
    client.force_login(centre_staff)
    response = client.get("/en/newsletter/centre/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "private@example.org" not in text
    assert response.context["counts"]["total"] == 3
    assert ("Blog posts", 2) in response.context["counts"]["by_topic"]
    assert ("Cymraeg", 2) in response.context["counts"]["by_language"]


def test_people_who_are_not_centre_staff_are_refused(client, organisation_admin):
    client.force_login(organisation_admin)
    assert client.get("/en/newsletter/centre/").status_code == 403
    assert client.get("/en/newsletter/centre/subscribers.csv").status_code == 403


def test_staff_write_a_draft_then_schedule_only_when_both_languages_exist(client, centre_staff):
    client.force_login(centre_staff)
    response = client.post(
        "/cy/newsletter/centre/issues/new/",
        {"topic": "blog", "subject_en": "News", "body_en": "<b>Hello</b>"},
    )
    issue = Issue.objects.get()
    assert response.status_code == 302
    page = client.get(f"/cy/newsletter/centre/issues/{issue.pk}/").content.decode()
    assert "&lt;b&gt;Hello&lt;/b&gt;" in page
    response = client.post(
        f"/cy/newsletter/centre/issues/{issue.pk}/schedule/",
        {"send_on_day": "1", "send_on_month": "1", "send_on_year": "2099"},
    )
    assert "Ysgrifennwch y pwnc a&#x27;r testun yn y ddwy iaith yn gyntaf." in (
        response.content.decode()
    )
    issue.refresh_from_db()
    assert issue.status == "draft"


def test_a_long_subject_is_refused_and_what_was_typed_kept(client, centre_staff):
    client.force_login(centre_staff)
    response = client.post(
        "/en/newsletter/centre/issues/new/", {"topic": "blog", "subject_en": "x" * 201}
    )
    assert response.status_code == 200
    assert "Subject must be 200 characters or fewer" in response.content.decode()
    assert Issue.objects.count() == 0


def test_staff_send_a_test_to_themselves(client, centre_staff):
    issue = IssueFactory()
    client.force_login(centre_staff)
    client.post(f"/en/newsletter/centre/issues/{issue.pk}/test/")
    assert [m.to for m in mail.outbox] == [[centre_staff.email]]
