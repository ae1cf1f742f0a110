"""Reads of organisations for pages and the API."""

from django.db.models import QuerySet

from porth.core.language import current_language

from .models import Organisation


def organisations_for_list(*, type: str | None = None) -> QuerySet[Organisation]:
    """Organisations in the order a reader expects: alphabetical in the language they read."""
    organisations = Organisation.objects.all()
    if type:
        organisations = organisations.filter(type=type)
    return organisations.order_by(f"name_{current_language()}")
