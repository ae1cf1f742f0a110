"""Reads for the communities' pages: lists, memberships, threads with their posts, search.

A thread is shown when its opening post is published; its posts are moderation's published
contributions about it. Search uses PostgreSQL's full-text search where the database has it
(ADR 0051) and a plain containment match on SQLite.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Cast, Coalesce

from porth.core.permissions import is_centre_staff
from porth.moderation import queries as moderation
from porth.moderation.models import Contribution
from porth.moderation.models import Status as PostStatus

from .models import Community, Listing, Membership, Resource, Role, Status, Thread

SPACE_PREFIX = "community-"
THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 25
# Welsh has no Snowball stemmer: "simple" lower-cases and keeps every word, so Welsh words
# (and their mutated forms, which people type as they are) still match; English gets stemming.
SEARCH_CONFIGS = {"en": "english", "cy": "simple"}


def space_key(slug: str) -> str:
    return f"{SPACE_PREFIX}{slug}"


def all_communities() -> QuerySet[Community]:
    return Community.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=Status.ACTIVE))
    ).order_by("name_en")


def community_by_slug(slug: str) -> Community | None:
    return Community.objects.select_related("space").filter(slug=slug).first()


def community_for_space(space_key_: str) -> Community | None:
    return Community.objects.filter(space__key=space_key_).first()


def membership_of(person: Any, community: Community) -> Membership | None:
    if not person.is_authenticated:
        return None
    return Membership.objects.filter(community=community, person=person).first()


def memberships_of(person: Any) -> QuerySet[Membership]:
    """A person's active memberships (for the people directory and their own page)."""
    return Membership.objects.filter(person=person, status=Status.ACTIVE).select_related(
        "community"
    )


def communities_for(person: Any) -> list[Community]:
    """Every community with its member count and the person's own membership (asked or
    active) as `own_membership`, for the list's tags: two queries."""
    mine = {}
    if person.is_authenticated:
        mine = {m.community_id: m for m in Membership.objects.filter(person=person)}
    communities = list(all_communities())
    for community in communities:
        community.own_membership = mine.get(community.pk)
    return communities


def is_member(person: Any, community: Community) -> bool:
    if not person.is_authenticated:
        return False
    return Membership.objects.filter(
        community=community, person=person, status=Status.ACTIVE
    ).exists()


def is_lead(person: Any, community: Community) -> bool:
    if not person.is_authenticated:
        return False
    if is_centre_staff(person):
        return True
    return Membership.objects.filter(
        community=community, person=person, status=Status.ACTIVE, role=Role.LEAD
    ).exists()


@dataclass(frozen=True)
class Standing:
    """A person's place in one community, from one query: their membership (asked or active,
    or None), whether they may read its threads and whether they lead it."""

    membership: Membership | None
    can_read: bool
    is_lead: bool
    is_member: bool  # an active member, or centre staff: sees members-only resources


def standing_in(person: Any, community: Community) -> Standing:
    membership = membership_of(person, community)
    active = membership is not None and membership.is_active
    staff = is_centre_staff(person)
    return Standing(
        membership=membership,
        can_read=not community.needs_request or staff or active,
        is_lead=person.is_authenticated and (staff or (active and membership.role == Role.LEAD)),
        is_member=staff or active,
    )


def can_read(person: Any, community: Community) -> bool:
    """Anyone reads an open community; only members (and centre staff) one that needs a request."""
    if not community.needs_request:
        return True
    return is_centre_staff(person) or is_member(person, community)


def listed_members(community: Community) -> QuerySet[Membership]:
    """Members who chose to be listed, leads first."""
    return (
        Membership.objects.filter(community=community, status=Status.ACTIVE, listed=True)
        .select_related("person")
        .order_by("-role", "person__full_name", "person__email")
    )


def member_counts(community: Community) -> dict[str, int]:
    active = Membership.objects.filter(community=community, status=Status.ACTIVE)
    return {"all": active.count(), "listed": active.filter(listed=True).count()}


