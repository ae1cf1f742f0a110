"""A backup restores: pg_dump in custom format and the media, loaded into a fresh database,
with the same row counts and checksums of the key tables (docs/deploy.md, "Backup and
restore"). PostgreSQL only: the backup is pg_dump's."""

import io
import json
import shutil
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from porth.core import backups
from porth.organisations.tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="backups are pg_dump's: PostgreSQL only"
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
]


@pytest.fixture
def fresh_database():
    """An empty database beside the test one, dropped afterwards."""
    name = f"porth_restore_{uuid.uuid4().hex[:8]}"
    admin_url = backups.database_url().rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield backups.database_url().rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def local_media(settings, tmp_path):
    from django.core.files.storage import storages

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    storages._storages.clear()
    yield tmp_path / "media"
    storages._storages.clear()


def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_media(
    tmp_path, fresh_database, local_media
):
    OrganisationFactory(name_en="Cyngor Gwynedd")
    (local_media / "documents").mkdir(parents=True)
    (local_media / "documents" / "strategy.pdf").write_bytes(b"%PDF-1.7 strategy")
    backup = backups.back_up(folder=tmp_path / "backups")
    shutil.rmtree(local_media)

    out = io.StringIO()
    call_command(
        "restore",
        str(backup.dump),
        media=str(backup.media),
        database_url=fresh_database,
        stdout=out,
    )

    assert "match the backup" in out.getvalue()
    assert (local_media / "documents" / "strategy.pdf").read_bytes() == b"%PDF-1.7 strategy"
    restored = backups.figures(fresh_database, ["organisations_organisation"])
    assert restored["counts"]["organisations_organisation"] >= 1
    with psycopg.connect(fresh_database) as database:
        names = [
            row[0] for row in database.execute("SELECT name_en FROM organisations_organisation")
        ]
    assert "Cyngor Gwynedd" in names


def test_a_restore_that_differs_from_the_backup_fails(tmp_path, fresh_database, local_media):
    OrganisationFactory(name_en="Cyngor Gwynedd")
    backup = backups.back_up(folder=tmp_path / "backups")
    # A manifest that expects one more organisation than the dump holds.
    manifest = json.loads(backup.manifest.read_text())
    manifest["counts"]["organisations_organisation"] += 1
    backup.manifest.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="organisations_organisation"):
        call_command("restore", str(backup.dump), database_url=fresh_database, stdout=io.StringIO())
