"""Queues telling followers once the change commits (ADR 0028): the receiver in `signals.py`
and `manage.py send_follow_digests` call this."""

from dataclasses import dataclass

from django.db import connection, transaction

from . import tasks


@dataclass(frozen=True)
class _TellFollowers:
    service_id: int

    def __call__(self) -> None:
        tasks.tell_followers_of_service_later.enqueue(service_id=self.service_id)


def queue_service_followers(*, service_id: int) -> None:
    """One task per service per transaction, however many changes the transaction records."""
    job = _TellFollowers(service_id)
    if any(entry[1] == job for entry in connection.run_on_commit):
        return
    # robust: the change is committed by then; failing to queue must not make it look failed.
    transaction.on_commit(job, robust=True)


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
