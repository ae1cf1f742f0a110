"""Communities of practice: their success measures (ADR 0038, ADR 0060). The measures app
finds this module; it never imports it.

Issue 15 asks for members, active members and the time to a first reply. Each is worked out at
a date from dated records: when a person joined, when a post was written. A post counts once
it has been shown: published, or hidden later after reports. A reply counts as an answer only
when someone other than the thread's author wrote it. For a body filter, people are counted
through their memberships of bodies, so a person in two bodies counts in each.

Limits of the records, said in the definitions as well: leaving a community deletes the
membership, so past months count today's members by the date they joined. Whether a post is
shown is read as it stands today.
"""

import datetime
import statistics
from collections.abc import Iterable, Sequence

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast

from porth.core.measures import (
    EVERYONE,
    Direction,
    Measure,
    Part,
    Reading,
    Scope,
    Unit,
    end_of,
    percent,
)
from porth.moderation.models import Contribution
from porth.moderation.models import Status as PostStatus

from .models import Community, Membership, Status, Thread

ACTIVE_DAYS = 90
"""A member is active, and a community is active, with a post in this many days to the date."""
SHOWN = (PostStatus.PUBLISHED, PostStatus.HIDDEN)


def _people(records: QuerySet, path: str, scope: Scope) -> QuerySet:
    """`records` whose person (at `path`) belongs to one of the scope's bodies, each once."""
    if scope.is_everyone:
        return records
    narrowed = scope.narrow(records, f"{path}__memberships__organisation")
    return records.filter(pk__in=narrowed.values("pk"))


def members_on(on: datetime.date, scope: Scope) -> QuerySet[Membership]:
    """Memberships that had been granted by `on` (requests still waiting are not members)."""
    memberships = Membership.objects.filter(status=Status.ACTIVE, joined_at__lte=end_of(on))
    return _people(memberships, "person", scope)


def posts_on(on: datetime.date, scope: Scope) -> QuerySet[Contribution]:
    """Shown posts in communities' threads (opening posts and replies) written by `on`."""
    posts = Contribution.objects.filter(
        subject_type=ContentType.objects.get_for_model(Thread),
        status__in=SHOWN,
        created_at__lte=end_of(on),
    )
    return _people(posts, "author", scope)


def threads_on(on: datetime.date, scope: Scope) -> QuerySet[Thread]:
    """Threads started by `on` whose opening post has been shown, each with `first_reply`:
    when the first shown reply from someone other than its author was written, by `on`."""
    replies = (
        Contribution.objects.filter(
            subject_type=ContentType.objects.get_for_model(Thread),
            subject_key=Cast(OuterRef("pk"), CharField()),
            status__in=SHOWN,
            created_at__lte=end_of(on),
        )
        .exclude(author=OuterRef("author"))
        .order_by()
        .values("subject_key")
        .annotate(first=Min("created_at"))
        .values("first")
    )
    threads = Thread.objects.filter(created_at__lte=end_of(on), opening__status__in=SHOWN).annotate(
        first_reply=Subquery(replies)
    )
    return _people(threads, "author", scope)


def _window(on: datetime.date) -> datetime.datetime:
    return end_of(on - datetime.timedelta(days=ACTIVE_DAYS))


def _by_community(counts: dict[int, int], communities: Iterable[Community]) -> tuple[Part, ...]:
    return tuple(
        Part(
            key=community.slug,
            label_en=community.name_en,
            label_cy=community.name_cy,
            value=counts.get(community.pk, 0),
        )
        for community in communities
    )


def _members(on: datetime.date, scope: Scope) -> Reading:
    members = members_on(on, scope)
    by_community = dict(
        members.order_by()
        .values("community")
        .annotate(people=Count("person", distinct=True))
        .values_list("community", "people")
    )
    communities = Community.objects.filter(created_at__lte=end_of(on)).order_by("name_en")
    people = members.values("person").distinct().count()
    return Reading(value=people, parts=_by_community(by_community, communities))


def _active_members(on: datetime.date, scope: Scope) -> Reading:
    members = members_on(on, scope).values("person")
    active = (
        posts_on(on, scope)
        .filter(created_at__gt=_window(on), author__in=members)
        .values("author")
        .distinct()
        .count()
    )
    return percent(active, members.distinct().count())


def _active_communities(on: datetime.date, scope: Scope) -> Reading:
    communities = Community.objects.filter(created_at__lte=end_of(on))
    recent = posts_on(on, scope).filter(created_at__gt=_window(on)).values("space")
    active = communities.filter(space__in=recent).count()
    return Reading(value=active, counted=active, total=communities.count())


