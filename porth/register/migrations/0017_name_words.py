"""The dictionary of the words of service names, for correcting typing slips (ADR 0061).

On every database: the `NameWord` table. On PostgreSQL only:

- `register_name_words_add_inserted()`, a statement trigger after every INSERT on the service
  table: adds the words of the new names, read from the stored words (`search_names_vector`)
  of all the inserted rows at once, so a `bulk_create` of 10,000 services costs one statement.
- `register_name_words_add_renamed()`, a row trigger after an UPDATE that changes
  `search_names` (a statement trigger cannot both see the changed rows and be limited to one
  column): a bulk update of figures or phases never fires it.
- The words already in the register, filled once (about 1.5 s at 100,000 services).
- A GIN trigram index on the word, so the words alike a typed one, and the words starting with
  it, are found without reading the whole dictionary.

Only words of three or more characters without digits are kept (service IDs and the " (2)" of
a repeated name are not words to correct a slip to).
"""

from django.db import migrations, models

from ._postgresql import on_postgresql

KEPT = "word !~ '[0-9]' AND length(word) BETWEEN 3 AND 255"

FORWARD = [
    f"""
    CREATE FUNCTION register_name_words_add_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO register_nameword (word)
        SELECT DISTINCT word FROM inserted, unnest(tsvector_to_array(inserted.search_names_vector))
            AS word
        WHERE {KEPT}
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE FUNCTION register_name_words_add_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO register_nameword (word)
        SELECT DISTINCT word FROM unnest(tsvector_to_array(NEW.search_names_vector)) AS word
        WHERE {KEPT}
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER register_service_name_words_inserted AFTER INSERT ON register_service "
    "REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT "
    "EXECUTE FUNCTION register_name_words_add_inserted()",
    "CREATE TRIGGER register_service_name_words_renamed AFTER UPDATE OF search_names "
    "ON register_service FOR EACH ROW "
    "WHEN (OLD.search_names IS DISTINCT FROM NEW.search_names) "
    "EXECUTE FUNCTION register_name_words_add_renamed()",
    f"""
    INSERT INTO register_nameword (word)
    SELECT DISTINCT word FROM register_service,
        unnest(tsvector_to_array(register_service.search_names_vector)) AS word
    WHERE {KEPT}
    ON CONFLICT DO NOTHING
    """,
    "CREATE INDEX IF NOT EXISTS register_nameword_trigrams ON register_nameword "
    "USING gin (word gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS register_nameword_trigrams",
    "DROP TRIGGER IF EXISTS register_service_name_words_renamed ON register_service",
    "DROP TRIGGER IF EXISTS register_service_name_words_inserted ON register_service",
    "DROP FUNCTION IF EXISTS register_name_words_add_renamed()",
    "DROP FUNCTION IF EXISTS register_name_words_add_inserted()",
]


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0016_import_mapping_several_bodies_and_phase_date_given"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[
                ("word", models.CharField(max_length=255, primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "word of a service name",
                "verbose_name_plural": "words of service names",
            },
        ),
        on_postgresql(FORWARD, BACKWARD),
    ]
