"""Bytes to text for everything that claims to be text, refusing what is really binary."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from testimonium.ingest.errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Above this share of control characters the "text" is almost certainly binary.
_MAX_CONTROL_RATIO = 0.05
# Guesses more chaotic than this (charset-normalizer's 0..1 mess score) are not trusted.
_MAX_CHAOS = 0.2
# Unicode category Cc minus the layout characters \t \n \v \f \r.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# charset-normalizer ranks short inputs poorly (it may call four bytes of Latin-1 EBCDIC or
# Urdu): among equally ranked guesses, prefer the code pages reports are usually written in.
_PREFERRED = ("cp1252", "cp1251", "latin_1", "iso8859_15", "cp1250")
_ASCII = bytes(range(0x20, 0x7F))
_NEWLINES = re.compile(r"\r\n?")
_CANNOT = "cannot decode as text:"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes, so offsets stay meaningful."""
    return _NEWLINES.sub("\n", text)


def clean_text(text: str) -> str:
    """Extracted text as stored: newlines normalised and NUL dropped (PostgreSQL rejects it)."""
    return normalise_newlines(text).replace("\x00", "")


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` and return (text, encoding name); DecodeError for binary or unknown bytes.

    Order of trust: a byte-order mark, then `declared` (a charset the file names itself), then
    strict UTF-8, then charset-normalizer's guess among ASCII-compatible code pages (which rules
    out UTF-7 and EBCDIC look-alikes). Newlines are left alone; callers normalise them.
    """
    bom_encoding, body = split_bom(data)
    if bom_encoding is not None:
        try:
            return _checked(body.decode(bom_encoding)), bom_encoding
        except UnicodeDecodeError:
            raise DecodeError(
                f"text has a {bom_encoding} byte-order mark but is not valid {bom_encoding}"
            ) from None
    if b"\x00" in data:
        raise DecodeError(f"{_CANNOT} it contains NUL bytes (binary data of an unknown kind?)")
    for encoding in (declared, "utf-8"):
        if encoding and _ascii_compatible(encoding):
            try:
                return _checked(data.decode(encoding)), codecs.lookup(encoding).name
            except UnicodeDecodeError:
                pass
    text, encoding = _guess(data)
    return _checked(text), encoding


def _guess(data: bytes) -> tuple[str, str]:
    candidates = [
        match
        for match in from_bytes(data)
        if match.chaos <= _MAX_CHAOS and _ascii_compatible(match.encoding)
    ]
    if not candidates:
        raise DecodeError(f"{_CANNOT} no character encoding fits (damaged text or binary data?)")
    best = candidates[0]
    tied = {
        match.encoding: match
        for match in candidates
        if abs(match.chaos - best.chaos) < 0.01 and abs(match.coherence - best.coherence) < 0.01
    }
    choice = next((tied[name] for name in _PREFERRED if name in tied), best)
    return str(choice), choice.encoding


def _ascii_compatible(encoding: str) -> bool:
    try:
        return _ASCII.decode(encoding) == _ASCII.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


def _checked(text: str) -> str:
    if "\x00" in text:
        raise DecodeError(f"{_CANNOT} it contains NUL characters (binary data?)")
    controls = len(text) - len(_CONTROLS.sub("", text))
    if text and controls / len(text) > _MAX_CONTROL_RATIO:
        raise DecodeError(f"{_CANNOT} {controls} control characters (binary data?)")
    return text
