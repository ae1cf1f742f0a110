from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "porth.blog"
    label = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        # The page models take their template context from the app's queries (page_context.py).
        from porth.core.page_context import provide_context

        from . import contexts
        from .models import BlogIndexPage, BlogPostPage

        provide_context(BlogPostPage, contexts.post_context)
        provide_context(BlogIndexPage, contexts.index_context)
