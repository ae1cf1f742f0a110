"""The "Get emails about this" button on a service's page (the `service_page` slot), a
community's (new threads), a thread's (replies), a blog topic's list (new posts), a
standard's page (its guidance and examples) and a course's sessions (new sessions)."""

from typing import Any

from django.utils.translation import gettext as _

from porth.core.sections import (
    BLOG_TOPIC_PAGE,
    COMMUNITY_PAGE,
    COURSE_PAGE,
    SERVICE_PAGE,
    STANDARD_PAGE,
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


def _standard_context(standard: Any, user: Any) -> dict:
    key = str(standard.number)
    return {
        "kind": "standard",
        "key": key,
        "current": follow_of(user, "standard", key),
        "hint": _(
            "Get an email when this standard's guidance in the manual or its examples change."
        ),
    }


def _course_context(course: Any, user: Any) -> dict | None:
    if not course.is_published:
        return None
    return {
        "kind": "course",
        "key": course.slug,
        "current": follow_of(user, "course", course.slug),
        "hint": _("Get an email when a new session of this course is published."),
    }


def register_sections() -> None:
    register_section(
        slot=STANDARD_PAGE,
        section=PageSection(
            key="following_standard",
            template_name="following/follow_button.html",
            get_context=_standard_context,
            order=10,
        ),
    )
    register_section(
        slot=COURSE_PAGE,
        section=PageSection(
            key="following_course",
            template_name="following/follow_button.html",
            get_context=_course_context,
            order=10,
        ),
    )
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
