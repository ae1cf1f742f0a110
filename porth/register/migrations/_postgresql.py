"""Shared by the register's migrations that only PostgreSQL runs (search indexes and columns).

The name starts with an underscore, so Django's migration loader does not take it for a
migration.
"""

from django.db import migrations


def on_postgresql(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """An operation that runs the SQL statements on PostgreSQL and does nothing elsewhere."""

    def run(statements: list[str]):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for statement in statements:
                schema_editor.execute(statement)

        return operation

    return migrations.RunPython(run(forward), run(backward))
