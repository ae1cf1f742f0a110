import datetime

import factory

from porth.engagements.models import (
    Engagement,
    EntryKind,
    HelpRequest,
    HelpType,
    Phase,
    Theme,
    TimelineEntry,
    Urgency,
)
from porth.organisations.tests.factories import OrganisationFactory


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    organisation = factory.SubFactory(OrganisationFactory)
    problem = "Our care assessments take too long and people ring us to ask where they are."
    urgency = Urgency.MEDIUM
    help_type = HelpType.DISCOVERY
    answer_by = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    title_en = factory.Sequence(lambda n: f"Adult social care redesign {n}")
    title_cy = factory.Sequence(lambda n: f"Ailgynllunio gofal cymdeithasol i oedolion {n}")
    problem_en = "Assessments take too long."
    problem_cy = "Mae asesiadau'n cymryd gormod o amser."
    goals_en = "Shorter assessments."
    goals_cy = "Asesiadau byrrach."
    theme = Theme.ADULT_SOCIAL_CARE
    phase = Phase.DISCOVERY
    starts_on = datetime.date(2024, 4, 1)
    is_public = True

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    engagement = factory.SubFactory(EngagementFactory)
    kind = EntryKind.SHOW_AND_TELL
    happened_on = datetime.date(2024, 6, 1)
    title_en = "Show and tell: what we learnt"
    title_cy = "Dangos a dweud: beth ddysgon ni"
    text_en = "We spoke to 12 people who use the service."
    text_cy = "Siaradon ni â 12 o bobl sy'n defnyddio'r gwasanaeth."
    is_public = True
