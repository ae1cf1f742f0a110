"""Subscribing with double opt-in, changing choices, unsubscribing; each keeps a consent record.

No action says whether an address is already subscribed: the person sees the same page either
way, and only the owner of the address learns anything, by email.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from porth.core import audit

from .. import emails, links, queries
from ..models import (
    CONSENT_WORDING_VERSION,
    ConsentKind,
    ConsentRecord,
    Subscriber,
    SubscriberStatus,
)

CHOICE_FIELDS = [
    "status",
    "wants_blog",
    "wants_events",
    "wants_standards",
    "wants_register",
    "frequency",
    "language",
]


NotSubscribed = queries.NotSubscribed


def _consent(subscriber: Subscriber, kind: str, language: str) -> ConsentRecord:
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        kind=kind,
        given_at=timezone.now(),
        wording_version=CONSENT_WORDING_VERSION,
        language=language,
    )


def _normalise(email: str) -> str:
    return email.strip().lower()


def _audit(subscriber: Subscriber, action: str, title: Any, before: dict, by: Any = None) -> None:
    audit.record(
        by=by,
        action=f"newsletter.{action}",
        target=subscriber,
        title=title,
        before=before,
        after=audit.snapshot(subscriber, CHOICE_FIELDS),
    )


def _send_confirmation(subscriber: Subscriber) -> None:
    emails.compose(
        subscriber,
        "confirm",
        lambda language: {
            "confirm_url": links.absolute_link(
                links.CONFIRM,
                subscriber_id=subscriber.pk,
                email=subscriber.email,
                language=language,
            )
        },
        with_unsubscribe=False,
    ).send()


def _send_manage_link(subscriber: Subscriber) -> None:
    emails.compose(
        subscriber,
        "manage",
        lambda language: {
            "manage_url": links.absolute_link(
                links.MANAGE, subscriber_id=subscriber.pk, email=subscriber.email, language=language
            )
        },
    ).send()


@transaction.atomic
def subscribe(*, email: str, topics: Iterable[str], frequency: str, language: str) -> Subscriber:
    """Ask to subscribe: a confirmation email goes to the address (double opt-in).

    Someone already subscribed gets a link to manage their choices instead, so nobody can
    change another person's choices by typing their address.
    """
    email = _normalise(email)
    asked_in = translation.get_language()[:2]
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.is_confirmed:
        _send_manage_link(subscriber)
        return subscriber
    before = audit.snapshot(subscriber, CHOICE_FIELDS) if subscriber else {}
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.status = SubscriberStatus.PENDING
    subscriber.choose_topics(set(topics))
    subscriber.frequency = frequency
    subscriber.language = language
    subscriber.save()
    _consent(subscriber, ConsentKind.ASKED, asked_in)
    _audit(subscriber, "subscribe", _("Asked to subscribe to the newsletter"), before)
    _send_confirmation(subscriber)
    return subscriber


def _signed(purpose: str, token: str) -> Subscriber:
    """The subscriber a link names, checked against the address it was made for."""
    signed = links.read_token(purpose, token)
    subscriber = (
        Subscriber.objects.select_for_update()
        .filter(pk=signed.subscriber_id, email=signed.email)
        .first()
    )
    if subscriber is None:
        raise NotSubscribed
    return subscriber


@transaction.atomic
def confirm(*, token: str) -> Subscriber:
    """Confirm the subscription a confirmation link names (pressing the button, never opening
    the link: mail scanners open links)."""
    subscriber = _signed(links.CONFIRM, token)
    if subscriber.is_confirmed:
        return subscriber
    before = audit.snapshot(subscriber, CHOICE_FIELDS)
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save()
    _consent(subscriber, ConsentKind.CONFIRMED, translation.get_language()[:2])
    _audit(subscriber, "confirm", _("Confirmed a newsletter subscription"), before)
    return subscriber


@transaction.atomic
def change_choices(
    *, token: str, topics: Iterable[str], frequency: str, language: str
) -> Subscriber:
    """Change what a subscriber gets, through their signed manage link."""
    subscriber = _signed(links.MANAGE, token)
    before = audit.snapshot(subscriber, CHOICE_FIELDS)
    subscriber.choose_topics(set(topics))
    subscriber.frequency = frequency
    subscriber.language = language
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        # Choosing again through a link sent to the address is consent given again.
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
    subscriber.save()
    _consent(subscriber, ConsentKind.CHANGED, translation.get_language()[:2])
    _audit(subscriber, "change_choices", _("Changed newsletter choices"), before)
    return subscriber


@transaction.atomic
def unsubscribe(*, token: str) -> Subscriber:
    """Stop every newsletter email to the address an unsubscribe link names. Doing it twice is
    harmless (mail software may send the one-click POST more than once)."""
    subscriber = _signed(links.UNSUBSCRIBE, token)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return subscriber
    before = audit.snapshot(subscriber, CHOICE_FIELDS)
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save()
    _consent(subscriber, ConsentKind.WITHDRAWN, translation.get_language()[:2])
    _audit(subscriber, "unsubscribe", _("Unsubscribed from the newsletter"), before)
    return subscriber


def send_manage_link(*, email: str) -> None:
    """Email a link to manage choices, if the address has a subscription; nothing otherwise."""
    subscriber = Subscriber.objects.filter(email=_normalise(email)).first()
    if subscriber is not None and subscriber.status != SubscriberStatus.PENDING:
        _send_manage_link(subscriber)
    elif subscriber is not None:
        _send_confirmation(subscriber)
