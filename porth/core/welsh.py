"""Welsh initial mutations, for the few places a name must be slotted into a Welsh sentence.

Prefer writing the sentence so no mutation is needed ("Hunanasesiadau: %(name)s"); see
docs/welsh-names-in-sentences.md for which to use when. `after("ar", "Porth")` gives
"ar Borth"; `radical_forms("dreth")` gives the words "dreth" may be a mutation of, for search.
"""

from typing import Literal

Mutation = Literal["soft", "nasal", "aspirate"]

# Radical initial -> mutated initial. Digraphs first so "ll" is not read as "l".
SOFT = {"ll": "l", "rh": "r", "p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
TABLES: dict[str, dict[str, str]] = {"soft": SOFT, "nasal": NASAL, "aspirate": ASPIRATE}

# Words that trigger a mutation of the next word, where the rule is certain enough to check.
TRIGGERS: dict[str, Mutation] = {
    **dict.fromkeys(
        ["ar", "am", "at", "i", "o", "gan", "heb", "dros", "drwy", "trwy", "wrth", "hyd", "dan"],
        "soft",
    ),
    **dict.fromkeys(["gyda", "â", "tua", "efo"], "aspirate"),
    "yn": "nasal",  # the preposition "in"; before a proper name it is always the preposition
}
# Initials that never mutate whatever comes before: "ch", "ph", "th", "dd", "ff", "ng".
_UNMUTABLE = ("ch", "ph", "th", "dd", "ff", "ng")


def _split(word: str) -> tuple[str, str] | None:
    lower = word.lower()
    if lower.startswith(_UNMUTABLE):
        return None
    for initial in ("ll", "rh", "p", "t", "c", "b", "d", "g", "m"):
        if lower.startswith(initial):
            return initial, word[len(initial) :]
    return None


def keeps_radical(word: str) -> bool:
    """Names that never mutate: codes and acronyms (GIG, CDPS), numbers, empty strings."""
    return not word or not word[0].isalpha() or (len(word) > 1 and word.isupper())


def mutate(word: str, mutation: Mutation) -> str:
    """`word` with its initial mutated, keeping a capital: mutate("Porth", "nasal") == "Mhorth"."""
    if keeps_radical(word):
        return word
    parts = _split(word)
    if parts is None or parts[0] not in TABLES[mutation]:
        return word
    initial, rest = parts
    new = TABLES[mutation][initial]
    if word[0].isupper():
        return (new[:1].upper() + new[1:] + rest) if new else rest[:1].upper() + rest[1:]
    return new + rest


def after(trigger: str, name: str) -> str:
    """The phrase `trigger name`, mutated as Welsh needs: after("yn", "Cyngor Caerdydd") ==
    "yng Nghyngor Caerdydd". Only the first word of a name mutates."""
    first, _, rest = name.partition(" ")
    mutation = TRIGGERS.get(trigger.lower())
    mutated = mutate(first, mutation) if mutation else first
    word = trigger
    if trigger.lower() == "yn" and mutated != first:
        lower = mutated.lower()
        word = "ym" if lower.startswith("m") else "yng" if lower.startswith("ng") else "yn"
        word = word.capitalize() if trigger[0].isupper() else word
    return " ".join(part for part in (word, mutated, rest) if part)


def radical_forms(word: str) -> set[str]:
    """Every radical `word` could be a mutation of, itself included (lower case), for search:
    radical_forms("nhreth") == {"nhreth", "treth"}."""
    lower = word.lower()
    forms = {lower}
    for table in TABLES.values():
        for radical, mutated in table.items():
            if mutated and lower.startswith(mutated) and len(lower) > len(mutated):
                forms.add(radical + lower[len(mutated) :])
    # Soft mutation drops g: any word starting with a vowel, "l", "r" or "w" may have lost one.
    if lower[:1] in set("aeiouwylr"):
        forms.add("g" + lower)
    return forms
