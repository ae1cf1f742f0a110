"""`{{ text|comment_html }}`: what a person wrote, as plain text and links (sanitise.py)."""

from django import template
from django.utils.safestring import SafeString

from porth.moderation.sanitise import as_html

register = template.Library()


@register.filter
def comment_html(text: str) -> SafeString:
    return as_html(text)
