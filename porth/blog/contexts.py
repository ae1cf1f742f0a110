"""Template context for the blog's Wagtail pages (registered in apps.py; core/page_context.py)."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

from porth.moderation import queries as moderation
from porth.moderation.models import Mode

from . import queries
from .forms import CommentForm
from .models import BlogIndexPage, BlogPostPage

PER_PAGE = 10


def index_context(page: BlogIndexPage, request: HttpRequest) -> dict[str, Any]:
    language = page.locale.language_code
    listed = queries.listed_posts(language=language)
    return {
        "posts": Paginator(listed, PER_PAGE).get_page(request.GET.get("page")),
        "topics": queries.all_topics(),
        "language": language,
    }


def post_context(page: BlogPostPage, request: HttpRequest) -> dict[str, Any]:
    language = page.locale.language_code
    space = moderation.space_by_key(queries.BLOG_SPACE)
    quiet = moderation.quiet_period(space)
    subject = queries.comment_subject(page)
    return {
        "other_language": queries.other_language(language),
        "translation": queries.translation_of(page, queries.other_language(language)),
        "comments": moderation.published_for(subject),
        "own_held": moderation.own_waiting_for(subject, request.user),
        "comments_open": space is not None and space.mode != Mode.OFF and quiet is None,
        "quiet_period": quiet,
        "comment_form": CommentForm(),
        "space": space,
    }
