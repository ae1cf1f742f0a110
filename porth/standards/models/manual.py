"""The manual: Wagtail pages that explain each standard, guidance pages, and readers' feedback."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from porth.core.page_context import ProvidedContext
from porth.pages.blocks import ContentBlocks
from porth.register.signals import PAGE_TOPIC as REGISTER_TOPIC

from ..blocks import GuidanceBlocks


class ManualIndexPage(ProvidedContext, Page):
    """The front page of the manual, at /<language>/manual/ under each home page."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    # The site search reads the words of the page, not only its title (ADR 0057).
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = [
        "standards.StandardGuidancePage",
        "standards.GuidancePage",
        "standards.ExampleIndexPage",
    ]
    max_count_per_parent = 1
    template = "standards/manual_index_page.html"
    # It shows nothing of the register, so an editor's save keeps it in the page cache.
    page_cache_independent_of = (REGISTER_TOPIC,)

    class Meta:
        verbose_name = _("manual")
        verbose_name_plural = _("manuals")


class StandardGuidancePage(ProvidedContext, Page):
    """The manual's guidance on one standard, found by its number so it outlives versions.

    Readers see it on the standard's own page (/standards/<number>/), which adds the current
    wording, the checklist and examples; this page's URL sends them there, so there is one
    page per standard to link to and to give feedback on.
    """

    standard_number = models.PositiveSmallIntegerField(
        _("standard number"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    introduction = models.TextField(
        _("what the standard means"),
        help_text=_("One or two sentences in plain language; the guidance below says more."),
    )
    body = StreamField(GuidanceBlocks(), blank=True, verbose_name=_("guidance"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("standard_number"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    # The site search reads the words of the page, not only its title (ADR 0057).
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["standards.ManualIndexPage"]
    subpage_types: list[str] = []
    template = "standards/standard_detail.html"
    # It redirects to the standard's page, which the standards' own sitemap lists.
    in_sitemap = False

    class Meta:
        verbose_name = _("guidance on a standard")
        verbose_name_plural = _("guidance on standards")

    def clean(self) -> None:
        super().clean()
        others = StandardGuidancePage.objects.filter(
            locale_id=self.locale_id, standard_number=self.standard_number
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {"standard_number": _("This standard already has a guidance page.")}
            )

    def serve(self, request, *args, **kwargs):
        """Readers go to the standard's own page; previews still render this page's context."""
        with override(self.locale.language_code):
            return redirect(reverse("standards:standard_detail", args=[self.standard_number]))


class GuidancePage(Page):
    """Any other page of the manual: how to run a self-assessment, how reviews work, and so on."""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    # The site search reads the words of the page, not only its title (ADR 0057).
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["standards.ManualIndexPage", "standards.GuidancePage"]
    subpage_types = ["standards.GuidancePage"]
    template = "standards/guidance_page.html"
    page_cache_independent_of = (REGISTER_TOPIC,)

    class Meta:
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")


class ManualFeedback(models.Model):
    """One anonymous answer to "Was this page useful?"; read by centre staff only."""

    page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    path = models.CharField(_("page address"), max_length=300)
    is_useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True)
    language = models.CharField(_("language"), max_length=2)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback on the manual")
        verbose_name_plural = _("feedback on the manual")

    def __str__(self) -> str:
        return f"{self.path}: {'yes' if self.is_useful else 'no'}"
