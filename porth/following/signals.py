"""Followers hear about changes: the register's `register_changed` (a service's phase, name or
any other recorded change) queues telling that service's followers once the change commits;
communities' `post_published` (a new thread or reply shown) queues telling the followers of
the community or the thread; Wagtail's `page_published` for a new blog post, the followers of
its topics; Wagtail's `page_published` for a standard's guidance or an example, the followers
of the standards it is about (asked of `standards.queries`); learning's `session_published`,
the followers of the course (ADR 0059)."""

from typing import Any

from django.dispatch import receiver
from wagtail.signals import page_published

from porth.blog.models import BlogPostPage
from porth.communities.signals import post_published
from porth.learning.signals import session_published
from porth.register.signals import register_changed
from porth.standards import queries as standards_queries

from . import queue


@receiver(register_changed, dispatch_uid="following_register_changed")
def tell_followers_when_a_service_changes(sender: Any, **kwargs: Any) -> None:
    """`service=`: one service changed. `changed=[…]`: many that existed before (a batch of an
    import, ADR 0055), told as if each changed alone. `services=[…]` are new: nobody follows
    them yet."""
    service = kwargs.get("service")
    if service is not None:
        queue.queue_service_followers(service_id=service.pk)
    changed = kwargs.get("changed")
    if changed:
        queue.queue_many_services_followers(
            services=[(item.pk, item.public_id) for item in changed]
        )


@receiver(post_published, dispatch_uid="following_post_published")
def tell_followers_when_a_post_is_shown(sender: Any, **kwargs: Any) -> None:
    queue.queue_post_followers(contribution_id=kwargs["contribution"].pk)


@receiver(page_published, sender=BlogPostPage, dispatch_uid="following_blog_post_published")
def tell_topic_followers_of_a_new_post(sender: Any, **kwargs: Any) -> None:
    """Only a post's first publication in its first language is news; later revisions and its
    translation are not told again."""
    post = kwargs["instance"]
    if post.first_published_at != post.last_published_at:
        return
    queue.queue_blog_post_followers(page_id=post.pk)


@receiver(page_published, dispatch_uid="following_manual_page_published")
def tell_standard_followers_of_a_manual_change(sender: Any, **kwargs: Any) -> None:
    """Every publication of a standard's guidance or of an example (a new one, or a change),
    in the language it is written in."""
    if standards_queries.standards_a_page_is_about(kwargs["instance"]):
        queue.queue_standard_followers(page_id=kwargs["instance"].pk)


@receiver(session_published, dispatch_uid="following_session_published")
def tell_course_followers_of_a_new_session(sender: Any, **kwargs: Any) -> None:
    queue.queue_course_followers(session_id=kwargs["session"].pk)
