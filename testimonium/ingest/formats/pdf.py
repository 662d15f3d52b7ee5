"""PDF: the text layer of every page, with page spans, via pypdf."""

from __future__ import annotations

import re
from datetime import datetime
from io import BytesIO

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

from testimonium.ingest import media, newsmeta
from testimonium.ingest.context import Context, make_document
from testimonium.ingest.errors import CorruptFile, NeedsOCR, TooLarge, shorten
from testimonium.ingest.textcodec import clean_text
from testimonium.model import Document

_FILE_NAME_TITLE = re.compile(r"^(Microsoft \w+ - )|\.(docx?|odt|rtf|pdf|txt)$", re.I)

PAGE_SEPARATOR = "\n\n"
# Writers and servers sometimes append padding after %%EOF; allow some, as readers do.
_EOF_WINDOW = 64 * 1024


def read(data: bytes, context: Context) -> Document:
    # pypdf recovers what it can from a cut-off file; a PDF must end with %%EOF, and without
    # it whatever pypdf salvages would be stored as if it were the whole document.
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise CorruptFile("PDF is truncated: no %%EOF marker at the end; get a complete copy")
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        _decrypt(reader)
        page_count = len(reader.pages)
        if page_count > context.limits.max_pages:
            raise TooLarge(
                f"PDF has {page_count} pages (limit {context.limits.max_pages}); split it first"
            )
        texts = [clean_text(page.extract_text() or "") for page in reader.pages]
        info = _info(reader)
    except LimitReachedError as err:
        raise TooLarge(f"PDF exceeds a pypdf safety limit: {shorten(err)}") from None
    except DependencyError:
        raise CorruptFile(
            "PDF is encrypted with AES, which cannot be decrypted here; decrypt it first "
            "(e.g. qpdf --decrypt)"
        ) from None
    except PyPdfError as err:
        raise CorruptFile(f"PDF cannot be read (truncated or damaged?): {shorten(err)}") from None
    if page_count == 0:
        raise CorruptFile("PDF has no pages")
    if not any(text.strip() for text in texts):
        raise NeedsOCR("PDF has no text layer (scanned?); run OCR first")

    spans, start = [], 0
    for text in texts:
        spans.append([start, start + len(text)])
        start += len(text) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(texts)
    news = newsmeta.extract(text)
    metadata = {"page_count": page_count, "pages": spans}
    metadata.update({f"pdf_{key}": value for key, value in info.items() if value})
    return make_document(
        data,
        media.PDF,
        text,
        title=news.title if _file_name_like(info.get("title")) else info.get("title") or news.title,
        author=info.get("author") or news.author,
        outlet=news.outlet,
        dateline=news.dateline,
        # A date the text states is the publication's; the file's own date is when it was made.
        published=news.published or info.get("created"),
        metadata=metadata,
    )


def _decrypt(reader: PdfReader) -> None:
    # The empty user password opens PDFs that are merely "protected" (owner password only);
    # anything else needs a password we do not have.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise CorruptFile(
            "PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)"
        )


def _info(reader: PdfReader) -> dict[str, str | None]:
    """Title, author, producer and creation date from the document information dictionary."""
    info = reader.metadata
    if info is None:
        return {}
    return {
        "title": _clean(info.title),
        "author": _clean(info.author),
        "producer": _clean(info.producer),
        "created": _date(info),
    }


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text.replace("\x00", "") or None


def _date(info) -> str | None:
    try:
        created = info.creation_date
    except (ValueError, TypeError, PyPdfError):  # a malformed D:... string
        return None
    return created.isoformat() if isinstance(created, datetime) else None


def _file_name_like(title: str | None) -> bool:
    """PDF titles that word processors fill in from the file name ("Microsoft Word - x.docx")."""
    return bool(title) and bool(_FILE_NAME_TITLE.search(title))
