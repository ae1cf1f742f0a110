"""The blog: bilingual posts, honest translation status, lists, feeds and seeding."""

import xml.etree.ElementTree as ET

import pytest

from porth.blog.actions import load_data, seed_blog
from porth.blog.models import BlogIndexPage, BlogPostPage
from porth.blog.queries import listed_posts

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_demo_has_at_least_six_posts_in_both_languages(blog):
    english = BlogPostPage.objects.live().filter(locale__language_code="en")
    welsh = BlogPostPage.objects.live().filter(locale__language_code="cy")
    paired = set(english.values_list("translation_key", flat=True)) & set(
        welsh.values_list("translation_key", flat=True)
    )
    assert len(paired) >= 6


def test_every_demo_post_cites_the_alpha_report_and_has_alt_text_in_its_language(blog):
    for post in BlogPostPage.objects.live():
        text = " ".join(str(block.value) for block in post.body)
        assert "alpha report" in text or "adroddiad alffa" in text
        assert post.lead_image_id and post.lead_image_alt
        assert "lorem" not in text.lower()


def test_seeding_twice_changes_nothing(client, blog):
    before = BlogPostPage.objects.count()
    result = seed_blog(with_posts=True)
    assert not result.created
    assert BlogPostPage.objects.count() == before
    english = BlogPostPage.objects.get(slug=load_data()["posts"][0]["slug"]["en"])
    assert "This post is not in" not in client.get(english.url).content.decode()


def test_a_post_shows_its_authors_topics_date_and_image_alt_text(client, blog):
    post = BlogPostPage.objects.get(
        locale__language_code="cy", slug=load_data()["posts"][1]["slug"]["cy"]
    )
    response = client.get(post.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sioned Harries" in html and "Sgiliau a gallu" in html
    assert "18 Tachwedd 2020" in html
    assert f'alt="{post.lead_image_alt}"' in html.replace("&#x27;", "'")


def test_a_welsh_first_post_says_its_english_translation_is_pending(client, blog):
    post = BlogPostPage.objects.get(slug="ein-cymuned-arfer-gyntaf-dylunio-yn-gymraeg")
    assert "ar gael yn Saesneg eto" in client.get(post.url).content.decode()
    listing = client.get("/en/blog/").content.decode()
    assert "Translation pending" in listing and "Only in Welsh so far." in listing
    pending = client.get("/en/blog/ein-cymuned-arfer-gyntaf-dylunio-yn-gymraeg/")
    assert pending.status_code == 200
    assert "has not been translated into English yet" in pending.content.decode()


def test_the_listing_is_paginated_newest_first(client, blog):
    rows = listed_posts(language="en")
    assert [row.post.published_on for row in rows] == sorted(
        (row.post.published_on for row in rows), reverse=True
    )
    response = client.get("/en/blog/?page=99")
    assert response.status_code == 200


def test_posts_are_listed_by_topic_and_by_author(client, blog):
    topic = client.get("/cy/blog/topics/skills/").content.decode()
    assert "Pam mae angen cyd-destun ar sgiliau digidol" in topic
    assert "Timau newydd" not in topic
    author = client.get("/en/blog/authors/sioned-harries/").content.decode()
    assert "An introduction to digital transformation for 128 leaders" in author
    assert client.get("/en/blog/topics/no-such-topic/").status_code == 404


def test_each_language_and_topic_has_its_own_atom_feed(client, blog):
    welsh = ET.fromstring(client.get("/cy/blog/feed/").content)
    titles = [entry.find(f"{ATOM}title").text for entry in welsh.iter(f"{ATOM}entry")]
    assert "Ein cymuned arfer gyntaf: dylunio gwasanaethau yn Gymraeg" in titles
    assert all("Working in the open" not in title for title in titles)
    english = client.get("/en/blog/topics/standards/feed/")
    assert english["Content-Type"].startswith("application/atom+xml")
    entries = list(ET.fromstring(english.content).iter(f"{ATOM}entry"))
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Ten standards for Wales, and what they need next"
    ]


def test_a_feed_shows_markup_in_a_title_as_text(client, blog):
    post = BlogPostPage.objects.filter(locale__language_code="en").first()
    post.title = "<script>alert(1)</script> & more"
    post.save_revision().publish()
    body = client.get("/en/blog/feed/").content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in body


def test_the_blog_home_lives_under_each_language_home(blog):
    assert BlogIndexPage.objects.filter(locale__language_code="en").count() == 1
    assert BlogIndexPage.objects.filter(locale__language_code="cy").count() == 1
