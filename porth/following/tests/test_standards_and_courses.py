"""Follow a standard (its guidance in the manual and its examples) and a course (its new
sessions): the button is on their pages, and followers are told in their language (ADR 0059)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from porth.accounts.tests.factories import UserFactory
from porth.following import actions
from porth.following.models import Follow
from porth.learning import actions as learning
from porth.learning.tests.factories import CourseFactory
from porth.organisations.tests.factories import OrganisationFactory
from porth.standards.models import ManualIndexPage, Standard, StandardGuidancePage
from porth.standards.tests.conftest import (  # noqa: F401 (fixtures)
    home_pages,
    manual,
    manual_content,
    standard_rows,
    standard_set,
)

pytestmark = pytest.mark.django_db


# --- Standards ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("standard_set")
def test_a_standard_is_followed_from_its_page_and_listed_in_each_language(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get("/en/standards/3/").content.decode()
    assert "Get emails about this" in page
    assert "guidance in the manual or its examples change" in page
    client.post("/en/following/follow/", {"kind": "standard", "key": "3", "next": "/en/"})
    assert Follow.objects.filter(person=person, kind="standard", key="3").exists()
    standard = Standard.objects.get(standard_set__is_current=True, number=3)
    assert escape(standard.name_cy) in client.get("/cy/following/").content.decode()
    assert "You get emails when this changes." in client.get("/en/standards/3/").content.decode()


@pytest.mark.usefixtures("standard_set")
def test_a_standard_that_does_not_exist_cannot_be_followed():
    with pytest.raises(actions.UnknownThing):
        actions.follow(person=UserFactory(), kind="standard", key="99")
    with pytest.raises(actions.UnknownThing):
        actions.follow(person=UserFactory(), kind="standard", key="three")


@pytest.mark.usefixtures("manual")
def test_a_guidance_change_reaches_the_followers_who_read_that_language(
    django_capture_on_commit_callbacks,
):
    english = UserFactory(preferred_language="en")
    welsh = UserFactory(preferred_language="cy")
    elsewhere = UserFactory(preferred_language="en")
    for person in (english, welsh):
        actions.follow(person=person, kind="standard", key="3")
    actions.follow(person=elsewhere, kind="standard", key="5")
    mail.outbox.clear()
    guidance = StandardGuidancePage.objects.get(standard_number=3, locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        guidance.save_revision().publish()
    assert [m.to for m in mail.outbox] == [[english.email]]
    assert "The guidance on standard 3, “Understand users and their needs”, has changed" in (
        mail.outbox[0].body
    )
    assert "/en/standards/3/" in mail.outbox[0].body

    mail.outbox.clear()
    welsh_guidance = StandardGuidancePage.objects.get(standard_number=3, locale__language_code="cy")
    assert actions.tell_followers_of_manual_page(page_id=welsh_guidance.pk) == 1
    assert mail.outbox[0].to == [welsh.email]
    assert "Mae'r canllawiau ar safon 3, “Deall defnyddwyr a'u hanghenion”, wedi newid" in (
        mail.outbox[0].body
    )
    assert "/cy/standards/3/" in mail.outbox[0].body


@pytest.mark.usefixtures("manual")
def test_other_pages_tell_no_standard_followers():
    actions.follow(person=UserFactory(), kind="standard", key="3")
    manual_page = ManualIndexPage.objects.get(locale__language_code="en")
    assert actions.tell_followers_of_manual_page(page_id=manual_page.pk) == 0


# --- Courses -----------------------------------------------------------------------------------


def _schedule(course, organisation=None):
    starts = timezone.now() + datetime.timedelta(days=20)
    return learning.schedule_session(
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        delivery_language="cy",
        capacity=10,
        booking_opens_at=timezone.now(),
        booking_closes_at=starts - datetime.timedelta(hours=1),
        organisation=organisation,
        by=None,
    )


def test_a_course_is_followed_from_a_session_page(client):
    course = CourseFactory(slug="agile-for-leaders")
    session = _schedule(course)
    person = UserFactory()
    client.force_login(person)
    page = client.get(f"/en/learning/sessions/{session.pk}/").content.decode()
    assert "a new session of this course is published" in page
    client.post("/en/following/follow/", {"kind": "course", "key": course.slug, "next": "/en/"})
    assert Follow.objects.filter(person=person, kind="course", key=course.slug).exists()
    assert course.title_cy in client.get("/cy/following/").content.decode()


def test_a_new_session_is_emailed_to_the_courses_followers_in_their_language(
    django_capture_on_commit_callbacks,
):
    course = CourseFactory()
    welsh = UserFactory(preferred_language="cy")
    english = UserFactory(preferred_language="en")
    for person in (welsh, english):
        actions.follow(person=person, kind="course", key=course.slug)
    with django_capture_on_commit_callbacks(execute=True):
        session = _schedule(course)
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_address) == {welsh.email, english.email}
    assert course.title_cy in by_address[welsh.email]
    assert f"/cy/learning/sessions/{session.pk}/" in by_address[welsh.email]
    assert course.title_en in by_address[english.email]
    assert "A new session of" in by_address[english.email]


def test_a_bodys_own_session_is_told_only_to_that_bodys_people():
    from porth.accounts.tests.factories import MembershipFactory

    course = CourseFactory()
    organisation = OrganisationFactory()
    insider = MembershipFactory(organisation=organisation).person
    outsider = UserFactory()
    for person in (insider, outsider):
        actions.follow(person=person, kind="course", key=course.slug)
    session = _schedule(course, organisation=organisation)
    mail.outbox.clear()
    assert actions.tell_followers_of_session(session_id=session.pk) == 1
    assert mail.outbox[0].to == [insider.email]


def test_an_unpublished_course_cannot_be_followed():
    course = CourseFactory(is_published=False)
    with pytest.raises(actions.UnknownThing):
        actions.follow(person=UserFactory(), kind="course", key=course.slug)
