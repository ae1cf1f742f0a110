"""Measures declared by other apps that ADR 0060 added or changed: the register's stale figures
(set-based, and read for every scope at once), the communities' measures and the newsletter's
subscribers. Here because the measures app owns those declarations' tests; the apps' own test
folders belong to their teams."""

import dataclasses
import datetime
import logging

import pytest
from django.core.cache import cache
from django.utils import timezone

from porth.accounts.tests.factories import MembershipFactory as BodyMembershipFactory
from porth.accounts.tests.factories import UserFactory
from porth.communities import actions as communities
from porth.communities.measures import MEASURES as COMMUNITY_MEASURES
from porth.communities.models import Membership, Status, Thread
from porth.communities.tests.factories import CommunityFactory, MembershipFactory
from porth.core import pagecache
from porth.core.measures import EVERYONE, Direction, Measure, Reading, Scope, Unit
from porth.core.proofing import allowed, avoided_terms, check_text
from porth.learning.measures import MEASURES as LEARNING_MEASURES
from porth.learning.models import Booking, BookingStatus, HistoricalReach
from porth.learning.tests.factories import SessionFactory
from porth.measures import actions, queries, registry
from porth.measures.models import Snapshot
from porth.measures.scopes import stored_filters
from porth.moderation import actions as moderation
from porth.moderation.models import Contribution
from porth.register.models import MetricValue, Service
from porth.register.tests.factories import MetricValueFactory, ServiceFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.make_aware(datetime.datetime(2025, 1, 1))


def measure(key: str) -> Measure:
    found = registry.find(key)
    assert found is not None, key
    return found


