"""StreamField blocks that render as GOV.UK Design System components."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        template = "pages/blocks/heading.html"
        icon = "title"
        label = _("Heading")


class InsetTextBlock(blocks.RichTextBlock):
    class Meta:
        template = "pages/blocks/inset_text.html"
        icon = "openquote"
        label = _("Inset text")


class WarningTextBlock(blocks.CharBlock):
    class Meta:
        template = "pages/blocks/warning_text.html"
        icon = "warning"
        label = _("Warning text")


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(label=_("Summary"))
    content = blocks.RichTextBlock(label=_("Content"), features=["bold", "link", "ul", "ol"])

    class Meta:
        template = "pages/blocks/details.html"
        icon = "list-ul"
        label = _("Details")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
        required=True,
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        template = "pages/blocks/image.html"
        icon = "image"
        label = _("Image")

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise ValidationError(_("Enter alternative text for the image"))
        return value


class ContentBlocks(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"), features=["h3", "bold", "italic", "link", "ul", "ol"]
    )
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    image = ImageBlock()
