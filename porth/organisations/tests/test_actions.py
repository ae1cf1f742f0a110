import pytest

from porth.organisations.actions import OrganisationRowsInvalid, load_organisations
from porth.organisations.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db


def row(**overrides) -> dict[str, str]:
    values = {
        "slug": "cardiff",
        "name_en": "Cardiff Council",
        "name_cy": "Cyngor Caerdydd",
        "type": "principal_council",
        "gss_code": "W06000015",
        "website": "https://www.cardiff.gov.uk",
    }
    return {**values, **overrides}


def test_loading_rows_creates_the_organisations():
    result = load_organisations(
        rows=[
            row(),
            row(
                slug="medr",
                name_en="Medr",
                name_cy="Medr",
                type="arms_length_body",
                gss_code="",
                website="",
            ),
        ]
    )

    assert [o.slug for o in result.created] == ["cardiff", "medr"]
    cardiff = Organisation.objects.get(slug="cardiff")
    assert cardiff.name_cy == "Cyngor Caerdydd"
    assert cardiff.type == OrganisationType.PRINCIPAL_COUNCIL


def test_loading_the_same_rows_twice_changes_nothing_the_second_time():
    load_organisations(rows=[row()])

    result = load_organisations(rows=[row()])

    assert (len(result.created), len(result.updated), len(result.unchanged)) == (0, 0, 1)
    assert Organisation.objects.count() == 1


def test_a_changed_name_updates_the_organisation():
    load_organisations(rows=[row()])

    result = load_organisations(rows=[row(name_en="City of Cardiff Council")])

    assert [o.slug for o in result.updated] == ["cardiff"]
    assert Organisation.objects.get().name_en == "City of Cardiff Council"


def test_a_renamed_body_with_the_same_gss_code_is_updated_not_duplicated():
    load_organisations(rows=[row()])
    original = Organisation.objects.get()

    result = load_organisations(
        rows=[row(slug="city-of-cardiff", name_en="City of Cardiff Council")]
    )

    assert len(result.updated) == 1 and not result.created
    renamed = Organisation.objects.get()
    assert renamed.pk == original.pk
    assert renamed.slug == "city-of-cardiff"


def test_a_gss_code_only_matches_a_body_whose_old_slug_has_left_the_file():
    load_organisations(rows=[row()])

    # Cardiff keeps its slug but takes a new code; a new body arrives with Cardiff's old code.
    result = load_organisations(
        rows=[
            row(gss_code="W06000099"),
            row(slug="new-body", name_en="New body", name_cy="Corff newydd", gss_code="W06000015"),
        ]
    )

    assert [o.slug for o in result.updated] == ["cardiff"]
    assert [o.slug for o in result.created] == ["new-body"]


def test_bodies_missing_from_the_file_are_kept():
    load_organisations(rows=[row()])

    load_organisations(rows=[row(slug="medr", name_en="Medr", name_cy="Medr", gss_code="")])

    assert set(Organisation.objects.values_list("slug", flat=True)) == {"cardiff", "medr"}


def test_bad_rows_are_all_refused_with_their_row_numbers_and_nothing_is_loaded():
    rows = [
        row(),
        row(slug="nowhere", type="parish_council", gss_code=""),
        row(slug="no-welsh", name_cy="", gss_code=""),
        row(slug="bad-site", website="not a web address", gss_code=""),
    ]

    with pytest.raises(OrganisationRowsInvalid) as refused:
        load_organisations(rows=rows)

    problems = {(p.row, p.message("en")) for p in refused.value.problems}
    assert (
        3,
        "Row 3: The type “parish_council” is not one of: " + ", ".join(OrganisationType.values),
    ) in problems
    assert (4, "Row 4: The name in Welsh is missing") in problems
    assert (
        5,
        "Row 5: The website “not a web address” is not a full web address starting with https://",
    ) in problems
    assert Organisation.objects.count() == 0


def test_the_reason_a_row_was_refused_can_be_read_in_welsh():
    with pytest.raises(OrganisationRowsInvalid) as refused:
        load_organisations(rows=[row(name_cy="")])

    assert refused.value.problems[0].message("cy") == "Rhes 2: Mae'r enw yn Gymraeg ar goll"
    assert "Rhes 2" in str(refused.value) and "Row 2" in str(refused.value)


def test_a_slug_or_gss_code_used_twice_in_the_file_is_refused():
    with pytest.raises(OrganisationRowsInvalid) as refused:
        load_organisations(rows=[row(), row(name_en="Another")])

    reasons = [p.message("en") for p in refused.value.problems]
    assert "Row 2: The slug “cardiff” is used by more than one row" in reasons
    assert "Row 3: The GSS code “W06000015” is used by more than one row" in reasons


def test_a_badly_formed_slug_or_gss_code_is_refused():
    with pytest.raises(OrganisationRowsInvalid) as refused:
        load_organisations(rows=[row(slug="Cardiff Council", gss_code="W6")])

    assert {p.row for p in refused.value.problems} == {2}
    assert len(refused.value.problems) == 2


def test_two_bodies_can_swap_gss_codes_in_one_load():
    load_organisations(
        rows=[
            row(),
            row(slug="newport", name_en="Newport", name_cy="Casnewydd", gss_code="W06000022"),
        ]
    )

    result = load_organisations(
        rows=[
            row(gss_code="W06000022"),
            row(slug="newport", name_en="Newport", name_cy="Casnewydd", gss_code="W06000015"),
        ]
    )

    assert len(result.updated) == 2
    assert Organisation.objects.get(slug="cardiff").gss_code == "W06000022"
