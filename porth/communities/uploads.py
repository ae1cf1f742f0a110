"""Which files a community's leads may upload as resources, and how each is checked.

A file is accepted only if its name ends in one of `KINDS` **and** its first bytes look like
that kind (a PDF starts "%PDF-", Office and OpenDocument files are zip archives, a CSV or text
file is UTF-8 without NUL bytes). The content type we store and serve comes from this table,
never from the browser. Files are always served as downloads (`Content-Disposition:
attachment`), so even a mislabelled file is never shown inside Porth's pages.

Files are not scanned for viruses: no scanner runs on these machines, and adding one (ClamAV
beside the worker) is a deployment decision recorded in ADR 0059.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

# Leads share guidance, templates and slides: 10 MB covers a long PDF or a slide deck with
# pictures; a recording belongs on a video service, pinned as a link.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ZIP = (b"PK\x03\x04",)


@dataclass(frozen=True)
class FileKind:
    content_type: str
    starts: tuple[bytes, ...] = ()  # the file must start with one of these (empty: text)


KINDS: dict[str, FileKind] = {
    "pdf": FileKind("application/pdf", (b"%PDF-",)),
    "docx": FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP
    ),
    "xlsx": FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    "pptx": FileKind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP
    ),
    "odt": FileKind("application/vnd.oasis.opendocument.text", ZIP),
    "ods": FileKind("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    "odp": FileKind("application/vnd.oasis.opendocument.presentation", ZIP),
    "csv": FileKind("text/csv; charset=utf-8"),
    "txt": FileKind("text/plain; charset=utf-8"),
    "png": FileKind("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileKind("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileKind("image/jpeg", (b"\xff\xd8\xff",)),
}
# What the hint and the error name, in the order people look for them.
KIND_NAMES = "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, CSV, TXT, PNG, JPG"


class UploadRefused(Exception):
    """The file is empty, too big, or not one of the kinds we accept. `code` says which."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def max_bytes() -> int:
    return int(getattr(settings, "COMMUNITY_RESOURCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may end inside a character: only a fault before its last 3 bytes counts.
        return error.start >= len(head) - 3
    return True


def check_upload(upload: Any) -> FileKind:
    """The kind of an uploaded file (anything with `name`, `size`, `read` and `seek`), or
    `UploadRefused` with code "empty", "too_big" or "wrong_type"."""
    if not upload.size:
        raise UploadRefused("empty")
    if upload.size > max_bytes():
        raise UploadRefused("too_big")
    kind = KINDS.get(extension_of(upload.name))
    if kind is None:
        raise UploadRefused("wrong_type")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if kind.starts and not head.startswith(kind.starts):
        raise UploadRefused("wrong_type")
    if not kind.starts and not _looks_like_text(head.removeprefix(b"\xef\xbb\xbf")):
        raise UploadRefused("wrong_type")
    return kind
