import hashlib

import pytest

from testimonium.ingest import Limits, read
from testimonium.ingest.errors import CorruptFile, EmptyFile
from testimonium.ingest.formats.eml import safe_filename

from .builders import build_docx, build_email
from .pdfs import build_pdf

ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
BODY = "I saw four volunteers taken into a police van at about 9 pm.\n"


def test_message_with_attachments():
    pdf = build_pdf([["Medical certificate for the second volunteer."]])
    docx_bytes = build_docx(["Statement of the lawyer", "They were held for nine hours."])
    message = build_email(
        BODY,
        attachments=[
            ("../../certificate.pdf", "application/pdf", pdf),
            ("statement.docx", "application/octet-stream", docx_bytes),
            ("tool.exe", "application/octet-stream", ELF),
        ],
    )
    data = message.as_bytes()
    document = read(data, "statement.eml")
    assert document.media_type == "message/rfc822"
    assert document.text == (
        "From: Dana Kemelova <dana@example.org>\n"
        "To: desk@example.net\n"
        "Date: Tue, 05 Mar 2024 09:30:00 +0500\n"
        "Subject: Witness statement\n"
        "\n" + BODY
    )
    assert document.title == "Witness statement"
    assert document.author == "Dana Kemelova"
    assert document.published == "2024-03-05"
    assert document.metadata["published_at"] == "2024-03-05T09:30:00+05:00"
    assert document.metadata["message_id"] == "<statement-1@example.org>"
    assert document.metadata["to"] == "desk@example.net"
    assert document.metadata["cc"] is None

    certificate, statement = document.attachments
    assert certificate.filename == "certificate.pdf"
    assert certificate.media_type == "application/pdf"
    assert certificate.content == pdf
    assert certificate.sha256 == hashlib.sha256(pdf).hexdigest()
    assert statement.filename == "statement.docx"
    assert statement.title == "Statement of the lawyer"
    assert document.metadata["attachment_errors"] == [
        {
            "filename": "tool.exe",
            "reason": "unsupported type: application/x-executable (ELF) "
            "(supported: text, Markdown, HTML, PDF, DOCX, e-mail .eml)",
        }
    ]
    assert document.contract_json()["attachments"] == [certificate.sha256, statement.sha256]


def test_html_only_message_is_converted_to_text():
    message = build_email(
        None, html="<html><body><p>The hearing is <b>postponed</b> again.</p></body></html>"
    )
    document = read(message.as_bytes())
    assert document.text.endswith("\n\nThe hearing is postponed again.")
    assert document.metadata["body_type"] == "text/html"


def test_plain_text_preferred_over_html_alternative():
    message = build_email(BODY, html="<p>HTML rendering of the same words</p>")
    document = read(message.as_bytes())
    assert document.text.endswith(BODY)
    assert "HTML rendering" not in document.text
    assert document.attachments == []


def test_encoded_headers_and_crlf():
    message = build_email("Строка один.\nСтрока два.\n", subject="Задержания в Астане")
    message["Cc"] = "Ана Лима <ana@example.org>"
    data = message.as_bytes().replace(b"\n", b"\r\n")
    document = read(data)
    assert document.title == "Задержания в Астане"
    assert "Cc: Ана Лима <ana@example.org>\n" in document.text
    assert document.text.endswith("Строка один.\nСтрока два.\n")
    assert "\r" not in document.text


def test_forwarded_message_becomes_a_child():
    inner = build_email("Report.\n", subject="Original", sender="Ana Lima <ana@example.org>")
    document = read(build_email("See below.\n", forwarded=[inner]).as_bytes())
    (child,) = document.attachments
    assert child.media_type == "message/rfc822"
    assert child.title == "Original"
    assert child.author == "Ana Lima"


def test_nesting_deeper_than_max_depth_is_recorded_not_fatal():
    message = build_email("Level 3.\n", subject="level 3")
    for level in (2, 1, 0):
        message = build_email(f"Level {level}.\n", subject=f"level {level}", forwarded=[message])
    document = read(message.as_bytes(), limits=Limits(max_depth=2))
    level_1 = document.attachments[0]
    level_2 = level_1.attachments[0]
    assert level_2.title == "level 2"
    assert level_2.attachments == []
    assert "nested more than 2 levels" in level_2.metadata["attachment_errors"][0]["reason"]


def test_attachment_budget():
    attachments = [(f"note{i}.txt", "text/plain", f"Note {i}.".encode()) for i in range(5)]
    data = build_email(BODY, attachments=attachments).as_bytes()
    document = read(data, limits=Limits(max_attachments=3))
    assert [child.filename for child in document.attachments] == [
        "note0.txt",
        "note1.txt",
        "note2.txt",
    ]
    assert [error["filename"] for error in document.metadata["attachment_errors"]] == [
        "note3.txt",
        "note4.txt",
    ]


def test_empty_attachment_is_recorded():
    document = read(build_email(BODY, attachments=[("empty.txt", "text/plain", b"")]).as_bytes())
    errors = document.metadata["attachment_errors"]
    assert errors == [{"filename": "empty.txt", "reason": "empty file"}]


def test_unparseable_date_leaves_published_empty():
    data = build_email(BODY).as_bytes().replace(
        b"Date: Tue, 05 Mar 2024 09:30:00 +0500", b"Date: sometime last week"
    )
    document = read(data)
    assert document.published is None
    assert document.metadata["date"] == "sometime last week"


def test_date_without_zone_is_utc():
    document = read(build_email(BODY, date="Tue, 05 Mar 2024 09:30:00 -0000").as_bytes())
    assert document.metadata["published_at"] == "2024-03-05T09:30:00+00:00"


def test_message_with_nothing_in_it():
    with pytest.raises(EmptyFile):
        read(b"Subject: \n\n\n", "blank.eml")


@pytest.mark.parametrize(
    ("declared", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\evil.docx", "evil.docx"),
        ("..", None),
        (".hidden", "hidden"),
        ("name\x00with\ncontrols\u202e.txt", "namewithcontrols.txt"),
        ("", None),
        (None, None),
        ("ä" * 200 + ".txt", "ä" * 125 + ".txt"),
        ("ä" * 200, "ä" * 127),
    ],
)
def test_safe_filename(declared, safe):
    assert safe_filename(declared) == safe


def test_cut_off_multipart_message_is_corrupt():
    pdf = build_pdf([["Certificate."]])
    data = build_email(BODY, attachments=[("c.pdf", "application/pdf", pdf)]).as_bytes()
    with pytest.raises(CorruptFile, match="truncated"):
        read(data[: len(data) - 200], "mail.eml")


def test_missing_boundary_is_corrupt():
    data = build_email(BODY, attachments=[("n.txt", "text/plain", b"Note.")]).as_bytes()
    with pytest.raises(CorruptFile, match="boundary"):
        read(data.replace(b"boundary=", b"boundary=other"), "mail.eml")
