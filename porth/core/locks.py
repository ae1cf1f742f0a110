"""One copy at a time: a lock that scheduled jobs take, whichever machine starts them.

On PostgreSQL it is a session advisory lock (`pg_try_advisory_lock`), held by the database, so
it is shared by every machine and released if the process dies. SQLite is one machine's file,
so there an exclusive lock on a file beside the database does the same job.
"""

import contextlib
import fcntl
import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection


def _key(name: str) -> int:
    """A stable signed 64-bit number for a lock name (what PostgreSQL's advisory locks take)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def only_one(name: str) -> Iterator[bool]:
    """Yield True if this process holds the lock `name`, False if another process does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(name)])
            held = bool(cursor.fetchone()[0])
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
        return
    folder = Path(getattr(settings, "VAR_DIR", settings.BASE_DIR / "var"))
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"lock-{_key(name) & 0xFFFFFFFF:08x}", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
