"""Every Welsh and English message in our catalogues is spelt right, by hunspell (ADR 0057).

The dictionaries come from npm (`npm ci`); without them the test is skipped, visibly, unless
PORTH_REQUIRE_BROWSER=1 (CI installs the npm packages for the browser tests, these with them).
"""

import os
import shutil

import pytest

from porth.core import spelling


@pytest.fixture(scope="module")
def dictionaries():
    missing = [str(path) for path in spelling.DICTIONARIES if not path.exists()]
    if shutil.which("node") is None:
        missing.append("node")
    if missing:
        reason = f"{', '.join(missing)} missing: run `npm ci`"
        if os.environ.get("PORTH_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def catalogue(dictionaries):
    counts = spelling.catalogue_words()
    words = {language: sorted(found) for language, found in counts.items()}
    return words, spelling.unknown_words(words)


def test_every_word_of_the_catalogues_is_in_the_dictionary_or_the_allow_list(catalogue):
    _words, unknown = catalogue
    allow = spelling.allowed()

    misspelt = {
        language: sorted(w for w in found if w.lower() not in allow[language])
        for language, found in unknown.items()
    }

    assert misspelt == {"cy": [], "en": []}, (
        "Unknown words: correct them, or add them to docs/welsh/spelling-allow.csv with a reason"
    )


def test_every_allow_list_entry_is_still_needed_and_has_a_reason(catalogue):
    _words, unknown = catalogue
    for language, entries in spelling.allowed().items():
        needed = {word.lower() for word in unknown[language]}
        assert sorted(set(entries) - needed) == [], f"{language}: remove these entries"
        assert all(reason.strip() for reason in entries.values())


def test_the_check_catches_a_misspelling_in_each_language(dictionaries):
    found = spelling.misspelt(
        {"cy": ["Gorffenaf", "Gorffennaf", "gwasanaeth"], "en": ["recieve", "organisation"]}
    )

    assert found == {"cy": ["Gorffenaf"], "en": ["recieve"]}


def test_placeholders_markup_addresses_and_codes_are_not_words():
    text = 'Rhowch %(name)s <a href="https://x.cymru">yma</a>, enw@example.com, API, ETag, page=2'

    assert spelling.words_of(text, "cy") == ["Rhowch", "yma"]


def test_welsh_clitics_are_split_off():
    assert spelling.words_of("enwau'r gwasanaethau’n â'ch", "cy") == ["enwau", "gwasanaethau"]
