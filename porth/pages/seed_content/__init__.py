"""The pages Porth starts with, written in Welsh and English side by side.

Each piece of text is a `Text(en=…, cy=…)` pair, so both languages have the same structure: the
same blocks, the same paragraphs and list items, the same links. `porth.pages.actions.seed_pages`
relies on that to store the Welsh as a wagtail-localize translation of the English, segment by
segment, which lets editors keep the two in step later.

Placeholders, filled in when the pages are seeded:
- `href="page:<key>"` links to another seeded page (Wagtail shows the reader's language version);
- `{contact_email}` is settings.PORTH_CONTACT_EMAIL;
- `{today}` is the date of seeding, written in the page's language.

After seeding, the pages belong to editors: running the seed again never overwrites them.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Text:
    """The same words in English and in Welsh."""

    en: str
    cy: str

    def in_language(self, language: str) -> str:
        return getattr(self, language)


Block = tuple[str, Any]


def heading(en: str, cy: str) -> Block:
    return ("heading", Text(en, cy))


def paragraph(en: str, cy: str) -> Block:
    """Rich text: HTML using only <p>, <h3>, <ul>, <ol>, <li>, <b>, <i> and <a>."""
    return ("paragraph", Text(en, cy))


def inset_text(en: str, cy: str) -> Block:
    return ("inset_text", Text(en, cy))


def warning_text(en: str, cy: str) -> Block:
    return ("warning_text", Text(en, cy))


def details(summary: Text, content: Text) -> Block:
    return ("details", {"summary": summary, "content": content})


def table(caption: Text, headers: list[Text], rows: list[list[Text]]) -> Block:
    return ("table", {"caption": caption, "headers": headers, "rows": rows})


@dataclass(frozen=True)
class SeedPage:
    key: str
    slug: Text
    title: Text
    lead: Text  # the home page's introduction, a content page's summary
    body: list[Block] = field(default_factory=list)
