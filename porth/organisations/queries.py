"""Reads of organisations for pages and the API."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from porth.core.language import current_language

from .models import Organisation, OrganisationType


@dataclass(frozen=True)
class TypeCount:
    """One choice in the type filter: how many bodies of that type there are."""

    value: str
    label: str
    count: int


def organisations_for_list(*, type: str | None = None) -> QuerySet[Organisation]:
    """Organisations in the order a reader expects: alphabetical in the language they read."""
    organisations = Organisation.objects.all()
    if type:
        organisations = organisations.filter(type=type)
    return organisations.order_by(f"name_{current_language()}")


def organisation_type_counts() -> list[TypeCount]:
    """Every type, in the order the types are declared, with its count (zero included).

    One query, so the filter can show counts without a query per type.
    """
    counts = dict(
        Organisation.objects.order_by()
        .values_list("type")
        .annotate(count=Count("pk"))
        .values_list("type", "count")
    )
    return [
        TypeCount(value=value, label=str(label), count=counts.get(value, 0))
        for value, label in OrganisationType.choices
    ]


def organisation_by_slug(slug: str) -> Organisation | None:
    """The body with this slug, or None (an empty or unknown slug)."""
    return Organisation.objects.filter(slug=slug).first() if slug else None
