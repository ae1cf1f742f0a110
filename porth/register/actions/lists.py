"""The shared lists services point at: technology products and service areas."""

import re

from django.db import IntegrityError, transaction

from ..models import (
    ServiceArea,
    TechnologyProduct,
)


@transaction.atomic
def find_or_add_product(
    *, name: str, supplier: str, category: str, hosting: str, is_open_source: bool
) -> TechnologyProduct:
    """The catalogue's product with this name and supplier (ignoring case and extra spaces),
    added if it is new, so one product used by many bodies stays one record."""
    name = re.sub(r"\s+", " ", name).strip()
    supplier = re.sub(r"\s+", " ", supplier).strip()
    same = TechnologyProduct.objects.filter(name__iexact=name, supplier__iexact=supplier)
    product = same.first()
    if product is not None:
        return product
    try:
        with transaction.atomic():
            return TechnologyProduct.objects.create(
                name=name,
                supplier=supplier,
                category=category,
                hosting=hosting,
                is_open_source=is_open_source,
            )
    except IntegrityError:
        # Someone added it a moment ago (two submits of one form, say): use theirs.
        product = same.first()
        if product is None:
            raise
        return product


@transaction.atomic
def save_service_area(
    *,
    area: ServiceArea | None = None,
    code: str = "",
    name_en: str,
    name_cy: str,
    is_active: bool = True,
) -> ServiceArea:
    """Add a service area (with a new code) or rename or withdraw one; codes never change."""
    if area is None:
        area = ServiceArea(code=code)
    area.name_en = name_en.strip()
    area.name_cy = name_cy.strip()
    area.is_active = is_active
    area.full_clean()
    area.save()
    return area
