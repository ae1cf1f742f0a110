"""The kinds of thing a person can follow. Each kind says how to find one by its key (through
its app's queries) and what to call it; new kinds (a standard, a community, a course, a blog
topic) add one entry here and a button in their page's slot."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import translation

from porth.blog import queries as blog_queries
from porth.communities import queries as communities_queries
from porth.learning import queries as learning_queries
from porth.register import queries as register_queries
from porth.standards import queries as standards_queries


def _anyone(person: Any, thing: Any) -> bool:
    return True


@dataclass(frozen=True)
class Kind:
    name: str
    find: Callable[[str], Any]  # the thing, or None
    key_of: Callable[[Any], str]
    # Whether this person may follow (and so hear about) this thing: a community that needs a
    # request is followed, and heard about, by its members only.
    may_follow: Callable[[Any, Any], bool] = _anyone


def _service(key: str) -> Any:
    return register_queries.service_for_page(key)


@dataclass(frozen=True)
class FollowedTopic:
    """A blog topic as following names and links it (the blog's Topic has neither `name` nor
    an address of its own: its list is a blog route)."""

    topic: Any

    @property
    def slug(self) -> str:
        return self.topic.slug

    @property
    def name(self) -> str:
        return str(self.topic)  # localised in the active language

    def get_absolute_url(self) -> str:
        return reverse("blog:topic_posts", kwargs={"slug": self.topic.slug})


def _blog_topic(key: str) -> FollowedTopic | None:
    topic = blog_queries.topic_by_slug(key)
    return FollowedTopic(topic) if topic is not None else None


@dataclass(frozen=True)
class FollowedStandard:
    """A standard, followed by its number, which stays the same from one version of the
    standards to the next; its name is the current version's, in the active language."""

    standard: Any

    @property
    def number(self) -> str:
        return str(self.standard.number)

    @property
    def name(self) -> str:
        return str(self.standard)  # "3. Name", localised in the active language

    def get_absolute_url(self) -> str:
        return reverse("standards:standard_detail", args=[self.standard.number])


def _standard(key: str) -> FollowedStandard | None:
    if not key.isdigit():
        return None
    standard = standards_queries.current_standard(int(key))
    return FollowedStandard(standard) if standard is not None else None


@dataclass(frozen=True)
class FollowedCourse:
    """A published course, followed by its slug, to hear of its new sessions. There is no
    course page of its own yet, so its address is the learning catalogue."""

    course: Any

    @property
    def slug(self) -> str:
        return self.course.slug

    @property
    def name(self) -> str:
        return self.course.title  # localised in the active language

    def get_absolute_url(self) -> str:
        return reverse("learning:catalogue")


def _course(key: str) -> FollowedCourse | None:
    course = learning_queries.published_course(key)
    return FollowedCourse(course) if course is not None else None


KINDS: dict[str, Kind] = {
    "service": Kind(name="service", find=_service, key_of=lambda service: service.public_id),
    # New threads in a community; replies in a thread (ADR 0051).
    "community": Kind(
        name="community",
        find=communities_queries.community_by_slug,
        key_of=lambda community: community.slug,
        may_follow=communities_queries.can_read,
    ),
    # New posts about a blog topic.
    "blog_topic": Kind(name="blog_topic", find=_blog_topic, key_of=lambda topic: topic.slug),
    # A standard's manual page and its examples (ADR 0059).
    "standard": Kind(name="standard", find=_standard, key_of=lambda standard: standard.number),
    # New sessions of a course (ADR 0059).
    "course": Kind(name="course", find=_course, key_of=lambda course: course.slug),
    "thread": Kind(
        name="thread",
        find=communities_queries.visible_thread,
        key_of=lambda thread: str(thread.pk),
        may_follow=lambda person, thread: communities_queries.can_read(person, thread.community),
    ),
}


def title_of(thing: Any, language: str) -> str:
    with translation.override(language):
        return str(thing.name)


def path_of(thing: Any, language: str) -> str:
    with translation.override(language):
        return thing.get_absolute_url()
