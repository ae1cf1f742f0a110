"""Writes for the manual: readers' feedback and the seeded pages in both languages."""

import json
import uuid
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from porth.core.redact import redact_personal_details
from porth.organisations.models import Organisation
from porth.pages.models import HomePage

from ..models import (
    ExampleIndexPage,
    ExamplePage,
    GuidancePage,
    ManualFeedback,
    ManualIndexPage,
    Standard,
    StandardGuidancePage,
)

MANUAL_CONTENT = Path(__file__).resolve().parent.parent / "data" / "manual.json"
MANUAL_SLUG = "manual"
# Blocks get the same id in both languages, derived from the page and the block's place, so
# wagtail-localize can pair each Welsh segment with the English one it translates.
BLOCK_ID_NAMESPACE = uuid.UUID("0b5d8f53-5c1e-4b9e-8d0a-2f6f4f1e7c21")


class ManualHomeMissing(Exception):
    """The manual hangs under each language's home page; `seed_pages` makes them."""


class ManualContentMismatch(Exception):
    """A page's Welsh and English differ in structure, so one cannot translate the other."""


def record_manual_feedback(
    *, page_id: int | None, path: str, is_useful: bool, comment: str, language: str
) -> ManualFeedback:
    """Store one anonymous answer; a page that no longer exists is kept as its address only."""
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    return ManualFeedback.objects.create(
        page=page,
        path=path,
        is_useful=is_useful,
        comment=redact_personal_details(comment.strip()),
        language=language,
    )


def add_manual_feedback_comment(*, feedback_id: int, comment: str) -> ManualFeedback | None:
    """Add "what was wrong" to a "No" answer, once; emails and phone numbers are removed first.

    Returns None when the answer is gone or already has a comment, so a replayed form adds
    nothing.
    """
    feedback = ManualFeedback.objects.filter(pk=feedback_id, is_useful=False, comment="").first()
    if feedback is None:
        return None
    feedback.comment = redact_personal_details(comment.strip())
    feedback.save(update_fields=["comment"])
    return feedback


