"""What may be archived: images and PDF, recognised by their content, and safe file names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

# Content type -> the extension the archived copy gets.
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "application/pdf": ".pdf",
}
DECLARED_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".heif", ".pdf"}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heif"}
MAX_NAME = 120


def sniff(content: bytes) -> str | None:
    """The content type by the file's first bytes; None for anything we do not archive.

    The name and the platform's mimetype are the uploader's word; the bytes are not.
    """
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content[4:8] == b"ftyp" and content[8:12] in _HEIF_BRANDS:
        return "image/heic"
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def declared_allowed(filename: str, mimetype: str | None) -> bool:
    """A cheap look before downloading: does the name or the mimetype claim an allowed type?"""
    if mimetype and (mimetype in EXTENSIONS or mimetype in ("image/jpg", "image/heif")):
        return True
    return PurePosixPath(filename.lower()).suffix in DECLARED_EXTENSIONS


def safe_filename(name: str, content_type: str) -> str:
    """The last path component only, ASCII letters, digits, dot, dash and underscore.

    "../../etc/passwd" and "C:\\x\\y.png" lose their directories; the extension
    always matches the sniffed content, so a PDF never ends up named ".png".
    """
    base = PureWindowsPath(PurePosixPath(name.replace("\x00", "")).name).name
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem = PurePosixPath(ascii_name).stem if "." in ascii_name else ascii_name
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("._-")[:MAX_NAME] or "fil"
    return stem + EXTENSIONS[content_type]
