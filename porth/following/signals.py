"""Followers hear about changes: the register's `register_changed` (a service's phase, name or
any other recorded change) queues telling that service's followers once the change commits."""

from typing import Any

from django.dispatch import receiver

from porth.register.signals import register_changed

from . import queue


@receiver(register_changed, dispatch_uid="following_register_changed")
def tell_followers_when_a_service_changes(sender: Any, **kwargs: Any) -> None:
    service = kwargs.get("service")
    if service is not None:
        queue.queue_service_followers(service_id=service.pk)
