"""Examples of good practice: case studies that show a standard being met, in both languages."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from porth.core.page_context import ProvidedContext
from porth.pages.blocks import ContentBlocks

from .standard import Phase


class ExampleIndexPage(ProvidedContext, Page):
    """The filterable list of examples, at /<language>/manual/examples/."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["standards.ManualIndexPage"]
    subpage_types = ["standards.ExamplePage"]
    max_count_per_parent = 1
    template = "standards/example_index_page.html"

    class Meta:
        verbose_name = _("list of examples")
        verbose_name_plural = _("lists of examples")


class ExamplePage(Page):
    """One case study, tagged so that each standard's page can list the examples of it."""

    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences for lists: what the team did and why.")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    service = models.ForeignKey(
        "register.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service in the register"),
    )
    standards = ParentalManyToManyField(
        "standards.Standard",
        related_name="examples",
        verbose_name=_("standards"),
        limit_choices_to={"standard_set__is_current": True},
        help_text=_("The standards this example shows good practice for."),
    )
    body = StreamField(ContentBlocks(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("organisation"),
        FieldPanel("phase"),
        FieldPanel("service"),
        FieldPanel("standards", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    # The site search reads the words of the page, not only its title (ADR 0057).
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    # The tags are facts about the case, the same in both languages.
    override_translatable_fields = [SynchronizedField("standards")]
    parent_page_types = ["standards.ExampleIndexPage"]
    subpage_types: list[str] = []
    template = "standards/example_page.html"

    class Meta:
        verbose_name = _("example of good practice")
        verbose_name_plural = _("examples of good practice")

    def standard_numbers(self) -> list[int]:
        return sorted({standard.number for standard in self.standards.all()})
