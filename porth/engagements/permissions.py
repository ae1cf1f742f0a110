"""Who may see and change requests for help and engagements (docs/adr/0037-engagements.md).

Centre staff manage everything. A body's admins send requests and read their own; partner
bodies' admins may add notes to their own engagements. The public sees only what is public.
"""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from porth.core.permissions import can_administer, can_see_private, is_centre_staff, record_role

from .models import Engagement, HelpRequest, TimelineEntry


def load_request(request: Any, pk: int) -> HelpRequest:
    return get_object_or_404(HelpRequest.objects.select_related("organisation"), pk=pk)


def load_engagement(request: Any, pk: int) -> Engagement:
    return get_object_or_404(Engagement, pk=pk)


def load_entry(request: Any, pk: int, entry_pk: int) -> TimelineEntry:
    entry = get_object_or_404(
        TimelineEntry.objects.select_related("engagement"), pk=entry_pk, engagement_id=pk
    )
    if not entry.attachment:
        raise Http404
    return entry


def may_read_request(user: Any, help_request: HelpRequest) -> bool:
    return can_administer(user, help_request.organisation)


def is_partner_admin(user: Any, engagement: Engagement) -> bool:
    """Centre staff, or an admin of one of the engagement's partner bodies."""
    if is_centre_staff(user):
        return True
    return user.is_authenticated and any(
        can_administer(user, body) for body in engagement.partners.all()
    )


def is_partner_member(user: Any, engagement: Engagement) -> bool:
    if is_centre_staff(user):
        return True
    return user.is_authenticated and any(
        can_see_private(user, body) for body in engagement.partners.all()
    )


def may_see_engagement(user: Any, engagement: Engagement) -> bool:
    return engagement.is_public or is_partner_member(user, engagement)


def may_see_private_entries(user: Any, engagement: Engagement) -> bool:
    """Private show-and-tells and notes: centre staff and the partner bodies' people."""
    return is_partner_member(user, engagement)


def may_download(user: Any, entry: TimelineEntry) -> bool:
    if entry.is_public and entry.engagement.is_public:
        return True
    return is_partner_member(user, entry.engagement)


request_reader = record_role(load=load_request, may=may_read_request, name="help_request")
engagement_reader = record_role(
    load=load_engagement, may=may_see_engagement, name="engagement", access="public"
)
note_writer = record_role(load=load_engagement, may=is_partner_admin, name="engagement")
attachment_reader = record_role(load=load_entry, may=may_download, name="entry", access="public")
