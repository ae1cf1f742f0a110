import datetime

import factory
from django.utils import timezone

from porth.learning.models import Audience, Course, DeliveryLanguage, Format, Session, Topic


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    title_en = factory.Sequence(lambda n: f"Agile for leaders {n}")
    title_cy = factory.Sequence(lambda n: f"Ystwyth i arweinwyr {n}")
    summary_en = "What agile delivery means for a public body."
    summary_cy = "Beth mae darparu ystwyth yn ei olygu i gorff cyhoeddus."
    audience = Audience.SENIOR_LEADERS
    format = Format.ONLINE
    topic = Topic.AGILE
    length_minutes = 90
    skill_codes = factory.LazyFunction(lambda: ["agile-working"])
    is_published = True


class SessionFactory(factory.django.DjangoModelFactory):
    """An upcoming published session with booking open now."""

    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(minutes=90))
    booking_opens_at = factory.LazyAttribute(lambda s: timezone.now() - datetime.timedelta(days=1))
    booking_closes_at = factory.LazyAttribute(lambda s: s.starts_at - datetime.timedelta(hours=2))
    delivery_language = DeliveryLanguage.BILINGUAL
    capacity = 20
    joining_link = "https://meet.example.org/session"
    is_published = True
