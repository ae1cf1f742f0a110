"""Changes to people's accounts, their memberships of organisations and the invitations to join.

Each action checks the rule it enforces itself, so a view, the admin or a management command
cannot skip it: only an organisation's admins (or centre staff) manage its people, and every
organisation keeps at least one admin.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from porth.core import audit
from porth.core.permissions import Role, can_administer
from porth.organisations.models import Organisation

from .models import Invitation, Membership, MembershipRole, User


class NotAnAdministrator(Exception):
    """The person acting is not an admin of the organisation (nor centre staff)."""


class AlreadyMember(Exception):
    """The person is already a member of the organisation."""


class InvitationExpired(Exception):
    """The invitation's time ran out, or a newer invitation replaced it."""


class InvitationAlreadyUsed(Exception):
    """Someone has already accepted this invitation."""


class InvitationForSomeoneElse(Exception):
    """The invitation was sent to a different email address from the signed-in person's."""


class LastAdminCannotLeave(Exception):
    """An organisation must keep at least one admin, or nobody could manage its people."""


def _check_can_administer(person: User, organisation: Organisation) -> None:
    if not can_administer(person, organisation):
        raise NotAnAdministrator


def _check_role(role: int) -> MembershipRole:
    return MembershipRole(int(role))  # ValueError for a role that does not exist


def _check_another_admin_remains(membership: Membership) -> None:
    """Refuse to take away the organisation's last admin.

    The admin rows are locked first, so two admins demoting each other at the same moment
    cannot both succeed and leave nobody in charge.
    """
    admins = list(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )
    if admins == [membership.pk]:
        raise LastAdminCannotLeave


@transaction.atomic
def update_preferences(*, person: User, full_name: str, preferred_language: str) -> User:
    """Record the person's name and the language every email to them is written in."""
    before = audit.snapshot(person, ["full_name", "preferred_language"])
    person.full_name = full_name.strip()
    person.preferred_language = preferred_language
    person.save(update_fields=["full_name", "preferred_language"])
    audit.record(
        by=person,
        action="accounts.update_preferences",
        target=person,
        title=_("Preferences changed"),
        before=before,
        after=audit.snapshot(person, ["full_name", "preferred_language"]),
    )
    return person


@transaction.atomic
def invite_person(
    *,
    organisation: Organisation,
    email: str,
    role: int,
    language: str,
    invited_by: User,
) -> Invitation:
    """Invite someone, by email, to take a role in the organisation.

    Someone who already has an account gets the email in the language they chose for
    themselves; `language` is for people we know nothing about yet. A new invitation replaces
    any open one to the same address, so only the latest link works.
    """
    _check_can_administer(invited_by, organisation)
    role = _check_role(role)
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if Membership.objects.filter(person=existing, organisation=organisation).exists():
            raise AlreadyMember
        language = existing.preferred_language
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, language=language, invited_by=invited_by
    )
    audit.record(
        by=invited_by,
        action="accounts.invite_person",
        target=invitation,
        title=_("%(email)s invited"),
        title_values={"email": email},
        after=audit.snapshot(invitation, ["email", "role", "expires_at"]),
        organisation=organisation,
    )
    # Only once the invitation is saved for good: a rolled-back invitation sends nothing.
    transaction.on_commit(lambda: send_invitation_email(invitation=invitation))
    return invitation


def send_invitation_email(*, invitation: Invitation) -> None:
    """Queue the invitation email, written in the invitation's language."""
    with translation.override(invitation.language):
        path = reverse("accounts:invitation_detail", kwargs={"token": invitation.token})
        context = {
            "organisation_name": invitation.organisation.name,
            "role": invitation.get_role_display(),
            "invited_by": invitation.invited_by,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
            "expires_at": timezone.localtime(invitation.expires_at),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_message.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[invitation.email]).send()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, person: User) -> Membership:
    """Make the invited person a member with the role they were offered; works once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationAlreadyUsed
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired
    if invitation.email.lower() != person.email.lower():
        raise InvitationForSomeoneElse
    if Membership.objects.filter(person=person, organisation=invitation.organisation).exists():
        raise AlreadyMember
    membership = Membership.objects.create(
        person=person, organisation=invitation.organisation, role=invitation.role
    )
    person.forget_memberships()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(
        by=person,
        action="accounts.accept_invitation",
        target=membership,
        title=_("%(person)s joined"),
        title_values={"person": audit.name_of(person)},
        after=audit.snapshot(membership, ["person", "role"]),
        organisation=invitation.organisation,
    )
    return membership


@transaction.atomic
def change_role(*, membership: Membership, role: int, changed_by: User) -> Membership:
    """Give a member a different role; the last admin cannot be demoted."""
    _check_can_administer(changed_by, membership.organisation)
    role = _check_role(role)
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _check_another_admin_remains(membership)
    before = audit.snapshot(membership, ["role"])
    membership.role = role
    membership.save(update_fields=["role"])
    if membership.person_id == changed_by.pk:
        changed_by.forget_memberships()
    audit.record(
        by=changed_by,
        action="accounts.change_role",
        target=membership,
        title=_("Role of %(person)s changed"),
        title_values={"person": audit.name_of(membership.person)},
        before=before,
        after=audit.snapshot(membership, ["role"]),
        organisation=membership.organisation,
    )
    return membership


@transaction.atomic
def remove_membership(*, membership: Membership, removed_by: User) -> None:
    """Take someone out of an organisation; the last admin cannot be removed."""
    _check_can_administer(removed_by, membership.organisation)
    if membership.role == Role.ADMIN:
        _check_another_admin_remains(membership)
    audit.record(
        by=removed_by,
        action="accounts.remove_membership",
        target=membership,
        title=_("%(person)s removed"),
        title_values={"person": audit.name_of(membership.person)},
        before=audit.snapshot(membership, ["person", "role"]),
        organisation=membership.organisation,
    )
    membership.delete()
    if membership.person_id == removed_by.pk:
        removed_by.forget_memberships()
