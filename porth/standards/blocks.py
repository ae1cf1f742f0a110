"""StreamField blocks for the manual's guidance on each standard.

Each block is one part of the guidance a team looks for (what good looks like in a phase, the
questions to ask, the evidence to show), so the template gives every standard's page the same
headings in the same order of ideas, in either language, without editors typing them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from porth.pages.blocks import ContentBlocks

from .choices import Phase

GUIDANCE_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class PhaseGuidanceBlock(blocks.StructBlock):
    phase = blocks.ChoiceBlock(choices=Phase.choices, label=_("Phase"))
    content = blocks.RichTextBlock(label=_("What good looks like"), features=GUIDANCE_FEATURES)

    class Meta:
        template = "standards/blocks/phase_guidance.html"
        icon = "tasks"
        label = _("What good looks like in a phase")


class QuestionsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label=_("Question")), **kwargs)

    class Meta:
        template = "standards/blocks/questions.html"
        icon = "help"
        label = _("Questions to ask")


class EvidenceBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label=_("Evidence")), **kwargs)

    class Meta:
        template = "standards/blocks/evidence.html"
        icon = "doc-full"
        label = _("Evidence to show")


class GuidanceBlocks(ContentBlocks):
    """The general content blocks plus the parts that every standard's guidance has."""

    phase_guidance = PhaseGuidanceBlock()
    questions = QuestionsBlock()
    evidence = EvidenceBlock()
