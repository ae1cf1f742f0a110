"""Finds record text in the other language that a page does not mark with `lang` (ADR 0049).

Compares a page in both languages: a piece of visible text that is the same on the Welsh and
the English page was not translated, so it is record text (or a name, a code, a number). If it
reads as English on the Welsh page (or Welsh on the English page) it must sit inside an
element whose `lang` says so.
"""

import re
from html.parser import HTMLParser

from porth.core.bilingual import guess_language

# What a person typed into a form is theirs to keep as typed; it is not the page's text.
_SKIPPED = {"script", "style", "template", "head", "title", "svg", "noscript", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"wbr"}


class _Texts(HTMLParser):
    """Each visible text node, with the language of the element around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            return
        attributes = dict(attrs)
        lang = attributes.get("lang")
        hidden = "hidden" in attributes or tag in _SKIPPED
        parent_lang = self.stack[-1][1] if self.stack else None
        parent_hidden = self.stack[-1][2] if self.stack else False
        self.stack.append((tag, lang or parent_lang, hidden or parent_hidden))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if not text or not self.stack or self.stack[-1][2]:
            return
        self.texts.append((text, self.stack[-1][1]))


def texts(html: str) -> list[tuple[str, str | None]]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def unmarked(page_html: str, counterpart_html: str, language: str) -> list[str]:
    """Texts on `page_html` (in `language`) that are untranslated, in the other, and unmarked."""
    other = "en" if language == "cy" else "cy"
    counterpart = {text for text, _lang in texts(counterpart_html)}
    found = []
    for text, lang in texts(page_html):
        if lang == other or text not in counterpart or not re.search(r"[^\W\d_]{2}", text):
            continue
        if guess_language(text) == other:
            found.append(text)
    return found
