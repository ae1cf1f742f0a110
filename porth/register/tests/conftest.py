"""Fixtures the register's query and search tests share."""

import pytest

from porth.register.models import ServiceArea

from .test_actions import create


@pytest.fixture
def register(organisation, other_organisation):
    """Three services in two bodies, in different areas, phases and channels."""
    pothole = create(organisation)
    council_tax = create(
        organisation,
        name_en="Pay council tax",
        name_cy="Talu treth gyngor",
        description_en="Pay your council tax by direct debit or card.",
        description_cy="Talwch eich treth gyngor drwy ddebyd uniongyrchol neu gerdyn.",
        service_area=ServiceArea.objects.get(code="revenues-benefits"),
        users_served=["public", "businesses"],
        channels={"online": True, "phone": True},
    )
    water = create(
        other_organisation,
        name_en="Report a water leak",
        name_cy="Rhoi gwybod am ollyngiad dŵr",
        description_en="Tell us about a leak from a water main.",
        description_cy="Rhowch wybod i ni am ollyngiad o brif bibell ddŵr.",
        users_served=["staff"],
        channels={"post": False},
    )
    return pothole, council_tax, water
