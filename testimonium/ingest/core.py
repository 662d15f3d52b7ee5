"""Read a file within limits, recognise it, and hand it to the reader for its format."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from testimonium.ingest import media
from testimonium.ingest.context import Context
from testimonium.ingest.detect import sniff
from testimonium.ingest.errors import (
    CorruptFile,
    EmptyFile,
    IngestError,
    TooLarge,
    human_size,
    shorten,
)
from testimonium.ingest.formats import docx, eml, html, pdf, text
from testimonium.ingest.limits import Limits
from testimonium.model import Document

READERS = {
    media.TEXT: text.read_plain,
    media.MARKDOWN: text.read_markdown,
    media.HTML: html.read,
    media.PDF: pdf.read,
    media.DOCX: docx.read,
    media.EML: eml.read,
}


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file, refusing more than limits.max_bytes."""
    try:
        # O_NONBLOCK: opening a FIFO must not hang waiting for a writer; it is refused below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise IngestError(f"file not found: {path}") from None
    except OSError as err:
        raise IngestError(f"cannot open {path}: {err.strerror}") from None
    try:
        info = os.fstat(fd)  # of the opened file, so a swapped path cannot slip through
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"not a regular file: {path}")
        if info.st_size > limits.max_bytes:
            raise _too_large(info.st_size, limits)
        with open(fd, "rb", closefd=False) as stream:
            data = stream.read(limits.max_bytes + 1)
    except OSError as err:
        raise IngestError(f"cannot read {path}: {err.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits, growing=True)
    if not data:
        raise EmptyFile("empty file")
    return data


def read(data: bytes, filename: str | None = None, limits: Limits | None = None) -> Document:
    """A Document for `data`, or an IngestError saying why not (never another exception)."""
    return read_in(data, filename, Context(limits or Limits(), read_in))


def read_in(data: bytes, filename: str | None, context: Context) -> Document:
    """`read` within an existing context: the entry point for attachments too."""
    if not data:
        raise EmptyFile("empty file")
    if len(data) > context.limits.max_bytes:
        raise _too_large(len(data), context.limits)
    media_type = None
    try:
        media_type = sniff(data, filename)
        document = READERS[media_type](data, context)
    except IngestError:
        raise
    except MemoryError:
        raise TooLarge(
            f"ran out of memory reading this {_label(media_type)}; "
            "raise TESTIMONIUM_MAX_MEMORY or free memory to try again"
        ) from None
    except RecursionError:
        raise CorruptFile(f"{_label(media_type)} is nested too deeply to parse") from None
    # Parsing libraries answer hostile input with any exception type at all; to the caller
    # each of them means the same thing: this file cannot be read.
    except Exception as err:
        raise CorruptFile(
            f"{_label(media_type)} cannot be parsed: {type(err).__name__}: {shorten(err)}"
        ) from err
    document.filename = filename
    if document.published and "T" in document.published:
        # `published` is the calendar date extraction anchors on and listings sort by; the
        # exact time a message or file carries stays in the metadata.
        document.metadata.setdefault("published_at", document.published)
        document.published = document.published.split("T", 1)[0]
    return document


def _label(media_type: str | None) -> str:
    return media.LABELS.get(media_type or "", "file")


def _too_large(size: int, limits: Limits, growing: bool = False) -> TooLarge:
    limit = human_size(limits.max_bytes)
    what = f"file grew past {limit} while being read" if growing else (
        f"file is {human_size(size)} (limit {limit})"
    )
    return TooLarge(f"{what}; raise TESTIMONIUM_MAX_BYTES to accept it")
