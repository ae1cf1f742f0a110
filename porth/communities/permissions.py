"""Who may do what in a community: loaders and rules for `record_role` (porth.core.permissions).

Open communities are read by anyone; a community that needs a request is read only by its
members and centre staff, on every page that shows its posts (threads, search, member list,
and moderation's "report" page through `may_read_contribution`). Only members post; only the
community's leads (and centre staff) approve requests, pin threads and add resources.
"""

from typing import Any

from django.http import Http404

from porth.core.permissions import is_centre_staff, record_role
from porth.moderation import queries as moderation
from porth.moderation.models import Contribution

from . import queries
from .models import Community, Membership, Resource, Thread


def load_community(request: Any, slug: str) -> Community:
    community = queries.community_by_slug(slug)
    if community is None:
        raise Http404
    return community


def load_thread(request: Any, slug: str, thread_id: int) -> Thread:
    thread = queries.thread_to_show(thread_id)
    if thread is None or thread.community.slug != slug:
        raise Http404
    return thread


def load_membership(request: Any, slug: str, membership_id: int) -> Membership:
    membership = queries.membership_by_id(membership_id)
    if membership is None or membership.community.slug != slug:
        raise Http404
    return membership


def load_resource(request: Any, slug: str, resource_id: int) -> Resource:
    resource = queries.resource_by_id(resource_id)
    if resource is None or resource.community.slug != slug:
        raise Http404
    return resource


def may_read_resource(user: Any, resource: Resource) -> bool:
    """A readable community's resources; a members-only one for members and centre staff."""
    if not queries.can_read(user, resource.community):
        return False
    if not resource.members_only:
        return True
    return is_centre_staff(user) or queries.is_member(user, resource.community)


def anyone(user: Any, community: Community) -> bool:
    """The community's front page: its name, description and how to join are public."""
    return True


def may_join(user: Any, community: Community) -> bool:
    return bool(user.is_authenticated)


def may_read(user: Any, community: Community) -> bool:
    return queries.can_read(user, community)


def may_post(user: Any, community: Community) -> bool:
    return queries.is_member(user, community)


def may_see_members(user: Any, community: Community) -> bool:
    """The member list is for members only (and centre staff)."""
    return is_centre_staff(user) or queries.is_member(user, community)


def may_lead(user: Any, community: Community) -> bool:
    return queries.is_lead(user, community)


def may_read_thread(user: Any, thread: Thread) -> bool:
    """A readable community's published thread; a held one only for its author and moderators."""
    if not queries.can_read(user, thread.community):
        return False
    if queries.is_thread_visible(thread):
        return True
    return (user.is_authenticated and user.pk == thread.author_id) or moderation.can_moderate(
        user, thread.community.space
    )


def may_reply(user: Any, thread: Thread) -> bool:
    return queries.is_member(user, thread.community) and queries.is_thread_visible(thread)


def may_lead_thread(user: Any, thread: Thread) -> bool:
    return queries.is_lead(user, thread.community)


def may_decide_membership(user: Any, membership: Membership) -> bool:
    return queries.is_lead(user, membership.community)


def may_read_contribution(user: Any, contribution: Contribution) -> bool:
    """Moderation asks this for contributions in community spaces (moderation/readers.py)."""
    community = queries.community_for_space(contribution.space.key)
    return community is None or queries.can_read(user, community)


community_page = record_role(load=load_community, may=anyone, name="community", access="public")
community_reader = record_role(load=load_community, may=may_read, name="community", access="public")
community_joiner = record_role(
    load=load_community, may=may_join, name="community", access="signed_in"
)
community_member = record_role(
    load=load_community, may=may_post, name="community", access="signed_in"
)
member_list_reader = record_role(
    load=load_community, may=may_see_members, name="community", access="signed_in"
)
community_lead = record_role(load=load_community, may=may_lead, name="community", access="lead")
thread_reader = record_role(load=load_thread, may=may_read_thread, name="thread", access="public")
thread_replier = record_role(load=load_thread, may=may_reply, name="thread", access="signed_in")
thread_lead = record_role(load=load_thread, may=may_lead_thread, name="thread", access="lead")
resource_reader = record_role(
    load=load_resource, may=may_read_resource, name="resource", access="public"
)
membership_lead = record_role(
    load=load_membership, may=may_decide_membership, name="membership", access="lead"
)
