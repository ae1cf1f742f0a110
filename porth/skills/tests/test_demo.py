import pytest

from porth.accounts import demo as accounts_demo
from porth.core.seeding import SeedOptions
from porth.organisations import demo as organisations_demo
from porth.organisations.models import Organisation
from porth.skills import demo, queries
from porth.skills.models import CapabilityAssessment, SkillsAssessment

pytestmark = pytest.mark.django_db


def _seed():
    for app_demo in (organisations_demo, accounts_demo, demo):
        app_demo.seed(demo=True, options=SeedOptions(), out=lambda line: None)


def test_the_demo_gives_aggregates_enough_people_to_show_and_can_run_twice(settings):
    settings.DEBUG = True
    _seed()
    count = SkillsAssessment.objects.count()
    _seed()
    assert SkillsAssessment.objects.count() == count == 33
    cardiff = Organisation.objects.get(slug="cardiff")
    shown = {
        item.context.code: item.is_shown
        for item in queries.organisation_aggregate(cardiff).contexts
    }
    assert shown == {"social-care": True, "senior-leadership": True, "digital-team": False}
    assert CapabilityAssessment.objects.filter(organisation=cardiff).count() == 2
    assert all(
        person.email.endswith("@skills-demo.porth.example")
        for person in (a.person for a in SkillsAssessment.objects.select_related("person"))
    )
