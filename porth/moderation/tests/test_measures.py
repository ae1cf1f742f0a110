"""The community's success measures: people who have commented and time to a decision."""

import datetime

import pytest
from django.utils import timezone

from porth.accounts.tests.factories import MembershipFactory, UserFactory
from porth.core.measures import EVERYONE, Scope
from porth.core.proofing import allowed, avoided_terms, check_text
from porth.moderation.measures import MEASURES
from porth.moderation.models import Contribution, LogAction, LogEntry, Status

from .factories import ContributionFactory

pytestmark = pytest.mark.django_db

WRITTEN = timezone.make_aware(datetime.datetime(2026, 3, 10, 9))


def measure(key: str):
    return next(m for m in MEASURES if m.key == key)


def written(author, status=Status.HELD):
    contribution = ContributionFactory(author=author, status=status)
    Contribution.objects.filter(pk=contribution.pk).update(created_at=WRITTEN)
    return contribution


def decided(contribution, after_hours: float, action=LogAction.APPROVED):
    entry = LogEntry.objects.create(contribution=contribution, action=action)
    at = WRITTEN + datetime.timedelta(hours=after_hours)
    LogEntry.objects.filter(pk=entry.pk).update(at=at)


def test_people_who_have_commented_counts_each_person_once_leaving_out_rejected_comments():
    member = MembershipFactory()
    written(member.person)
    written(member.person, Status.PUBLISHED)
    written(UserFactory(), Status.PUBLISHED)
    written(UserFactory(), Status.REJECTED)
    active = measure("moderation.active_members").compute
    assert active(datetime.date(2026, 3, 9), EVERYONE).value == 0
    assert active(datetime.date(2026, 3, 10), EVERYONE).value == 2
    # A scope narrows to its bodies' members
    body = Scope(organisations=frozenset({member.organisation.slug}))
    assert active(datetime.date(2026, 3, 10), body).value == 1
    assert active(datetime.date(2026, 3, 10), Scope(organisations=frozenset({"nobody"}))).value == 0


def test_the_median_time_to_a_decision_uses_each_comments_first_approval_or_rejection():
    member = MembershipFactory()
    quick, slow, slower = (written(member.person) for _ in range(3))
    decided(quick, 2)
    decided(slow, 10, LogAction.REJECTED)
    decided(slow, 40)  # a later decision does not count
    decided(slower, 30)
    decided(written(UserFactory()), 100)
    LogEntry.objects.create(contribution=written(UserFactory()), action=LogAction.REPORTED)
    hours = measure("moderation.hours_to_decision").compute
    reading = hours(datetime.date(2026, 3, 31), EVERYONE)
    assert reading.counted == 4
    assert reading.value == 20.0  # the median of 2, 10, 30 and 100
    # Only decisions made by the date count
    assert hours(datetime.date(2026, 3, 10), EVERYONE).counted == 2
    assert hours(datetime.date(2026, 3, 9), EVERYONE).value is None
    # A scope narrows to its bodies' members' comments
    body = Scope(organisations=frozenset({member.organisation.slug}))
    assert hours(datetime.date(2026, 3, 31), body).value == 10.0


def test_the_measures_welsh_passes_the_proofing_check():
    for m in MEASURES:
        for text in (m.name_cy, m.definition_cy, m.coverage_cy):
            assert check_text(text, m.key, avoided_terms(), allowed()) == []
