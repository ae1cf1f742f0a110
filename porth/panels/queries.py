"""Reads for the panel and mentoring pages: a fixed number of queries per page."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from porth.core.permissions import is_centre_staff

from .models import CheckIn, Meeting, MeetingAction, Member, MentoringPair, Panel


def all_panels() -> QuerySet[Panel]:
    return Panel.objects.all()


def panel_page(panel: Panel, *, staff: bool) -> dict[str, Any]:
    """Serving members (the public sees public profiles only), and meetings: the public sees
    those with published minutes and every agenda."""
    today = timezone.localdate()
    members = panel.members.filter(term_from__lte=today).filter(
        Q(term_to__isnull=True) | Q(term_to__gte=today)
    )
    if not staff:
        members = members.filter(profile_is_public=True)
    return {
        "members": list(members),
        "serving_count": panel.members.filter(term_from__lte=today)
        .filter(Q(term_to__isnull=True) | Q(term_to__gte=today))
        .count(),
        "meetings": list(panel.meetings.all()),
        "all_members": list(panel.members.all()) if staff else [],
    }


def meeting_with_actions(pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("panel")
        .prefetch_related(Prefetch("actions", queryset=MeetingAction.objects.order_by("due_on")))
        .get(pk=pk)
    )


def pairs_for(user: Any) -> QuerySet[MentoringPair]:
    """Centre staff see every pair; anyone else only the pairs they are in."""
    pairs = MentoringPair.objects.select_related("mentor", "apprentice")
    if is_centre_staff(user):
        return pairs
    return pairs.filter(Q(mentor__person=user) | Q(apprentice__person=user))


def check_ins_of(pair: MentoringPair) -> QuerySet[CheckIn]:
    return pair.check_ins.select_related("written_by")


def members_of_panel(slug: str) -> QuerySet[Member]:
    return Member.objects.filter(panel__slug=slug)
