"""Reads for pages: what a subject shows, the queue, the log, and whether a space is quiet."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet, Subquery
from django.utils import timezone

from porth.core.permissions import is_centre_staff

from . import age
from .models import Contribution, LogEntry, QuietPeriod, Space, Status


def space_by_key(key: str) -> Space | None:
    return Space.objects.filter(key=key).first()


def all_spaces() -> QuerySet[Space]:
    return Space.objects.all()


def can_moderate(user: Any, space: Space) -> bool:
    """Centre staff moderate every space; a space's own moderators only that space."""
    if not user.is_authenticated:
        return False
    return is_centre_staff(user) or space.moderators.filter(pk=user.pk).exists()


def moderated_spaces(user: Any) -> QuerySet[Space]:
    if not user.is_authenticated:
        return Space.objects.none()
    if is_centre_staff(user):
        return Space.objects.all()
    return Space.objects.filter(moderators=user)


def quiet_period(space: Space | None, today: datetime.date | None = None) -> QuietPeriod | None:
    """The pre-election period closing this space today, if any."""
    if space is None:
        return None
    today = today or timezone.localdate()
    return (
        QuietPeriod.objects.filter(spaces=space, starts_on__lte=today, ends_on__gte=today)
        .order_by("ends_on")
        .first()
    )


def quiet_period_id_of(space: Any, today: datetime.date | None = None) -> Subquery:
    """The same period as `quiet_period`, as an expression giving its id (or NULL) for a
    space named by a field of another query (e.g. `OuterRef("community__space")`), so a page
    reads it with the row it loads anyway instead of in a query of its own."""
    today = today or timezone.localdate()
    return Subquery(
        QuietPeriod.objects.filter(spaces=space, starts_on__lte=today, ends_on__gte=today)
        .order_by("ends_on")
        .values("pk")[:1]
    )


def quiet_period_by_id(period_id: int | None) -> QuietPeriod | None:
    """The period `quiet_period_id_of` gave; no query when there is none (nearly always)."""
    if period_id is None:
        return None
    return QuietPeriod.objects.filter(pk=period_id).first()


def _subject_filter(subject: Model) -> dict[str, Any]:
    return {
        "subject_type": ContentType.objects.get_for_model(subject, for_concrete_model=False),
        "subject_key": str(subject.pk),
    }


def published_for(subject: Model) -> QuerySet[Contribution]:
    """The contributions shown under a subject, oldest first."""
    return (
        Contribution.objects.filter(**_subject_filter(subject), status=Status.PUBLISHED)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def own_waiting_for(subject: Model, user: Any) -> QuerySet[Contribution]:
    """The signed-in person's own held contributions on a subject, so they see them held."""
    if not user.is_authenticated:
        return Contribution.objects.none()
    return Contribution.objects.filter(
        **_subject_filter(subject), author=user, status=Status.HELD
    ).order_by("created_at")


@dataclass
class QueueItem:
    contribution: Contribution
    due_at: datetime.datetime
    is_overdue: bool


def queue_for(user: Any, now: datetime.datetime | None = None) -> list[QueueItem]:
    """The one queue: every waiting item in the spaces this person moderates, oldest first."""
    now = now or timezone.now()
    waiting = (
        Contribution.objects.filter(
            status__in=[Status.HELD, Status.HIDDEN], space__in=moderated_spaces(user)
        )
        .select_related("author", "space")
        .prefetch_related("reports")
        .order_by("waiting_since", "pk")
    )
    items = []
    for contribution in waiting:
        since = timezone.localtime(contribution.waiting_since or contribution.created_at)
        due = age.due_at(since)
        items.append(QueueItem(contribution, due, now > due))
    return items


def log_for(user: Any) -> QuerySet[LogEntry]:
    """The moderation log of the spaces this person moderates, newest first."""
    return LogEntry.objects.filter(contribution__space__in=moderated_spaces(user)).select_related(
        "by", "contribution", "contribution__space", "contribution__author"
    )


def quiet_periods() -> QuerySet[QuietPeriod]:
    return QuietPeriod.objects.prefetch_related("spaces")


def has_published_before(user: Any) -> bool:
    return Contribution.objects.filter(author=user, status=Status.PUBLISHED).exists()
