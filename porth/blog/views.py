"""The blog's lists by topic and author, its Atom feeds, and writing a comment on a post.

The posts themselves and the blog's home are Wagtail pages (models.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from porth.core.language import current_language
from porth.core.permissions import public
from porth.core.ratelimit import limit, limit_request, refusal_message
from porth.core.sections import BLOG_TOPIC_PAGE, render_slot
from porth.moderation import actions as moderation
from porth.moderation import queries as moderation_queries

from . import queries
from .contexts import PER_PAGE
from .forms import CommentForm
from .models import BlogPostPage
from .permissions import commenter

COMMENT_RATE_PERSON = "5/10m"
COMMENT_RATE_ADDRESS = "20/h"


def _listing(
    request: HttpRequest, *, heading: str, feed_url: str = "", sections=(), **filters
) -> HttpResponse:
    listed = queries.listed_posts(**filters)
    return render(
        request,
        "blog/post_list.html",
        {
            "heading": heading,
            "posts": Paginator(listed, PER_PAGE).get_page(request.GET.get("page")),
            "feed_url": feed_url,
            "blog": queries.blog_index(),
            "topics": queries.all_topics(),
            "sections": sections,
        },
    )


@public
def topic_posts(request: HttpRequest, slug: str) -> HttpResponse:
    topic = queries.topic_by_slug(slug)
    if topic is None:
        raise Http404
    return _listing(
        request,
        heading=_("Posts about %(topic)s") % {"topic": topic},
        feed_url=request.build_absolute_uri(f"{request.path}feed/"),
        sections=render_slot(request, BLOG_TOPIC_PAGE, subject=topic, subject_name="topic"),
        topic=topic,
    )


@public
def author_posts(request: HttpRequest, slug: str) -> HttpResponse:
    author = queries.author_by_slug(slug)
    if author is None:
        raise Http404
    return _listing(request, heading=_("Posts by %(name)s") % {"name": author.name}, author=author)


def _atom(request: HttpRequest, *, title: str, posts: list[BlogPostPage]) -> HttpResponse:
    language = current_language()
    feed = feedgenerator.Atom1Feed(
        title=title,
        link=request.build_absolute_uri(f"/{language}/"),
        description="",
        language=language,
        feed_url=request.build_absolute_uri(),
    )
    for post in posts:
        feed.add_item(
            title=post.title,
            link=request.build_absolute_uri(post.url),
            description=post.summary,
            pubdate=post.first_published_at,
            updateddate=post.last_published_at,
            unique_id=request.build_absolute_uri(post.url),
            author_name=", ".join(author.name for author in post.authors.all()),
            categories=[str(topic) for topic in post.topics.all()],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@public
def feed(request: HttpRequest) -> HttpResponse:
    posts = queries.feed_posts(language=current_language())
    return _atom(request, title=_("Porth blog"), posts=posts)


@public
def topic_feed(request: HttpRequest, slug: str) -> HttpResponse:
    topic = queries.topic_by_slug(slug)
    if topic is None:
        raise Http404
    posts = queries.feed_posts(language=current_language(), topic=topic)
    return _atom(request, title=_("Porth blog: %(topic)s") % {"topic": topic}, posts=posts)


def _post_with_form(request: HttpRequest, post: BlogPostPage, form: CommentForm, status=200):
    context = post.get_context(request)
    context["comment_form"] = form
    return render(request, post.get_template(request), context, status=status)


@commenter
def comment_create(request: HttpRequest, post: BlogPostPage) -> HttpResponse:
    """Take a comment from the form under a post; refused politely when too fast or closed."""
    if request.method != "POST":
        return redirect(post.url)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _post_with_form(request, post, form, status=400)
    if form.is_spam:
        # A robot filled the hidden field: say nothing that would teach it.
        messages.success(
            request, _("Thank you. Your comment will be shown once a moderator has approved it.")
        )
        return redirect(post.url)
    wait = max(
        limit(f"comment:person:{request.user.pk}", COMMENT_RATE_PERSON),
        limit_request(request, "comment", COMMENT_RATE_ADDRESS),
    )
    if wait:
        form.add_error("text", refusal_message(wait))
        return _post_with_form(request, post, form, status=429)
    space = moderation_queries.space_by_key(queries.BLOG_SPACE)
    if space is None:
        raise Http404
    subject = queries.comment_subject(post)
    try:
        contribution = moderation.submit_contribution(
            space=space,
            subject=subject,
            subject_title=post.title,
            subject_url=post.url,
            author=request.user,
            text=form.cleaned_data["text"],
            language=current_language(),
        )
    except moderation.CommentsClosed:
        form.add_error("text", _("Comments on this post are closed."))
        return _post_with_form(request, post, form, status=400)
    if contribution.is_waiting:
        messages.success(
            request, _("Thank you. Your comment will be shown once a moderator has approved it.")
        )
    else:
        messages.success(request, _("Thank you. Your comment is published."))
    return redirect(f"{post.url}#comments")
