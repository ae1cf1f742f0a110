"""The blog: posts written in Wagtail in Welsh and English, with their authors and topics.

A post exists once per locale, the Welsh and English pages linked as translations of each other
(as porth/pages does). Authors and topics are plain records with paired `_en`/`_cy` fields, so
one list serves both languages' posts.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from porth.core.language import localised
from porth.core.page_context import ProvidedContext
from porth.pages.blocks import ContentBlocks


class Topic(models.Model):
    """What a post is about; posts are listed and fed by topic."""

    slug = models.SlugField(_("short name"), unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_cy = models.CharField(_("name in Welsh"), max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("blog topic")
        verbose_name_plural = _("blog topics")

    def __str__(self) -> str:
        return localised(self, "name")


class Author(models.Model):
    """Someone who writes for the blog; a byline, not an account."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    role_en = models.CharField(_("role in English"), max_length=200)
    role_cy = models.CharField(_("role in Welsh"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("blog author")
        verbose_name_plural = _("blog authors")

    def __str__(self) -> str:
        return self.name

    @property
    def role(self) -> str:
        return localised(self, "role")


class BlogIndexPage(ProvidedContext, Page):
    """The blog's home in each language; its posts hang beneath it."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["blog.BlogPostPage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("blog")
        verbose_name_plural = _("blogs")

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """A post not yet translated into this index's language gets an honest "translation
        pending" page at its address here, instead of a 404 (so the language switch works)."""
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1:
                raise
            post = (
                BlogPostPage.objects.live()
                .exclude(locale=self.locale)
                .filter(slug=path_components[0])
                .exclude(
                    translation_key__in=BlogPostPage.objects.live()
                    .filter(locale=self.locale)
                    .values("translation_key")
                )
                .first()
            )
            if post is None:
                raise
            return RouteResult(self, kwargs={"pending": post})

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        pending = kwargs.pop("pending", None)
        if pending is not None:
            return TemplateResponse(
                request,
                "blog/translation_pending.html",
                {"page": self, "post": pending, "self": self},
                status=200,
            )
        return super().serve(request, *args, **kwargs)


class BlogPostPage(ProvidedContext, Page):
    """One post. Its translation is a page in the other locale with the same translation key."""

    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences shown in lists and feeds.")
    )
    published_on = models.DateField(_("published on"), default=datetime.date.today)
    authors = ParentalManyToManyField(Author, related_name="posts", verbose_name=_("authors"))
    topics = ParentalManyToManyField(Topic, related_name="posts", verbose_name=_("topics"))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_image_alt = models.CharField(
        _("lead image alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, in this page's language. Required with an image."),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("published_on"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")
        ),
        FieldPanel("authors"),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]
    # The site search reads the words of the page, not only its title (ADR 0057).
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    subpage_types: list[str] = []
    parent_page_types = ["blog.BlogIndexPage"]

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def clean(self) -> None:
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Enter the alternative text for the lead image")}
            )

    def breadcrumbs(self) -> models.QuerySet[Page]:
        """The live pages above this one, from its language's home page down."""
        return self.get_ancestors().filter(depth__gt=1).live()
