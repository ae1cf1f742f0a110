"""Following and being told: follow, stop, choose when to hear; tell followers of a change.

Emails go out in each person's own language (their `preferred_language`), through the task
queue (porth.core.mail). A person who chose the daily digest gets the day's notices in one
email from `send_daily_digests`.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from porth.blog import queries as blog_queries
from porth.communities import queries as communities_queries
from porth.core import audit
from porth.learning import queries as learning_queries
from porth.register import queries as register_queries
from porth.standards import queries as standards_queries

from .kinds import KINDS, FollowedCourse, FollowedStandard, path_of, title_of
from .models import Delivery, Follow, FollowSettings, Notice

LANGUAGES = ("en", "cy")


class UnknownThing(Exception):
    """There is nothing of that kind with that key to follow."""


@transaction.atomic
def follow(*, person: Any, kind: str, key: str) -> Follow:
    """Start following; following twice is one follow."""
    thing = KINDS[kind].find(key) if kind in KINDS else None
    if thing is None or not KINDS[kind].may_follow(person, thing):
        raise UnknownThing
    key = KINDS[kind].key_of(thing)
    existing = Follow.objects.filter(person=person, kind=kind, key=key).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            made = Follow.objects.create(person=person, kind=kind, key=key)
    except IntegrityError:
        return Follow.objects.get(person=person, kind=kind, key=key)
    audit.record(
        by=person,
        action="following.follow",
        target=made,
        title=_("Started following %(thing)s"),
        title_values={"thing": title_of(thing, "en")},
    )
    return made


@transaction.atomic
def stop_following(*, person: Any, follow_id: int) -> None:
    """Stop one follow of the person's own (someone else's id does nothing)."""
    found = Follow.objects.filter(person=person, pk=follow_id).first()
    if found is None:
        return
    audit.record(
        by=person,
        action="following.stop_following",
        target=found,
        title=_("Stopped following something"),
    )
    found.delete()


@transaction.atomic
def choose_delivery(*, person: Any, delivery: str) -> FollowSettings:
    chosen, _created = FollowSettings.objects.get_or_create(person=person)
    before = audit.snapshot(chosen, ["delivery"])
    chosen.delivery = delivery
    chosen.save()
    audit.record(
        by=person,
        action="following.choose_delivery",
        target=chosen,
        title=_("Chose when to get emails about what they follow"),
        before=before,
        after=audit.snapshot(chosen, ["delivery"]),
    )
    return chosen


def _value(value: Any, language: str) -> str:
    if isinstance(value, dict) and language in value:
        return str(value[language])
    return "" if value is None else str(value)


def _change_text(service: Any, language: str) -> str:
    """What changed, in one language: the latest entry of the service's history."""
    latest = register_queries.service_history(service, limit=1)
    lines = []
    for change in latest[0].changes if latest else []:
        lines.append(
            f"{_value(change.get('label'), language)}: "
            f"{_value(change.get('old'), language) or '–'} → "
            f"{_value(change.get('new'), language) or '–'}"
        )
    with translation.override(language):
        return render_to_string(
            "following/email/change.txt", {"name": title_of(service, language), "lines": lines}
        ).strip()


def _base() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _language_of(person: Any) -> str:
    """The language a person's emails are in."""
    return person.preferred_language if person.preferred_language in LANGUAGES else "en"


