"""Follow a blog topic: the button is on the topic's list, and a new post on the topic is
emailed to its followers in their language, once (not again for its translation)."""

import pytest
from django.core import mail
from wagtail.models import Locale

from porth.accounts.tests.factories import UserFactory
from porth.blog.models import BlogPostPage
from porth.blog.tests.conftest import blog  # noqa: F401 (module fixture)
from porth.following import actions
from porth.following.models import Follow


@pytest.mark.django_db
def test_a_topic_is_followed_from_its_page_and_its_new_posts_are_emailed_once(
    client,
    blog,  # noqa: F811
):
    person = UserFactory(preferred_language="cy")
    client.force_login(person)
    page = client.get("/en/blog/topics/skills/").content.decode()
    assert "Get emails about this" in page
    client.post("/en/following/follow/", {"kind": "blog_topic", "key": "skills", "next": "/en/"})
    assert Follow.objects.filter(person=person, kind="blog_topic", key="skills").exists()
    assert "Sgiliau" in client.get("/cy/following/").content.decode()

    english = BlogPostPage.objects.live().filter(
        topics__slug="skills", locale=Locale.objects.get(language_code="en")
    )
    post = english.order_by("first_published_at").first()
    assert actions.tell_followers_of_blog_post(page_id=post.pk) == 1
    assert mail.outbox[0].to == [person.email]
    welsh = post.get_translation(Locale.objects.get(language_code="cy"))
    assert welsh.title in mail.outbox[0].body  # the Welsh title, for a Welsh reader
    assert actions.tell_followers_of_blog_post(page_id=welsh.pk) == 0