def leads_of(community: Community) -> list[Any]:
    return [
        m.person
        for m in Membership.objects.filter(
            community=community, status=Status.ACTIVE, role=Role.LEAD
        ).select_related("person")
    ]


def waiting_requests(community: Community) -> QuerySet[Membership]:
    return Membership.objects.filter(community=community, status=Status.ASKED).select_related(
        "person"
    )


def membership_by_id(membership_id: int) -> Membership | None:
    return Membership.objects.select_related("community", "person").filter(pk=membership_id).first()


def _thread_type() -> ContentType:
    return ContentType.objects.get_for_model(Thread)


def visible_threads(community: Community) -> QuerySet[Thread]:
    """Threads whose opening post is published, pinned first, then most recently active, with
    the number of published replies."""
    posts = (
        Contribution.objects.filter(
            subject_type=_thread_type(),
            subject_key=Cast(OuterRef("pk"), CharField()),
            status=PostStatus.PUBLISHED,
        )
        .order_by()
        .values("subject_key")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Thread.objects.filter(community=community, opening__status=PostStatus.PUBLISHED)
        .select_related("author", "community")
        .annotate(post_count=Coalesce(Subquery(posts, output_field=IntegerField()), 0))
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )


def threads_held_for(community: Community, person: Any) -> QuerySet[Thread]:
    """The person's own threads still waiting for a moderator, so they see them held."""
    if not person.is_authenticated:
        return Thread.objects.none()
    return Thread.objects.filter(
        community=community, author=person, opening__status=PostStatus.HELD
    ).select_related("community")


def thread_by_id(thread_id: int) -> Thread | None:
    return (
        Thread.objects.select_related("community", "community__space", "author", "opening")
        .filter(pk=thread_id)
        .first()
    )


def thread_to_show(thread_id: int) -> Thread | None:
    """`thread_by_id` with the id of the pre-election period closing its community today
    (`quiet_period_id`, None nearly always) read in the same query (ADR 0059)."""
    return (
        Thread.objects.select_related("community", "community__space", "author", "opening")
        .annotate(quiet_period_id=moderation.quiet_period_id_of(OuterRef("community__space")))
        .filter(pk=thread_id)
        .first()
    )


def is_thread_visible(thread: Thread) -> bool:
    return thread.opening is not None and thread.opening.status == PostStatus.PUBLISHED


def thread_posts(thread: Thread) -> QuerySet[Contribution]:
    """The thread's published posts, the opening post first (moderation's published_for)."""
    return moderation.published_for(thread)


def thread_page(thread: Thread, number: Any) -> Page:
    """One page of the thread's posts, as `Paginator(...).get_page(number)` gives it, in one
    query: each row carries the count of all the thread's posts (`COUNT(*) OVER ()`), so the
    paginator's separate `COUNT` is asked only when the page asked for has no rows (past the
    end: the last page is shown, as `get_page` does)."""
    posts = thread_posts(thread)
    paginator = Paginator(posts, POSTS_PER_PAGE)
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    rows: list[Contribution] = []
    if wanted >= 1:
        start = (wanted - 1) * POSTS_PER_PAGE
        rows = list(
            posts.annotate(thread_total=Window(Count("pk")))[start : start + POSTS_PER_PAGE]
        )
    if rows:
        paginator.count = rows[0].thread_total  # the cached property, already known
        return Page(rows, wanted, paginator)
    return paginator.get_page(number if wanted >= 1 else 0)


def own_held_posts(thread: Thread, person: Any) -> QuerySet[Contribution]:
    return moderation.own_waiting_for(thread, person)


def thread_of_contribution(contribution: Contribution) -> Thread | None:
    """The thread a contribution is about, or None if it belongs to another app's space."""
    if contribution.subject_type_id != _thread_type().pk:
        return None
    return thread_by_id(int(contribution.subject_key))