def at(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(moment)


# --- The register's stale figures -------------------------------------------------------------


def figure(service: Service, start: datetime.date, *, recorded: datetime.datetime, **fields):
    value = MetricValueFactory(service=service, period_start=start, **fields)
    MetricValue.objects.filter(pk=value.pk).update(recorded_at=recorded)
    return value


@pytest.fixture
def register():
    """Four services of two bodies, added long ago, with figures of different ages."""
    fresh, stale, quarterly, none = (ServiceFactory() for _ in range(4))
    Service.objects.update(created_at=LONG_AGO)
    recorded = at(datetime.datetime(2025, 2, 1))
    figure(fresh, datetime.date(2025, 1, 1), recorded=recorded)
    figure(fresh, datetime.date(2026, 9, 1), recorded=at(datetime.datetime(2026, 10, 10)))
    figure(stale, datetime.date(2025, 1, 1), recorded=recorded)
    # A quarter's figure counts by when the quarter ends, as a month's would (ADR 0046)
    figure(
        quarterly,
        datetime.date(2026, 4, 1),
        recorded=at(datetime.datetime(2026, 7, 10)),
        period_type="quarter",
    )
    return {"fresh": fresh, "stale": stale, "quarterly": quarterly, "none": none}


def test_stale_figures_counts_services_with_figures_whose_latest_period_ended_long_ago(register):
    stale = measure("register.stale_figures").compute
    # On 1 December 2026 the cut-off is 1 June 2026: "fresh" has September's figures
    # (recorded in October), the quarter's ends on 30 June 2026, "stale" has only January
    # 2025's, and "none" has no figures, so it is not counted at all.
    reading = stale(datetime.date(2026, 12, 1), EVERYONE)
    assert (reading.counted, reading.total, reading.value) == (1, 3, 33.3)
    # Figures recorded after the date do not count: in September 2026 "fresh" had only
    # January 2025's, and the quarter's figure was fresh.
    reading = stale(datetime.date(2026, 9, 30), EVERYONE)
    assert (reading.counted, reading.total) == (2, 3)
    # Before any figure was recorded, no value
    assert stale(datetime.date(2025, 1, 15), EVERYONE).value is None


def test_stale_figures_leaves_out_retired_services_and_narrows_to_a_scope(register):
    stale = measure("register.stale_figures").compute
    Service.objects.filter(pk=register["stale"].pk).update(
        is_retired=True, retired_on=datetime.date(2026, 11, 1)
    )
    reading = stale(datetime.date(2026, 12, 1), EVERYONE)
    assert (reading.counted, reading.total) == (0, 2)
    # Before it was retired it still counts
    assert stale(datetime.date(2026, 10, 31), EVERYONE).total == 3
    body = Scope(organisations=frozenset({register["quarterly"].organisation.slug}))
    reading = stale(datetime.date(2026, 12, 1), body)
    assert (reading.counted, reading.total) == (0, 1)


@pytest.mark.parametrize("key", ["register.stale_figures", "register.services_recorded"])
def test_reading_every_stored_scope_at_once_agrees_with_reading_each(register, key):
    declared = measure(key)
    assert declared.compute_scopes is not None
    scopes = [filters.scope() for filters in stored_filters()]
    body = register["fresh"].organisation.slug
    scopes += [Scope(organisations=frozenset({body})), Scope(organisations=frozenset())]
    for day in (datetime.date(2025, 1, 15), datetime.date(2026, 9, 30), timezone.localdate()):
        together = declared.compute_scopes(day, scopes)
        assert together == [declared.compute(day, scope) for scope in scopes]


def test_reading_every_date_at_once_agrees_with_reading_each(register):
    declared = measure("register.stale_figures")
    assert declared.compute_dates is not None
    scopes = [filters.scope() for filters in stored_filters()]
    body = register["fresh"].organisation.slug
    scopes += [Scope(organisations=frozenset({body})), Scope(organisations=frozenset())]
    Service.objects.filter(pk=register["stale"].pk).update(
        is_retired=True, retired_on=datetime.date(2026, 11, 1)
    )
    days = [
        datetime.date(2025, 1, 15),
        datetime.date(2026, 9, 30),
        datetime.date(2026, 11, 1),
        datetime.date(2026, 12, 1),
        timezone.localdate(),
    ]
    together = declared.compute_dates(days, scopes)
    assert together == [[declared.compute(day, scope) for scope in scopes] for day in days]
    assert any(reading.total for readings in together for reading in readings)


def test_the_recompute_reads_a_measure_with_compute_dates_once(monkeypatch, register):
    calls = []

    def by_date(days, scopes):
        calls.append(len(days))
        return [[Reading(value=3) for _ in scopes] for _ in days]

    once = dataclasses.replace(BATCH_FAILS, key="test.by_date", compute_dates=by_date)
    monkeypatch.setattr(registry, "all_measures", lambda: (once,))
    stored = actions.recompute_history(months=3, today=datetime.date(2026, 11, 15))
    assert calls == [4]
    assert stored == 4 * len(stored_filters())
    assert set(Snapshot.objects.values_list("value", flat=True)) == {3.0}


def test_a_measure_whose_dates_fail_is_read_a_date_at_a_time(monkeypatch, caplog):
    def fails(days, scopes):
        raise RuntimeError("the history query is broken")

    broken = dataclasses.replace(BATCH_FAILS, key="test.dates_fail", compute_dates=fails)
    monkeypatch.setattr(registry, "all_measures", lambda: (broken,))
    with caplog.at_level(logging.ERROR, logger="porth.measures.queries"):
        stored = actions.recompute_history(months=2, today=datetime.date(2026, 11, 1))
    assert stored == 2 * len(stored_filters())
    assert set(Snapshot.objects.values_list("value", flat=True)) == {3.0}
    assert "could not be worked out for every date" in caplog.text


def test_scopes_with_the_same_bodies_are_read_once(monkeypatch):
    read = []

    def counting(on, scope):
        read.append(scope)
        return Reading(value=len(scope.organisations or ()))

    once = dataclasses.replace(BATCH_FAILS, key="test.once", compute=counting, compute_scopes=None)
    monkeypatch.setattr(registry, "all_measures", lambda: (once,))
    stored = actions.take_snapshots(on=datetime.date(2026, 11, 1))
    assert stored == len(stored_filters())
    assert len(read) == len(set(read)) < len(stored_filters())


def _counts_to_three(on, scope):
    return Reading(value=3)


def _fails(on, scopes):
    raise RuntimeError("the batch query is broken")


BATCH_FAILS = Measure(
    key="test.batch_fails",
    source="test",
    name_en="A measure whose batch fails",
    name_cy="Mesur y mae ei swp yn methu",
    definition_en="Three, read one scope at a time.",
    definition_cy="Tri, wedi'i ddarllen fesul cwmpas.",
    unit=Unit.COUNT,
    direction=Direction.UP,
    public=True,
    compute=_counts_to_three,
    compute_scopes=_fails,
)


def test_a_measure_whose_batch_fails_is_read_one_scope_at_a_time(monkeypatch, caplog):
    monkeypatch.setattr(registry, "all_measures", lambda: (BATCH_FAILS,))
    with caplog.at_level(logging.ERROR, logger="porth.measures.queries"):
        stored = actions.take_snapshots(on=datetime.date(2026, 11, 1))
    assert stored == len(stored_filters())
    assert set(Snapshot.objects.values_list("value", flat=True)) == {3.0}
    assert "could not be worked out for every scope" in caplog.text


def test_taking_snapshots_again_replaces_them_with_the_new_readings(register):
    day = datetime.date(2026, 12, 1)
    actions.take_snapshots(on=day)
    Service.objects.filter(pk=register["none"].pk).delete()
    count = Snapshot.objects.count()
    actions.take_snapshots(on=day)
    assert Snapshot.objects.count() == count
    snapshot = Snapshot.objects.get(
        measure_key="register.services_recorded", scope="", taken_on=day
    )
    assert queries.reading_of(snapshot).value == 3


# --- Communities of practice ------------------------------------------------------------------


def joined(membership: Membership, when: datetime.datetime) -> Membership:
    Membership.objects.filter(pk=membership.pk).update(joined_at=when)
    return membership


def post(contribution: Contribution, when: datetime.datetime) -> Contribution:
    Contribution.objects.filter(pk=contribution.pk).update(created_at=when)
    return contribution


def thread_on(community, author, when) -> Thread:
    thread = communities.start_thread(
        community=community, author=author, title="Welsh first?", text="Which first?", language="cy"
    )
    moderation.decide(contribution=thread.opening, by=None, approve=True, reason="Fine")
    Thread.objects.filter(pk=thread.pk).update(created_at=when)
    post(thread.opening, when)
    thread.refresh_from_db()
    return thread


def reply_on(thread, author, when, *, approve=True) -> Contribution:
    written = communities.reply(thread=thread, author=author, text="Welsh first.", language="cy")
    if approve is not None:
        moderation.decide(contribution=written, by=None, approve=approve, reason="Checked")
    return post(written, when)


@pytest.fixture
def community_records():
    """One community: three members (one of a body), a thread answered after 6 hours by
    someone else, a thread its author answered himself, and one reply rejected."""
    community = CommunityFactory()
    type(community).objects.filter(pk=community.pk).update(created_at=LONG_AGO)
    body = BodyMembershipFactory()
    asker, helper, quiet = (
        joined(MembershipFactory(community=community, person=person), at(moment))
        for person, moment in (
            (body.person, datetime.datetime(2026, 1, 5)),
            (UserFactory(), datetime.datetime(2026, 2, 1)),
            (UserFactory(), datetime.datetime(2026, 3, 1)),
        )
    )
    MembershipFactory(community=community, status=Status.ASKED)  # not a member yet
    answered = thread_on(community, asker.person, at(datetime.datetime(2026, 3, 2, 9)))
    reply_on(answered, asker.person, at(datetime.datetime(2026, 3, 2, 10)))
    reply_on(answered, helper.person, at(datetime.datetime(2026, 3, 2, 15)))
    reply_on(answered, quiet.person, at(datetime.datetime(2026, 3, 2, 12)), approve=False)
    alone = thread_on(community, helper.person, at(datetime.datetime(2026, 3, 4, 9)))
    reply_on(alone, helper.person, at(datetime.datetime(2026, 3, 4, 10)))
    return {"community": community, "body": body.organisation.slug}


def test_members_counts_people_who_had_joined_by_the_date_with_each_community(
    community_records,
):
    members = measure("communities.members").compute
    assert members(datetime.date(2026, 1, 4), EVERYONE).value == 0
    assert members(datetime.date(2026, 2, 1), EVERYONE).value == 2
    reading = members(datetime.date(2026, 3, 31), EVERYONE)
    assert reading.value == 3
    assert [(part.key, part.value) for part in reading.parts] == [
        (community_records["community"].slug, 3)
    ]
    body = Scope(organisations=frozenset({community_records["body"]}))
    assert members(datetime.date(2026, 3, 31), body).value == 1


def test_active_members_are_members_with_a_shown_post_in_the_90_days_to_the_date(
    community_records,
):
    active = measure("communities.active_members").compute
    reading = active(datetime.date(2026, 3, 31), EVERYONE)
    # The asker and the helper posted; the quiet member's only reply was rejected
    assert (reading.counted, reading.total) == (2, 3)
    reading = active(datetime.date(2026, 7, 1), EVERYONE)
    assert (reading.counted, reading.total) == (0, 3)
    reading = active(datetime.date(2026, 2, 15), EVERYONE)
    assert (reading.counted, reading.total) == (0, 2)
    body = Scope(organisations=frozenset({community_records["body"]}))
    reading = active(datetime.date(2026, 3, 31), body)
    assert (reading.counted, reading.total) == (1, 1)


def test_active_communities_had_a_shown_post_in_the_90_days_to_the_date(community_records):
    quiet = CommunityFactory()  # never posted in
    type(quiet).objects.filter(pk=quiet.pk).update(created_at=LONG_AGO)
    reading = measure("communities.active_communities").compute(
        datetime.date(2026, 3, 31), EVERYONE
    )
    assert (reading.value, reading.counted, reading.total) == (1, 1, 2)


def test_a_thread_is_answered_by_a_shown_reply_from_someone_else(community_records):
    answered = measure("communities.threads_answered").compute
    reading = answered(datetime.date(2026, 3, 31), EVERYONE)
    assert (reading.counted, reading.total, reading.value) == (1, 2, 50.0)
    # On the day, the helper's reply made the first thread answered; the rejected reply and
    # the author's own never count
    assert answered(datetime.date(2026, 3, 2), EVERYONE).value == 100.0
    assert answered(datetime.date(2026, 3, 1), EVERYONE).value is None


def test_hours_to_first_reply_is_the_median_over_threads_answered_by_the_date(
    community_records,
):
    hours = measure("communities.hours_to_first_reply").compute
    reading = hours(datetime.date(2026, 3, 31), EVERYONE)
    assert (reading.value, reading.counted) == (6.0, 1)
    body = Scope(organisations=frozenset({community_records["body"]}))
    assert hours(datetime.date(2026, 3, 31), body).value == 6.0
    nobody = Scope(organisations=frozenset({"nobody"}))
    assert hours(datetime.date(2026, 3, 31), nobody).value is None


@pytest.mark.parametrize("declared", COMMUNITY_MEASURES, ids=lambda m: m.key)
def test_each_community_measure_reads_every_scope_at_once_as_it_reads_each(
    community_records, declared
):
    assert declared.compute_scopes is not None
    quiet = CommunityFactory()  # never posted in
    type(quiet).objects.filter(pk=quiet.pk).update(created_at=LONG_AGO)
    scopes = [filters.scope() for filters in stored_filters()]
    scopes += [
        Scope(organisations=frozenset({community_records["body"]})),
        Scope(organisations=frozenset({community_records["body"], "nobody"})),
        Scope(organisations=frozenset()),
    ]
    for day in (
        datetime.date(2026, 1, 4),
        datetime.date(2026, 2, 15),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 7, 1),
    ):
        assert declared.compute_scopes(day, scopes) == [
            declared.compute(day, scope) for scope in scopes
        ], day


