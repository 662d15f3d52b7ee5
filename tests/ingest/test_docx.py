import zipfile
from datetime import datetime, timezone
from io import BytesIO

import docx

import pytest

from testimonium.ingest import Limits, read
from testimonium.ingest.errors import CorruptFile, EmptyFile, UnsafeContainer, UnsupportedType

from .builders import build_docx, with_entries

PARAGRAPHS = [
    "Detentions after the relief drive",
    "By Aruzhan Sadykova",
    "",
    "ASTANA (TCA) — Police detained four volunteers on Monday, relatives said.",
    "A lawyer said they were questioned for nine hours without counsel.",
]


@pytest.fixture(scope="module")
def plain_docx() -> bytes:
    return build_docx(PARAGRAPHS)


def test_paragraphs_and_tables_in_order():
    data = build_docx(
        ["Summary of cases", "Cases by region:"],
        table=[["Region", "Detained"], ["Astana", "4"]],
    )
    document = read(data, "cases.docx")
    assert document.media_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    blocks = ["Summary of cases", "Cases by region:", "Region", "Detained", "Astana", "4"]
    assert document.text == "\n\n".join(blocks)


def test_merged_cells_are_read_once():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Header across"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Down two rows"
    table.cell(1, 1).text = "r1"
    table.cell(2, 1).text = "r2"
    out = BytesIO()
    document.save(out)
    assert read(out.getvalue()).text == "Header across\n\nDown two rows\n\nr1\n\nr2"


def test_core_properties_win(plain_docx):
    created = datetime(2024, 3, 5, 4, 30, tzinfo=timezone.utc)
    data = build_docx(PARAGRAPHS, title="Volunteers detained", author="Field Team", created=created)
    document = read(data)
    assert document.title == "Volunteers detained"
    assert document.author == "Field Team"
    assert document.published == "2024-03-05"
    assert document.metadata["published_at"] == "2024-03-05T04:30:00+00:00"
    assert (document.dateline, document.outlet) == ("Astana", "TCA")


def test_text_rules_fill_in_missing_properties(plain_docx):
    document = read(plain_docx)
    # python-docx's own template author and date describe the tool, not the report
    assert document.title == "Detentions after the relief drive"
    assert document.author == "Aruzhan Sadykova"
    assert document.published is None
    assert "\n\n\n" not in document.text


def test_document_without_text_is_empty():
    with pytest.raises(EmptyFile):
        read(build_docx(["", "   "]))


def test_ratio_bomb_is_refused(plain_docx):
    bomb = with_entries(plain_docx, zero_entry=("word/media/padding.bin", 64))
    with pytest.raises(UnsafeContainer, match=r"expands \d+-fold \(limit 200\)"):
        read(bomb, "bomb.docx")


def test_huge_uncompressed_size_is_refused(plain_docx):
    bomb = with_entries(plain_docx, zero_entry=("word/media/padding.bin", 600))
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(UnsafeContainer, match=r"unpack to 600\.\d MiB \(limit 512 MiB\)"):
        read(bomb, "bomb.docx")


def test_too_many_entries_are_refused(plain_docx):
    bomb = with_entries(plain_docx, empty_entries=5001)
    with pytest.raises(UnsafeContainer, match="zip entries"):
        read(bomb, "bomb.docx")


def test_lowered_entry_limit(plain_docx):
    with pytest.raises(UnsafeContainer, match=r"\(limit 10\)"):
        read(with_entries(plain_docx, empty_entries=10), limits=Limits(max_zip_entries=10))


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE w [<!ENTITY leak SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_dtd_in_a_part_is_refused(plain_docx, doctype):
    document_xml = _part(plain_docx, "word/document.xml")
    declaration, rest = document_xml.split(b"?>", 1)
    hostile = with_entries(
        plain_docx, replace={"word/document.xml": declaration + b"?>" + doctype + rest}
    )
    with pytest.raises(UnsafeContainer, match="DTD"):
        read(hostile)


def test_malformed_xml_part_is_corrupt(plain_docx):
    broken = with_entries(plain_docx, replace={"word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(CorruptFile, match="not well-formed"):
        read(broken)


def test_truncated_docx_is_corrupt(plain_docx):
    with pytest.raises(CorruptFile):
        read(plain_docx[: len(plain_docx) // 2], "report.docx")


def test_macro_document_is_unsupported(plain_docx):
    types = _part(plain_docx, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    with pytest.raises(UnsupportedType, match="macroEnabled"):
        read(with_entries(plain_docx, replace={"[Content_Types].xml": types}))


def _part(archive: bytes, name: str) -> bytes:
    with zipfile.ZipFile(BytesIO(archive)) as source:
        return source.read(name)
