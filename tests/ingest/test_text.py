import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonium.ingest import IngestError, Limits, read
from testimonium.ingest.errors import DecodeError, EmptyFile, TooLarge

REPORT = (
    "Detentions after the rally\r\n"
    "By Aruzhan Sadykova\r\n"
    "\r\n"
    "ASTANA (TCA) — Police detained four volunteers, relatives said.\r\n"
    "  Indented line\twith a tab.\r"
    "Last line without a newline"
)


def test_plain_text_document():
    data = REPORT.encode("utf-8")
    document = read(data, "report.txt")
    assert document.media_type == "text/plain"
    assert document.text == REPORT.replace("\r\n", "\n").replace("\r", "\n")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.content == data
    assert document.filename == "report.txt"
    assert document.title == "Detentions after the rally"
    assert document.author == "Aruzhan Sadykova"
    assert (document.dateline, document.outlet) == ("Astana", "TCA")
    assert document.language == "en"
    assert document.metadata["encoding"] == "utf-8"
    assert document.attachments == []


def test_utf8_bom_is_not_part_of_the_text():
    document = read("Überblick\nText.".encode("utf-8-sig"))
    assert document.text == "Überblick\nText."
    assert document.title == "Überblick"


def test_utf16_with_bom():
    document = read("Отчёт о задержаниях\nТекст.".encode("utf-16"))
    assert document.text == "Отчёт о задержаниях\nТекст."


def test_cp1252_text_is_decoded_by_detection():
    text = (
        "Le rapport publié par l’association décrit des détentions arbitraires à Almaty. "
        "Selon les témoins, la police a « frappé » plusieurs manifestants pacifiques.\n"
        "Les familles n’ont reçu aucune information pendant trois jours.\n"
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    document = read(data, "rapport.txt")
    assert document.text == text
    assert document.metadata["encoding"] == "cp1252"


def test_utf8_with_damaged_sequences_is_refused():
    data = "Протокол допроса: ".encode() + b"\xc3\x28\xff" + " конец записи".encode()
    with pytest.raises(DecodeError, match="no character encoding fits"):
        read(data, "protocol.txt")


def test_markdown_is_kept_raw_with_heading_title():
    text = "Front matter line\n\n# Arrests in the capital\n\n*Emphasis* and [a link](x).\n"
    document = read(text.encode(), "notes.md")
    assert document.media_type == "text/markdown"
    assert document.text == text
    assert document.title == "Arrests in the capital"


def test_markdown_recognised_by_a_leading_heading_without_extension():
    document = read(b"# Field notes\n\nSome text.\n")
    assert document.media_type == "text/markdown"
    assert document.title == "Field notes"


def test_random_binary_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        read(random.Random(1).randbytes(4096), "data.txt")


def test_binary_without_nul_bytes_is_refused():
    noise = bytes(byte for byte in random.Random(2).randbytes(6000) if byte)
    with pytest.raises(DecodeError):
        read(noise)


def test_control_characters_mean_binary():
    with pytest.raises(DecodeError, match="control characters"):
        read(b"\x01\x02\x03\x04 text \x05\x06\x07\x08" * 10)


def test_whitespace_only_file_is_empty():
    with pytest.raises(EmptyFile):
        read(b" \r\n\t\n")


def test_empty_data():
    with pytest.raises(EmptyFile, match="empty file"):
        read(b"")


def test_data_over_max_bytes():
    with pytest.raises(TooLarge, match="limit 100 bytes"):
        read(b"x" * 101, limits=Limits(max_bytes=100))


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1).filter(lambda text: text.strip()))
def test_any_text_round_trips_or_is_refused(text):
    try:
        document = read(text.encode("utf-8"), "input.txt")
    except IngestError:
        return
    assert document.text == text.replace("\r\n", "\n").replace("\r", "\n")
