"""Template tags shared by every app."""

from django import template

from porth.core.language import counterpart_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switch_url(context, language: str) -> str:
    """The current page in `language`; Wagtail pages pass their `page` in the context."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return counterpart_url(request, language, page=context.get("page"))


@register.filter
def widget_type(widget) -> str:
    """The widget's class name in lower case, so one field template can render any field."""
    return widget.__class__.__name__.lower()
