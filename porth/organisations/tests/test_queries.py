import pytest
from django.utils.translation import override

from porth.organisations.models import OrganisationType
from porth.organisations.queries import organisation_type_counts, organisations_for_list
from porth.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_list_is_in_alphabetical_order_of_the_name_in_the_language_being_read():
    OrganisationFactory(
        name_en="Bridgend County Borough Council",
        name_cy="Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr",
    )
    OrganisationFactory(name_en="Cardiff Council", name_cy="Cyngor Caerdydd")
    OrganisationFactory(
        name_en="Welsh Government",
        name_cy="Llywodraeth Cymru",
        type=OrganisationType.DEVOLVED_GOVERNMENT,
    )

    with override("en"):
        english = [o.name_en for o in organisations_for_list()]
    with override("cy"):
        welsh = [o.name_cy for o in organisations_for_list()]

    assert english == ["Bridgend County Borough Council", "Cardiff Council", "Welsh Government"]
    assert welsh == [
        "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr",
        "Cyngor Caerdydd",
        "Llywodraeth Cymru",
    ]


def test_the_list_can_be_narrowed_to_one_type():
    council = OrganisationFactory()
    OrganisationFactory(type=OrganisationType.POLICE_FORCE)

    assert list(organisations_for_list(type=OrganisationType.PRINCIPAL_COUNCIL)) == [council]


def test_type_counts_include_every_type_in_declared_order_even_when_none_exist():
    OrganisationFactory.create_batch(2)
    OrganisationFactory(type=OrganisationType.POLICE_FORCE)

    counts = organisation_type_counts()

    assert [c.value for c in counts] == list(OrganisationType.values)
    by_type = {c.value: c.count for c in counts}
    assert by_type["principal_council"] == 2
    assert by_type["police_force"] == 1
    assert by_type["nhs_trust"] == 0
