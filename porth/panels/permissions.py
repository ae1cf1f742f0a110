"""Who may see and change panels and mentoring (docs/adr/0037-engagements-and-panels.md).

Only centre staff change panels. A mentoring pair's check-in notes are private to the two
people in the pair and centre staff, on every route.
"""

from typing import Any

from django.shortcuts import get_object_or_404

from porth.core.permissions import is_centre_staff, record_role

from .models import MentoringPair


def load_pair(request: Any, pk: int) -> MentoringPair:
    return get_object_or_404(
        MentoringPair.objects.select_related("mentor__panel", "apprentice__panel"), pk=pk
    )


def is_in_pair(user: Any, pair: MentoringPair) -> bool:
    """Centre staff, or one of the two people in the pair."""
    if is_centre_staff(user):
        return True
    return bool(
        user.is_authenticated and user.pk in (pair.mentor.person_id, pair.apprentice.person_id)
    )


pair_member = record_role(load=load_pair, may=is_in_pair, name="pair")
