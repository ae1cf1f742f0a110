"""Welsh proofing of the catalogues: missing mutations and terms the glossary rules out.

Reads docs/welsh/terminology.csv (its `avoid` column) and docs/welsh/proofing-allow.csv (text
that may be flagged but is right, each with a reason). Apostrophes are normalised first. Run by
porth/core/tests/test_welsh_proofing.py in `make test`. The mutation rules are the
high-confidence ones only: a soft-mutating preposition before p/t/c/m/ll/rh or a capitalised
"Gw"; gyda/â/tua before p/t/c; "yn" before a capitalised P/T/C name (yn Cyngor, yn Porth).
"""

import csv
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

from .welsh import TRIGGERS

DOCS = Path(settings.BASE_DIR) / "docs" / "welsh"
TERMINOLOGY = DOCS / "terminology.csv"
ALLOW_LIST = DOCS / "proofing-allow.csv"
# Pronouns and fixed phrases that do not mutate after these words ("i mewn", "i chi", "i ti").
NEVER_MUTATE = {"ti", "chi", "nhw", "ni", "fi", "mi", "hi", "ef", "fe", "e", "mewn", "pan"}
_TOKEN = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|\d[\d,.]*|[^\W\d_][\w'-]*", re.UNICODE)
_UNMUTABLE = ("ch", "th", "ph", "dd", "ff", "ng")
_INITIAL = {"Ar", "Am", "At", "I", "O", "Gan", "Heb", "Drwy", "Trwy", "Wrth", "Gyda", "Yn"}


@dataclass(frozen=True)
class Finding:
    where: str
    text: str
    phrase: str
    problem: str


def normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def mutation_findings(text: str) -> list[str]:
    """Pairs such as "ar Porth" or "o Gwneud" where the second word should have mutated."""
    tokens = _TOKEN.findall(normalise(text))
    found = []
    for first, second in itertools.pairwise(tokens):
        lower = second.lower()
        if not second[:1].isalpha() or lower in NEVER_MUTATE or lower.startswith(_UNMUTABLE):
            continue
        # A capital "Hyd" is October, not "hyd"; sentence-initial triggers are the common ones.
        mutation = TRIGGERS.get(first) or (
            TRIGGERS.get(first.lower()) if first in _INITIAL else None
        )
        trigger = first.lower()
        if mutation == "soft" and trigger != "yn":
            if lower.startswith(("p", "t", "c", "m", "ll", "rh")) or second.startswith("Gw"):
                found.append(f"{first} {second}")
        elif (mutation == "aspirate" and lower.startswith(("p", "t", "c"))) or (
            trigger == "yn" and second[:1] in "PTC"
        ):
            found.append(f"{first} {second}")
    return found


def avoided_terms() -> dict[str, str]:
    """Each form the terminology file rules out, with the term to use instead."""
    with TERMINOLOGY.open(encoding="utf-8") as handle:
        return {
            normalise(form): row["welsh"]
            for row in csv.DictReader(handle)
            for form in row["avoid"].split("|")
            if form
        }


def allowed() -> set[str]:
    with ALLOW_LIST.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing = [row["text"] for row in rows if not row["reason"].strip()]
    if missing:
        raise ValueError(f"allow-list entries without a reason: {missing}")
    return {normalise(row["text"]) for row in rows}


def check_text(text: str, where: str, avoid: dict[str, str], allow: set[str]) -> list[Finding]:
    found = [
        Finding(where, text, pair, f"missing mutation: {pair}") for pair in mutation_findings(text)
    ]
    normal = normalise(text)
    for form, instead in avoid.items():
        # As written, or capitalised at the start of a sentence; "i'r Gymraeg" is not "i'r gymraeg".
        for variant in {form, form[:1].upper() + form[1:]}:
            if re.search(rf"(?<![\w]){re.escape(variant)}(?![\w])", normal):
                found.append(Finding(where, text, form, f"'{form}': use '{instead}'"))
                break
    return [finding for finding in found if finding.phrase not in allow]


def catalogue_texts() -> Iterator[tuple[str, str]]:
    base = Path(settings.BASE_DIR)
    paths = [*sorted(base.glob("porth/*/locale/cy/LC_MESSAGES/django.po"))]
    paths.append(base / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    for path in paths:
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text:
                    yield f"{path.relative_to(base)}: {entry.msgid[:60]}", text


def proof_catalogues() -> list[Finding]:
    avoid, allow = avoided_terms(), allowed()
    return [
        finding
        for where, text in catalogue_texts()
        for finding in check_text(text, where, avoid, allow)
    ]
