"""DOCX: checked as a zip and as XML first, then read with python-docx."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from io import BytesIO

import defusedxml.ElementTree
import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from testimonium.ingest import media, newsmeta, safexml, zipguard
from testimonium.ingest.context import Context, make_document
from testimonium.ingest.errors import CorruptFile, EmptyFile, UnsupportedType, shorten
from testimonium.ingest.textcodec import clean_text
from testimonium.model import Document

BLOCK_SEPARATOR = "\n\n"
_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OTHER_WORD_KIND = re.compile(r"content type is '([^']+)'")
# python-docx's blank template stamps every document it creates with this author and date;
# they describe the tool, not the report.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=timezone.utc)


def read(data: bytes, context: Context) -> Document:
    try:
        with zipguard.open_checked(data, context.limits, "DOCX") as archive:
            _check_xml_parts(archive)
    # RuntimeError: zipfile's "encrypted entry" and "unsupported compression" refusals.
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError) as err:
        raise CorruptFile(f"DOCX zip archive is damaged: {shorten(err)}") from None
    document = _open(data)
    text = BLOCK_SEPARATOR.join(
        clean_text(block) for block in _blocks(document) if block.strip()
    )
    if not text:
        raise EmptyFile("DOCX document contains no text")
    news = newsmeta.extract(text)
    props = document.core_properties
    author = props.author if props.author != _TEMPLATE_AUTHOR else None
    created = props.created if props.created != _TEMPLATE_CREATED else None
    metadata = {
        "docx_title": props.title,
        "docx_author": author,
        "docx_created": created.isoformat() if created else None,
        "docx_modified": props.modified.isoformat() if props.modified else None,
        "docx_last_modified_by": props.last_modified_by,
        "docx_subject": props.subject,
        "docx_keywords": props.keywords,
    }
    return make_document(
        data,
        media.DOCX,
        text,
        title=(props.title or "").strip() or news.title,
        author=(author or "").strip() or news.author,
        outlet=news.outlet,
        dateline=news.dateline,
        # A date the text states is the publication's; the file's own date is when it was typed.
        published=news.published or (created.isoformat() if created else None),
        metadata={key: value for key, value in metadata.items() if value},
    )


def _check_xml_parts(archive: zipfile.ZipFile) -> None:
    """Run every part python-docx may parse as XML through defusedxml first.

    python-docx parses with lxml and resolve_entities=False, but that is a library default we
    do not control; a DTD has no business in a DOCX, so refusing any keeps entity bombs and
    external entities away from lxml whatever its settings.
    """
    try:
        with archive.open(_CONTENT_TYPES) as stream:
            safexml.check_stream(stream, f"DOCX part {_CONTENT_TYPES}")
        types = defusedxml.ElementTree.fromstring(archive.read(_CONTENT_TYPES))
    except KeyError:
        raise CorruptFile(f"DOCX has no {_CONTENT_TYPES}; not an Office document") from None
    defaults = {
        item.get("Extension", "").lower(): item.get("ContentType", "")
        for item in types.iter(f"{_CT_NS}Default")
    }
    overrides = {
        item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
        for item in types.iter(f"{_CT_NS}Override")
    }
    for entry in archive.infolist():
        name = entry.filename
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        content_type = overrides.get(name) or defaults.get(extension, "")
        is_xml = content_type.endswith("xml") and not content_type.startswith("image/")
        if name != _CONTENT_TYPES and (is_xml or extension in ("xml", "rels")):
            with archive.open(entry) as stream:
                safexml.check_stream(stream, f"DOCX part {name[:80]!r}")


def _open(data: bytes):
    try:
        return docx.Document(BytesIO(data))
    except PackageNotFoundError as err:
        raise CorruptFile(f"DOCX package cannot be opened: {shorten(err)}") from None
    except KeyError as err:
        raise CorruptFile(f"DOCX is missing a required part: {shorten(err)}") from None
    except ValueError as err:
        other = _OTHER_WORD_KIND.search(str(err))
        if other:
            raise UnsupportedType(f"{other.group(1)} (a Word template or macro document)") from None
        raise CorruptFile(f"DOCX cannot be read: {shorten(err)}") from None


def _blocks(container) -> Iterator[str]:
    """Paragraph texts in document order, descending into table cells."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            yield from _table_blocks(item)


def _table_blocks(table: Table) -> Iterator[str]:
    # A merged cell is returned once per grid position it spans; its <w:tc> element is the
    # only identity python-docx offers to read it once.
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            yield from _blocks(cell)
