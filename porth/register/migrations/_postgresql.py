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


class AddFieldOnOtherDatabases(migrations.AddField):
    """`AddField` whose column PostgreSQL already has (made by raw SQL in an earlier migration):
    only the model state learns of the field there, so the table is not rewritten; other
    databases get the column."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor != "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor != "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
