"""Reads of people, memberships and invitations for the account pages."""

from django.db.models import QuerySet
from django.utils import timezone

from porth.core.language import current_language
from porth.organisations.models import Organisation

from .models import Invitation, Membership, User


def memberships_of(person: User) -> QuerySet[Membership]:
    """The person's organisations, alphabetical in the language they are reading."""
    return person.memberships.select_related("organisation").order_by(
        f"organisation__name_{current_language()}"
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """Everyone in the organisation, admins first, then by name."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("-role", "person__full_name", "person__email")
    )


def open_invitations_to(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations nobody has accepted yet and that have not run out."""
    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("email")


def open_invitation(token: str) -> Invitation | None:
    """The invitation with this token if it can still be accepted, else None."""
    return (
        Invitation.objects.filter(
            token=token, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("organisation")
        .first()
    )
