import pytest

from porth.accounts import demo as accounts_demo
from porth.core.seeding import SeedOptions
from porth.engagements import demo
from porth.engagements.models import Engagement, HelpRequest
from porth.organisations import demo as organisations_demo

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_alphas_four_engagements_with_their_source_once(settings):
    settings.DEBUG = True
    options = SeedOptions()
    organisations_demo.seed(demo=True, options=options, out=lambda line: None)
    accounts_demo.seed(demo=True, options=options, out=lambda line: None)
    for _ in range(2):
        demo.seed(demo=True, options=options, out=lambda line: None)
    alpha = Engagement.objects.exclude(title_en__startswith="Demo")
    assert alpha.count() == 4
    assert set(alpha.values_list("theme", flat=True)) == {
        "adult-social-care",
        "democracy",
        "procurement",
        "funding-programme",
    }
    assert all("alpha report" in engagement.source_en for engagement in alpha)
    care = alpha.get(theme="adult-social-care")
    assert [change.phase for change in care.phases.all()] == ["discovery", "beta"]
    assert HelpRequest.objects.count() == 5
    assert HelpRequest.objects.waiting().count() == 2
