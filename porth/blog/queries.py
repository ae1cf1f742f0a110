"""Reads for the blog's pages and feeds, in the active language.

A list in one language shows that language's live posts and, marked as waiting for their
translation, the other language's posts that have no live translation yet: nothing the centre
has published is hidden from a reader because of the language they chose.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Locale

from porth.core.language import current_language

from .models import Author, BlogIndexPage, BlogPostPage, Topic

BLOG_SPACE = "blog"
LANGUAGES = ("en", "cy")


def other_language(language: str) -> str:
    return "en" if language == "cy" else "cy"


@dataclass
class Listed:
    """A post as a list shows it: `pending` when it is only in the other language so far."""

    post: BlogPostPage
    pending: bool


def _live_posts(language: str) -> QuerySet[BlogPostPage]:
    return (
        BlogPostPage.objects.live()
        .filter(locale__language_code=language)
        .prefetch_related("topics", "authors")
        .select_related("lead_image")
    )


def listed_posts(
    *, language: str | None = None, topic: Topic | None = None, author: Author | None = None
) -> list[Listed]:
    """Posts newest first: this language's, then the other's that wait for translation."""
    language = language or current_language()
    own = _live_posts(language)
    others = _live_posts(other_language(language)).exclude(
        translation_key__in=own.values("translation_key")
    )
    if topic is not None:
        own, others = own.filter(topics=topic), others.filter(topics=topic)
    if author is not None:
        own, others = own.filter(authors=author), others.filter(authors=author)
    rows = [Listed(post, False) for post in own] + [Listed(post, True) for post in others]
    rows.sort(key=lambda row: (row.post.published_on, row.post.pk), reverse=True)
    return rows


def feed_posts(*, language: str, topic: Topic | None = None, limit: int = 20) -> list:
    """The latest posts in one language only, for its Atom feed."""
    posts = _live_posts(language).order_by("-published_on", "-pk")
    if topic is not None:
        posts = posts.filter(topics=topic)
    return list(posts[:limit])


def translation_of(post: BlogPostPage, language: str) -> BlogPostPage | None:
    """The live translation of `post` into `language`, or None while it is pending."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    twin = post.get_translation_or_none(locale)
    return twin.specific if twin is not None and twin.live else None


def pending_post(index: BlogIndexPage, slug: str) -> BlogPostPage | None:
    """A post in the other language, with this slug, not yet translated into index's."""
    language = index.locale.language_code
    post = _live_posts(other_language(language)).filter(slug=slug).first()
    if post is None or translation_of(post, language) is not None:
        return None
    return post


def blog_index(language: str | None = None) -> BlogIndexPage | None:
    language = language or current_language()
    return BlogIndexPage.objects.live().filter(locale__language_code=language).first()


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def author_by_slug(slug: str) -> Author | None:
    return Author.objects.filter(slug=slug).first()


def all_topics() -> QuerySet[Topic]:
    return Topic.objects.all()


def live_post(page_id: int) -> BlogPostPage | None:
    return BlogPostPage.objects.live().filter(pk=page_id).first()


def comment_subject(post: BlogPostPage) -> BlogPostPage:
    """The page comments hang from: the first-made of a post's translations, so readers of
    both languages share one conversation."""
    first = post.get_translations(inclusive=True).order_by("pk").first()
    return first.specific if first is not None else post
