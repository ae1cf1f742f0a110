"""Spelling of the interface text: every Welsh message (msgstr) and every English one (msgid) in
our catalogues, checked with hunspell dictionaries (ADR 0057).

The dictionaries come from npm at install time (`dictionary-cy`, generated from Bangor
University's techiaith/hunspell-cy, and `dictionary-en-gb`), read by nspell in
`frontend/spellcheck.mjs`: nothing is downloaded when the check runs. Words the dictionaries
do not know but that are right (product words such as *mewngludo*, codes a file contains,
correct forms hunspell-cy lacks) are listed in docs/welsh/spelling-allow.csv, each with a
reason. Run by porth/core/tests/test_spelling.py.
"""

import csv
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import polib
from django.conf import settings

BASE = Path(settings.BASE_DIR)
ALLOW_LIST = BASE / "docs" / "welsh" / "spelling-allow.csv"
SCRIPT = BASE / "frontend" / "spellcheck.mjs"
DICTIONARIES = [BASE / "node_modules" / name for name in ("dictionary-cy", "dictionary-en-gb")]

# Placeholders, markup, addresses, file names and query strings are not words of either language.
_NOT_WORDS = re.compile(
    r"%\([a-z_0-9]+\)[sdf]|%[sd]|\{[a-z_0-9]*\}|<[^>]+>|&[a-z#0-9]+;|https?://\S+|www\.\S+"
    r"|\S+@\S+|\S+=\S+|\b[\w.-]+\.(?:csv|json|xlsx|txt|xml|ics)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# What Welsh joins to a word with an apostrophe: "enwau'r", "i'w", "a'ch", "â'i".
_WELSH_CLITICS = {"r", "n", "i", "w", "ch", "m", "u", "th", "s", "ti", "ni", "ei"}


def _is_code(word: str) -> bool:
    """Acronyms and names written like code: API, GSS, ETag, OpenAPI, iCalendar."""
    return len(word) > 1 and (word.isupper() or any(c.isupper() for c in word[1:]))


def words_of(text: str, language: str) -> list[str]:
    """The words to look up, apostrophes normalised; Welsh clitics split off."""
    text = _NOT_WORDS.sub(" ", text.replace("’", "'").replace("‘", "'"))
    found = []
    for word in _WORD.findall(text):
        if len(word) < 2 or _is_code(word):
            continue
        if language == "cy":
            found.extend(part for part in word.split("'") if part.lower() not in _WELSH_CLITICS)
        else:
            found.append(word.removesuffix("'s"))
    return [word for word in found if len(word) > 1]


def catalogue_words() -> dict[str, Counter]:
    """How often each word appears in our catalogues: Welsh msgstrs and English msgids."""
    counts = {"cy": Counter(), "en": Counter()}
    for path in sorted(BASE.glob("porth/*/locale/cy/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            welsh = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
            for text in welsh:
                counts["cy"].update(words_of(text, "cy"))
            for text in (entry.msgid, entry.msgid_plural):
                counts["en"].update(words_of(text or "", "en"))
    return counts


def unknown_words(words: dict[str, list[str]]) -> dict[str, set[str]]:
    """The words hunspell does not know, per language. A hyphenated word passes if the whole
    or each of its parts is known ("self-assessment", "e-bost")."""
    asked = {
        language: sorted({w for word in listed for w in (word, *word.split("-"))})
        for language, listed in words.items()
    }
    answer = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(asked),
        capture_output=True,
        text=True,
        check=True,
        cwd=BASE,
    )
    unknown = {language: set(listed) for language, listed in json.loads(answer.stdout).items()}
    return {
        language: {
            word
            for word in listed
            if word in unknown[language]
            and ("-" not in word or any(part in unknown[language] for part in word.split("-")))
        }
        for language, listed in words.items()
    }


def allowed() -> dict[str, dict[str, str]]:
    """The reviewed allow-list: language -> lower-case word -> why it is right."""
    listed: dict[str, dict[str, str]] = {"cy": {}, "en": {}}
    with ALLOW_LIST.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            listed[row["language"]][row["word"].lower()] = row["reason"]
    return listed


def misspelt(words: dict[str, list[str]]) -> dict[str, list[str]]:
    """Words neither dictionary nor allow-list accepts, per language, sorted."""
    allow = allowed()
    return {
        language: sorted(w for w in found if w.lower() not in allow[language])
        for language, found in unknown_words(words).items()
    }
