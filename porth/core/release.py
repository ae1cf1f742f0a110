"""Which release of Porth this process runs, as a fingerprint of what makes its pages (ADR 0077).

Kept pages and kept values (porth.core.pagecache) are stored under it. A deploy that changes a
template, a translation, the code, the static files or a pinned dependency therefore never
serves a page an older release made: the new release looks under its own fingerprint and
makes each page again, while processes of the old release, still answering during a rolling
deploy, keep reading theirs until they stop and their pages expire.

It hashes the files' contents, not their times or paths on disk, so every machine running the
same release agrees on it and shares its kept pages. About 1,000 files, 4 MB: about 40 ms,
once per process (gunicorn's master does it before forking its workers, porth.core.warmup).
"""

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

# What a page is made from: the apps (code, templates, catalogues, static files), the settings
# and URLs, and the pinned dependencies (GOV.UK Frontend's too). Tests and translators' sources
# are not.
SOURCES = ("porth", "config", "requirements", "package-lock.json")
LEFT_OUT_FOLDERS = {"tests", "__pycache__", "node_modules"}
LEFT_OUT_SUFFIXES = {".po", ".pyc", ".pot"}
LENGTH = 16


def fingerprint_of(root: Path, sources: Iterable[str] = SOURCES) -> str:
    """A short hash of every file of `sources` (files and folders under `root`) that makes
    pages: each file's path relative to `root` and its contents, in a fixed order."""
    digest = hashlib.sha256()
    for source in sources:
        top = root / source
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            relative = path.relative_to(root)
            if LEFT_OUT_FOLDERS.intersection(relative.parts[:-1]) or not path.is_file():
                continue
            if path.suffix in LEFT_OUT_SUFFIXES:
                continue
            digest.update(relative.as_posix().encode())
            digest.update(b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:LENGTH]


@functools.cache
def fingerprint() -> str:
    """This release's fingerprint, worked out once per process."""
    return fingerprint_of(Path(settings.BASE_DIR))
