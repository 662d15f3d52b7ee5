"""HTML pages: trafilatura's main text and metadata, with a plain lxml fallback."""

from __future__ import annotations

import html
import logging
import re
from datetime import date

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document as Extracted

from testimonium.ingest import media, newsmeta
from testimonium.ingest.context import Context, make_document
from testimonium.ingest.errors import CorruptFile, shorten
from testimonium.ingest.textcodec import clean_text, decode_text
from testimonium.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:\-]+)""", re.I)
_TITLE = re.compile(r"<title[^>]{0,200}>(.{0,1000}?)</title>", re.I | re.S)
_NOT_TEXT = ("script", "style", "noscript", "template", "head")
# lxml's HTML parser neither fetches nor expands external entities; no_network says it anyway.
_PARSER = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
# trafilatura's warnings quote the page they are about; page text must never reach a log.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def read(data: bytes, context: Context) -> Document:
    page, encoding = decode_html(data)
    extracted = _trafilatura(page) or Extracted()
    text = clean_text(extracted.text or "")
    extractor = "trafilatura"
    page_title = extracted.title
    if not text.strip():
        text, page_title = _fallback(page)
        extractor = "lxml"
    news = newsmeta.extract(text, has_title=False)
    metadata = {
        "encoding": encoding,
        "extractor": extractor,
        "url": extracted.url,
        "hostname": extracted.hostname,
        "sitename": extracted.sitename,
        "description": extracted.description,
    }
    return make_document(
        data,
        media.HTML,
        text,
        title=page_title,
        author=extracted.author or news.author,
        outlet=newsmeta.page_outlet(extracted.sitename, extracted.hostname, _raw_title(page), text) or news.outlet,
        dateline=news.dateline,
        published=extracted.date or news.published,
        metadata={key: value for key, value in metadata.items() if value},
    )


def _raw_title(page: str) -> str | None:
    """The page's own <title>, which keeps the " | Site Name" that trafilatura's title drops."""
    found = _TITLE.search(page)
    if found is None:
        return None
    return " ".join(html.unescape(found.group(1)).split()) or None


def html_to_text(page: str) -> str:
    """Readable text of an HTML string (e-mail bodies): main text, else all body text."""
    extracted = _trafilatura(page)
    text = clean_text(extracted.text or "") if extracted else ""
    return text if text.strip() else _fallback(page)[0]


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding), trusting a byte-order mark, then the page's own charset declaration."""
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return decode_text(data, declared=declared.group(1).decode("ascii") if declared else None)


def _fallback(page: str) -> tuple[str, str | None]:
    """(all visible text, one block per line; the <title>); CorruptFile if there is no text."""
    try:
        root = lxml.html.document_fromstring(page, parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        raise CorruptFile(f"HTML page cannot be parsed: {shorten(err)}") from None
    title = " ".join((root.findtext(".//title") or "").split()) or None
    etree.strip_elements(root, *_NOT_TEXT, with_tail=False)
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    text = "\n".join(line for line in lines if line)
    if not text:
        raise CorruptFile("HTML page has no readable text")
    return clean_text(text), title


def _trafilatura(page: str) -> Extracted | None:
    return trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Only dates the page states in its markup: a date guessed from the prose may be the
        # date of the events reported, not of publication.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
