"""Learning's success measures: people trained (with the alpha's record) and feedback."""

import datetime

import pytest
from django.utils import timezone

from porth.accounts.tests.factories import UserFactory
from porth.core.measures import EVERYONE, Scope
from porth.core.proofing import allowed, avoided_terms, check_text
from porth.learning.measures import MEASURES
from porth.learning.models import Booking, BookingStatus, Feedback, HistoricalReach, RoleCategory
from porth.organisations.tests.factories import OrganisationFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

HELD = timezone.make_aware(datetime.datetime(2026, 3, 10, 10))
BEFORE = datetime.date(2026, 3, 9)
AFTER = datetime.date(2026, 3, 31)


def measure(key: str):
    return next(m for m in MEASURES if m.key == key)


def attend(session, organisation, role=RoleCategory.PRACTITIONER, attended=None):
    return Booking.objects.create(
        session=session,
        person=UserFactory(),
        organisation=organisation,
        role_category=role,
        status=BookingStatus.CONFIRMED,
        confirmed_at=HELD - datetime.timedelta(days=7),
        attended=attended,
    )


@pytest.fixture
def held_session():
    return SessionFactory(starts_at=HELD, booking_opens_at=HELD - datetime.timedelta(days=30))


def test_people_trained_counts_those_who_came_by_role_from_the_date_the_session_was_held(
    held_session,
):
    body = OrganisationFactory()
    attend(held_session, body, RoleCategory.SENIOR_LEADER)
    attend(held_session, body)
    attend(held_session, body, attended=False)
    people = measure("learning.people_trained").compute
    assert people(BEFORE, EVERYONE).value == 0
    reading = people(AFTER, EVERYONE)
    assert reading.value == 2
    parts = {part.key: part.value for part in reading.parts}
    assert parts["senior_leader"] == 1
    assert parts["practitioner"] == 1
    assert parts["elected_member"] == 0
    labels = {part.key: (part.label_en, part.label_cy) for part in reading.parts}
    assert labels["senior_leader"][0] == "Senior leader"
    assert labels["senior_leader"][1] != "Senior leader"


def test_a_cancelled_session_trains_no_one(held_session):
    attend(held_session, OrganisationFactory())
    held_session.cancelled_at = HELD - datetime.timedelta(days=1)
    held_session.save()
    assert measure("learning.people_trained").compute(AFTER, EVERYONE).value == 0


def test_the_alphas_record_counts_from_its_date_labelled_with_its_source_for_all_bodies_only(
    held_session,
):
    body = OrganisationFactory()
    attend(held_session, body)
    HistoricalReach.objects.create(
        key="alpha-introduction",
        recorded_on=datetime.date(2021, 2, 19),
        course_title_en="Introduction to digital transformation",
        course_title_cy="Cyflwyniad i drawsnewid digidol",
        role_category=RoleCategory.SENIOR_LEADER,
        people=84,
        source_en="Source: Centre for Digital Public Services alpha report",
        source_cy="Ffynhonnell: adroddiad alffa y Ganolfan Gwasanaethau Cyhoeddus Digidol",
    )
    people = measure("learning.people_trained").compute
    assert people(datetime.date(2021, 2, 18), EVERYONE).value == 0
    assert people(datetime.date(2021, 2, 19), EVERYONE).value == 84
    reading = people(AFTER, EVERYONE)
    assert reading.value == 85
    historical = next(part for part in reading.parts if part.key.startswith("historical-"))
    assert historical.value == 84
    assert "alpha report" in historical.label_en
    assert "adroddiad alffa" in historical.label_cy
    # A scope narrows to its bodies' people and leaves out the record, which has no body
    assert people(AFTER, Scope(organisations=frozenset({body.slug}))).value == 1
    assert people(AFTER, Scope(organisations=frozenset({"another-body"}))).value == 0


def test_the_feedback_score_is_the_mean_rating_and_only_shown_from_five_answers(held_session):
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    for rating in (5, 4, 4, 3):
        booking = attend(held_session, ours)
        Feedback.objects.create(
            booking=booking, rating=rating, was_useful=True, would_recommend=True
        )
    score = measure("learning.feedback_score").compute
    today = timezone.localdate()
    reading = score(today, EVERYONE)
    assert reading.value is None
    assert reading.counted == 4
    Feedback.objects.create(
        booking=attend(held_session, theirs), rating=5, was_useful=True, would_recommend=True
    )
    assert score(today, EVERYONE).value == 4.2
    assert score(today, EVERYONE).counted == 5
    # Answers count from when they were given
    assert score(datetime.date(2000, 1, 1), EVERYONE).counted == 0
    # A scope narrows to its bodies' answers, and then there are too few to show
    narrowed = score(today, Scope(organisations=frozenset({ours.slug})))
    assert narrowed.counted == 4
    assert narrowed.value is None


def test_the_measures_welsh_passes_the_proofing_check():
    for m in MEASURES:
        for text in (m.name_cy, m.definition_cy, m.coverage_cy):
            assert check_text(text, m.key, avoided_terms(), allowed()) == []
