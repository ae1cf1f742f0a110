"""Who may use a blog post's routes: loaders and rules for `record_role`."""

from typing import Any

from django.http import Http404

from porth.core.permissions import record_role

from .models import BlogPostPage
from .queries import live_post


def load_post(request: Any, page_id: int) -> BlogPostPage:
    post = live_post(page_id)
    if post is None:
        raise Http404
    return post


def may_comment(user: Any, post: BlogPostPage) -> bool:
    """Anyone signed in may try; the space's setting and election periods decide the rest."""
    return bool(user.is_authenticated)


commenter = record_role(load=load_post, may=may_comment, name="post", access="signed_in")
