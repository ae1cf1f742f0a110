"""StreamField blocks that render as GOV.UK Design System components.

Editors choose what a piece of content is (a warning, an aside, a table); the templates decide
how it looks, so every page keeps GOV.UK markup without editors writing any.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# Headings inside rich text are h3: the page has one h1, and the heading block gives h2.
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ul", "ol"]
INLINE_FEATURES = ["bold", "link", "ul", "ol"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        template = "pages/blocks/heading.html"
        icon = "title"
        label = _("Heading")
        help_text = _("A section heading. Keep headings short and in sentence case.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        template = "pages/blocks/rich_text.html"
        icon = "pilcrow"
        label = _("Rich text")


class InsetTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", INLINE_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        template = "pages/blocks/inset_text.html"
        icon = "openquote"
        label = _("Inset text")
        help_text = _("Sets apart a quotation, example or extra fact from the text around it.")


class WarningTextBlock(blocks.CharBlock):
    class Meta:
        template = "pages/blocks/warning_text.html"
        icon = "warning"
        label = _("Warning text")
        help_text = _("Something people must know to avoid a problem, such as a legal duty.")


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(label=_("Summary"), help_text=_("The link text people click."))
    content = blocks.RichTextBlock(label=_("Content"), features=INLINE_FEATURES)

    class Meta:
        template = "pages/blocks/details.html"
        icon = "list-ul"
        label = _("Details")
        help_text = _("Help that only some people need, hidden until they open it.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    # Required: an image nobody can describe has no place on the page. Whitespace is stripped
    # before the check, so a space does not count as a description.
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


class TableBlock(blocks.StructBlock):
    """A GOV.UK table: a caption, column headings and rows of plain text cells."""

    caption = blocks.CharBlock(
        label=_("Caption"), help_text=_("Says what the table shows. Screen readers read it first.")
    )
    headers = blocks.ListBlock(
        blocks.CharBlock(label=_("Column heading")), label=_("Column headings"), min_num=1
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")),
        label=_("Rows"),
        min_num=1,
    )

    class Meta:
        template = "pages/blocks/table.html"
        icon = "table"
        label = _("Table")

    def clean(self, value):
        value = super().clean(value)
        columns = len(value["headers"])
        if any(len(row) != columns for row in value["rows"]):
            raise StructBlockValidationError(
                non_block_errors=[
                    ngettext(
                        "Give every row %(count)s cell, one for each column heading",
                        "Give every row %(count)s cells, one for each column heading",
                        columns,
                    )
                    % {"count": columns}
                ]
            )
        return value


class ContentBlocks(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    table = TableBlock()
    image = ImageBlock()
