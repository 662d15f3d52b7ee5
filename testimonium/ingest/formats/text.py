"""Plain text and Markdown: decoded, newlines normalised, otherwise exactly as written."""

from __future__ import annotations

from testimonium.ingest import media, newsmeta
from testimonium.ingest.context import Context, make_document
from testimonium.ingest.errors import EmptyFile
from testimonium.ingest.textcodec import decode_text, normalise_newlines
from testimonium.model import Document


def read_plain(data: bytes, context: Context) -> Document:
    return _read(data, media.TEXT)


def read_markdown(data: bytes, context: Context) -> Document:
    return _read(data, media.MARKDOWN)


def _read(data: bytes, media_type: str) -> Document:
    decoded, encoding = decode_text(data)
    text = normalise_newlines(decoded)
    if not text.strip():
        raise EmptyFile("file contains only whitespace")
    news = newsmeta.extract(text, markdown=media_type == media.MARKDOWN)
    return make_document(
        data,
        media_type,
        text,
        title=news.title,
        author=news.author,
        outlet=news.outlet,
        dateline=news.dateline,
        published=news.published,
        metadata={"encoding": encoding},
    )
