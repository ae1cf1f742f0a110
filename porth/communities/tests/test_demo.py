"""The seed makes the centre's four communities always, and demo members and threads with
`--demo`; running it twice changes nothing."""

import pytest

from porth.accounts.demo import create_demo_accounts
from porth.communities import demo, queries
from porth.communities.models import Community, Membership, Thread
from porth.core.seeding import SeedOptions
from porth.moderation.models import Contribution
from porth.organisations.demo import seed as seed_organisations

pytestmark = pytest.mark.django_db


def test_the_seed_makes_the_centres_communities_and_is_safe_to_run_twice():
    seed_organisations(demo=False, options=SeedOptions(), out=lambda line: None)
    create_demo_accounts()
    for _ in range(2):
        demo.seed(demo=True, options=SeedOptions(), out=lambda line: None)
    assert set(Community.objects.values_list("slug", flat=True)) == {
        "welsh-language-design",
        "adult-social-care-digital",
        "digital-democracy",
        "procurement",
    }
    welsh = queries.community_by_slug("welsh-language-design")
    assert welsh.welsh_first
    assert "alpha report, 19 February 2021" in welsh.description_en
    assert Thread.objects.count() == 5
    assert all(queries.is_thread_visible(thread) for thread in Thread.objects.all())
    assert Contribution.objects.filter(status="held").count() == 0
    assert queries.visible_threads(welsh).first().is_pinned
    assert Membership.objects.filter(role="lead").count() == 4
