"""Writes to the page tree: seeding the pages Porth starts with, in Welsh and English.

The English pages are made first. Each Welsh page is then made by wagtail-localize, as a synced
translation whose every segment (title, paragraph, list item, table cell) already has its Welsh
text, so editors see it in the translation editor and can keep the two languages in step when
the English changes.
"""

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats
from django.utils.translation import override
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import (
    SegmentOverride,
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments, quote_path_component

from .models import ContentPage, HomePage
from .seed_content import SeedPage, Text
from .seed_content.site import CHILDREN, HOME

SOURCE_LANGUAGE = "en"
TRANSLATION_LANGUAGE = "cy"

# Both languages' blocks get the same ids, derived from the page and the block's position, so
# wagtail-localize can pair each Welsh segment with its English source.
BLOCK_ID_NAMESPACE = uuid.UUID("6f1c7f0e-4c55-4c8e-9a53-6a4f1bb2b6a1")
PAGE_LINK = re.compile(r'href="page:([a-z0-9-]+)"')


class SeedContentMismatch(Exception):
    """A page's Welsh and English differ in structure, so one cannot translate the other."""


@dataclass
class SeedResult:
    """Pages as "<language>/<key>", e.g. "cy/privacy"."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


Words = Callable[[Text], str]


@transaction.atomic
def seed_pages(*, contact_email: str, today: date) -> SeedResult:
    """Make whichever seeded pages are missing, in both languages; leave existing ones alone.

    Existing pages belong to editors, so running this again changes nothing. It also rebuilds
    what a database flush removes (Wagtail's root page, locales, the site), which browser tests
    rely on.
    """
    source_locale = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)[0]
    translation_locale = Locale.objects.get_or_create(language_code=TRANSLATION_LANGUAGE)[0]
    result = SeedResult()

    home, home_created = _english_home(_root_page(), source_locale)
    _make_default_site(home)
    english: dict[str, tuple[SeedPage, Page, bool]] = {HOME.key: (HOME, home, home_created)}
    for seed in CHILDREN:
        page = home.get_children().filter(slug=seed.slug.en).first()
        created = page is None
        if created:
            # Made empty and unpublished first: its body may link to pages not made yet.
            page = home.add_child(
                instance=ContentPage(title=seed.title.en, slug=seed.slug.en, live=False)
            )
        english[seed.key] = (seed, page, created)

    page_ids = {key: page.pk for key, (_seed, page, _created) in english.items()}
    for key, (seed, page, created) in english.items():
        if created:
            specific = page.specific
            _fill(specific, seed, _words(SOURCE_LANGUAGE, page_ids, contact_email, today))
            specific.save_revision().publish()
        (result.created if created else result.kept).append(f"{SOURCE_LANGUAGE}/{key}")

    welsh_words = _words(TRANSLATION_LANGUAGE, page_ids, contact_email, today)
    for key, (seed, page, _created) in english.items():
        if page.get_translation_or_none(translation_locale) is not None:
            result.kept.append(f"{TRANSLATION_LANGUAGE}/{key}")
            continue
        _translate(Page.objects.get(pk=page.pk).specific, seed, welsh_words, translation_locale)
        result.created.append(f"{TRANSLATION_LANGUAGE}/{key}")
    return result


def restore_wagtail_roots() -> None:
    """Remake what Wagtail's own migrations made and a database flush removes: the locales,
    the root page and the root collection. Browser and transactional tests flush the database,
    and the CMS (its page explorer, image and document uploads) cannot work without these."""
    Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)
    Locale.objects.get_or_create(language_code=TRANSLATION_LANGUAGE)
    _root_page()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _root_page() -> Page:
    """Wagtail's root page, remade if the database was flushed (its migration made the first)."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


def _english_home(root: Page, locale: Locale) -> tuple[Page, bool]:
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is not None:
        return home, False
    # Wagtail's migration makes a plain "Welcome to your new Wagtail site!" page with the slug
    # we want; nothing hangs from it, so it goes.
    for page in root.get_children().filter(slug=HOME.slug.en, numchild=0):
        if page.specific_class is Page:
            page.delete()
    home = root.add_child(
        instance=HomePage(title=HOME.title.en, slug=HOME.slug.en, locale=locale, live=False)
    )
    return home, True


def _make_default_site(home: Page) -> None:
    """Serve the home page on any host name; keep a site an administrator pointed elsewhere."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif not isinstance(site.root_page.specific, HomePage):
        site.root_page = home
        site.save()


def _words(language: str, page_ids: dict[str, int], contact_email: str, today: date) -> Words:
    """The text of a `Text` in one language, with its placeholders filled in."""
    with override(language):
        today_text = formats.date_format(today, "j F Y")

    def words(text: Text) -> str:
        filled = (
            text.in_language(language)
            .replace("{contact_email}", contact_email)
            .replace("{today}", today_text)
        )
        return PAGE_LINK.sub(lambda m: f'linktype="page" id="{page_ids[m.group(1)]}"', filled)

    return words


def _fill(page: Page, seed: SeedPage, words: Words) -> None:
    page.title = words(seed.title)
    page.slug = words(seed.slug)
    setattr(page, "introduction" if isinstance(page, HomePage) else "summary", words(seed.lead))
    page.body = [
        {
            "type": block_type,
            "value": _block_value(value, words, f"{seed.key}/{index}"),
            "id": _block_id(f"{seed.key}/{index}"),
        }
        for index, (block_type, value) in enumerate(seed.body)
    ]


def _block_value(value: Any, words: Words, path: str) -> Any:
    if isinstance(value, Text):
        return words(value)
    if isinstance(value, dict):
        return {name: _block_value(v, words, f"{path}/{name}") for name, v in value.items()}
    if isinstance(value, list):
        return [
            {
                "type": "item",
                "value": _block_value(item, words, f"{path}/{index}"),
                "id": _block_id(f"{path}/{index}"),
            }
            for index, item in enumerate(value)
        ]
    raise TypeError(f"Seed content at {path} must be Text, dict or list, not {type(value)}")


def _block_id(path: str) -> str:
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, path))


def _translate(page: Page, seed: SeedPage, words: Words, locale: Locale) -> Page:
    """Make and publish `page`'s translation into `locale` with wagtail-localize."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    twin = type(page)(locale=page.locale)
    _fill(twin, seed, words)
    _store_segment_translations(source, page, twin, locale)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    translated, _created = source.create_or_update_translation(locale, publish=False)
    # Published here rather than on commit (wagtail-localize's way), so the page is live as
    # soon as this returns, inside tests' transactions too.
    translated.get_latest_revision().publish()
    return translated


def _store_segment_translations(
    source: TranslationSource, page: Page, twin: Page, locale: Locale
) -> None:
    """Record `twin`'s text as the translation of each of `page`'s segments, pair by pair."""
    originals = [s for s in extract_segments(page) if isinstance(s, StringSegmentValue)]
    translations = [s for s in extract_segments(twin) if isinstance(s, StringSegmentValue)]
    if [s.path for s in originals] != [s.path for s in translations]:
        raise SeedContentMismatch(
            f"{page.title}: the pages differ in structure (different blocks, paragraphs or list "
            "items); translate it in the CMS instead"
        )
    for original, translation in zip(originals, translations, strict=True):
        # wagtail-localize refuses links the source lacks but not links left out; refuse both.
        if set(original.attrs or {}) != set(translation.attrs or {}):
            raise SeedContentMismatch(
                f"{page.title}: “{translation.string.data}” does not have the same links as "
                f"“{original.string.data}”"
            )
        string_translation, _created = StringTranslation.objects.update_or_create(
            translation_of=String.from_value(source.locale, original.string),
            locale=locale,
            context=_context(source, original.path),
            defaults={
                "data": translation.string.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
        if string_translation.has_error:
            raise SeedContentMismatch(
                f"{page.title}: “{translation.string.data}” is not valid as a "
                f"translation of “{original.string.data}”"
            )
        _store_link_overrides(source, original, translation, locale)


def _store_link_overrides(
    source: TranslationSource,
    original: StringSegmentValue,
    translation: StringSegmentValue,
    locale: Locale,
) -> None:
    """Where the Welsh links to a different address (a Welsh site), override the English link."""
    translated_attrs = translation.attrs or {}
    for tag_id, attrs in (original.attrs or {}).items():
        href = attrs.get("href")
        translated_href = translated_attrs.get(tag_id, {}).get("href")
        if href and translated_href != href:
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=_context(source, f"{original.path}.{quote_path_component(href)}"),
                defaults={"data_json": json.dumps(translated_href)},
            )


def _context(source: TranslationSource, path: str) -> TranslationContext:
    return TranslationContext.objects.get(object_id=source.object_id, path=path)