def _threads_answered(on: datetime.date, scope: Scope) -> Reading:
    threads = threads_on(on, scope)
    counts = threads.aggregate(
        started=Count("pk"), answered=Count("pk", filter=Q(first_reply__isnull=False))
    )
    return percent(counts["answered"], counts["started"])


def _hours_to_first_reply(on: datetime.date, scope: Scope) -> Reading:
    """The median, in hours, over the threads answered by `on`."""
    answered = threads_on(on, scope).filter(first_reply__isnull=False)
    hours = [
        (first - started).total_seconds() / 3600
        for started, first in answered.values_list("created_at", "first_reply")
    ]
    value = round(statistics.median(hours), 1) if hours else None
    return Reading(value=value, counted=len(hours), total=len(hours))


# --- Every scope at once (ADR 0060) ------------------------------------------------------------
# The worker stores 18 scopes a date. Each reading below reads its records once for everyone,
# with each person's bodies, and keeps for each scope the records of people in its bodies: the
# same rule as `_people` (a person counts in each of their bodies), so the same readings.
# Communities' records are people's memberships and posts, hundreds or thousands of rows.


def _bodies_of_people() -> dict[int, frozenset[str]]:
    """Each person with a body: the slugs of their bodies."""
    bodies: dict[int, set[str]] = {}
    for person, slug in (
        get_user_model()
        .objects.filter(memberships__organisation__isnull=False)
        .values_list("pk", "memberships__organisation__slug")
    ):
        bodies.setdefault(person, set()).add(slug)
    return {person: frozenset(slugs) for person, slugs in bodies.items()}


def _counts(person: int | None, scope: Scope, bodies: dict[int, frozenset[str]]) -> bool:
    """Whether `person`'s records count in `scope`."""
    if scope.organisations is None:
        return True
    return person is not None and not bodies.get(person, frozenset()).isdisjoint(
        scope.organisations
    )


def _members_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[Reading]:
    rows = list(members_on(on, EVERYONE).values_list("community", "person"))
    communities = list(Community.objects.filter(created_at__lte=end_of(on)).order_by("name_en"))
    bodies = _bodies_of_people()
    readings = []
    for scope in scopes:
        people_by_community: dict[int, set[int]] = {}
        for community, person in rows:
            if _counts(person, scope, bodies):
                people_by_community.setdefault(community, set()).add(person)
        people = set().union(*people_by_community.values())
        counts = {community: len(people) for community, people in people_by_community.items()}
        readings.append(Reading(value=len(people), parts=_by_community(counts, communities)))
    return readings


def _recent_posts(on: datetime.date) -> list[tuple[int, int | None]]:
    """(space, author) of every shown post in the 90 days to `on`."""
    return list(
        posts_on(on, EVERYONE).filter(created_at__gt=_window(on)).values_list("space", "author")
    )


def _active_members_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[Reading]:
    members = set(members_on(on, EVERYONE).values_list("person", flat=True))
    posted = {author for _, author in _recent_posts(on)}
    bodies = _bodies_of_people()
    readings = []
    for scope in scopes:
        in_scope = {person for person in members if _counts(person, scope, bodies)}
        readings.append(percent(len(in_scope & posted), len(in_scope)))
    return readings


def _active_communities_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[Reading]:
    spaces = list(
        Community.objects.filter(created_at__lte=end_of(on)).values_list("space", flat=True)
    )
    posts = _recent_posts(on)
    bodies = _bodies_of_people()
    readings = []
    for scope in scopes:
        recent = {space for space, author in posts if _counts(author, scope, bodies)}
        active = sum(1 for space in spaces if space in recent)
        readings.append(Reading(value=active, counted=active, total=len(spaces)))
    return readings


def _threads_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[list[tuple]]:
    """For each scope, (started, first reply) of its threads: one query for all of them."""
    threads = list(threads_on(on, EVERYONE).values_list("author", "created_at", "first_reply"))
    bodies = _bodies_of_people()
    return [
        [(started, first) for author, started, first in threads if _counts(author, scope, bodies)]
        for scope in scopes
    ]


def _threads_answered_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[Reading]:
    return [
        percent(sum(1 for _, first in threads if first is not None), len(threads))
        for threads in _threads_by_scope(on, scopes)
    ]


