"""Template filters for editor-written content."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

register = template.Library()

# Rich text comes out of Wagtail as bare HTML; GOV.UK Frontend styles only elements that carry
# its classes, so each kind of element gets the class of its GOV.UK counterpart.
GOVUK_CLASSES = {
    "p": "govuk-body",
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
}
_OPENING_TAG = re.compile(r"<(p|h2|h3|h4|ul|ol|a)(\s[^>]*)?>")


def _with_class(match: re.Match) -> str:
    tag, attributes = match.group(1), match.group(2) or ""
    if re.search(r"\sclass\s*=", attributes):
        return match.group(0)
    return f'<{tag} class="{GOVUK_CLASSES[tag]}"{attributes}>'


@register.filter
def govuk_rich_text(value) -> SafeString:
    """Wagtail rich text (a field or block value) as HTML with GOV.UK classes."""
    # `richtext` expands page and document links and returns HTML Wagtail has already cleaned.
    return mark_safe(_OPENING_TAG.sub(_with_class, str(richtext(value))))
