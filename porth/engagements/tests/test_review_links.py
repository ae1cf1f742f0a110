"""An engagement links to standards reviews of its services and partner bodies' services, read
through the standards app's queries; the public sees a linked review only once its report is
published."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from porth.engagements import actions, queries
from porth.register.tests.factories import ServiceFactory
from porth.standards.models import Review, ReviewStatus
from porth.standards.tests.factories import StandardSetFactory

from .factories import EngagementFactory
from .test_engagements import _engagement_form

pytestmark = pytest.mark.django_db


def _review(service, status=ReviewStatus.PUBLISHED, phase="beta") -> Review:
    published = status == ReviewStatus.PUBLISHED
    return Review.objects.create(
        service=service,
        phase=phase,
        standard_set=StandardSetFactory(),
        preferred_dates="Any Tuesday",
        status=status,
        review_date=datetime.date(2024, 9, 10),
        published_at=timezone.now() if published else None,
    )


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"engagements:{name}", args=args)


def test_the_reviews_to_link_are_those_of_the_engagements_services_and_partners(organisation):
    linked_service = ServiceFactory()
    engagement = EngagementFactory(partners=[organisation])
    engagement.services.add(linked_service)
    of_service = _review(linked_service)
    of_partner = _review(ServiceFactory(organisation=organisation), ReviewStatus.IN_REVIEW)
    elsewhere = _review(ServiceFactory())
    choices = set(queries.reviews_to_link(engagement))
    assert choices == {of_service, of_partner}
    assert elsewhere not in choices


def test_centre_staff_link_a_review_through_the_form_and_a_review_elsewhere_is_refused(
    client, centre_staff, organisation
):
    service = ServiceFactory(organisation=organisation)
    review = _review(service)
    elsewhere = _review(ServiceFactory())
    engagement = EngagementFactory(partners=[organisation])
    client.force_login(centre_staff)
    form = _engagement_form(partners=[organisation.pk], service_ids=service.public_id)

    page = client.get(_url("engagement_edit", engagement.pk)).content.decode()
    assert "Standards reviews (optional)" in page

    response = client.post(
        _url("engagement_edit", engagement.pk, language="cy"), {**form, "reviews": [elsewhere.pk]}
    )
    assert response.status_code == 200
    assert "Dewiswch adolygiadau o&#x27;r rhestr" in response.content.decode()

    response = client.post(_url("engagement_edit", engagement.pk), {**form, "reviews": [review.pk]})
    assert response.status_code == 302
    assert list(engagement.reviews.all()) == [review]


def test_a_new_engagement_form_does_not_ask_for_reviews(client, centre_staff):
    client.force_login(centre_staff)
    assert "Standards reviews" not in client.get(_url("engagement_create")).content.decode()


def test_the_public_sees_a_linked_review_once_published_and_staff_see_every_one(
    client, centre_staff, outsider
):
    published_service = ServiceFactory(name_en="Blue badge applications")
    open_service = ServiceFactory(name_en="Care assessments")
    published = _review(published_service)
    in_progress = _review(open_service, ReviewStatus.IN_REVIEW)
    engagement = EngagementFactory()
    actions.update_engagement(
        engagement=engagement, by=centre_staff, reviews=[published, in_progress]
    )
    detail = _url("engagement_detail", engagement.pk)
    for person in (None, outsider):
        client.logout()
        if person:
            client.force_login(person)
        page = client.get(detail).content.decode()
        assert "Blue badge applications: Beta review" in page
        assert reverse("standards:review_detail", args=[published.pk]) in page
        assert "Care assessments" not in page
    client.force_login(centre_staff)
    page = client.get(detail).content.decode()
    assert "Care assessments: Beta review" in page


def test_a_partner_admin_cannot_link_reviews(organisation, organisation_admin):
    engagement = EngagementFactory(partners=[organisation])
    review = _review(ServiceFactory(organisation=organisation))
    with pytest.raises(actions.NotCentreStaff):
        actions.update_engagement(engagement=engagement, by=organisation_admin, reviews=[review])
