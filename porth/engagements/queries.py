"""Reads for the requests and engagements pages: a fixed number of queries per page."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from porth.accounts import queries as accounts_queries
from porth.core.permissions import Role, is_centre_staff
from porth.organisations import queries as organisations_queries
from porth.organisations.models import Organisation
from porth.register import queries as register_queries
from porth.register.models import Service
from porth.standards import queries as standards_queries
from porth.standards.models import Review

from .models import (
    Engagement,
    HelpRequest,
    HelpType,
    RequestStatus,
    TimelineEntry,
)

SMALL_NUMBER = 5  # counts below this are suppressed in public figures


def services_of(organisation: Organisation) -> QuerySet[Service]:
    """The body's current services in the register: the choices for "services affected"."""
    return register_queries.published_services().filter(organisation=organisation)


def bodies_administered_by(user: Any) -> QuerySet[Organisation]:
    """The bodies the person may ask for help for."""
    if is_centre_staff(user):
        return organisations_queries.organisations_for_list().none()
    ids = accounts_queries.memberships_of(user).filter(role__gte=Role.ADMIN).values("organisation")
    return organisations_queries.organisations_for_list().filter(pk__in=ids)


def requests_of(organisations: QuerySet[Organisation]) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(organisation__in=organisations).select_related(
        "organisation", "engagement"
    )


def triage_queue() -> QuerySet[HelpRequest]:
    """Requests waiting for a decision, the ones to answer soonest first."""
    return HelpRequest.objects.waiting().select_related("organisation")


def decided_requests() -> QuerySet[HelpRequest]:
    return (
        HelpRequest.objects.exclude(status=RequestStatus.WAITING)
        .select_related("organisation", "engagement")
        .order_by("-decided_at")
    )


def request_with_services(pk: int) -> HelpRequest:
    return (
        HelpRequest.objects.select_related("organisation", "engagement", "requested_by")
        .prefetch_related("services")
        .get(pk=pk)
    )


@dataclass
class DemandRow:
    """One kind of help: how many requests, and how each was answered (None: suppressed)."""

    help_type: str
    label: str
    counts: list[int | None]
    total: int | None


def _shown(count: int) -> int | None:
    return count if count == 0 or count >= SMALL_NUMBER else None


def demand_summary() -> tuple[list[str], list[DemandRow]]:
    """Requests by kind of help and outcome, no body named, counts of 1 to 4 suppressed so a
    body cannot be picked out."""
    statuses = list(RequestStatus)
    found = {
        (row["help_type"], row["status"]): row["n"]
        for row in HelpRequest.objects.values("help_type", "status").annotate(n=Count("id"))
    }
    rows = []
    for help_type in HelpType:
        counts = [found.get((help_type.value, status.value), 0) for status in statuses]
        rows.append(
            DemandRow(
                help_type=help_type.value,
                label=str(help_type.label),
                counts=[_shown(count) for count in counts],
                total=_shown(sum(counts)),
            )
        )
    return [str(status.label) for status in statuses], rows


def engagements_for(user: Any) -> QuerySet[Engagement]:
    """Public engagements, and for signed-in people also the private ones they may see."""
    engagements = Engagement.objects.prefetch_related("partners")
    if is_centre_staff(user):
        return engagements
    if user.is_authenticated:
        mine = accounts_queries.memberships_of(user).values("organisation")
        return (
            engagements.filter(is_public=True) | engagements.filter(partners__in=mine)
        ).distinct()
    return engagements.filter(is_public=True)


def reviews_to_link(engagement: Engagement) -> QuerySet[Review]:
    """The standards reviews centre staff may link to an engagement: those of its services and
    of its partner bodies' services, in progress or published, and those already linked.

    Read through the standards app's own queries (the centre's queue and the public reports),
    so the engagements app never decides on its own what a review is."""
    ours = (
        Q(service__in=engagement.services.all())
        | Q(service__organisation__in=engagement.partners.all())
        | Q(pk__in=engagement.reviews.all())
    )
    in_progress = standards_queries.review_queue().filter(ours)
    published = standards_queries.reports_visible_to(standards_queries.THE_PUBLIC).filter(ours)
    return (in_progress | published).select_related("service").order_by("-requested_at", "-pk")


def linked_reviews(engagement: Engagement, user: Any) -> list[Review]:
    """The engagement's standards reviews that the reader may read the report of (the standards
    app's one rule, `reports_visible_to`); centre staff see every linked review."""
    linked = engagement.reviews.select_related("service").order_by("-requested_at", "-pk")
    if not is_centre_staff(user):
        linked = linked.filter(pk__in=standards_queries.reports_visible_to(user).values("pk"))
    return list(linked)


def engagement_page(engagement: Engagement, *, show_private: bool, user: Any) -> dict[str, Any]:
    """An engagement with its partners, squad, phases, services, the standards reviews and the
    timeline the reader may see."""
    entries = TimelineEntry.objects.filter(engagement=engagement)
    if not show_private:
        entries = entries.filter(is_public=True)
    return {
        "partners": list(engagement.partners.all()),
        "squad": list(engagement.squad.select_related("organisation")),
        "phases": list(engagement.phases.all()),
        "services": list(engagement.services.select_related("organisation")),
        "reviews": linked_reviews(engagement, user),
        "entries": list(entries),
        "requests": list(engagement.requests.all()) if show_private else [],
    }
