"""Reads for the newsletter's pages: the subscriber a link names, and the centre's counts."""

from django.db.models import Count, Q, QuerySet

from . import links
from .models import (
    EmailLanguage,
    Frequency,
    Issue,
    IssueStatus,
    Subscriber,
    SubscriberStatus,
    Topic,
)


class NotSubscribed(Exception):
    """The link names a subscriber that no longer exists, or whose address has changed."""


def subscriber_for_link(*, purpose: str, token: str) -> Subscriber:
    """The subscriber a signed link names (raises `links.BadLink` or `NotSubscribed`)."""
    signed = links.read_token(purpose, token)
    subscriber = Subscriber.objects.filter(pk=signed.subscriber_id, email=signed.email).first()
    if subscriber is None:
        raise NotSubscribed
    return subscriber


def subscriber_counts() -> dict:
    """Confirmed subscribers by topic and by language: aggregate counts only (no tracking)."""
    confirmed = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
    totals = confirmed.aggregate(
        total=Count("pk"),
        **{topic: Count("pk", filter=Q(**{f"wants_{topic}": True})) for topic in Topic.values},
    )
    by_language = dict(
        confirmed.order_by().values("language").annotate(n=Count("pk")).values_list("language", "n")
    )
    return {
        "total": totals.pop("total"),
        "by_topic": [(Topic(topic).label, totals[topic]) for topic in Topic.values],
        "by_language": [
            (label, by_language.get(value, 0)) for value, label in EmailLanguage.choices
        ],
    }


def issues() -> QuerySet[Issue]:
    return Issue.objects.all()


def recipients_of(issue: Issue) -> QuerySet[Subscriber]:
    """Confirmed subscribers of the issue's topic who get each issue and have not had it yet
    (weekly readers get it in their digest)."""
    return (
        Subscriber.objects.filter(
            status=SubscriberStatus.CONFIRMED,
            frequency=Frequency.EACH_ISSUE,
            **{f"wants_{issue.topic}": True},
        )
        .exclude(sends__issue=issue)
        .order_by("pk")
    )


def digest_readers() -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(
        status=SubscriberStatus.CONFIRMED, frequency=Frequency.WEEKLY
    ).order_by("pk")


def issues_for_digest(subscriber: Subscriber, *, since) -> list[Issue]:
    """Issues sent since `since` on the reader's topics that the reader has not had."""
    return list(
        Issue.objects.filter(
            status=IssueStatus.SENT, sent_at__gte=since, topic__in=subscriber.topics
        )
        .exclude(sends__subscriber=subscriber)
        .order_by("sent_at", "pk")
    )
