"""Uploaded resources (checked, kept in shared storage, members-only served only to members),
the community's activity list and Atom feed, and the thread page's fixed number of queries
and stored post HTML (ADR 0059)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.communities import actions, queries
from porth.communities.models import Access, Resource, Thread
from porth.core.models import StoredFile
from porth.moderation import actions as moderation
from porth.moderation.models import Contribution, Mode
from porth.moderation.models import Status as PostStatus
from porth.moderation.sanitise import as_html

from .factories import CommunityFactory, MembershipFactory, make_lead

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"communities:{name}", kwargs=kwargs)


def _pdf(name: str = "templed.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _form(**changes) -> dict:
    return {"title_en": "Bilingual form template", "title_cy": "Templed ffurflen ddwyieithog"} | (
        changes
    )


def _published_thread(community, title="Error messages in Welsh", text="How do you word it?"):
    author = MembershipFactory(community=community).person
    thread = actions.start_thread(
        community=community, author=author, title=title, text=text, language="en"
    )
    moderation.decide(
        contribution=thread.opening, by=CentreStaffFactory(), approve=True, reason="OK"
    )
    thread.refresh_from_db()
    return thread


# --- Uploads -----------------------------------------------------------------------------------


def test_a_lead_uploads_a_file_that_is_stored_and_served_as_a_download():
    community = CommunityFactory()
    lead = make_lead(community)
    response = _signed_in(lead).post(
        _url("resource_create", slug=community.slug), _form(file=_pdf())
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.is_file and resource.url == ""
    assert resource.file.content_type == "application/pdf"
    assert resource.file.filename == "templed.pdf"
    download = Client().get(resource.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    page = Client().get(community.get_absolute_url()).content.decode()
    assert "Bilingual form template" in page and "PDF" in page


@pytest.mark.parametrize(
    ("upload", "message_en", "message_cy"),
    [
        (
            ("notes.exe", b"MZ\x90\x00"),
            "The selected file must be a PDF, DOCX",
            "Rhaid i'r ffeil a ddewiswyd fod yn ffeil PDF, DOCX",
        ),
        (
            ("pretend.pdf", b"<script>alert(1)</script>"),
            "The selected file must be a PDF, DOCX",
            "Rhaid i'r ffeil a ddewiswyd fod yn ffeil PDF, DOCX",
        ),
        (
            ("empty.pdf", b""),
            "The selected file is empty",
            "Mae'r ffeil a ddewiswyd yn wag",
        ),
    ],
)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_wrong_file_is_refused_with_a_clear_message_keeping_what_was_typed(
    upload, message_en, message_cy, language
):
    community = CommunityFactory()
    lead = make_lead(community)
    response = _signed_in(lead).post(
        _url("resource_create", language, slug=community.slug),
        _form(file=SimpleUploadedFile(*upload)),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert escape(message_cy if language == "cy" else message_en) in page
    assert 'value="Templed ffurflen ddwyieithog"' in page
    assert not Resource.objects.exists() and not StoredFile.objects.exists()


def test_a_file_over_the_limit_is_refused(settings):
    settings.COMMUNITY_RESOURCE_MAX_BYTES = 1024 * 1024
    community = CommunityFactory()
    lead = make_lead(community)
    big = _pdf(content=PDF + b"0" * (1024 * 1024))
    response = _signed_in(lead).post(_url("resource_create", slug=community.slug), _form(file=big))
    assert response.status_code == 400
    assert "The selected file must be smaller than 1 MB" in response.content.decode()


def test_a_link_and_a_file_together_or_neither_are_refused_and_the_file_is_named_again():
    community = CommunityFactory()
    lead = make_lead(community)
    client = _signed_in(lead)
    both = client.post(
        _url("resource_create", slug=community.slug),
        _form(url="https://example.com", file=_pdf()),
    ).content.decode()
    assert "Give a web address or a file, not both" in both
    assert "You chose the file templed.pdf" in both
    neither = client.post(_url("resource_create", slug=community.slug), _form()).content.decode()
    assert "Enter a web address or choose a file" in neither
    assert not Resource.objects.exists()


def test_a_members_only_file_is_listed_and_served_only_to_members():
    community = CommunityFactory()
    lead = make_lead(community)
    resource = actions.add_resource(
        community=community,
        by=lead,
        title_en="Draft minutes",
        title_cy="Cofnodion drafft",
        upload=_pdf(),
        members_only=True,
    )
    outsider = _signed_in(UserFactory())
    assert outsider.get(resource.get_absolute_url()).status_code == 403
    assert Client().get(resource.get_absolute_url()).status_code in (302, 403)
    assert "Draft minutes" not in outsider.get(community.get_absolute_url()).content.decode()
    member = _signed_in(MembershipFactory(community=community).person)
    download = member.get(resource.get_absolute_url())
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-cache"
    b"".join(download.streaming_content)
    assert "Draft minutes" in member.get(community.get_absolute_url()).content.decode()


def test_every_resource_of_a_community_on_request_is_for_members_only():
    community = CommunityFactory(access=Access.REQUEST)
    lead = make_lead(community)
    resource = actions.add_resource(
        community=community, by=lead, title_en="Notes", title_cy="Nodiadau", upload=_pdf()
    )
    assert resource.members_only
    assert _signed_in(UserFactory()).get(resource.get_absolute_url()).status_code == 403


def test_a_member_who_is_not_a_lead_cannot_pin_a_resource():
    community = CommunityFactory()
    member = _signed_in(MembershipFactory(community=community).person)
    response = member.post(_url("resource_create", slug=community.slug), _form(file=_pdf()))
    assert response.status_code == 403
    assert not Resource.objects.exists()


# --- Activity and the feed ---------------------------------------------------------------------


def test_the_activity_list_shows_new_threads_replies_and_resources_newest_first():
    community = CommunityFactory()
    community.space.mode = Mode.POST
    community.space.save()
    thread = _published_thread(community, title="Welsh dates")
    member = MembershipFactory(community=community).person
    reply = actions.reply(thread=thread, author=member, text="We write 25 Tachwedd", language="en")
    moderation.decide(contribution=reply, by=CentreStaffFactory(), approve=True, reason="OK")
    actions.add_resource(
        community=community,
        by=make_lead(community),
        title_en="Style guide",
        title_cy="Canllaw arddull",
        url="https://example.com/style",
    )
    rows = list(queries.activity(community))
    items = queries.activity_items(rows)
    assert [item.kind for item in items] == ["resource", "reply", "thread"]
    page = Client().get(community.get_absolute_url()).content.decode()
    assert "Recent activity" in page and "Reply in" in page and "Style guide" in page


def test_held_posts_and_members_only_resources_are_not_in_the_activity_or_the_feed():
    community = CommunityFactory()
    thread = _published_thread(community, title="Shown thread")
    member = MembershipFactory(community=community).person
    actions.reply(thread=thread, author=member, text="held reply SECRET", language="en")
    actions.add_resource(
        community=community,
        by=make_lead(community),
        title_en="Members minutes",
        title_cy="Cofnodion aelodau",
        upload=_pdf(),
        members_only=True,
    )
    assert [item.kind for item in queries.activity_items(queries.activity(community))] == ["thread"]
    feed = Client().get(_url("community_feed", slug=community.slug)).content.decode()
    assert "Shown thread" in feed
    assert "SECRET" not in feed and "Members minutes" not in feed


def test_the_feed_is_atom_in_each_language_with_posts_shown_as_text():
    community = CommunityFactory()
    _published_thread(community, title="Feeds", text="<script>alert('x')</script> hello")
    response = Client().get(_url("community_feed", "cy", slug=community.slug))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert 'xml:lang="cy"' in feed
    assert "Edefyn newydd: Feeds" in feed
    assert "<script>" not in feed
    assert "&amp;lt;script&amp;gt;" in feed


def test_a_community_on_request_has_no_feed():
    community = CommunityFactory(access=Access.REQUEST)
    assert Client().get(_url("community_feed", slug=community.slug)).status_code == 404


def test_the_activity_list_is_paginated():
    community = CommunityFactory()
    lead = make_lead(community)
    for number in range(queries.ACTIVITY_PER_PAGE + 2):
        actions.add_resource(
            community=community,
            by=lead,
            title_en=f"Link {number}",
            title_cy=f"Dolen {number}",
            url=f"https://example.com/{number}",
        )
    first = Client().get(community.get_absolute_url()).content.decode()
    second = Client().get(community.get_absolute_url() + "?activity=2").content.decode()
    assert "Link 16" in first and 'href="?activity=2"' in first
    assert "New resource:" in second


# --- The thread page makes a fixed number of queries ---------------------------------------


def _queries_for(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_thread_page_makes_the_same_few_queries_however_long_the_thread():
    community = CommunityFactory()
    community.space.mode = Mode.POST
    community.space.save()
    thread = _published_thread(community)
    member = MembershipFactory(community=community).person
    client = _signed_in(member)
    first = actions.reply(thread=thread, author=member, text="one", language="en")
    moderation.decide(contribution=first, by=CentreStaffFactory(), approve=True, reason="OK")
    short = _queries_for(client, thread.get_absolute_url())
    for number in range(60):
        actions.reply(thread=thread, author=member, text=f"reply {number}", language="en")
    assert _queries_for(client, thread.get_absolute_url()) == short - 1  # not the last page
    assert _queries_for(client, thread.get_absolute_url() + "?page=3") == short
    # Session, person, thread (with its pre-election period's id), membership, follow, and
    # one page of posts carrying the thread's count (no COUNT), plus own held on the last.
    assert short <= 7


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_thread_page_shows_a_pre_election_notice_read_with_the_thread(language):
    community = CommunityFactory()
    thread = _published_thread(community)
    client = _signed_in(MembershipFactory(community=community).person)
    url = thread.get_absolute_url().replace("/en/", f"/{language}/")
    quiet = client.get(url).content.decode()
    today = timezone.localdate()
    moderation.start_quiet_period(
        spaces=[community.space],
        starts_on=today,
        ends_on=today + datetime.timedelta(days=20),
        notice_en="Posting is closed until after the election.",
        notice_cy="Mae postio ar gau tan ar ôl yr etholiad.",
        by=CentreStaffFactory(),
    )
    closed = client.get(url).content.decode()
    notice = {"en": "Posting is closed until after the election.", "cy": "Mae postio ar gau"}
    assert notice[language] not in quiet and 'name="text"' in quiet
    assert notice[language] in closed and 'name="text"' not in closed


def _bulk_replies(thread, author, how_many: int) -> None:
    """Published replies written in one go (as the benchmark does), each with its stored HTML."""
    kind = ContentType.objects.get_for_model(Thread)
    bodies = [f"Reply {number} https://www.gov.wales/{number}" for number in range(how_many)]
    Contribution.objects.bulk_create(
        Contribution(
            space=thread.community.space,
            subject_type=kind,
            subject_key=str(thread.pk),
            subject_title=thread.title,
            subject_url=thread.get_absolute_url(),
            author=author,
            body=body,
            body_html=str(as_html(body)),
            status=PostStatus.PUBLISHED,
        )
        for body in bodies
    )


def test_a_page_of_a_thousand_reply_thread_makes_the_queries_of_a_thirty_reply_one():
    community = CommunityFactory()
    member = MembershipFactory(community=community).person
    client = _signed_in(member)
    short, long = _published_thread(community, title="Short"), _published_thread(community)
    _bulk_replies(short, member, 30)
    _bulk_replies(long, member, 1000)
    few = _queries_for(client, short.get_absolute_url())
    assert _queries_for(client, long.get_absolute_url()) == few
    assert _queries_for(client, long.get_absolute_url() + "?page=20") == few
    with CaptureQueriesContext(connection) as captured:
        page = client.get(long.get_absolute_url() + "?page=20").content.decode()
    assert not [q for q in captured if q["sql"].startswith("SELECT COUNT(*)")]
    assert "Reply 474 " in page and "Reply 498 " in page and "Reply 499 " not in page
    assert 'href="?page=41"' in page


@pytest.mark.parametrize("asked", [None, "1", "2", "3", "4", "0", "-1", "99", "x", "2.0", " 2 "])
def test_a_page_of_a_thread_is_the_page_django_s_paginator_gives(asked):
    community = CommunityFactory()
    thread = _published_thread(community)
    _bulk_replies(thread, MembershipFactory(community=community).person, 60)
    expected = Paginator(queries.thread_posts(thread), queries.POSTS_PER_PAGE).get_page(asked)
    page = queries.thread_page(thread, asked)
    assert page.number == expected.number
    assert page.paginator.count == expected.paginator.count == 61
    assert [post.pk for post in page] == [post.pk for post in expected]
    assert page.has_next() == expected.has_next()


def test_a_thread_with_no_published_post_is_one_empty_page():
    community = CommunityFactory()
    thread = actions.start_thread(
        community=community,
        author=MembershipFactory(community=community).person,
        title="Held",
        text="Waiting",
        language="en",
    )
    page = queries.thread_page(thread, "3")
    assert (page.number, page.paginator.count, list(page)) == (1, 0, [])


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_thread_page_shows_each_post_s_stored_sanitised_html(language):
    community = CommunityFactory()
    community.space.mode = Mode.POST
    community.space.save()
    thread = _published_thread(community)
    member = MembershipFactory(community=community).person
    typed = "<script>alert(1)</script> See https://www.gov.wales/digital"
    first = actions.reply(thread=thread, author=member, text="first", language=language)
    moderation.decide(contribution=first, by=CentreStaffFactory(), approve=True, reason="OK")
    reply = actions.reply(thread=thread, author=member, text=typed, language=language)
    assert reply.body_html == str(as_html(typed))
    url = thread.get_absolute_url().replace("/en/", f"/{language}/")
    page = _signed_in(member).get(url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert '<a href="https://www.gov.wales/digital" rel="nofollow ugc noopener noreferrer">' in page
    # What is shown is what was stored when the reply was written, not sanitised again.
    Contribution.objects.filter(pk=reply.pk).update(body_html="<p>Stored once</p>")
    assert "<p>Stored once</p>" in _signed_in(member).get(url).content.decode()


def test_the_community_page_makes_the_same_queries_however_many_threads_and_resources():
    community = CommunityFactory()
    lead = make_lead(community)
    client = _signed_in(lead)
    _published_thread(community, title="One")
    actions.add_resource(
        community=community, by=lead, title_en="A", title_cy="A", url="https://example.com/a"
    )
    few = _queries_for(client, community.get_absolute_url())
    for number in range(5):
        _published_thread(community, title=f"Thread {number}")
        actions.add_resource(
            community=community,
            by=lead,
            title_en=f"Link {number}",
            title_cy=f"Dolen {number}",
            url=f"https://example.com/{number}",
        )
    assert _queries_for(client, community.get_absolute_url()) == few
