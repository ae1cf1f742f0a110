"""Backing up and restoring Porth: PostgreSQL with `pg_dump` in custom format, and the media.

`manage.py backup` writes three files to a folder:

- `porth-<time>.dump`: `pg_dump --format=custom` of the whole database;
- `porth-<time>-media.tar.gz`: the media folder, when media are local files (on S3-compatible
  storage the bucket's own versioning and replication keep them: docs/deploy.md);
- `porth-<time>.json`: row counts of every table and checksums of the key tables, so a restore
  can prove it brought back what was saved.

`manage.py restore` loads a dump into a database (a fresh one, or the configured one with
`--clean`), unpacks the media, and compares the counts and checksums. Core knows no domain
app: the key tables are named by `BACKUP_CHECKSUM_TABLES`, as table names.
"""

import datetime
import json
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

DEFAULT_CHECKSUM_TABLES = [
    "organisations_organisation",
    "accounts_user",
    "register_service",
    "register_metricvalue",
    "wagtailcore_page",
    "core_auditentry",
]


class BackupFailed(Exception):
    """pg_dump or pg_restore refused; the message is theirs."""


@dataclass
class Backup:
    dump: Path
    media: Path | None
    manifest: Path


def checksum_tables() -> list[str]:
    return list(getattr(settings, "BACKUP_CHECKSUM_TABLES", DEFAULT_CHECKSUM_TABLES))


def database_url(database: dict[str, Any] | None = None) -> str:
    """A libpq URL for Django's database settings, for pg_dump and pg_restore."""
    values = database or settings.DATABASES["default"]
    if "postgresql" not in values["ENGINE"]:
        raise BackupFailed("Backups use pg_dump, so they need PostgreSQL (DATABASE_URL).")
    user = values.get("USER") or ""
    password = f":{values['PASSWORD']}" if values.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    port = f":{values['PORT']}" if values.get("PORT") else ""
    return f"postgresql://{credentials}{values.get('HOST') or 'localhost'}{port}/{values['NAME']}"


def figures(url: str, tables: list[str]) -> dict[str, Any]:
    """Row counts of every table in the public schema, and an order-independent checksum of
    each of `tables` (the md5 of every row's text, sorted)."""
    counts: dict[str, int] = {}
    sums: dict[str, str] = {}
    with psycopg.connect(url) as database, database.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        names = [row[0] for row in cursor.fetchall()]
        for name in names:
            cursor.execute(f'SELECT count(*) FROM "{name}"')
            counts[name] = cursor.fetchone()[0]
        for name in tables:
            if name in counts:
                cursor.execute(
                    "SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), ''))"
                    f' FROM "{name}" t'
                )
                sums[name] = cursor.fetchone()[0]
    return {"counts": counts, "checksums": sums}


def _run(command: list[str]) -> None:
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BackupFailed(finished.stderr.strip() or f"{command[0]} failed")


def _local_media() -> Path | None:
    """The media folder when media are local files; None on object storage."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def back_up(*, folder: Path) -> Backup:
    """Dump the database and pack the media into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    url = database_url()
    dump = folder / f"porth-{stamp}.dump"
    manifest = folder / f"porth-{stamp}.json"
    connection.close()  # the dump sees what is committed, from its own connection
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", url])
    media = None
    media_root = _local_media()
    if media_root is not None and media_root.exists():
        media = folder / f"porth-{stamp}-media.tar.gz"
        with tarfile.open(media, "w:gz") as archive:
            archive.add(media_root, arcname="media")
    saved = figures(url, checksum_tables())
    manifest.write_text(
        json.dumps(
            {"taken_at": stamp, "dump": dump.name, "media": media.name if media else None, **saved},
            indent=2,
        )
    )
    return Backup(dump=dump, media=media, manifest=manifest)


def restore(
    *, dump: Path, target_url: str, media: Path | None = None, clean: bool = False
) -> dict[str, list[str]]:
    """Load `dump` into the database at `target_url`, unpack `media` into MEDIA_ROOT, and compare
    the result with the backup's manifest (beside the dump). Returns the differences: empty
    lists when the restore matches what was saved."""
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, f"--dbname={target_url}", str(dump)])
    if media is not None:
        media_root = _local_media() or Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media, "r:gz") as archive:
            for member in archive.getmembers():
                if not member.name.startswith("media"):
                    continue
                member.name = os.path.relpath(member.name, "media")
                archive.extract(member, media_root, filter="data")
    manifest_path = dump.with_suffix(".json")
    if not manifest_path.exists():
        return {"counts": [], "checksums": []}
    saved = json.loads(manifest_path.read_text())
    now = figures(target_url, list(saved["checksums"]))
    return {
        "counts": [
            f"{name}: {count} saved, {now['counts'].get(name)} restored"
            for name, count in saved["counts"].items()
            if now["counts"].get(name) != count
        ],
        "checksums": [
            name
            for name, value in saved["checksums"].items()
            if now["checksums"].get(name) != value
        ],
    }
