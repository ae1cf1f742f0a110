"""Welsh for the messages our dependencies show but have not translated themselves.

Wagtail ships a Welsh catalogue, but it covers only about a sixth of its admin, so an editor who
works in Welsh would meet mostly English screens; Django's own Welsh also lacks some messages a
visitor meets (password rules, "%(num)d minutes" in "3 minutes ago", some form errors). We keep
the missing translations in the project catalogue under `locale/cy/LC_MESSAGES/` (LOCALE_PATHS),
which Django consults for every app and also for Wagtail's JavaScript catalogue
(`JavaScriptCatalog(packages=["wagtail.admin"])` reads LOCALE_PATHS too, which an app catalogue
would not reach).

The catalogue holds only what upstream lacks: whatever a package translates itself stays theirs,
so an upgrade that improves their Welsh is used as soon as it arrives. `gaps()` works out what is
missing from the installed packages, and `manage.py update_upstream_welsh` merges it into our
files; a test fails when an upgrade brings strings nobody has translated yet. django-allauth has
no Welsh at all and most of it is unused here, so its messages are translated where we use them,
in the accounts app's catalogue.
"""

from collections.abc import Iterable
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings

DOMAINS = ("django", "djangojs")
# Apps whose messages people meet: Wagtail's own apps, wagtail-localize, the CMS's tags widget,
# and Django's contrib apps (password rules, humanised numbers, the admin Wagtail borrows from).
PACKAGE_PREFIXES = ("wagtail", "taggit", "django.contrib.")
# Installed but not routed (config/urls.py serves no Django admin), so nobody meets its messages.
UNSEEN_APPS = {"django.contrib.admin"}
WELSH_PLURAL_FORMS = "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"

Key = tuple[str | None, str]

# Upstream Welsh that is wrong, corrected here (LOCALE_PATHS outranks every package). Django's
# Welsh spells July "Gorffenaf"; it is "Gorffennaf" (issue 12: 1,822 pages showed the typo).
# A test fails once upstream fixes one, so the entry can go.
CORRECTIONS: dict[str, dict[Key, str]] = {
    "django": {
        (None, "July"): "Gorffennaf",
        ("alt. month", "July"): "Gorffennaf",
    },
    "djangojs": {},
}


def catalogue_path(domain: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / f"{domain}.po"


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _is_translated(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(v.strip() for v in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def _package_locale_dirs() -> list[Path]:
    """Django's own messages (form errors, dates, "3 minutes ago"), then each installed app's."""
    return [
        Path(django.__file__).parent / "conf" / "locale",
        *(
            Path(config.path) / "locale"
            for config in apps.get_app_configs()
            if config.name.startswith(PACKAGE_PREFIXES)
            and config.name not in UNSEEN_APPS
            and (Path(config.path) / "locale").is_dir()
        ),
    ]


def _entries(path: Path) -> Iterable[polib.POEntry]:
    if not path.exists():
        return []
    return [entry for entry in polib.pofile(str(path)) if entry.msgid and not entry.obsolete]


def our_apps_translate(domain: str) -> set[Key]:
    """Messages our own apps translate already (allauth's password rules, say). The project
    catalogue outranks the apps' ones, so holding them here too could only change their Welsh."""
    return {
        _key(entry)
        for path in Path(settings.BASE_DIR).glob(f"porth/*/locale/cy/LC_MESSAGES/{domain}.po")
        for entry in _entries(path)
        if _is_translated(entry)
    }


def gaps(domain: str) -> dict[Key, polib.POEntry]:
    """Each English message of the installed packages that neither their Welsh nor our apps'
    catalogues translate."""
    missing: dict[Key, polib.POEntry] = {}
    covered = our_apps_translate(domain)
    for locale_dir in _package_locale_dirs():
        english = _entries(locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po")
        welsh = covered | {
            _key(entry)
            for entry in _entries(locale_dir / "cy" / "LC_MESSAGES" / f"{domain}.po")
            if _is_translated(entry)
        }
        for entry in english:
            if _key(entry) not in welsh:
                missing.setdefault(_key(entry), entry)
    return missing


def _blank_catalogue() -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=100)
    catalogue.metadata = {
        "Project-Id-Version": "Porth: Welsh for messages upstream has not translated",
        "Language": "cy",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": WELSH_PLURAL_FORMS,
    }
    return catalogue


def upstream_welsh(domain: str, key: Key) -> str | None:
    """What the installed packages' own Welsh says for `key`, if anything."""
    for locale_dir in _package_locale_dirs():
        for entry in _entries(locale_dir / "cy" / "LC_MESSAGES" / f"{domain}.po"):
            if _key(entry) == key and _is_translated(entry):
                return entry.msgstr
    return None


def update(domain: str) -> tuple[int, int]:
    """Bring our catalogue for `domain` in line with today's gaps: keep every translation we
    have, add new gaps, drop what upstream or our apps now cover.
    Returns (messages, still untranslated)."""
    path = catalogue_path(domain)
    existing = {_key(entry): entry for entry in _entries(path)}
    catalogue = _blank_catalogue()
    corrections = {
        key: polib.POEntry(msgctxt=key[0], msgid=key[1]) for key in CORRECTIONS.get(domain, {})
    }
    wanted = {**gaps(domain), **corrections}
    by_english = sorted(wanted.items(), key=lambda item: (item[0][1], item[0][0] or ""))
    for key, source in by_english:
        kept = existing.get(key)
        if key in corrections:
            catalogue.append(
                polib.POEntry(msgctxt=key[0], msgid=key[1], msgstr=CORRECTIONS[domain][key])
            )
            continue
        entry = polib.POEntry(msgctxt=source.msgctxt, msgid=source.msgid)
        if source.msgid_plural:
            entry.msgid_plural = source.msgid_plural
            previous = kept.msgstr_plural if kept is not None else {}
            entry.msgstr_plural = {form: previous.get(form, "") for form in range(4)}
        else:
            entry.msgstr = kept.msgstr if kept is not None else ""
        entry.flags = [flag for flag in source.flags if flag.endswith("-format")]
        catalogue.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    untranslated = sum(1 for entry in catalogue if not _is_translated(entry))
    return len(catalogue), untranslated
