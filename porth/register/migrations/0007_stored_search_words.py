"""The search texts' words, worked out and stored by PostgreSQL, for register search (ADR 0014).

- `search_document_vector`: the words of `search_document`. Searches used to match an index on
  an expression that parsed the text, so every row PostgreSQL checked outside that index (a
  search within an area, say) was parsed again: 50 ms for a common word in one area at 100,000
  services. Matching a stored column costs next to nothing per row. Its GIN index replaces the
  expression index of migration 0003.
- `search_names_vector`: the words of `search_names`. A search lists services whose names
  contain every word first, and on a large register a common word matches tens of thousands of
  them; the indexes below walk the names in order and carry their words, so the first page of
  that group is read from the index alone, never the wide service rows.

Both are stripped of word positions, which nothing uses, to keep the rows narrow. The columns
are PostgreSQL's own: Django's model does not know them (it never writes them) and
`porth.register.queries.StoredWordsMatch` read them (until migration 0008 declared them on the
model, ADR 0029). Nothing happens on other databases.
"""

from django.db import migrations

from ._postgresql import on_postgresql

STORED_WORDS = (
    "ALTER TABLE register_service ADD COLUMN IF NOT EXISTS {field}_vector tsvector "
    "GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, COALESCE({field}, '')))) STORED"
)
FORWARD = [
    STORED_WORDS.format(field="search_document"),
    STORED_WORDS.format(field="search_names"),
    "CREATE INDEX IF NOT EXISTS register_service_document_words ON register_service "
    "USING gin (search_document_vector)",
    "DROP INDEX IF EXISTS register_service_search_fts",
    "CREATE INDEX IF NOT EXISTS register_service_name_en_words ON register_service "
    "(is_retired, name_en, id) INCLUDE (search_names_vector)",
    "CREATE INDEX IF NOT EXISTS register_service_name_cy_words ON register_service "
    "(is_retired, name_cy, id) INCLUDE (search_names_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS register_service_name_cy_words",
    "DROP INDEX IF EXISTS register_service_name_en_words",
    "CREATE INDEX IF NOT EXISTS register_service_search_fts ON register_service "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))",
    "DROP INDEX IF EXISTS register_service_document_words",
    "ALTER TABLE register_service DROP COLUMN IF EXISTS search_names_vector",
    "ALTER TABLE register_service DROP COLUMN IF EXISTS search_document_vector",
]


class Migration(migrations.Migration):
    dependencies = [("register", "0006_register_performance_indexes")]

    operations = [on_postgresql(FORWARD, BACKWARD)]
