"""Editor-written pages: the home page and general content pages, in Welsh and English.

Each page exists once per locale (/en/… and /cy/…), linked as translations of each other, so the
language switch goes straight to the same page in the other language (docs/architecture.md §4).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from porth.core.sections import HOME_PAGE, render_slot

from .blocks import ContentBlocks


class HomePage(Page):
    """The root of each language's tree; the site's front page."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title that say what Porth is for."),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    subpage_types = ["pages.ContentPage", "standards.ManualIndexPage", "blog.BlogIndexPage"]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        """The gateway's panels come from the apps (core's `home_page` slot): the register's
        search and figures, the standards and reviews, open data, and whatever later apps add."""
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = render_slot(request, HOME_PAGE, subject=self, subject_name="page")
        return context


class ContentPage(Page):
    """A page of guidance or information, such as the privacy notice or the about page."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences under the title that say what the page is about."),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    # The site search reads the words of the page, not only its title (ADR 0057).
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    subpage_types = ["pages.ContentPage"]
    parent_page_types = ["pages.HomePage", "pages.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    def breadcrumbs(self) -> models.QuerySet[Page]:
        """The live pages above this one, from its language's home page down."""
        return self.get_ancestors().filter(depth__gt=1).live()
