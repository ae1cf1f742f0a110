"""The blog in Wagtail's admin: topics and authors as snippets; no publishing during a
pre-election period in the blog's space."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from porth.moderation import queries as moderation

from .models import Author, BlogPostPage, Topic
from .queries import BLOG_SPACE

register_snippet(Topic)
register_snippet(Author)


@hooks.register("before_publish_page")
def refuse_publishing_in_a_pre_election_period(request, page):
    if not isinstance(page.specific, BlogPostPage):
        return None
    period = moderation.quiet_period(moderation.space_by_key(BLOG_SPACE))
    if period is None:
        return None
    messages.error(
        request,
        _("Blog posts cannot be published during the pre-election period (%(start)s to %(end)s).")
        % {
            "start": period.starts_on.strftime("%d/%m/%Y"),
            "end": period.ends_on.strftime("%d/%m/%Y"),
        },
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
