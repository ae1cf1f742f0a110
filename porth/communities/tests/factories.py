import factory

from porth.accounts.tests.factories import UserFactory
from porth.communities import actions
from porth.communities.models import Access, Community, Membership, Role, Status
from porth.moderation import actions as moderation
from porth.moderation.tests.factories import SpaceFactory


class CommunityFactory(factory.django.DjangoModelFactory):
    """A community with its own moderation space (pre-moderation), as create_community makes."""

    class Meta:
        model = Community

    slug = factory.Sequence(lambda n: f"community-{n}")
    name_en = factory.Sequence(lambda n: f"Service design group {n}")
    name_cy = factory.Sequence(lambda n: f"Grŵp dylunio gwasanaethau {n}")
    description_en = "People who design public services in Wales."
    description_cy = "Pobl sy'n dylunio gwasanaethau cyhoeddus yng Nghymru."
    access = Access.OPEN
    space = factory.LazyAttribute(
        lambda c: SpaceFactory(key=f"community-{c.slug}", name_en=c.name_en, name_cy=c.name_cy)
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    person = factory.SubFactory(UserFactory)
    status = Status.ACTIVE
    role = Role.MEMBER


def make_lead(community: Community, **person) -> object:
    """An active member appointed lead (so a moderator of this community's space only)."""
    membership = MembershipFactory(community=community, person=UserFactory(**person))
    actions.appoint_lead(membership=membership, by=None)
    return membership.person


def published_thread(community: Community, *, lead: object) -> object:
    """A thread started by `lead` (made a lead of the community) and approved by them."""
    membership = MembershipFactory(community=community, person=lead)
    actions.appoint_lead(membership=membership, by=None)
    thread = actions.start_thread(
        community=community,
        author=lead,
        title="Bilingual forms",
        text="Which first?",
        language="cy",
    )
    moderation.decide(contribution=thread.opening, by=lead, approve=True, reason="Fine")
    thread.refresh_from_db()
    return thread
