"""Set-up the benchmarks share: Django, the database (made on PostgreSQL if it is missing), and
its migrations. Each bench script puts the repository on `sys.path` and calls this first."""


def prepare_database() -> None:
    """Start Django, create the PostgreSQL database named by DATABASE_URL if it does not exist
    (SQLite makes its own file), and bring it up to date."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        import psycopg

        name = connection.settings_dict["NAME"]
        with psycopg.connect(
            host=connection.settings_dict["HOST"] or "127.0.0.1",
            user=connection.settings_dict["USER"],
            dbname="postgres",
            autocommit=True,
        ) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