def visible_thread(key: str) -> Thread | None:
    """A shown thread by its id as text (following's key), or None."""
    if not key.isdigit():
        return None
    thread = thread_by_id(int(key))
    return thread if thread is not None and is_thread_visible(thread) else None


def published_post(contribution_id: int) -> tuple[Thread, Contribution] | None:
    """A published post in a community and its thread, or None (another space, or not shown)."""
    contribution = (
        Contribution.objects.select_related("author")
        .filter(pk=contribution_id, status=PostStatus.PUBLISHED)
        .first()
    )
    if contribution is None:
        return None
    thread = thread_of_contribution(contribution)
    return (thread, contribution) if thread is not None else None


def resources_of(community: Community, *, members_too: bool = False) -> QuerySet[Resource]:
    """The community's pinned resources; members-only ones only when `members_too` (the reader
    is a member or centre staff)."""
    resources = Resource.objects.filter(community=community).select_related("community", "file")
    return resources if members_too else resources.filter(members_only=False)


def resource_by_id(resource_id: int) -> Resource | None:
    return (
        Resource.objects.select_related("community", "community__space", "file")
        .filter(pk=resource_id)
        .first()
    )


ACTIVITY_PER_PAGE = 15
FEED_ENTRIES = 50


@dataclass(frozen=True)
class Activity:
    """One line of a community's activity: a new thread, a reply, or a pinned resource."""

    kind: str  # "thread", "reply" or "resource"
    at: Any  # when it happened (a post's writing, a resource's pinning)
    thread: Thread | None = None
    post: Contribution | None = None
    resource: Resource | None = None


def activity(community: Community, *, members_too: bool = False) -> QuerySet:
    """What happened in the community, newest first, as rows of (kind, pk, at) for a paginator:
    published posts in its shown threads and its resources (members-only ones only when
    `members_too`). Held, rejected and hidden posts never appear. Turn a page of rows into
    `Activity` with `activity_items`."""
    shown = (
        Thread.objects.filter(community=community, opening__status=PostStatus.PUBLISHED)
        .annotate(key=Cast("pk", CharField()))
        .values("key")
    )
    posts = (
        Contribution.objects.filter(
            space=community.space,
            subject_type=_thread_type(),
            subject_key__in=shown,
            status=PostStatus.PUBLISHED,
        )
        .annotate(kind=Value("post", output_field=CharField()), at=F("created_at"))
        .values_list("kind", "pk", "at")
        .order_by()
    )
    resources = resources_of(community, members_too=members_too)
    resources = (
        resources.select_related(None)
        .annotate(kind=Value("resource", output_field=CharField()), at=F("created_at"))
        .values_list("kind", "pk", "at")
        .order_by()
    )
    return posts.union(resources, all=True).order_by("-at", "-pk")


def excerpt(text: str, length: int = 300) -> str:
    """A post's text on one line, cut at `length` characters."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def activity_items(rows: Any) -> list[Activity]:
    """A page of `activity` rows as `Activity`, in three queries whatever the page's length."""
    rows = list(rows)
    post_ids = [pk for kind, pk, _at in rows if kind == "post"]
    resource_ids = [pk for kind, pk, _at in rows if kind == "resource"]
    posts = Contribution.objects.select_related("author").in_bulk(post_ids)
    resources = Resource.objects.select_related("community", "file").in_bulk(resource_ids)
    thread_ids = {int(post.subject_key) for post in posts.values()}
    threads = Thread.objects.select_related("community").in_bulk(thread_ids)
    items = []
    for kind, pk, at in rows:
        if kind == "resource" and pk in resources:
            items.append(Activity(kind="resource", at=at, resource=resources[pk]))
        elif kind == "post" and pk in posts:
            thread = threads.get(int(posts[pk].subject_key))
            if thread is not None:
                opening = thread.opening_id == pk
                items.append(
                    Activity(
                        kind="thread" if opening else "reply", at=at, thread=thread, post=posts[pk]
                    )
                )
    return items


