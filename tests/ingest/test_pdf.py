import io

import pypdf
import pytest

from testimonium.ingest import Limits, read
from testimonium.ingest.errors import CorruptFile, NeedsOCR, TooLarge

from .pdfs import build_pdf

PAGES = [
    [
        "Detentions after the relief drive",
        "By Aruzhan Sadykova",
        "ASTANA (TCA) - Police detained four volunteers on Monday, relatives said.",
    ],
    ["A lawyer said they were questioned for nine hours (without counsel)."],
]


def test_text_pages_and_metadata():
    data = build_pdf(
        PAGES, title="Volunteers detained", author="Field Team", created="D:20240305093000+05'00'"
    )
    document = read(data, "report.pdf")
    assert document.media_type == "application/pdf"
    assert document.title == "Volunteers detained"
    assert document.author == "Field Team"
    assert document.published == "2024-03-05"
    assert document.metadata["published_at"] == "2024-03-05T09:30:00+05:00"
    assert (document.dateline, document.outlet) == ("Astana", "TCA")
    assert document.metadata["page_count"] == 2
    first, second = document.metadata["pages"]
    assert document.text[first[0] : first[1]] == "\n".join(PAGES[0])
    assert document.text[second[0] : second[1]] == PAGES[1][0]
    assert document.text[first[1] : second[0]] == "\n\n"


def test_title_and_author_fall_back_to_the_text():
    document = read(build_pdf(PAGES))
    assert document.title == "Detentions after the relief drive"
    assert document.author == "Aruzhan Sadykova"
    assert document.published is None


def test_truncated_pdf_is_corrupt():
    data = build_pdf(PAGES)
    with pytest.raises(CorruptFile, match="^PDF is truncated"):
        read(data[: len(data) // 2], "report.pdf")
    with pytest.raises(CorruptFile, match="^PDF is truncated"):
        read(data[: data.rindex(b"%%EOF")], "report.pdf")


def test_padding_after_the_end_marker_is_tolerated():
    assert read(build_pdf(PAGES) + b"\x00" * 4096).metadata["page_count"] == 2


def test_pdf_without_text_layer_needs_ocr():
    with pytest.raises(NeedsOCR) as caught:
        read(build_pdf([[], []]))
    assert str(caught.value) == "PDF has no text layer (scanned?); run OCR first"


def test_too_many_pages():
    with pytest.raises(TooLarge, match="3 pages"):
        read(build_pdf([["a"], ["b"], ["c"]]), limits=Limits(max_pages=2))


def _encrypted(user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(build_pdf(PAGES))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused():
    with pytest.raises(CorruptFile, match="encrypted"):
        read(_encrypted("secret"))


def test_pdf_with_only_an_owner_password_is_read():
    assert "four volunteers" in read(_encrypted("")).text


def test_garbage_after_the_header_is_corrupt():
    with pytest.raises(CorruptFile, match="^PDF cannot be read"):
        read(b"%PDF-1.7\n" + b"not really a pdf at all\n" * 20 + b"%%EOF\n")
