import factory
from django.utils import timezone

from porth.newsletter.models import Issue, Subscriber, SubscriberStatus, Topic


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    status = SubscriberStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    wants_blog = True
    wants_events = False
    wants_standards = True
    wants_register = False
    language = "both"


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    topic = Topic.BLOG
    subject_en = "What we learnt in alpha"
    subject_cy = "Beth ddysgon ni yn y cyfnod alffa"
    body_en = "Most bodies keep their list of services in a spreadsheet."
    body_cy = "Mae'r rhan fwyaf o gyrff yn cadw eu rhestr gwasanaethau mewn taenlen."