def test_the_community_measures_welsh_passes_the_proofing_check():
    for m in COMMUNITY_MEASURES:
        for text in (m.name_cy, m.definition_cy, m.coverage_cy):
            assert check_text(text, m.key, avoided_terms(), allowed()) == []


# --- Learning by language ---------------------------------------------------------------------


def test_people_trained_by_language_counts_who_came_by_the_sessions_language():
    held = at(datetime.datetime(2026, 3, 10, 10))
    opens = held - datetime.timedelta(days=30)
    welsh = SessionFactory(starts_at=held, booking_opens_at=opens, delivery_language="cy")
    english = SessionFactory(starts_at=held, booking_opens_at=opens, delivery_language="en")
    body = BodyMembershipFactory().organisation
    for session, attended in ((welsh, None), (welsh, True), (english, None), (english, False)):
        Booking.objects.create(
            session=session,
            person=UserFactory(),
            organisation=body,
            status=BookingStatus.CONFIRMED,
            participation_language=session.delivery_language,
            attended=attended,
        )
    HistoricalReach.objects.create(
        key="alpha",
        course_title_en="Introduction",
        course_title_cy="Cyflwyniad",
        role_category="senior_leader",
        people=84,
        recorded_on=datetime.date(2021, 2, 19),
        source_en="Alpha report",
        source_cy="Adroddiad alffa",
    )
    by_language = measure("learning.people_trained_by_language").compute
    assert by_language(datetime.date(2026, 3, 9), EVERYONE).value == 0
    reading = by_language(datetime.date(2026, 3, 31), EVERYONE)
    # The alpha's 84 have no language, so they are not here; the one who did not come neither
    assert reading.value == 3
    parts = {part.key: (part.value, part.label_en, part.label_cy) for part in reading.parts}
    assert parts == {
        "cy": (2, "Welsh", "Cymraeg"),
        "en": (1, "English", "Saesneg"),
        "bilingual": (0, "Bilingual", "Dwyieithog"),
    }
    body_only = Scope(organisations=frozenset({body.slug}))
    assert by_language(datetime.date(2026, 3, 31), body_only).value == 3


