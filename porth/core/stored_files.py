"""Files the worker builds once and every web process serves from shared storage.

Big downloads (the whole register as CSV or XLSX, its figures) take too long to build inside a
request at 100,000 services. The worker builds them (after a change, or nightly) and calls
`store`; views call `latest` and `response_for`, which streams the stored copy from the default
storage: S3-compatible object storage when configured, local files by default
(docs/adr/0052-shared-storage.md). Requests never build them.

Each build is written under a new path, then the `StoredFile` row is moved to it in one
transaction, and the old object is deleted once that commits: a reader has either the old file
or the new one, never half of one.
"""

import logging
import secrets
import tempfile
from collections.abc import Iterable

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, quote_etag

from .models import StoredFile

logger = logging.getLogger(__name__)
FOLDER = "downloads"
# Rows go to a temporary file first; past this size it spills from memory to disk, so a build
# of any size uses little memory.
SPOOL_BYTES = 8 * 1024 * 1024


def store(*, name: str, chunks: Iterable[bytes], filename: str, content_type: str) -> StoredFile:
    """Write `chunks` to storage as the new current copy of `name`; returns its row.

    `filename` is what the download is called (e.g. "porth-services-2026-12-05.csv").
    """
    built_at = timezone.now()
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    wanted = f"{FOLDER}/{name}/{built_at:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.{extension}"
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        for chunk in chunks:
            spool.write(chunk)
        size = spool.tell()
        spool.seek(0)
        path = default_storage.save(wanted, File(spool, name=wanted))
    with transaction.atomic():
        previous = StoredFile.objects.select_for_update().filter(name=name).first()
        old_path = previous.path if previous else None
        stored, _created = StoredFile.objects.update_or_create(
            name=name,
            defaults={
                "path": path,
                "filename": filename,
                "content_type": content_type,
                "size": size,
                "built_at": built_at,
            },
        )
        if old_path and old_path != path:
            transaction.on_commit(lambda: _delete_quietly(old_path), robust=True)
    return stored


def _delete_quietly(path: str) -> None:
    """Remove a superseded copy. A reader still streaming it on local disk keeps its open file;
    a copy left behind (the delete failed) wastes space but is never served again."""
    try:
        default_storage.delete(path)
    except Exception:
        logger.exception("Could not delete the superseded stored file %s", path)


def latest(name: str) -> StoredFile | None:
    """The current copy of `name`, or None if the worker has not built it yet."""
    return StoredFile.objects.filter(name=name).first()


def is_stored(name: str) -> bool:
    """True when `name` has a current copy and its file is still in storage (a restored
    database can name files the storage no longer holds)."""
    stored = latest(name)
    return stored is not None and default_storage.exists(stored.path)


def response_for(request: HttpRequest, stored: StoredFile) -> HttpResponse:
    """The stored file as a download named with its build date, streamed from storage.

    It carries `Last-Modified` and an `ETag` (the object's path, new for every build), so a
    client or CDN asking again with `If-None-Match` gets 304 Not Modified.
    """
    etag = quote_etag(stored.path)
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = FileResponse(
            default_storage.open(stored.path, "rb"),
            as_attachment=True,
            filename=stored.filename,
            content_type=stored.content_type,
        )
        response["Content-Length"] = str(stored.size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored.built_at.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    return response


def storage_answers() -> bool:
    """True when the default storage can be reached (for `/readyz`): asks about a name that
    needs no write, so readiness checks never write."""
    default_storage.exists(f"{FOLDER}/readyz-probe")
    return True
