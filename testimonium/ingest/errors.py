"""Why a file was refused. `str(err)` is a one-line reason fit to show a user as is."""

from __future__ import annotations

SUPPORTED = "text, Markdown, HTML, PDF, DOCX, e-mail .eml"


class IngestError(Exception):
    """Base class: the file could not be read into a Document as a whole."""

    def __reduce__(self):
        # read_isolated pickles errors across a process boundary; subclasses with their own
        # __init__ signature would not survive the default reduce (which re-calls cls(*args)).
        return (_rebuild, (type(self), str(self), dict(self.__dict__)))


def _rebuild(cls: type[IngestError], message: str, state: dict) -> IngestError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class EmptyFile(IngestError):
    """The file has no bytes, or no text at all."""


class TooLarge(IngestError):
    """Over a size limit: bytes, pages, or memory needed to parse."""


class UnsupportedType(IngestError):
    """Recognised as a kind of file that ingest does not read."""

    def __init__(self, kind: str):
        super().__init__(f"unsupported type: {kind} (supported: {SUPPORTED})")
        self.kind = kind


class CorruptFile(IngestError):
    """Claims to be a supported format but cannot be parsed (truncated, broken, encrypted)."""


class NeedsOCR(IngestError):
    """A PDF without a text layer."""


class UnsafeContainer(IngestError):
    """A container built like an attack: a zip bomb, or XML parts declaring a DTD or entities."""


class DecodeError(IngestError):
    """Bytes that cannot be decoded as text with confidence."""


class ParseTimeout(IngestError):
    """Parsing exceeded the wall-clock limit and was killed."""


def shorten(reason: object, limit: int = 160) -> str:
    """First line of a library's error message, cut to fit in a one-line reason."""
    lines = str(reason).strip().splitlines()
    text = " ".join(lines[0].split()) if lines else ""
    if not text:
        text = type(reason).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def human_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MiB"
