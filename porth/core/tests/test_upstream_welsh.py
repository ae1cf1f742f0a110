"""The CMS and Django's own messages are in Welsh where upstream has none (docs/adr/0015)."""

import datetime

import polib
import pytest
from django.utils import translation

from porth.core.upstream_welsh import (
    CORRECTIONS,
    DOMAINS,
    catalogue_path,
    gaps,
    our_apps_translate,
    upstream_welsh,
)


def translated_keys(domain: str) -> set[tuple[str | None, str]]:
    return {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(catalogue_path(domain)))
        if entry.translated() and not entry.obsolete
    }


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_wagtail_leaves_untranslated_has_our_welsh(domain):
    missing = sorted(msgid for _context, msgid in set(gaps(domain)) - translated_keys(domain))

    assert missing == [], "run `manage.py update_upstream_welsh` and translate what it adds"


def test_our_catalogue_carries_nothing_upstream_already_translates():
    """Upstream's Welsh wins when it exists, so an upgrade that improves it is used at once."""
    for domain in DOMAINS:
        assert translated_keys(domain) <= set(gaps(domain)) | set(CORRECTIONS[domain])


@pytest.mark.parametrize(
    ("domain", "key"), [(d, k) for d in DOMAINS for k in CORRECTIONS[d]], ids=str
)
def test_each_correction_of_upstream_welsh_is_still_needed_and_kept(domain, key):
    """Drop a correction once upstream fixes it; until then our catalogue must carry it."""
    assert upstream_welsh(domain, key) not in (None, CORRECTIONS[domain][key])
    entries = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(catalogue_path(domain)))}
    assert entries[key] == CORRECTIONS[domain][key]


def test_july_is_spelt_gorffennaf_not_djangos_gorffenaf():
    month, context = "July", "alt. month"  # names keep makemessages from collecting them
    with translation.override("cy"):
        assert translation.gettext(month) == "Gorffennaf"
        assert translation.pgettext(context, month) == "Gorffennaf"
        from django.utils.formats import date_format

        assert date_format(datetime.date(2026, 7, 25)) == "25 Gorffennaf 2026"


def test_cms_words_read_the_same_as_on_the_public_site():
    with translation.override("cy"):
        # Through a name, so makemessages does not copy a test's word into a catalogue.
        word = "Dashboard"
        assert translation.gettext(word) == "Dangosfwrdd"
        assert translation.gettext("Sort by") == "Trefnu yn ôl"


@pytest.mark.django_db
def test_the_cms_dashboard_is_in_welsh(admin_client):
    admin_client.cookies["porth_language"] = "cy"

    response = admin_client.get("/cms/")

    assert response.status_code == 200
    assert '<html lang="cy"' in response.text
    assert "Dangosfwrdd" in response.text


@pytest.mark.django_db
def test_the_cms_javascript_catalogue_carries_our_welsh(admin_client):
    admin_client.cookies["porth_language"] = "cy"
    welsh = {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(catalogue_path("djangojs")))
        if entry.translated() and not entry.msgid_plural
    }
    _english, expected = sorted(welsh.items())[0]

    response = admin_client.get("/cms/jsi18n/")

    assert response.status_code == 200
    assert expected.encode("unicode_escape").decode() in response.text or expected in response.text


def test_nothingour_apps_translate_is_held_here_too():
    """The project catalogue outranks the apps' ones, so a second copy here would silently change
    the public site's Welsh (it once did, for allauth's password rule)."""
    assert translated_keys("django") & our_apps_translate("django") == set()


def test_password_rules_and_time_spans_are_in_welsh():
    from django.contrib.auth.password_validation import NumericPasswordValidator
    from django.utils.timesince import timesince

    with translation.override("cy"):
        rule = NumericPasswordValidator().get_help_text()
        span = timesince(
            datetime.datetime(2026, 11, 26, 10, 0), datetime.datetime(2026, 11, 26, 10, 3)
        )

    assert rule != "Your password can’t be entirely numeric."
    assert span == "3\xa0munud"
