"""Template tags shared by every app."""

import html
import json

from django import template
from django.core.paginator import Page
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.template.loader import render_to_string
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from porth.core import bilingual, charts, head
from porth.core.language import counterpart_url, current_language, language_of_name

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


@register.filter
def lang_of_name(label) -> SafeString:
    """` lang="cy"` when `label` is a language named in itself ("Cymraeg") on a page in the other.

    Choices of a language are named in that language, as on the language switch; WCAG 3.1.2
    asks for the `lang` of such a word, so a screen reader says it in the right voice.
    """
    code = language_of_name(str(label))
    if code is None or code == current_language():
        return mark_safe("")
    return format_html(' lang="{}"', code)


@register.filter
def date_parts_in_error(field) -> tuple[str, ...]:
    """Which boxes of a GOV.UK date input to highlight: the part its error names, else all."""
    if not field.errors:
        return ()
    codes = {error.code for error in field.form.errors.as_data().get(field.name, [])}
    for part in ("day", "month", "year"):
        if f"incomplete_{part}" in codes or f"invalid_{part}" in codes:
            return (part,)
    if "year_digits" in codes or "out_of_range" in codes:
        return ("year",)
    return ("day", "month", "year")


@register.filter
def date_part_name(counter: int) -> str:
    """The name of a date input's box from its loop counter (1: day, 2: month, 3: year)."""
    return ("day", "month", "year")[counter - 1]


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one).

    Used for pagination and sort links so the reader's search and filters stay in the URL.
    """
    request = context.get("request")
    query: QueryDict = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def page_numbers(page: Page) -> list:
    """The page numbers GOV.UK pagination shows: the ends, the neighbours and ellipses."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.simple_tag(takes_context=True)
def query_with_page(context, param: str, number: int) -> str:
    """`query_with` for a page number whose parameter name is itself a variable."""
    return query_with(context, **{param: number})


@register.simple_tag
def breadcrumbs(*parts: str) -> SafeString:
    """GOV.UK breadcrumbs from the home page: `{% breadcrumbs text1 href1 text2 href2 %}`.

    The home page of the reader's language comes first; give the pages between it and this
    one as text and link pairs (the current page itself is not a crumb).
    """
    if len(parts) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of text and link")
    crumbs = [(gettext("Home"), f"/{current_language()}/")]
    crumbs += [(parts[i], parts[i + 1]) for i in range(0, len(parts), 2)]
    return render_to_string("components/breadcrumbs.html", {"crumbs": crumbs})


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, page) -> SafeString:
    """GOV.UK breadcrumbs for a Wagtail page: its live ancestors below the root, the first
    (the language's home page) called "Home"."""
    request = context.get("request")
    ancestors = page.get_ancestors().filter(depth__gt=1).live()
    crumbs = [
        (gettext("Home") if index == 0 else ancestor.title, ancestor.get_url(request))
        for index, ancestor in enumerate(ancestors)
    ]
    return render_to_string("components/breadcrumbs.html", {"crumbs": crumbs})


@register.simple_tag
def record_text(text: str, language: str = "", lines: bool = False) -> SafeString:
    """Text from a record, marked with `lang` when it is not in the page's language (ADR 0049).

    `{% record_text figure.source %}` for a phrase; `{% record_text reason lines=True %}` for a
    paragraph, which also gets an "Available in English only" notice; `language="en"` when the
    record knows its language.
    """
    return bilingual.mark(text, language or None, lines=lines)


@register.simple_tag
def paired_text(obj, field: str, lines: bool = False) -> SafeString:
    """`obj.<field>_cy` or `_en` for the page; if that is empty, the other, marked and noticed."""
    return bilingual.paired(obj, field, lines=lines)


@register.simple_tag(takes_context=True)
def head_links(context) -> head.HeadLinks | None:
    """Canonical address, absolute `hreflang` alternates with x-default, Open Graph locales."""
    request = context.get("request")
    if request is None:
        return None
    return head.head_links(request, current_language(), page=context.get("page"))


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> str:
    """The text of a block of the page being rendered, as plain text, so `<head>` can repeat it.

    A Django block renders once where it stands; Open Graph needs the title and description a
    second time. Only for short blocks of text (the title, the description).
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    # BlockNode.render renders the most specific version and supports {{ block.super }}.
    return " ".join(html.unescape(strip_tags(block.render(context))).split())


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """`<script type="application/ld+json">` with `data`, escaped as `json_script` does.

    A data block, not a script: the content security policy does not apply to it.
    """
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# The characters django.utils.html.json_script escapes, so no text can end the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def chart_svg(chart, title: str, id: str, description: str = "") -> SafeString:
    """A chart from porth.core.charts as inline SVG (`components/chart.html` calls this)."""
    return charts.svg(chart, title=title, id=id, description=description)
