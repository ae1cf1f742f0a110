"""Comments on blog posts, through the pages people use: writing, moderating, reporting."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.blog.models import BlogPostPage
from porth.core.dates import date_data
from porth.moderation import actions
from porth.moderation.models import Contribution, Mode, Space, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(blog):
    cache.clear()
    return BlogPostPage.objects.get(slug="why-digital-skills-need-context")


def _comment_url(post):
    return f"/en/blog/posts/{post.pk}/comments/"


def test_a_signed_in_persons_comment_is_held_and_only_they_see_it(client, post):
    person = UserFactory()
    client.force_login(person)
    response = client.post(_comment_url(post), {"text": "Useful, thank you.", "website": ""})
    assert response.status_code == 302
    comment = Contribution.objects.get()
    assert comment.status == Status.HELD
    assert "Useful, thank you." in client.get(post.url).content.decode()
    client.force_login(UserFactory())
    assert "Useful, thank you." not in client.get(post.url).content.decode()


def test_welsh_and_english_readers_share_one_conversation(client, post):
    comment = Contribution.objects.create(
        space=Space.objects.get(key="blog"),
        subject_type_id=1,
        subject_key="0",
        subject_title=post.title,
        subject_url=post.url,
        author=UserFactory(),
        body="x",
    )
    client.force_login(UserFactory())
    client.post(_comment_url(post), {"text": "Diolch yn fawr."})
    welsh = post.get_translation(post.get_translations().first().locale)
    client.post(f"/cy/blog/posts/{welsh.pk}/comments/", {"text": "Da iawn."})
    keys = set(Contribution.objects.exclude(pk=comment.pk).values_list("subject_key", flat=True))
    assert len(keys) == 1


def test_an_anonymous_visitor_is_sent_to_sign_in(client, post):
    response = client.post(_comment_url(post), {"text": "Hello"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Contribution.objects.exists()


def test_the_honeypot_quietly_drops_what_robots_send(client, post):
    client.force_login(UserFactory())
    client.post(_comment_url(post), {"text": "Buy now", "website": "http://spam.example"})
    assert not Contribution.objects.exists()


def test_very_long_text_is_refused_with_a_clear_message_and_kept(client, post):
    client.force_login(UserFactory())
    text = "word " * 500
    response = client.post(_comment_url(post), {"text": text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "must be 2000 characters or fewer" in html
    assert text.strip()[:50] in html


def test_too_many_links_are_refused(client, post):
    client.force_login(UserFactory())
    response = client.post(
        _comment_url(post), {"text": "https://a.example https://b.example https://c.example"}
    )
    assert "at most 2 links" in response.content.decode()


def test_the_rate_limit_says_when_to_try_again(client, post):
    client.force_login(UserFactory())
    for number in range(5):
        client.post(_comment_url(post), {"text": f"Comment {number}"})
    response = client.post(_comment_url(post), {"text": "One too many"})
    assert response.status_code == 429
    assert "Try again in" in response.content.decode()
    assert Contribution.objects.count() == 5


def test_injection_in_an_approved_comment_is_shown_as_text(client, post):
    client.force_login(UserFactory())
    client.post(_comment_url(post), {"text": "<script>alert(1)</script> [x](javascript:alert(1))"})
    comment = Contribution.objects.get()
    actions.decide(contribution=comment, by=CentreStaffFactory(), approve=True, reason="ok")
    html = client.get(post.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and 'href="javascript' not in html


def test_a_moderator_approves_from_the_queue_and_the_author_is_told(
    client, post, django_capture_on_commit_callbacks
):
    author = UserFactory(preferred_language="en")
    client.force_login(author)
    client.post(_comment_url(post), {"text": "Where can I find the course?"})
    comment = Contribution.objects.get()
    client.force_login(CentreStaffFactory())
    queue = client.get("/en/moderation/").content.decode()
    assert "Where can I find the course?" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/moderation/comments/{comment.pk}/",
            {"decision": "approve", "reason": "A fair question"},
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == [author.email]
    assert "Your comment is published" in mail.outbox[-1].subject
    assert "Where can I find the course?" in client.get(post.url).content.decode()
    assert "A fair question" in client.get("/en/moderation/log/").content.decode()


def test_a_decision_needs_a_reason(client, post):
    comment = Contribution.objects.create(
        space=Space.objects.get(key="blog"),
        subject_type_id=1,
        subject_key="1",
        subject_title="t",
        subject_url=post.url,
        author=UserFactory(),
        body="b",
        waiting_since=timezone.now(),
    )
    client.force_login(CentreStaffFactory())
    response = client.post(f"/en/moderation/comments/{comment.pk}/", {"decision": "reject"})
    assert "Enter the reason for your decision" in response.content.decode()


def test_a_moderator_of_another_space_has_no_power_over_blog_comments(client, post):
    comment = Contribution.objects.create(
        space=Space.objects.get(key="blog"),
        subject_type_id=1,
        subject_key="1",
        subject_title="t",
        subject_url=post.url,
        author=UserFactory(),
        body="b",
    )
    other = Space.objects.create(key="welsh-design", name_en="Welsh design", name_cy="Dylunio")
    moderator = UserFactory()
    other.moderators.add(moderator)
    client.force_login(moderator)
    assert client.get(f"/en/moderation/comments/{comment.pk}/").status_code == 403
    assert b"welsh-design" not in client.get("/en/moderation/").content
    client.force_login(UserFactory())
    assert client.get("/en/moderation/").status_code == 403


def test_reports_from_enough_people_hide_a_comment(client, post):
    space = Space.objects.get(key="blog")
    space.report_threshold = 2
    space.save()
    comment = Contribution.objects.create(
        space=space,
        subject_type_id=1,
        subject_key="1",
        subject_title="t",
        subject_url=post.url,
        author=UserFactory(),
        body="Rude words",
        status=Status.PUBLISHED,
    )
    for _ in range(2):
        client.force_login(UserFactory())
        client.post(f"/en/moderation/comments/{comment.pk}/report/", {"reason": "Rude"})
    comment.refresh_from_db()
    assert comment.status == Status.HIDDEN


def test_the_pre_election_switch_closes_comments_and_shows_a_dated_notice(client, post):
    staff = CentreStaffFactory()
    client.force_login(staff)
    today = timezone.localdate()
    end = today + datetime.timedelta(days=20)
    response = client.post(
        "/cy/moderation/pre-election/",
        {
            "spaces": [Space.objects.get(key="blog").pk],
            **date_data("starts_on", today),
            **date_data("ends_on", end),
            "notice_en": "Comments reopen after polling day.",
            "notice_cy": "Bydd sylwadau'n ailagor ar ôl diwrnod y bleidlais.",
        },
    )
    assert response.status_code == 302
    html = client.get(post.url).content.decode()
    assert "Comments reopen after polling day." in html
    assert "Bydd sylwadau" in html
    assert 'name="text"' not in html
    refused = client.post(_comment_url(post), {"text": "Hello"})
    assert refused.status_code == 400 and not Contribution.objects.exists()


def test_centre_staff_change_a_spaces_moderation(client, post):
    client.force_login(CentreStaffFactory())
    client.post("/en/moderation/spaces/blog/", {"mode": "off", "report_threshold": 4})
    assert Space.objects.get(key="blog").mode == Mode.OFF
    assert "Comments are closed on this post." in client.get(post.url).content.decode()
