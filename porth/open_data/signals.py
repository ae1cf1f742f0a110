"""What open data does when other apps change.

The landscape is worked out again when the register changes (`register_changed`). Tokens
follow their person: revoked when the password changes or is reset, and withdrawn from an
organisation when the membership ends (docs/adr/0022-api-tokens.md).

Any other change of password (the admin, `manage.py changepassword`) sends no signal; the
token's password fingerprint catches those the next time the token is used.
"""

from typing import Any

from allauth.account.signals import password_changed, password_reset, password_set
from django.db.models.signals import post_delete
from django.dispatch import receiver

from porth.accounts.models import Membership
from porth.register.models import ChangeKind
from porth.register.signals import register_changed

from . import actions, queue
from .actions import WHOLE_REGISTER_DOWNLOADS
from .columns import METRIC_FIELDS


@receiver(password_changed, dispatch_uid="open_data_tokens_password_changed")
@receiver(password_reset, dispatch_uid="open_data_tokens_password_reset")
@receiver(password_set, dispatch_uid="open_data_tokens_password_set")
def revoke_tokens_on_new_password(sender: Any, user: Any, **kwargs: Any) -> None:
    actions.revoke_tokens_of(person=user)


@receiver(post_delete, sender=Membership, dispatch_uid="open_data_tokens_membership_ended")
def withdraw_tokens_when_membership_ends(sender: Any, instance: Membership, **kwargs: Any) -> None:
    actions.withdraw_tokens_from(person=instance.person_id, organisation=instance.organisation_id)


# What of a service the figures download shows or chooses its rows by; a change to anything
# else of a service (its owner, its phase, its description) leaves that download as it was.
FIGURES_READ_OF_A_SERVICE = frozenset(
    {field.split("__")[1] for field in METRIC_FIELDS if field.startswith("service__")}
    | {"is_retired"}
)
# Kinds of change that touch the figures download only through the fields above (a service
# just added has no figures).
DETAIL_CHANGES = frozenset(
    {ChangeKind.CREATED, ChangeKind.UPDATED, ChangeKind.PHASE, ChangeKind.REVIEWED}
)


def downloads_a_change_touches(**change: Any) -> tuple[str, ...]:
    """The stored downloads a `register_changed` change makes out of date (ADR 0066).

    Every change of a service moves its "Last updated", so the services download is always
    built again. The figures download, most of a build's work at 100,000 services, only when
    the change is to figures, retires a service, or changes what the figures show of it (its
    name, reference or body). New services have no figures yet. Told less (an import applied),
    both.
    """
    if "services" in change:
        return ("services",)
    kinds, fields = change.get("kinds"), change.get("fields")
    if kinds is None or fields is None:
        return WHOLE_REGISTER_DOWNLOADS
    if set(kinds) <= DETAIL_CHANGES and not set(fields) & FIGURES_READ_OF_A_SERVICE:
        return ("services",)
    return WHOLE_REGISTER_DOWNLOADS


@receiver(register_changed, dispatch_uid="open_data_landscape_register_changed")
def refresh_landscape_when_the_register_changes(sender: Any, **kwargs: Any) -> None:
    """One refresh of the landscape's figures, and one build of each stored download the change
    touches, once the change commits."""
    queue.queue_landscape_refresh()
    queue.queue_downloads_build(names=downloads_a_change_touches(**kwargs))
