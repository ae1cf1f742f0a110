import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from porth.accounts.tests.factories import UserFactory
from porth.moderation.models import Contribution, Space, Status
from porth.moderation.sanitise import as_html


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"space-{n}")
    name_en = factory.Sequence(lambda n: f"Space {n}")
    name_cy = factory.Sequence(lambda n: f"Gofod {n}")


class ContributionFactory(factory.django.DjangoModelFactory):
    """A comment about its own space (any record can be a subject)."""

    class Meta:
        model = Contribution

    space = factory.SubFactory(SpaceFactory)
    subject_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Space))
    subject_key = factory.LazyAttribute(lambda c: str(c.space.pk))
    subject_title = "A post"
    subject_url = "/en/blog/a-post/"
    author = factory.SubFactory(UserFactory)
    body = "I found this useful."
    body_html = factory.LazyAttribute(lambda c: str(as_html(c.body)))
    status = Status.HELD
    waiting_since = factory.LazyFunction(timezone.now)
