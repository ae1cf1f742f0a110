"""Queues telling followers once the change commits (ADR 0028): the receiver in `signals.py`
and `manage.py send_follow_digests` call this."""

from dataclasses import dataclass

from django.db import transaction

from porth.core.commit_hooks import on_commit_once

from . import tasks
from .models import Follow

BATCH = 500


@dataclass(frozen=True)
class _TellFollowers:
    service_id: int

    def __call__(self) -> None:
        tasks.tell_followers_of_service_later.enqueue(service_id=self.service_id)


def queue_service_followers(*, service_id: int) -> None:
    """One task per service per transaction, however many changes the transaction records
    (looking for the one already waiting costs the same however many wait: ADR 0055)."""
    # robust: the change is committed by then; failing to queue must not make it look failed.
    on_commit_once(_TellFollowers(service_id), robust=True)


@dataclass(frozen=True)
class _TellFollowersOfMany:
    services: tuple[tuple[int, str], ...]
    """(id, service ID) of each service changed."""

    def __call__(self) -> None:
        """One task for each of the services that someone follows: asking which are followed
        is one query per `BATCH` services, where a task each would be a write each."""
        for start in range(0, len(self.services), BATCH):
            chunk = self.services[start : start + BATCH]
            followed = set(
                Follow.objects.filter(kind="service", key__in=[key for _pk, key in chunk])
                .order_by()
                .values_list("key", flat=True)
                .distinct()
            )
            for pk, public_id in chunk:
                if public_id in followed:
                    tasks.tell_followers_of_service_later.enqueue(service_id=pk)


def queue_many_services_followers(*, services: list[tuple[int, str]]) -> None:
    """Tell the followers of each of many changed services (an import's batch: ADR 0055), once
    the change commits: one job for them all, which queues a task only for the services that
    someone follows then (the task would find no one to tell for the others). `services` are
    (id, service ID) pairs."""
    if services:
        on_commit_once(_TellFollowersOfMany(tuple(services)), robust=True)


def queue_post_followers(*, contribution_id: int) -> None:
    """Tell the followers of a community or thread about a post, once it is committed."""
    transaction.on_commit(
        lambda: tasks.tell_followers_of_post_later.enqueue(contribution_id=contribution_id),
        robust=True,
    )


def queue_blog_post_followers(*, page_id: int) -> None:
    """Tell the followers of a new blog post's topics, once it is committed."""
    transaction.on_commit(
        lambda: tasks.tell_followers_of_blog_post_later.enqueue(page_id=page_id), robust=True
    )


def queue_standard_followers(*, page_id: int) -> None:
    """Tell the followers of the standards a published manual page is about, once committed."""
    transaction.on_commit(
        lambda: tasks.tell_followers_of_manual_page_later.enqueue(page_id=page_id), robust=True
    )


def queue_course_followers(*, session_id: int) -> None:
    """Tell a course's followers of its new session, once it is committed."""
    transaction.on_commit(
        lambda: tasks.tell_followers_of_session_later.enqueue(session_id=session_id), robust=True
    )


def queue_daily_digests() -> None:
    transaction.on_commit(lambda: tasks.send_daily_digests_later.enqueue())
