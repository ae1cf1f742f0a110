"""Communities of practice: joining, requests and leads, moderated threads and replies,
members-only reading, notifications to followers, search and Welsh first."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.communities import actions, queries
from porth.communities.models import Access, Membership, Status
from porth.following import actions as following
from porth.following.models import Follow
from porth.moderation import actions as moderation
from porth.moderation import queries as moderation_queries
from porth.moderation.models import Mode

from .factories import CommunityFactory, MembershipFactory, make_lead

pytestmark = pytest.mark.django_db


def _url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"communities:{name}", kwargs=kwargs)


def _published_thread(community, author=None, title="Writing error messages in Welsh"):
    author = author or MembershipFactory(community=community).person
    thread = actions.start_thread(
        community=community,
        author=author,
        title=title,
        text="How do you word a date error in Welsh?",
        language="en",
    )
    moderation.decide(
        contribution=thread.opening, by=CentreStaffFactory(), approve=True, reason="OK"
    )
    thread.refresh_from_db()
    return thread


# --- Joining -----------------------------------------------------------------------------------


def test_joining_an_open_community_makes_a_member_at_once():
    community = CommunityFactory()
    person = UserFactory()
    membership = actions.join_community(community=community, person=person, listed=False)
    assert membership.is_active
    assert queries.is_member(person, community)


def test_joining_a_community_on_request_waits_for_a_lead_who_is_emailed(
    client, django_capture_on_commit_callbacks
):
    community = CommunityFactory(access=Access.REQUEST)
    lead = make_lead(community, preferred_language="cy")
    person = UserFactory(full_name="Nia Jones")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("community_join", slug=community.slug), {"listed": "on"})
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    assert membership.status == Status.ASKED
    assert not queries.is_member(person, community)
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert "Nia Jones" in mail.outbox[0].body
    assert "Cais i ymuno" in mail.outbox[0].subject  # the lead's own language


def test_a_lead_approves_a_request_and_the_person_is_told(
    client, django_capture_on_commit_callbacks
):
    community = CommunityFactory(access=Access.REQUEST)
    lead = make_lead(community)
    person = UserFactory(preferred_language="en")
    membership = actions.join_community(community=community, person=person, listed=True)
    client.force_login(lead)
    assert client.get(_url("membership_requests", slug=community.slug)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("membership_decide", slug=community.slug, membership_id=membership.pk),
            {"decision": "approve"},
        )
    assert queries.is_member(person, community)
    assert mail.outbox[-1].to == [person.email]
    assert "approved" in mail.outbox[-1].subject


def test_a_member_cannot_decide_requests(client):
    community = CommunityFactory(access=Access.REQUEST)
    member = MembershipFactory(community=community).person
    asked = actions.join_community(community=community, person=UserFactory(), listed=False)
    client.force_login(member)
    url = _url("membership_decide", slug=community.slug, membership_id=asked.pk)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert client.get(_url("membership_requests", slug=community.slug)).status_code == 403
    asked.refresh_from_db()
    assert asked.status == Status.ASKED


def test_the_join_page_writes_nothing_on_get(client):
    community = CommunityFactory()
    client.force_login(UserFactory())
    assert client.get(_url("community_join", slug=community.slug)).status_code == 200
    assert not Membership.objects.exists()


def test_leaving_takes_a_lead_off_the_community_moderators():
    community = CommunityFactory()
    lead = make_lead(community)
    assert moderation_queries.can_moderate(lead, community.space)
    actions.leave_community(community=community, person=lead)
    assert not moderation_queries.can_moderate(lead, community.space)


def test_a_lead_of_one_community_has_no_power_in_another(client):
    first, second = CommunityFactory(), CommunityFactory()
    lead = make_lead(first)
    thread = actions.start_thread(
        community=second,
        author=MembershipFactory(community=second).person,
        title="Held",
        text="Waiting",
        language="en",
    )
    assert not moderation_queries.can_moderate(lead, second.space)
    client.force_login(lead)
    decide = reverse("moderation:contribution_decide", args=[thread.opening.pk])
    assert client.post(decide, {"decision": "approve", "reason": "x"}).status_code == 403
    assert client.get(_url("membership_requests", slug=second.slug)).status_code == 403


# --- Members-only reading ----------------------------------------------------------------------


def test_a_community_on_request_refuses_its_threads_search_and_members_to_others(client):
    community = CommunityFactory(access=Access.REQUEST)
    thread = _published_thread(community)
    post = thread.opening
    pages = [
        _url("thread_detail", slug=community.slug, thread_id=thread.pk),
        _url("community_search", slug=community.slug) + "?q=Welsh",
        _url("member_list", slug=community.slug),
        _url("thread_create", slug=community.slug),
        reverse("moderation:contribution_report", args=[post.pk]),
    ]
    for url in pages:  # anonymous: sent to sign in
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(UserFactory())
    for url in pages:
        assert client.get(url).status_code == 403, url
    front = client.get(_url("community_detail", slug=community.slug))
    assert front.status_code == 200
    assert thread.title not in front.content.decode()
    reply_url = _url("reply_create", slug=community.slug, thread_id=thread.pk)
    assert client.post(reply_url, {"text": "Let me in"}).status_code == 403


def test_an_open_community_is_read_by_anyone_but_only_members_post(client):
    community = CommunityFactory()
    thread = _published_thread(community)
    url = _url("thread_detail", slug=community.slug, thread_id=thread.pk)
    assert "How do you word a date error" in client.get(url).content.decode()
    client.force_login(UserFactory())
    reply_url = _url("reply_create", slug=community.slug, thread_id=thread.pk)
    assert client.post(reply_url, {"text": "Hello"}).status_code == 403


def test_the_member_list_shows_only_people_who_chose_to_be_listed(client):
    community = CommunityFactory()
    shown = MembershipFactory(community=community, listed=True).person
    hidden = MembershipFactory(community=community, listed=False).person
    client.force_login(hidden)
    page = client.get(_url("member_list", slug=community.slug)).content.decode()
    assert shown.full_name in page
    assert hidden.full_name not in page
    client.post(_url("member_listing", slug=community.slug), {"listed": "on"})
    page = client.get(_url("member_list", slug=community.slug)).content.decode()
    assert hidden.full_name in page


# --- Threads and replies -----------------------------------------------------------------------


def test_a_new_thread_is_held_then_shown_after_moderation(client):
    community = CommunityFactory()
    author = MembershipFactory(community=community).person
    client.force_login(author)
    response = client.post(
        _url("thread_create", slug=community.slug),
        {"title": "Bilingual forms", "text": "Which order should the languages go in?"},
    )
    assert response.status_code == 302
    thread = queries.visible_threads(community).first()
    assert thread is None
    held = queries.threads_held_for(community, author).get()
    assert "Waiting for a moderator" in client.get(held.get_absolute_url()).content.decode()
    other = MembershipFactory(community=community).person
    client.force_login(other)
    assert client.get(held.get_absolute_url()).status_code == 403
    moderation.decide(contribution=held.opening, by=CentreStaffFactory(), approve=True, reason="OK")
    assert list(queries.visible_threads(community)) == [held]
    page = client.get(_url("community_detail", slug=community.slug)).content.decode()
    assert "Bilingual forms" in page


def test_posts_are_shown_as_typed_never_run():
    community = CommunityFactory()
    thread = _published_thread(community)
    member = MembershipFactory(community=community).person
    community.space.mode = Mode.POST
    community.space.save()
    moderation.decide(
        contribution=actions.reply(thread=thread, author=member, text="first", language="en"),
        by=CentreStaffFactory(),
        approve=True,
        reason="OK",
    )
    actions.reply(
        thread=thread, author=member, text="<script>alert(1)</script> **bold**", language="en"
    )
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold**" in page
    assert "<script>alert(1)" not in page


def test_too_long_titles_and_posts_are_refused_with_a_clear_message(client):
    community = CommunityFactory()
    client.force_login(MembershipFactory(community=community).person)
    response = client.post(
        _url("thread_create", slug=community.slug), {"title": "x" * 151, "text": "y" * 2001}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The title must be 150 characters or fewer" in page
    assert "Your post must be 2000 characters or fewer" in page


def test_long_threads_are_paginated():
    community = CommunityFactory()
    community.space.mode = Mode.POST
    community.space.save()
    thread = _published_thread(community)
    member = MembershipFactory(community=community).person
    first = actions.reply(thread=thread, author=member, text="first reply", language="en")
    moderation.decide(contribution=first, by=CentreStaffFactory(), approve=True, reason="OK")
    for number in range(30):
        actions.reply(thread=thread, author=member, text=f"reply {number}", language="en")
    page = Client().get(thread.get_absolute_url() + "?page=2").content.decode()
    assert "reply 29" in page
    assert "first reply" not in page


def test_search_finds_published_posts_only():
    community = CommunityFactory()
    _published_thread(community, title="Cyfieithu negeseuon gwall")
    actions.start_thread(
        community=community,
        author=MembershipFactory(community=community).person,
        title="Held draft about gwall",
        text="not yet",
        language="cy",
    )
    hits = queries.search(community, "gwall", "cy")
    assert [hit.thread.title for hit in hits] == ["Cyfieithu negeseuon gwall"]


# --- Following and notifications ---------------------------------------------------------------


def test_followers_hear_of_new_threads_and_the_author_of_replies_in_their_language(
    django_capture_on_commit_callbacks,
):
    community = CommunityFactory()
    follower = MembershipFactory(community=community, person=UserFactory(preferred_language="cy"))
    following.follow(person=follower.person, kind="community", key=community.slug)
    author = MembershipFactory(community=community, person=UserFactory(preferred_language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        thread = _published_thread(community, author=author.person, title="Dates in Welsh")
    assert [m.to for m in mail.outbox] == [[follower.person.email]]
    assert "edefyn newydd" in mail.outbox[0].body and "Dates in Welsh" in mail.outbox[0].body
    assert Follow.objects.filter(person=author.person, kind="thread", key=str(thread.pk)).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post = actions.reply(
            thread=thread, author=follower.person, text="Use 25 Tachwedd 2026", language="cy"
        )
        moderation.decide(contribution=post, by=CentreStaffFactory(), approve=True, reason="OK")
    assert [m.to for m in mail.outbox] == [[author.person.email]]
    assert "a new reply" in mail.outbox[0].body and "25 Tachwedd 2026" in mail.outbox[0].body


def test_people_outside_a_community_on_request_cannot_follow_it_or_hear_of_it(
    django_capture_on_commit_callbacks,
):
    community = CommunityFactory(access=Access.REQUEST)
    stranger = UserFactory()
    with pytest.raises(following.UnknownThing):
        following.follow(person=stranger, kind="community", key=community.slug)
    member = MembershipFactory(community=community).person
    following.follow(person=member, kind="community", key=community.slug)
    actions.leave_community(community=community, person=member)
    with django_capture_on_commit_callbacks(execute=True):
        _published_thread(community)
    assert mail.outbox == []


def test_the_follow_button_is_on_a_community_and_a_thread(client):
    community = CommunityFactory()
    thread = _published_thread(community)
    client.force_login(UserFactory())
    for url in (community.get_absolute_url(), thread.get_absolute_url()):
        assert "Get emails about this" in client.get(url).content.decode()


# --- Both languages ----------------------------------------------------------------------------


def test_a_welsh_first_community_shows_welsh_first_on_english_pages(client):
    community = CommunityFactory(welsh_first=True, name_cy="Dylunio yn Gymraeg")
    page = client.get(_url("community_detail", slug=community.slug)).content.decode()
    main = page[page.index("<main") :]
    assert main.index("Dylunio yn Gymraeg") < main.index(community.name_en)
    assert '<h1 class="govuk-heading-xl govuk-!-margin-bottom-2" lang="cy">' in page


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_community_page_answers_in_both_languages(client, language):
    community = CommunityFactory()
    lead = make_lead(community)
    thread = _published_thread(community)
    client.force_login(lead)
    for name, kwargs in [
        ("community_list", {}),
        ("community_detail", {"slug": community.slug}),
        ("community_join", {"slug": community.slug}),
        ("community_leave", {"slug": community.slug}),
        ("member_list", {"slug": community.slug}),
        ("membership_requests", {"slug": community.slug}),
        ("community_search", {"slug": community.slug}),
        ("resource_create", {"slug": community.slug}),
        ("thread_create", {"slug": community.slug}),
        ("thread_detail", {"slug": community.slug, "thread_id": thread.pk}),
    ]:
        response = client.get(_url(name, language, **kwargs))
        assert response.status_code in (200, 302), name
        if response.status_code == 200:
            assert f'lang="{language}"' in response.content.decode(), name


def test_centre_staff_create_a_community_with_its_own_moderation_space(client):
    client.force_login(CentreStaffFactory())
    response = client.post(
        _url("community_create"),
        {
            "slug": "procurement",
            "name_en": "Digital procurement",
            "name_cy": "Caffael digidol",
            "description_en": "Buying digital services well.",
            "description_cy": "Prynu gwasanaethau digidol yn dda.",
            "access": "request",
        },
    )
    assert response.status_code == 302
    community = queries.community_by_slug("procurement")
    assert community.space.key == "community-procurement"
    assert community.needs_request
