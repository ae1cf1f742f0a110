"""What communities hear and tell.

They listen to moderation's `contribution_published`: when a post in a community becomes
visible, its thread moves up the list and `post_published` is sent, inside the same
transaction, for the apps above (following tells the people who follow the thread or the
community, ADR 0036). Communities never import those apps.
"""

from typing import Any

from django.dispatch import Signal, receiver

from porth.moderation.signals import contribution_published

from . import actions

# thread=Thread, contribution=Contribution, is_opening=bool
post_published = Signal()


@receiver(contribution_published, dispatch_uid="communities_contribution_published")
def thread_moves_up_and_followers_hear(sender: Any, **kwargs: Any) -> None:
    contribution = kwargs["contribution"]
    thread = actions.note_post_published(contribution=contribution)
    if thread is not None:
        post_published.send(
            sender=type(thread),
            thread=thread,
            contribution=contribution,
            is_opening=thread.opening_id == contribution.pk,
        )
