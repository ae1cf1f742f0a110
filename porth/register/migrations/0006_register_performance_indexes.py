"""Indexes for the register's speed targets on PostgreSQL (docs/adr/0014-register-performance.md).

- `register_service_names_gist`: a GiST trigram index on `search_names`, so "similar services"
  reads the nearest names first (`ORDER BY search_names <->> name LIMIT n`) instead of scoring
  every alike name in the area (thousands on a large register).
- `register_service_filters`: the columns the register filters on (and the id, which the
  channel and user filters join on), so counting a filtered list reads this small index instead
  of the wide service rows (hundreds of bytes each, with both descriptions).

Those two are PostgreSQL's own and nothing happens on other databases. On every database:

- `register_service_area_en` / `_cy`: current services of an area in name order, which
  "similar services" tops its list up with (it used to walk the whole register in name order
  to find 20 services of a small area).
"""

from django.db import migrations, models

from ._postgresql import on_postgresql

FORWARD = [
    "CREATE INDEX IF NOT EXISTS register_service_names_gist ON register_service "
    "USING gist (search_names gist_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS register_service_filters ON register_service "
    "(is_retired, service_area_id, phase, welsh_availability, organisation_id) INCLUDE (id)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS register_service_filters",
    "DROP INDEX IF EXISTS register_service_names_gist",
]


class Migration(migrations.Migration):
    dependencies = [("register", "0005_spreadsheet_imports")]

    operations = [
        migrations.AddIndex(
            model_name="service",
            index=models.Index(
                fields=["is_retired", "service_area", "name_en"], name="register_service_area_en"
            ),
        ),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(
                fields=["is_retired", "service_area", "name_cy"], name="register_service_area_cy"
            ),
        ),
        on_postgresql(FORWARD, BACKWARD),
    ]
