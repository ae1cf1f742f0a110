import datetime

import factory

from porth.standards.models import Standard, StandardGroup, StandardSet


class StandardSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardSet

    version = factory.Sequence(lambda n: f"0.{n}")
    published_on = datetime.date(2024, 4, 1)
    is_current = False


class StandardGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardGroup

    standard_set = factory.SubFactory(StandardSetFactory)
    number = factory.Sequence(lambda n: n + 1)
    name_en = factory.Sequence(lambda n: f"Group {n}")
    name_cy = factory.Sequence(lambda n: f"Grŵp {n}")


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    group = factory.SubFactory(StandardGroupFactory)
    standard_set = factory.SelfAttribute("group.standard_set")
    number = factory.Sequence(lambda n: n + 1)
    name_en = factory.Sequence(lambda n: f"Standard {n}")
    name_cy = factory.Sequence(lambda n: f"Safon {n}")
    summary_en = "What the standard asks of a team."
    summary_cy = "Beth mae'r safon yn ei ofyn gan dîm."
