"""Subscribing with double opt-in, managing by signed link, one-click unsubscribe."""

from urllib.parse import urlparse

import pytest
from django.core import mail, signing

from porth.newsletter import links
from porth.newsletter.actions import subscriptions as actions
from porth.newsletter.models import (
    CONSENT_WORDING_VERSION,
    ConsentKind,
    Subscriber,
    SubscriberStatus,
)

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

CHOICES = {"topics": ["blog", "standards"], "frequency": "each", "language": "both"}


def _path(url: str) -> str:
    return urlparse(url).path


def _subscribe(client, page_language="en", **overrides):
    data = {"email": "Ceri@Example.org", **CHOICES, **overrides}
    return client.post(f"/{page_language}/newsletter/", data)


def test_subscribing_sends_a_confirmation_and_records_consent_but_sends_nothing_else(client):
    response = _subscribe(client, page_language="cy")
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ceri@example.org"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.topics == ["blog", "standards"]
    consent = subscriber.consents.get()
    assert (consent.kind, consent.wording_version, consent.language) == (
        ConsentKind.ASKED,
        CONSENT_WORDING_VERSION,
        "cy",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ceri@example.org"]


def test_a_both_languages_confirmation_is_in_welsh_first_then_english(client, link_in):
    _subscribe(client)
    message = mail.outbox[0]
    assert message.subject.index("Cadarnhewch") < message.subject.index("Confirm")
    assert message.body.index("/cy/newsletter/confirm/") < message.body.index(
        "/en/newsletter/confirm/"
    )


def test_a_welsh_only_subscriber_gets_welsh_only(client):
    _subscribe(client, language="cy")
    body = mail.outbox[0].body
    assert "/cy/newsletter/confirm/" in body
    assert "/en/" not in body


def test_opening_the_confirm_link_changes_nothing_until_the_button_is_pressed(client, link_in):
    _subscribe(client)
    url = _path(link_in(mail.outbox[0], "newsletter/confirm"))
    assert client.get(url).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    response = client.post(url)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert [c.kind for c in subscriber.consents.all()] == [
        ConsentKind.ASKED,
        ConsentKind.CONFIRMED,
    ]


def test_subscribing_an_address_already_subscribed_changes_nothing_and_emails_the_owner(client):
    subscriber = SubscriberFactory(email="ceri@example.org", language="en", wants_events=False)
    _subscribe(client, topics=["events"])
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.topics == ["blog", "standards"]
    assert "/en/newsletter/manage/" in mail.outbox[0].body


def test_the_form_refuses_bad_input_clearly_and_keeps_what_was_typed(client):
    response = client.post(
        "/cy/newsletter/", {"email": "x" * 300 + "@example.org", "frequency": "each"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Dewiswch o leiaf un pwnc" in text
    assert "x" * 300 in text
    assert Subscriber.objects.count() == 0 and mail.outbox == []


def test_manage_link_is_emailed_only_to_a_subscribed_address(client, link_in):
    SubscriberFactory(email="ceri@example.org", language="en")
    for email in ("ceri@example.org", "nobody@example.org"):
        response = client.post("/en/newsletter/manage/", {"email": email})
        assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["ceri@example.org"]]
    url = _path(link_in(mail.outbox[0], "newsletter/manage"))
    response = client.post(url, {"topics": ["events"], "frequency": "weekly", "language": "cy"})
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.topics, subscriber.frequency, subscriber.language) == (
        ["events"],
        "weekly",
        "cy",
    )
    assert subscriber.consents.last().kind == ConsentKind.CHANGED


def test_every_email_to_a_subscriber_has_one_click_unsubscribe_headers_and_a_body_link(
    client, link_in
):
    SubscriberFactory(email="ceri@example.org", language="en")
    client.post("/en/newsletter/manage/", {"email": "ceri@example.org"})
    message = mail.outbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] == link_in(message, "newsletter/unsubscribe")


def test_the_one_click_post_from_mail_software_unsubscribes_without_a_csrf_token(link_in):
    from django.test import Client

    subscriber = SubscriberFactory(email="ceri@example.org", language="en")
    url = links.absolute_link(
        links.UNSUBSCRIBE, subscriber_id=subscriber.pk, email=subscriber.email, language="en"
    )
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        _path(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.consents.last().kind == ConsentKind.WITHDRAWN
    # Mail software may send it twice: still fine, still one record.
    strict.post(_path(url), "List-Unsubscribe=One-Click", content_type="text/plain")
    assert subscriber.consents.filter(kind=ConsentKind.WITHDRAWN).count() == 1


def test_a_signed_link_changed_to_name_another_subscriber_is_refused(client):
    mine = SubscriberFactory(email="me@example.org")
    theirs = SubscriberFactory(email="them@example.org")
    token = links.make_token(links.UNSUBSCRIBE, subscriber_id=mine.pk, email=mine.email)
    forged_payload = signing.dumps(
        {"s": theirs.pk, "e": theirs.email}, salt=links.UNSUBSCRIBE, compress=True
    ).split(":")[0]
    forgeries = [
        f"{forged_payload}:{token.split(':', 1)[1]}",  # their payload, my signature
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # a changed signature
        links.make_token(links.CONFIRM, subscriber_id=theirs.pk, email=theirs.email),  # wrong use
    ]
    for forged in forgeries:
        assert client.post(f"/en/newsletter/unsubscribe/{forged}/").status_code == 400
        assert client.get(f"/en/newsletter/manage/{forged}/").status_code == 400
    assert set(Subscriber.objects.values_list("status", flat=True)) == {SubscriberStatus.CONFIRMED}


def test_a_link_for_an_address_that_was_changed_no_longer_works(client):
    subscriber = SubscriberFactory(email="old@example.org")
    token = links.make_token(
        links.UNSUBSCRIBE, subscriber_id=subscriber.pk, email="old@example.org"
    )
    Subscriber.objects.filter(pk=subscriber.pk).update(email="new@example.org")
    assert client.post(f"/en/newsletter/unsubscribe/{token}/").status_code == 400
    with pytest.raises(actions.NotSubscribed):
        actions.unsubscribe(token=token)


def test_injection_in_the_address_is_shown_as_text(client):
    response = client.post("/en/newsletter/", {"email": "<script>alert(1)</script>", **CHOICES})
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_subscribing_too_often_is_refused_with_when_to_try_again(client, settings):
    for _ in range(10):
        _subscribe(client)
    response = _subscribe(client)
    assert response.status_code == 429
    assert "Try again in" in response.content.decode()
