"""Indexes for register search on PostgreSQL; nothing happens on other databases.

The full-text index must use exactly the expression `porth.register.queries` searches with
(`SearchVector("search_document", config="simple")`) or PostgreSQL will not use it.
"""

from django.db import migrations

from ._postgresql import on_postgresql

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS register_service_search_fts ON register_service "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))",
    "CREATE INDEX IF NOT EXISTS register_service_search_trgm ON register_service "
    "USING gin (search_document gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS register_service_search_trgm",
    "DROP INDEX IF EXISTS register_service_search_fts",
]


class Migration(migrations.Migration):
    dependencies = [("register", "0002_reference_data")]

    operations = [on_postgresql(FORWARD, BACKWARD)]
