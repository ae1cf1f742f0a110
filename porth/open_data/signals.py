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
from porth.register.signals import register_changed

from . import actions, queue


@receiver(password_changed, dispatch_uid="open_data_tokens_password_changed")
@receiver(password_reset, dispatch_uid="open_data_tokens_password_reset")
@receiver(password_set, dispatch_uid="open_data_tokens_password_set")
def revoke_tokens_on_new_password(sender: Any, user: Any, **kwargs: Any) -> None:
    actions.revoke_tokens_of(person=user)


@receiver(post_delete, sender=Membership, dispatch_uid="open_data_tokens_membership_ended")
def withdraw_tokens_when_membership_ends(sender: Any, instance: Membership, **kwargs: Any) -> None:
    actions.withdraw_tokens_from(person=instance.person_id, organisation=instance.organisation_id)


@receiver(register_changed, dispatch_uid="open_data_landscape_register_changed")
def refresh_landscape_when_the_register_changes(sender: Any, **kwargs: Any) -> None:
    """One refresh of the landscape's figures, and one build of the stored downloads, once the
    change commits."""
    queue.queue_landscape_refresh()
    queue.queue_downloads_build()
