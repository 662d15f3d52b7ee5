"""Folders of documents for the command-line tests, written for these tests.

`good_documents` writes one file of every supported format; `bad_documents` writes the kinds
of file a real inbox also holds and that must be refused with a reason.
"""

from __future__ import annotations

import io
import random
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx

from tests.ingest.pdfs import build_pdf

WIRE_STORY = """\
Border court spares herder from deportation

By Dana Amirova

TALDYKORGAN (SWS) — A district court on Tuesday refused a prosecutor's request to deport a
herder who crossed into the country from China without papers, his lawyer said.

The lawyer, Murat Beisenov, told the Steppe Wire Service that his client had fled after two
relatives were taken to a "study centre" in March.

"He would be detained the moment he arrived," Beisenov said.
"""

HTML_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Families ask for news of detained relatives</title>
<meta name="author" content="Ainur Sadykova">
<meta property="og:site_name" content="Prairie Herald">
<meta name="date" content="2018-11-20">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/about">About us</a></nav>
<article>
<h1>Families ask for news of detained relatives</h1>
<p>Dozens of families gathered outside the foreign ministry on Monday asking for news of
relatives they say have been held in camps across the border since last year.</p>
<p>One woman said her brother had not been heard from since he was summoned by local police
in February, and that letters to the consulate had gone unanswered for months.</p>
<p>The ministry said it was raising the cases through diplomatic channels.</p>
</article>
<footer>© Prairie Herald. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Submission to the migration committee"
    document.core_properties.author = "Legal aid clinic"
    document.add_paragraph("Submission to the migration committee")
    document.add_paragraph(
        "The applicant fears arrest on return because she testified in open court about the camps."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _eml_bytes() -> bytes:
    message = EmailMessage()
    message["From"] = "Researcher <researcher@example.org>"
    message["To"] = "lawyer@example.org"
    message["Subject"] = "Notes from the hearing"
    message["Date"] = "Thu, 02 Aug 2018 09:15:00 +0600"
    message["Message-ID"] = "<hearing-notes-1@example.org>"
    message.set_content("Attached are my notes from yesterday's hearing.\n")
    message.add_attachment(
        b"The judge read the verdict at noon. The sentence was suspended.\n",
        maintype="text", subtype="plain", filename="notes.txt",
    )
    return message.as_bytes()


def _zip_bomb_docx() -> bytes:
    """A DOCX-shaped zip whose one part inflates far beyond any real document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):
                part.write(chunk)
    return buffer.getvalue()


def good_documents(folder: Path) -> dict[str, bytes]:
    files = {
        "wire.txt": WIRE_STORY.encode(),
        "notes.md": "# Interview notes\n\nThe witness described the dormitory and the daily classes.\n".encode(),
        "page.html": HTML_PAGE.encode(),
        "statement.pdf": build_pdf([["Statement of the committee", "Asylum is refused."]], title="Statement"),
        "submission.docx": _docx_bytes(),
        "hearing.eml": _eml_bytes(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def bad_documents(folder: Path) -> dict[str, bytes]:
    pdf = build_pdf([["A page that will be cut short"]])
    files = {
        "empty.txt": b"",
        "random.bin": random.Random(7).randbytes(4096),
        "truncated.pdf": pdf[: len(pdf) // 2],
        "bomb.docx": _zip_bomb_docx(),
        "broken-utf8.txt": "Свидетель сказал: ".encode() + b"\xff\xfe\xc3\x28 \xa0\xa1" + "лагерь".encode(),
        "program.exe": b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 8,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files
