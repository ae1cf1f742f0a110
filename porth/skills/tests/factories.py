import factory

from porth.accounts.tests.factories import UserFactory
from porth.skills.framework import CURRENT_VERSION
from porth.skills.models import OrganisationRequest, SkillsAssessment


class SkillsAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillsAssessment

    person = factory.SubFactory(UserFactory)
    context = "social-care"
    framework_version = CURRENT_VERSION


class OrganisationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationRequest

    person = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Example Housing Association {n}")
