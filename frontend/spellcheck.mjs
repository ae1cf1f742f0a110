// Spell-checks words with hunspell dictionaries from npm (dictionary-cy: Bangor University's
// techiaith/hunspell-cy; dictionary-en-gb), through nspell. Offline: the dictionaries come with
// `npm ci`. Reads {"cy": [words], "en": [words]} on stdin; prints the unknown words the same way.
// Called by porth/core/tests/test_spelling.py (ADR 0057).
import { readFileSync } from "node:fs";
import nspell from "nspell";
import cy from "dictionary-cy";
import en from "dictionary-en-gb";

const DICTIONARIES = { cy, en };

function checker(language) {
  return nspell(DICTIONARIES[language]);
}

const words = JSON.parse(readFileSync(0, "utf8"));
const unknown = {};
for (const [language, list] of Object.entries(words)) {
  const spell = checker(language);
  unknown[language] = list.filter((word) => !spell.correct(word));
}
process.stdout.write(JSON.stringify(unknown));
