"""Moderation's background work: each task calls one action (ADR 0028)."""

from django_tasks import task

from . import actions


@task()
def tell_author_later(contribution_id: int) -> None:
    actions.tell_author_of_outcome(contribution_id=contribution_id)