def _hours_to_first_reply_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[Reading]:
    readings = []
    for threads in _threads_by_scope(on, scopes):
        hours = [
            (first - started).total_seconds() / 3600
            for started, first in threads
            if first is not None
        ]
        value = round(statistics.median(hours), 1) if hours else None
        readings.append(Reading(value=value, counted=len(hours), total=len(hours)))
    return readings


MEASURES = [
    Measure(
        key="communities.members",
        source="communities",
        name_en="Members of communities of practice",
        name_cy="Aelodau cymunedau arfer",
        definition_en=(
            "People who belonged to at least one community of practice on the date, with the "
            "members of each community. Leaving a community removes the record, so earlier "
            "dates count today's members by the date they joined."
        ),
        definition_cy=(
            "Pobl a oedd yn perthyn i o leiaf un gymuned arfer ar y dyddiad, gydag aelodau "
            "pob cymuned. Mae gadael cymuned yn dileu'r cofnod, felly mae dyddiadau cynharach "
            "yn cyfrif aelodau heddiw yn ôl y dyddiad yr ymunodd pob un."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_members,
        compute_scopes=_members_by_scope,
        order=80,
    ),
    Measure(
        key="communities.active_members",
        source="communities",
        name_en="Active members of communities of practice",
        name_cy="Aelodau gweithgar cymunedau arfer",
        definition_en=(
            "Of the people who belonged to a community on the date, the share who started a "
            "thread or replied in the 90 days to the date, counting posts that were shown."
        ),
        definition_cy=(
            "O'r bobl a oedd yn perthyn i gymuned ar y dyddiad, cyfran y rhai a ddechreuodd "
            "edefyn neu a ymatebodd yn y 90 diwrnod hyd at y dyddiad, gan gyfrif negeseuon a "
            "ddangoswyd."
        ),
        unit=Unit.PERCENT,
        direction=Direction.UP,
        public=True,
        compute=_active_members,
        compute_scopes=_active_members_by_scope,
        coverage_en="{counted} of {total} members",
        coverage_cy="{counted} o {total} aelod",
        order=81,
    ),
    Measure(
        key="communities.active_communities",
        source="communities",
        name_en="Active communities of practice",
        name_cy="Cymunedau arfer gweithgar",
        definition_en=(
            "Communities with at least one post shown in the 90 days to the date, of the "
            "communities that existed then."
        ),
        definition_cy=(
            "Cymunedau ag o leiaf un neges wedi'i dangos yn y 90 diwrnod hyd at y dyddiad, o'r "
            "cymunedau a oedd yn bodoli bryd hynny."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_active_communities,
        compute_scopes=_active_communities_by_scope,
        coverage_en="{counted} of {total} communities",
        coverage_cy="{counted} o {total} cymuned",
        order=82,
    ),
    Measure(
        key="communities.threads_answered",
        source="communities",
        name_en="Community threads that got a reply",
        name_cy="Edafedd cymunedol a gafodd ymateb",
        definition_en=(
            "Of the threads started by the date, the share with at least one reply from "
            "someone other than the person who started it, written by the date and shown."
        ),
        definition_cy=(
            "O'r edafedd a ddechreuwyd erbyn y dyddiad, cyfran y rhai ag o leiaf un ymateb gan "
            "rywun heblaw'r sawl a'i ddechreuodd, a ysgrifennwyd erbyn y dyddiad ac a "
            "ddangoswyd."
        ),
        unit=Unit.PERCENT,
        direction=Direction.UP,
        public=True,
        compute=_threads_answered,
        compute_scopes=_threads_answered_by_scope,
        coverage_en="{counted} of {total} threads started",
        coverage_cy="{counted} o {total} edefyn a ddechreuwyd",
        order=83,
    ),
    Measure(
        key="communities.hours_to_first_reply",
        source="communities",
        name_en="Median hours to a first reply in a community",
        name_cy="Canolrif yr oriau i gael yr ymateb cyntaf mewn cymuned",
        definition_en=(
            "The median time, in hours, from a thread being started to the first reply from "
            "someone else, over the threads that had one by the date."
        ),
        definition_cy=(
            "Y canolrif amser, mewn oriau, o ddechrau edefyn i'r ymateb cyntaf gan rywun "
            "arall, ar draws yr edafedd a oedd wedi cael un erbyn y dyddiad."
        ),
        unit=Unit.COUNT,
        direction=Direction.DOWN,
        public=True,
        compute=_hours_to_first_reply,
        compute_scopes=_hours_to_first_reply_by_scope,
        coverage_en="From {counted} threads answered",
        coverage_cy="O {counted} o edafedd a gafodd ymateb",
        order=84,
    ),
]
