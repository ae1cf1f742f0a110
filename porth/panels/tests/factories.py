import datetime

import factory

from porth.panels.models import Meeting, Member, MentoringPair, Panel


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        django_get_or_create = ("slug",)

    slug = "advisory-panel"
    name_en = "Advisory panel"
    name_cy = "Panel cynghori"
    purpose_en = "Advice and challenge."
    purpose_cy = "Cyngor a her."


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    panel = factory.SubFactory(PanelFactory)
    name = factory.Sequence(lambda n: f"Demo Person {n}")
    profile_en = "A made-up person."
    profile_cy = "Person wedi'i ddychmygu."
    profile_is_public = True
    term_from = datetime.date(2020, 9, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    panel = factory.SubFactory(PanelFactory)
    held_on = datetime.date(2020, 11, 18)
    agenda_en = "Progress"
    agenda_cy = "Cynnydd"


class PairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringPair

    mentor = factory.SubFactory(MemberFactory)
    apprentice = factory.SubFactory(
        MemberFactory, panel=factory.SubFactory(PanelFactory, slug="apprentice-panel")
    )
    starts_on = datetime.date(2020, 9, 1)
