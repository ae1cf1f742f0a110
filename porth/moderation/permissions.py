"""Who may act on a contribution: its loader and rules, for `record_role`."""

from typing import Any

from django.http import Http404

from porth.core.permissions import record_role

from .models import Contribution, Status
from .queries import can_moderate
from .readers import may_read


def load_contribution(request: Any, contribution_id: int) -> Contribution:
    contribution = (
        Contribution.objects.select_related("space", "author").filter(pk=contribution_id).first()
    )
    if contribution is None:
        raise Http404
    return contribution


def may_moderate(user: Any, contribution: Contribution) -> bool:
    """A moderator of this contribution's space (a moderator elsewhere has no power here)."""
    return can_moderate(user, contribution.space)


def may_report(user: Any, contribution: Contribution) -> bool:
    """Anyone signed in may report what is shown to them (a members-only community's posts are
    shown to its members only: readers.py)."""
    return (
        bool(user.is_authenticated)
        and contribution.status == Status.PUBLISHED
        and may_read(user, contribution)
    )


moderator_of_contribution = record_role(
    load=load_contribution, may=may_moderate, name="contribution", access="moderator"
)
reporter_of_contribution = record_role(
    load=load_contribution, may=may_report, name="contribution", access="signed_in"
)
