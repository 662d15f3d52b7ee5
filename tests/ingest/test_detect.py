import struct

import pytest

from testimonium.ingest import read
from testimonium.ingest.detect import sniff
from testimonium.ingest.errors import CorruptFile, UnsupportedType

from .builders import build_docx, build_zip
from .pdfs import build_pdf

ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
DOS_STUB = b"MZ\x90\x00\x03\x00" + bytes(range(256))


def _pe() -> bytes:
    header = bytearray(b"MZ" + bytes(0x3A) + struct.pack("<I", 0x40))
    return bytes(header) + b"PE\x00\x00" + bytes(64)


def test_elf_is_refused_with_its_kind():
    with pytest.raises(UnsupportedType) as caught:
        read(ELF, "report.txt")
    assert str(caught.value) == (
        "unsupported type: application/x-executable (ELF) "
        "(supported: text, Markdown, HTML, PDF, DOCX, e-mail .eml)"
    )
    assert caught.value.kind == "application/x-executable (ELF)"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_pe(), "application/vnd.microsoft.portable-executable"),
        (DOS_STUB, "application/vnd.microsoft.portable-executable"),
        (b"\x89PNG\r\n\x1a\n" + bytes(32), "image/png"),
        (b"\xff\xd8\xff\xe0" + bytes(32), "image/jpeg"),
        (b"GIF89a" + bytes(32), "image/gif"),
        (b"\x1f\x8b\x08\x00" + bytes(32), "application/gzip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32), "application/x-ole-storage"),
        (b"{\\rtf1\\ansi hello}", "application/rtf"),
        (build_zip({"notes.txt": b"hello"}), "application/zip"),
        (build_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "spreadsheetml"),
        (build_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "opendocument"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
        (b'<?xml version="1.0"?><data><item/></data>', "application/xml"),
    ],
)
def test_unsupported_kinds(data, kind):
    with pytest.raises(UnsupportedType, match=kind.replace("+", r"\+")):
        sniff(data, "anything.txt")


def test_text_that_starts_with_mz_is_still_text():
    assert sniff(b"MZANSI is a brand name; this is a plain sentence.", None) == "text/plain"


def test_content_wins_over_extension():
    assert sniff(build_pdf([["Hello"]]), "report.docx") == "application/pdf"
    assert sniff(b"<!DOCTYPE html><html><body>x</body></html>", "saved.pdf") == "text/html"
    assert sniff(build_docx(["Hello"]), "file.bin") == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_extension_decides_between_text_kinds():
    assert sniff(b"Some *notes*\n", "notes.md") == "text/markdown"
    assert sniff(b"Some notes\n", "notes.txt") == "text/plain"
    assert sniff(b"Some notes\n", None) == "text/plain"
    assert sniff(b"<div>fragment</div>", "page.html") == "text/html"
    assert sniff(b"<div>fragment</div>", None) == "text/plain"
    assert sniff(b'<meta charset="utf-8"><p>saved page</p>', None) == "text/html"


def test_html_recognised_by_its_start():
    assert sniff(b"\n  <!-- saved page -->\n<html><body>x</body></html>", None) == "text/html"
    assert sniff(b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"/>', None) == (
        "text/html"
    )


def test_mail_recognised_by_headers():
    headers = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nBody\r\n"
    assert sniff(headers, None) == "message/rfc822"
    assert sniff(b"From: a@example.org\n\nBody\n", "saved.eml") == "message/rfc822"


@pytest.mark.parametrize(
    "text",
    [
        b"From: the editors\n\nA note that is not a message.\n",  # one header is not enough
        b"Subject: detentions\nThe report describes arrests.\n",  # body right after a field
        b"Note: From: To: Subject:\n",
    ],
)
def test_text_with_colons_is_not_mail(text):
    assert sniff(text, None) == "text/plain"


def test_broken_zip():
    data = build_zip({"word/document.xml": b"<w/>"})
    with pytest.raises(CorruptFile, match="zip"):
        sniff(data[: len(data) // 2], "report.docx")