def test_the_learning_measures_welsh_passes_the_proofing_check():
    for m in LEARNING_MEASURES:
        for text in (m.name_cy, m.definition_cy, m.coverage_cy):
            assert check_text(text, m.key, avoided_terms(), allowed()) == []


def test_every_success_measure_the_issue_lists_is_declared():
    keys = {m.key for m in registry.all_measures()}
    assert {
        # register and baseline
        "register.services_recorded",
        "baseline.signed_off",
        "register.welsh_every_step",
        "register.stale_figures",
        # standards
        "standards.self_assessments_started",
        "standards.self_assessments_completed",
        "standards.reviews_held",
        "standards.standards_met",
        # learning
        "learning.people_trained",
        "learning.people_trained_by_language",
        "learning.feedback_score",
        # community
        "communities.members",
        "communities.active_members",
        "communities.hours_to_first_reply",
        # engagements
        "engagements.by_phase",
        "engagements.partners_reached",
    } <= keys


def test_new_snapshots_drop_the_dashboard_kept_for_anonymous_readers(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    assert client.get("/en/measures/")[pagecache.HEADER] == "miss"
    assert client.get("/en/measures/")[pagecache.HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        actions.take_snapshots(on=timezone.localdate())
    assert client.get("/en/measures/")[pagecache.HEADER] == "miss"
