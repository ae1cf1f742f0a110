import pytest

from porth.core.welsh import after, mutate, radical_forms


@pytest.mark.parametrize(
    ("word", "mutation", "expected"),
    [
        ("Porth", "soft", "Borth"),
        ("Porth", "nasal", "Mhorth"),
        ("Porth", "aspirate", "Phorth"),
        ("Gwneud", "soft", "Wneud"),
        ("Caerdydd", "soft", "Gaerdydd"),
        ("Llandudno", "soft", "Landudno"),
        ("Rhondda", "soft", "Rondda"),
        ("treth", "nasal", "nhreth"),
        ("Cyngor", "nasal", "Nghyngor"),
        ("Bangor", "nasal", "Mangor"),
        ("Dinbych", "nasal", "Ninbych"),
        ("Merthyr", "aspirate", "Merthyr"),
        ("Theatr", "soft", "Theatr"),
        ("Ffordd", "soft", "Ffordd"),
    ],
)
def test_initial_mutations(word, mutation, expected):
    assert mutate(word, mutation) == expected


@pytest.mark.parametrize("name", ["CDPS", "GIG", "2026", "", "API"])
def test_codes_acronyms_and_numbers_never_mutate(name):
    assert mutate(name, "soft") == name


@pytest.mark.parametrize(
    ("trigger", "name", "expected"),
    [
        ("ar", "Porth", "ar Borth"),
        ("yn", "Porth", "ym Mhorth"),
        ("gyda", "Porth", "gyda Phorth"),
        ("yn", "Cyngor Caerdydd", "yng Nghyngor Caerdydd"),
        ("o", "Gwneud cais am drwydded", "o Wneud cais am drwydded"),
        ("yn", "Abertawe", "yn Abertawe"),
        ("i", "Cyngor Gwynedd", "i Gyngor Gwynedd"),
        ("yn", "CDPS", "yn CDPS"),
    ],
)
def test_a_name_after_a_word_that_mutates_it(trigger, name, expected):
    assert after(trigger, name) == expected


@pytest.mark.parametrize("query", ["treth", "dreth", "nhreth", "threth"])
def test_every_mutated_form_leads_back_to_the_radical(query):
    assert "treth" in radical_forms(query)
