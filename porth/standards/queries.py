"""Reads of the standards for pages and, later, the open data API."""

from django.db.models import Prefetch

from .models import Criterion, Phase, Standard, StandardGroup, StandardSet


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


def criteria_by_phase(standard: Standard) -> list[tuple[str, list[Criterion]]]:
    """The checklist for each phase in delivery order; phases without criteria are left out."""
    criteria = list(standard.criteria.order_by("order", "pk"))
    return [
        (label, [criterion for criterion in criteria if criterion.phase == phase])
        for phase, label in Phase.choices
        if any(criterion.phase == phase for criterion in criteria)
    ]
