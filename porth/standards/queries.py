"""Reads of the standards for pages and, later, the open data API."""

from django.db.models import Prefetch

from .models import Standard, StandardGroup, StandardSet


def current_standard_set() -> StandardSet | None:
    """The version teams work to now, or None before the standards are loaded."""
    return StandardSet.objects.filter(is_current=True).first()


def groups_with_standards(standard_set: StandardSet) -> list[StandardGroup]:
    """The set's groups in order, each with its standards, in two queries."""
    return list(
        standard_set.groups.prefetch_related(
            Prefetch("standards", queryset=Standard.objects.order_by("number"))
        )
    )


def current_standard(number: int) -> Standard | None:
    """The standard with this number in the current version, with its group and set."""
    return (
        Standard.objects.filter(standard_set__is_current=True, number=number)
        .select_related("group", "standard_set")
        .first()
    )
