"""The model declares the stored words of the search texts (ADR 0029).

PostgreSQL has had the columns since migration 0007, made by raw SQL with exactly the
expression `StoredWords` gives: there only Django's model state changes, so the 100,000-row
table is not rewritten again. Other databases (SQLite for tests and development) get columns
that hold NULL, so the model reads the same table everywhere.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import porth.register.expressions

from ._postgresql import AddFieldOnOtherDatabases


def stored_words(text_field: str) -> models.GeneratedField:
    return models.GeneratedField(
        db_persist=True,
        expression=porth.register.expressions.StoredWords(text_field),
        null=True,
        output_field=django.contrib.postgres.search.SearchVectorField(null=True),
    )


class Migration(migrations.Migration):
    dependencies = [("register", "0010_service_field_limits")]

    operations = [
        AddFieldOnOtherDatabases(
            model_name="service",
            name="search_document_vector",
            field=stored_words("search_document"),
        ),
        AddFieldOnOtherDatabases(
            model_name="service",
            name="search_names_vector",
            field=stored_words("search_names"),
        ),
    ]
