"""A short, names-only search text for trigram matching, which is slow on whole descriptions.

On PostgreSQL the trigram index moves from `search_document` to `search_names`.
"""

from django.db import migrations, models

from porth.register.models.service import fold_for_search

from ._postgresql import on_postgresql

FORWARD = [
    "DROP INDEX IF EXISTS register_service_search_trgm",
    "CREATE INDEX IF NOT EXISTS register_service_names_trgm ON register_service "
    "USING gin (search_names gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS register_service_names_trgm",
    "CREATE INDEX IF NOT EXISTS register_service_search_trgm ON register_service "
    "USING gin (search_document gin_trgm_ops)",
]


def fill_search_names(apps, schema_editor):
    Service = apps.get_model("register", "Service")
    batch = []
    for service in Service.objects.only("public_id", "name_en", "name_cy").iterator(2000):
        service.search_names = fold_for_search(
            " ".join([service.public_id, service.name_en, service.name_cy])
        )
        batch.append(service)
        if len(batch) == 2000:
            Service.objects.bulk_update(batch, ["search_names"])
            batch = []
    Service.objects.bulk_update(batch, ["search_names"])


class Migration(migrations.Migration):
    dependencies = [("register", "0003_postgres_search")]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_names",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        on_postgresql(FORWARD, BACKWARD),
    ]
