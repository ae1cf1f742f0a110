"""Followers hear about changes: the register's `register_changed` (a service's phase, name or
any other recorded change) queues telling that service's followers once the change commits;
communities' `post_published` (a new thread or reply shown) queues telling the followers of
the community or the thread."""

from typing import Any

from django.dispatch import receiver

from porth.communities.signals import post_published
from porth.register.signals import register_changed

from . import queue


@receiver(register_changed, dispatch_uid="following_register_changed")
def tell_followers_when_a_service_changes(sender: Any, **kwargs: Any) -> None:
    service = kwargs.get("service")
    if service is not None:
        queue.queue_service_followers(service_id=service.pk)


@receiver(post_published, dispatch_uid="following_post_published")
def tell_followers_when_a_post_is_shown(sender: Any, **kwargs: Any) -> None:
    queue.queue_post_followers(contribution_id=kwargs["contribution"].pk)