@dataclass
class SearchHit:
    thread: Thread
    text: str


def search(community: Community, words: str, language: str) -> list[SearchHit]:
    """Published threads and posts in this community matching the words, best first (at most
    50). Only published text is searched, so held or rejected posts never show up."""
    words = words.strip()[:200]
    if not words:
        return []
    posts = Contribution.objects.filter(
        space=community.space, subject_type=_thread_type(), status=PostStatus.PUBLISHED
    )
    visible = {
        str(pk)
        for pk in Thread.objects.filter(
            community=community, opening__status=PostStatus.PUBLISHED
        ).values_list("pk", flat=True)
    }
    if connection.vendor == "postgresql":
        config = SEARCH_CONFIGS.get(language, "simple")
        vector = SearchVector("subject_title", weight="A", config=config) + SearchVector(
            "body", weight="B", config=config
        )
        query = SearchQuery(words, config=config, search_type="websearch")
        found = (
            posts.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank", "-created_at")
        )
    else:
        found = posts
        for word in words.split():
            found = found.filter(Q(body__icontains=word) | Q(subject_title__icontains=word))
        found = found.order_by("-created_at")
    hits: list[SearchHit] = []
    seen: set[str] = set()
    threads = {
        str(t.pk): t for t in Thread.objects.filter(pk__in=visible).select_related("community")
    }
    for post in found[:200]:
        if post.subject_key in visible and post.subject_key not in seen:
            seen.add(post.subject_key)
            hits.append(SearchHit(thread=threads[post.subject_key], text=post.body))
        if len(hits) == 50:
            break
    return hits


DIRECTORY_PER_PAGE = 20


def listing_of(person: Any) -> Listing | None:
    return Listing.objects.filter(person=person).first()


def directory(
    *, words: str = "", welsh_ability: str = "", community: Community | None = None
) -> QuerySet[Listing]:
    """The people who chose to be listed, filtered, with their organisations and communities
    fetched in a fixed number of queries. Only communities' names are shown, never which
    communities on request someone asked to join."""
    listed = Listing.objects.select_related("person").prefetch_related(
        "person__memberships__organisation",
        Prefetch(
            "person__community_memberships",
            queryset=Membership.objects.filter(status=Status.ACTIVE).select_related("community"),
            to_attr="active_memberships",
        ),
    )
    for word in words.split()[:10]:
        listed = listed.filter(
            Q(person__full_name__icontains=word)
            | Q(profession__icontains=word)
            | Q(skills_offered__icontains=word)
        )
    if welsh_ability:
        listed = listed.filter(welsh_ability=welsh_ability)
    if community is not None:
        listed = listed.filter(
            person__community_memberships__community=community,
            person__community_memberships__status=Status.ACTIVE,
        )
    return listed.order_by("person__full_name", "pk")


def readable_communities(person: Any) -> list[Community]:
    """Communities whose members this person may learn of: open ones, and those on request
    they belong to (all, for centre staff). Used to filter the directory by community."""
    mine = set()
    if person.is_authenticated:
        mine = set(
            Membership.objects.filter(person=person, status=Status.ACTIVE).values_list(
                "community_id", flat=True
            )
        )
    staff = is_centre_staff(person)
    return [c for c in all_communities() if not c.needs_request or staff or c.pk in mine]


def with_shown_communities(listings: list[Listing], viewer: Any) -> list[Listing]:
    """Set `shown_communities` on each listing: open communities, and those on request only
    where the viewer may read them (the member list of such a community is for its members)."""
    readable = set()
    if viewer.is_authenticated:
        readable = set(
            Membership.objects.filter(person=viewer, status=Status.ACTIVE).values_list(
                "community_id", flat=True
            )
        )
    staff = is_centre_staff(viewer)
    for listing in listings:
        listing.shown_communities = [
            m.community
            for m in listing.person.active_memberships
            if not m.community.needs_request or staff or m.community_id in readable
        ]
    return listings
