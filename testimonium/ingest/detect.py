"""Decide what a file is from its bytes; its name is only a tie-breaker between text kinds."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import PurePosixPath, PureWindowsPath

from testimonium.ingest import media
from testimonium.ingest.errors import CorruptFile, UnsupportedType, shorten
from testimonium.ingest.textcodec import split_bom

# (signature, offset, kind) for formats recognised only to be refused by name.
_SIGNATURES = (
    (b"\x7fELF", 0, "application/x-executable (ELF)"),
    (b"\xca\xfe\xba\xbe", 0, "application/x-mach-binary or Java class"),
    (b"\xfe\xed\xfa\xce", 0, "application/x-mach-binary"),
    (b"\xfe\xed\xfa\xcf", 0, "application/x-mach-binary"),
    (b"\xce\xfa\xed\xfe", 0, "application/x-mach-binary"),
    (b"\xcf\xfa\xed\xfe", 0, "application/x-mach-binary"),
    (b"\x00asm", 0, "application/wasm"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"II*\x00", 0, "image/tiff"),
    (b"MM\x00*", 0, "image/tiff"),
    (b"WEBP", 8, "image/webp"),
    (b"ftyp", 4, "video/mp4 or image/heic"),
    (b"ID3", 0, "audio/mpeg"),
    (b"OggS", 0, "audio/ogg"),
    (b"fLaC", 0, "audio/flac"),
    (b"\x1f\x8b", 0, "application/gzip"),
    (b"\xfd7zXZ\x00", 0, "application/x-xz"),
    (b"7z\xbc\xaf\x27\x1c", 0, "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", 0, "application/vnd.rar"),
    (b"\x28\xb5\x2f\xfd", 0, "application/zstd"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "application/x-ole-storage (legacy .doc/.xls/.msg)"),
    (b"{\\rtf", 0, "application/rtf"),
    (b"SQLite format 3\x00", 0, "application/vnd.sqlite3"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Office Open XML packages are told apart by their top folder (the main part is not always
# word/document.xml: Office Online writes word/document2.xml).
_OOXML_FOLDERS = (
    ("word/", media.DOCX),
    ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
_ODF_MARKERS = ("mimetype", "META-INF/manifest.xml")
_PDF = re.compile(rb"%PDF-\d\.\d")
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"  # optional XML declaration and comments
    r"<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.I | re.S,
)
_XML_START = re.compile(r"\s*<\?xml\b", re.I)
_SVG = re.compile(r"<svg\b", re.I)
_HEADER = re.compile(r"[!-9;-~]+:")  # RFC 5322 field name: printable ASCII except ':'
_MAIL_FIELDS = frozenset(
    {"from", "to", "cc", "subject", "date", "message-id", "mime-version", "received"}
    | {"return-path", "reply-to", "sender"}
)
_MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+\S")
_PEEK = 4096


def sniff(data: bytes, filename: str | None = None) -> str:
    """The media type to read `data` as; UnsupportedType or CorruptFile if there is none."""
    binary = _binary_kind(data)
    if binary is not None:
        return binary
    extension = _extension(filename)
    head = _head_text(data)
    complete = len(data) <= _PEEK
    if _HTML_START.match(head):
        return media.HTML
    if _XML_START.match(head):
        raise UnsupportedType("image/svg+xml" if _SVG.search(head) else "application/xml")
    if _looks_like_mail(head, complete=complete, lenient=extension == ".eml"):
        return media.EML
    if extension in (".htm", ".html", ".xhtml") and head.lstrip().startswith("<"):
        return media.HTML
    if extension in _MARKDOWN_EXTENSIONS or _starts_with_heading(head):
        return media.MARKDOWN
    return media.TEXT


def _binary_kind(data: bytes) -> str | None:
    if _PDF.search(data[:1024]):
        return media.PDF
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data)
    for signature, offset, kind in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            raise UnsupportedType(kind)
    if _BZIP2.match(data):
        raise UnsupportedType("application/x-bzip2")
    if _is_executable(data):
        raise UnsupportedType("application/vnd.microsoft.portable-executable (DOS/Windows)")
    return None


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as err:
        raise CorruptFile(f"broken zip archive: {shorten(err)}") from None
    if "[Content_Types].xml" in names:
        for folder, kind in _OOXML_FOLDERS:
            if any(name.startswith(folder) for name in names):
                if kind == media.DOCX:
                    return kind
                raise UnsupportedType(kind)
    if any(marker in names for marker in _ODF_MARKERS):
        raise UnsupportedType("application/vnd.oasis.opendocument (ODF)")
    raise UnsupportedType("application/zip")


def _is_executable(data: bytes) -> bool:
    """True for a DOS/Windows executable header.

    The letters MZ alone may start a text; a real header also holds binary fields (NUL bytes)
    or points to a PE signature.
    """
    if not data.startswith(b"MZ"):
        return False
    offset = int.from_bytes(data[0x3C:0x40], "little")
    return b"\x00" in data[2:64] or data[offset : offset + 4] == b"PE\x00\x00"


def _head_text(data: bytes) -> str:
    """The first bytes as text, good enough to spot markup and headers in any ASCII superset."""
    encoding, body = split_bom(data[:_PEEK])
    return body.decode(encoding or "latin-1", errors="ignore")


def _looks_like_mail(head: str, *, complete: bool, lenient: bool) -> bool:
    """A header block at the very top: every line a field or a folded continuation."""
    lines = head.split("\n")
    if not complete:
        lines.pop()  # cut short by the peek window
    if lines and lines[0].startswith("From "):  # mbox separator line
        lines = lines[1:]
    fields: set[str] = set()
    for line in lines:
        line = line.rstrip("\r")
        if not line:
            break
        if line[0] in " \t" and fields:
            continue
        if not _HEADER.match(line):
            return False
        fields.add(line.split(":", 1)[0].lower())
    known = fields & _MAIL_FIELDS
    if lenient:
        return bool(known)
    return "from" in known and len(known) >= 2


def _starts_with_heading(head: str) -> bool:
    for line in head.split("\n"):
        if line.strip():
            return bool(_MARKDOWN_HEADING.match(line))
    return False


def _extension(filename: str | None) -> str | None:
    if not filename:
        return None
    name = PureWindowsPath(PurePosixPath(filename).name).name
    suffix = PurePosixPath(name).suffix.lower()
    return suffix or None
