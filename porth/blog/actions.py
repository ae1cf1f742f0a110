"""Writes to the blog: seeding its home, topics, authors and demo posts in both languages.

Posts are written by editors in Wagtail; seeding makes the English page (or the Welsh one for
a post written in Welsh first) and then its translation as a page in the other locale, linked by
Wagtail's translation key, as porth/pages does for its pages.
"""

import datetime
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from porth.moderation import actions as moderation
from porth.pages.models import HomePage

from .images import draw
from .models import Author, BlogIndexPage, BlogPostPage, Topic

DATA = Path(__file__).parent / "data" / "blog.json"
LANGUAGES = ("en", "cy")


@dataclass
class SeedResult:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def load_data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@transaction.atomic
def seed_blog(*, with_posts: bool) -> SeedResult:
    """The blog's home in both languages, its topics and authors, the blog's moderation space,
    and (for a demo) the posts; anything already there is left as editors made it."""
    data = load_data()
    result = SeedResult()
    moderation.ensure_space(key="blog", name_en="Blog", name_cy="Blog")
    for row in data["topics"]:
        Topic.objects.get_or_create(
            slug=row["slug"], defaults={"name_en": row["en"], "name_cy": row["cy"]}
        )
    for row in data["authors"]:
        Author.objects.get_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "role_en": row["en"], "role_cy": row["cy"]},
        )
    indexes = _indexes(data["index"], result)
    if indexes is None or not with_posts:
        return result
    for post in data["posts"]:
        _seed_post(post, indexes, data["source"], result)
    return result


def _indexes(spec: dict[str, Any], result: SeedResult) -> dict[str, BlogIndexPage] | None:
    """The blog's home page under each language's home page, made if missing."""
    locales = {code: Locale.objects.filter(language_code=code).first() for code in LANGUAGES}
    homes = {
        code: HomePage.objects.filter(locale=locale).first() for code, locale in locales.items()
    }
    if None in homes.values():
        return None  # the pages app makes the home pages; nothing to hang a blog from yet
    indexes: dict[str, BlogIndexPage] = {}
    english = BlogIndexPage.objects.filter(locale=locales["en"]).first()
    if english is None:
        english = homes["en"].add_child(
            instance=BlogIndexPage(
                title=spec["title"]["en"],
                slug=spec["slug"]["en"],
                introduction=spec["introduction"]["en"],
                live=False,
            )
        )
        english.save_revision().publish()
        result.created.append("en/blog")
    indexes["en"] = english
    welsh = english.get_translation_or_none(locales["cy"])
    if welsh is None:
        welsh = english.copy_for_translation(locales["cy"]).specific
        welsh.title = spec["title"]["cy"]
        welsh.slug = spec["slug"]["cy"]
        welsh.introduction = spec["introduction"]["cy"]
        welsh.save()
        welsh.save_revision().publish()
        result.created.append("cy/blog")
    indexes["cy"] = BlogIndexPage.objects.get(pk=welsh.pk)
    return indexes


def _body(blocks: list[list[str]], source: str, key: str, language: str) -> list[dict]:
    stream = []
    for index, (kind, text) in enumerate([*blocks, ["paragraph", source]]):
        value = f"<p>{escape(text)}</p>" if kind == "paragraph" else text
        stream.append({"type": kind, "value": value, "id": f"{key}-{language}-{index}"})
    return stream


def _image(post: dict[str, Any]) -> Any:
    if Collection.get_first_root_node() is None:
        # A database flush removes the root collection Wagtail's migration made (as in tests).
        Collection.add_root(name="Root")
    Image = get_image_model()
    title = f"Blog: {post['title']['en']}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        spec = post["image"]
        png = draw(spec["kind"], spec.get("count", 0), spec.get("values"))
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(png), name=f"blog-{post['key']}.png")
        image.save()
    return image


def _seed_post(
    post: dict[str, Any],
    indexes: dict[str, BlogIndexPage],
    source: dict[str, str],
    result: SeedResult,
) -> None:
    languages = post.get("languages", list(LANGUAGES))
    first = languages[0]
    existing = BlogPostPage.objects.filter(
        locale=indexes[first].locale, slug=post["slug"][first]
    ).first()
    if existing is not None:
        result.kept.append(f"{first}/{post['key']}")
        return
    image = _image(post)
    topics = list(Topic.objects.filter(slug__in=post["topics"]))
    authors = list(Author.objects.filter(slug__in=post["authors"]))
    page = indexes[first].add_child(
        instance=_fill(BlogPostPage(live=False), post, first, source, image)
    )
    page.topics.set(topics)
    page.authors.set(authors)
    page.save_revision().publish()
    result.created.append(f"{first}/{post['key']}")
    for language in languages[1:]:
        twin = page.copy_for_translation(indexes[language].locale).specific
        _fill(twin, post, language, source, image)
        twin.topics.set(topics)
        twin.authors.set(authors)
        twin.save()
        twin.save_revision().publish()
        result.created.append(f"{language}/{post['key']}")


def _fill(
    page: BlogPostPage, post: dict[str, Any], language: str, source: dict[str, str], image: Any
) -> BlogPostPage:
    page.title = post["title"][language]
    page.slug = post["slug"][language]
    page.summary = post["summary"][language]
    page.published_on = datetime.date.fromisoformat(post["published_on"])
    page.lead_image = image
    page.lead_image_alt = post["image"]["alt"][language]
    page.body = _body(post["body"][language], source[language], post["key"], language)
    return page
