"""The "Get emails about this" button on a service's page (the `service_page` slot), a
community's (new threads) and a thread's (replies)."""

from typing import Any

from porth.core.sections import (
    BLOG_TOPIC_PAGE,
    COMMUNITY_PAGE,
    SERVICE_PAGE,
    THREAD_PAGE,
    PageSection,
    register_section,
)

from .queries import follow_of


def _service_context(service: Any, user: Any) -> dict:
    return {
        "kind": "service",
        "key": service.public_id,
        "current": follow_of(user, "service", service.public_id),
    }


def _community_context(community: Any, user: Any) -> dict:
    return {
        "kind": "community",
        "key": community.slug,
        "current": follow_of(user, "community", community.slug),
    }


def _thread_context(thread: Any, user: Any) -> dict:
    return {
        "kind": "thread",
        "key": str(thread.pk),
        "current": follow_of(user, "thread", str(thread.pk)),
    }


def _topic_context(topic: Any, user: Any) -> dict:
    return {
        "kind": "blog_topic",
        "key": topic.slug,
        "current": follow_of(user, "blog_topic", topic.slug),
    }


def register_sections() -> None:
    register_section(
        slot=BLOG_TOPIC_PAGE,
        section=PageSection(
            key="following_blog_topic",
            template_name="following/follow_button_small.html",
            get_context=_topic_context,
            order=10,
        ),
    )
    register_section(
        slot=COMMUNITY_PAGE,
        section=PageSection(
            key="following_community",
            template_name="following/follow_button_small.html",
            get_context=_community_context,
            order=10,
        ),
    )
    register_section(
        slot=THREAD_PAGE,
        section=PageSection(
            key="following_thread",
            template_name="following/follow_button_small.html",
            get_context=_thread_context,
            order=10,
        ),
    )
    register_section(
        slot=SERVICE_PAGE,
        section=PageSection(
            key="following_service",
            template_name="following/follow_button.html",
            get_context=_service_context,
            order=10,
        ),
    )