def _send(person: Any, notices: list[Notice]) -> None:
    language = _language_of(person)
    with translation.override(language):
        context = {
            "notices": [
                {
                    "text": getattr(n, f"text_{language}"),
                    "url": _base() + getattr(n, f"path_{language}"),
                }
                for n in notices
            ],
            "following_url": _base() + _following_path(language),
        }
        subject = render_to_string("following/email/notice_subject.txt", context)
        body = render_to_string("following/email/notice_body.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email]).send()


def _following_path(language: str) -> str:
    with translation.override(language):
        return reverse("following:following_list")


@transaction.atomic
def tell_followers_of_service(*, service_id: int) -> int:
    """A followed service changed: each follower gets a notice, emailed now or kept for their
    daily digest. Returns how many followers were told."""
    service = (
        register_queries.published_services(include_retired=True).filter(pk=service_id).first()
    )
    if service is None:
        return 0
    follows = Follow.objects.filter(kind="service", key=service.public_id)
    texts = {language: _change_text(service, language) for language in LANGUAGES}
    paths = {language: path_of(service, language) for language in LANGUAGES}
    return _notify(follows, texts, paths)


@transaction.atomic
def send_daily_digests() -> int:
    """One email per person with every notice still waiting; returns how many were sent."""
    waiting = (
        Notice.objects.select_for_update().filter(sent_at__isnull=True).select_related("person")
    )
    by_person: dict[int, list[Notice]] = {}
    for notice in waiting:
        by_person.setdefault(notice.person_id, []).append(notice)
    now = timezone.now()
    for notices in by_person.values():
        _send(notices[0].person, notices)
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(sent_at=now)
    return len(by_person)


def _post_texts(thread: Any, post: Any, is_opening: bool) -> dict[str, str]:
    excerpt = " ".join(post.body.split())
    excerpt = excerpt if len(excerpt) <= 300 else excerpt[:299] + "…"
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = render_to_string(
                "following/email/post.txt",
                {
                    "community": title_of(thread.community, language),
                    "title": thread.title,
                    "is_opening": is_opening,
                    "excerpt": excerpt,
                },
            ).strip()
    return texts


def _notify(
    follows: QuerySet[Follow],
    texts: dict[str, str],
    paths: dict[str, str],
    *,
    may_hear: Callable[[Any], bool] | None = None,
) -> int:
    """The one notice builder: a notice per follower (once per person, and only those
    `may_hear` allows), emailed now or kept for the daily digest. Returns how many were told."""
    follows = follows.select_related("person", "person__follow_settings").order_by("person_id")
    told: set[int] = set()
    for followed in follows:
        person = followed.person
        if person.pk in told or (may_hear is not None and not may_hear(person)):
            continue
        notice = Notice.objects.create(
            person=person,
            text_en=texts["en"],
            text_cy=texts["cy"],
            path_en=paths["en"],
            path_cy=paths["cy"],
        )
        chosen = getattr(person, "follow_settings", None)
        if chosen is None or chosen.delivery == Delivery.IMMEDIATELY:
            _send(person, [notice])
            notice.sent_at = timezone.now()
            notice.save(update_fields=["sent_at"])
        told.add(person.pk)
    return len(told)


@transaction.atomic
def tell_followers_of_blog_post(*, page_id: int) -> int:
    """A new blog post: the followers of any of its topics get one notice each, with the post's
    title and address in each language (the other language's version while its translation
    is pending is the post itself)."""
    post = blog_queries.live_post(page_id)
    if post is None:
        return 0
    for language in LANGUAGES:
        earlier = blog_queries.translation_of(post, language)
        if (
            earlier is not None
            and earlier.pk != post.pk
            and earlier.first_published_at < post.first_published_at
        ):
            return 0  # the translation of a post its followers have already been told of
    slugs = [topic.slug for topic in post.topics.all()]
    versions = {
        language: blog_queries.translation_of(post, language) or post for language in LANGUAGES
    }
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = render_to_string(
                "following/email/blog_post.txt", {"title": versions[language].title}
            ).strip()
    paths = {language: versions[language].url for language in LANGUAGES}
    return _notify(Follow.objects.filter(kind="blog_topic", key__in=slugs), texts, paths)


@transaction.atomic
def tell_followers_of_post(*, contribution_id: int) -> int:
    """A post in a community became visible: the people following its thread (for a reply) or
    its community (for a new thread) get a notice, emailed now or kept for their daily digest.
    Only people who may still read the community hear of it, and never the post's author.
    A thread's author follows it from its first publication, so replies reach them (one click
    on "What you follow" stops it). Returns how many followers were told."""
    found = communities_queries.published_post(contribution_id)
    if found is None:
        return 0
    thread, post = found
    is_opening = thread.opening_id == post.pk
    if is_opening:
        Follow.objects.get_or_create(person=post.author, kind="thread", key=str(thread.pk))
        follows = Follow.objects.filter(kind="community", key=thread.community.slug)
    else:
        follows = Follow.objects.filter(kind="thread", key=str(thread.pk))
    texts = _post_texts(thread, post, is_opening)
    paths = {language: path_of(thread, language) for language in LANGUAGES}
    return _notify(
        follows.exclude(person=post.author),
        texts,
        paths,
        may_hear=lambda person: communities_queries.can_read(person, thread.community),
    )


@transaction.atomic
def tell_followers_of_manual_page(*, page_id: int) -> int:
    """A standard's guidance or an example was published in one language: the followers of
    the standards it is about who read in that language get a notice (a Welsh page's change is
    news to Welsh readers; the English page changes on its own publication). An example about
    several standards is told once to each person. Returns how many followers were told."""
    change = standards_queries.manual_change(page_id)
    if change is None:
        return 0
    standards = [_standard_named(number) for number in change.standard_numbers]
    standards = [standard for standard in standards if standard is not None]
    if not standards:
        return 0
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = render_to_string(
                "following/email/manual_page.txt",
                {
                    "number": standards[0].number,
                    "name": standards[0].standard.name,
                    "is_example": change.is_example,
                    "is_new": change.is_new,
                    "title": change.title,
                },
            ).strip()
    return _notify(
        Follow.objects.filter(kind="standard", key__in=[s.number for s in standards]),
        texts,
        {language: change.path for language in LANGUAGES},
        may_hear=lambda person: _language_of(person) == change.language,
    )


def _standard_named(number: int) -> FollowedStandard | None:
    standard = standards_queries.current_standard(number)
    return FollowedStandard(standard) if standard is not None else None


@transaction.atomic
def tell_followers_of_session(*, session_id: int) -> int:
    """A new session of a followed course was published: its followers who may see it (a
    body's own session only for that body's people) get a notice with its date, in each
    language. Returns how many followers were told."""
    session = learning_queries.published_session(session_id)
    if session is None:
        return 0
    course = FollowedCourse(session.course)
    texts, paths = {}, {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = render_to_string(
                "following/email/session.txt",
                {
                    "course": title_of(course, language),
                    "starts": date_format(timezone.localtime(session.starts_at), "j F Y, H:i"),
                },
            ).strip()
            paths[language] = reverse("learning:session_detail", args=[session.pk])
    return _notify(
        Follow.objects.filter(kind="course", key=course.slug),
        texts,
        paths,
        may_hear=lambda person: learning_queries.session_visible_to(session, person),
    )