def read_manual_content(path: Path = MANUAL_CONTENT) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _block(key: str, block_type: str, value: Any) -> dict[str, Any]:
    return {"type": block_type, "value": value, "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, key))}


def _list(key: str, items: list[str]) -> list[dict[str, Any]]:
    return [_block(f"{key}/{index}", "item", item) for index, item in enumerate(items)]


def _guidance_body(key: str, text: dict[str, Any]) -> list[dict[str, Any]]:
    """A standard's guidance as stream blocks, in the order every standard's page uses."""
    values: list[tuple[str, Any]] = [("paragraph", f"<p>{text}</p>") for text in text["meaning"]]
    values.append(("heading", text["good_heading"]))
    values += [
        ("phase_guidance", {"phase": phase, "content": f"<p>{paragraph}</p>"})
        for phase, paragraph in text["phases"].items()
    ]
    values.append(("questions", text["questions"]))
    values.append(("evidence", text["evidence"]))
    return [
        _block(
            f"{key}/{index}",
            block_type,
            _list(f"{key}/{index}", value) if isinstance(value, list) else value,
        )
        for index, (block_type, value) in enumerate(values)
    ]


PLAIN_BLOCKS = {"heading", "warning_text"}


def _body(key: str, blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pages are written as headings, warnings and paragraphs in the content file."""
    return [
        _block(
            f"{key}/{index}",
            block["type"],
            block["value"] if block["type"] in PLAIN_BLOCKS else f"<p>{block['value']}</p>",
        )
        for index, block in enumerate(blocks)
    ]


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def _translate(page: Page, locale: Locale, fields: dict[str, Any]) -> bool:
    """Give `page` its Welsh translation through wagtail-localize, unless it has one.

    The Welsh text is imported as the translation of each English segment, as a translator
    would in the CMS, so the pages stay linked and editors can keep them in step. Returns
    True when a translation was made.
    """
    if page.get_translation_or_none(locale) is not None:
        return False
    # The twin has the page's untranslated fields (organisation, phase, ...) and the Welsh text.
    twin = type(page)()
    for field in page._meta.concrete_fields:
        if not field.primary_key:
            setattr(twin, field.attname, getattr(page, field.attname))
    for name, value in fields.items():
        setattr(twin, name, value)
    welsh = {
        segment.path: segment.string.data
        for segment in extract_segments(twin)
        if isinstance(segment, StringSegmentValue)
    }
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        if entry.msgctxt not in welsh:
            raise ManualContentMismatch(f"{page.title}: no Welsh for {entry.msgctxt}")
        entry.msgstr = welsh[entry.msgctxt]
    translation.import_po(po)
    translation.save_target(publish=False)
    # Published here rather than on commit (wagtail-localize's way), so the page is live as
    # soon as this returns, inside tests' transactions too.
    page.get_translation(locale).get_latest_revision().publish()
    return True


def _child(
    parent: Page, model: type[Page], instance_fields: dict[str, Any], **lookup
) -> tuple[Page, bool]:
    page = model.objects.child_of(parent).filter(**lookup).first()
    if page is not None:
        return page, False
    return _publish(parent.add_child(instance=model(**instance_fields))), True


@transaction.atomic
def seed_manual(*, content: dict[str, Any]) -> int:
    """Create the manual's pages in English and Welsh; returns how many pages were made.

    Idempotent and kind to editors: a page that exists (in either language) is never
    changed, so running it again only fills gaps.
    """
    locales = {code: Locale.objects.filter(language_code=code).first() for code in ("en", "cy")}
    homes = {
        code: HomePage.objects.filter(locale=locale).first() if locale else None
        for code, locale in locales.items()
    }
    if not all(homes.values()):
        raise ManualHomeMissing
    english, welsh = locales["en"], locales["cy"]

    text = content["index"]
    manual, made = _child(
        homes["en"],
        ManualIndexPage,
        {"slug": MANUAL_SLUG, "locale": english, **text["en"]},
    )
    made += _translate(manual, welsh, text["cy"])

    for item in content["standards"]:
        key = f"standard-{item['number']}"
        page, created = _child(
            manual,
            StandardGuidancePage,
            {
                "slug": key,
                "locale": english,
                "standard_number": item["number"],
                "title": item["en"]["title"],
                "introduction": item["en"]["introduction"],
                "body": _guidance_body(key, item["en"]),
            },
            standard_number=item["number"],
        )
        made += created
        made += _translate(
            page,
            welsh,
            {
                "title": item["cy"]["title"],
                "introduction": item["cy"]["introduction"],
                "body": _guidance_body(key, item["cy"]),
            },
        )

    for item in content["guidance"]:
        key = item["slug"]
        page, created = _child(
            manual,
            GuidancePage,
            {
                "slug": key,
                "locale": english,
                "title": item["en"]["title"],
                "summary": item["en"]["summary"],
                "body": _body(key, item["en"]["body"]),
            },
            slug=key,
        )
        made += created
        made += _translate(
            page,
            welsh,
            {
                "title": item["cy"]["title"],
                "summary": item["cy"]["summary"],
                "body": _body(key, item["cy"]["body"]),
            },
        )
    made += _seed_examples(manual, locales, content)
    return made


def _example_owner(organisation_type: str) -> tuple[Organisation | None, Any]:
    """A body of the right type for a demo example, preferring one with services in the register
    so the example can point at one of them."""
    organisation = (
        Organisation.objects.filter(type=organisation_type)
        .annotate(service_count=Count("services"))
        .order_by("-service_count", "slug")
        .first()
    )
    if organisation is None:
        return None, None
    return organisation, organisation.services.order_by("public_id").first()


def _seed_examples(manual: Page, locales: dict[str, Locale], content: dict[str, Any]) -> int:
    english, welsh = locales["en"], locales["cy"]
    text = content["examples_index"]
    index, made = _child(
        manual, ExampleIndexPage, {"slug": "examples", "locale": english, **text["en"]}
    )
    made += _translate(index, welsh, text["cy"])
    for item in content["examples"]:
        key = item["slug"]
        page = ExamplePage.objects.child_of(index).filter(slug=key).first()
        if page is None:
            organisation, service = _example_owner(item["organisation_type"])
            if organisation is None:
                continue  # organisations not loaded yet: seed again after load_organisations
            page = ExamplePage(
                slug=key,
                locale=english,
                title=item["en"]["title"],
                summary=item["en"]["summary"],
                organisation=organisation,
                service=service,
                phase=item["phase"],
                body=_body(key, item["en"]["body"]),
            )
            page.standards.set(
                Standard.objects.filter(standard_set__is_current=True, number__in=item["standards"])
            )
            _publish(index.add_child(instance=page))
            made += 1
        made += _translate(
            page,
            welsh,
            {
                "title": item["cy"]["title"],
                "summary": item["cy"]["summary"],
                "body": _body(key, item["cy"]["body"]),
            },
        )
    return made
