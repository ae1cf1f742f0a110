"""Safety net: every Welsh catalogue is complete, and what Django loads is what we wrote.

Each app keeps its own catalogue under porth/<app>/locale (docs/adr/0003-bilingual-storage.md);
this finds them all, so a new app is checked the moment it adds one.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

WELSH_PLURAL_FORMS = "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def welsh_catalogues() -> list[Path]:
    base = Path(settings.BASE_DIR)
    found = [
        *base.glob("porth/*/locale/cy/LC_MESSAGES/*.po"),
        *base.glob("locale/cy/LC_MESSAGES/*.po"),
    ]
    return sorted(path for path in found if not {".venv", "node_modules"} & set(path.parts))


CATALOGUES = welsh_catalogues()


def ids(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR))


def entries(path: Path) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def test_the_core_catalogue_is_among_those_checked():
    assert Path(settings.BASE_DIR, "porth/core/locale/cy/LC_MESSAGES/django.po") in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_every_message_has_a_welsh_translation(path):
    untranslated = [
        entry.msgid
        for entry in entries(path)
        if (not entry.msgid_plural and not entry.msgstr.strip())
    ]
    assert untranslated == []


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_no_translation_is_marked_fuzzy(path):
    catalogue = polib.pofile(str(path))

    assert not catalogue.metadata_is_fuzzy, "remove '#, fuzzy' from the header"
    assert [entry.msgid for entry in entries(path) if "fuzzy" in entry.flags] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_the_catalogue_uses_the_four_welsh_plural_forms(path):
    header = polib.pofile(str(path)).metadata.get("Plural-Forms", "")

    assert " ".join(header.split()).rstrip(";") == WELSH_PLURAL_FORMS.rstrip(";")


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_every_plural_message_fills_all_four_welsh_forms(path):
    incomplete = [
        entry.msgid
        for entry in entries(path)
        if entry.msgid_plural
        and not all(entry.msgstr_plural.get(form, "").strip() for form in range(4))
    ]
    assert incomplete == []


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_every_translation_keeps_the_placeholders_of_its_english(path):
    mismatched = []
    for entry in entries(path):
        english = sorted(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        welsh = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for text in welsh:
            if not text.strip():
                continue  # reported as untranslated
            found = sorted(PLACEHOLDER.findall(text))
            # A Welsh form may leave out the number ("un dudalen"), never add or rename one.
            if not set(found) <= set(english) or (not entry.msgid_plural and found != english):
                mismatched.append(entry.msgid)
    assert mismatched == []


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_no_sentence_is_left_in_english(path):
    """Identical text is fine for a name or code ("CSV"), never for a phrase of three words."""
    left_in_english = [
        entry.msgid
        for entry in entries(path)
        if not entry.msgid_plural
        and len(re.findall(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)[sd]", "", entry.msgid))) >= 3
        and entry.msgstr.strip() == entry.msgid.strip()
    ]
    assert left_in_english == []


def test_the_compiled_welsh_catalogue_is_what_django_uses():
    with translation.override("cy"):
        assert translation.gettext("Skip to main content") == "Neidio i'r prif gynnwys"
        assert translation.gettext("Home") == "Hafan"  # Django's admin catalogue says "Adref"
        assert translation.gettext("Sort by") == "Trefnu yn ôl"  # Wagtail's says "Trefnu un ôl"


def test_the_compiled_core_catalogue_picks_plural_forms_by_the_welsh_rule():
    compiled = Path(settings.BASE_DIR, "porth/core/locale/cy/LC_MESSAGES/django.mo")
    assert compiled.exists(), "run `make install` (compilemessages) first"

    with compiled.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)

    assert [catalogue.plural(n) for n in (1, 2, 3, 8, 11, 0, 100)] == [0, 1, 2, 3, 3, 2, 2]
