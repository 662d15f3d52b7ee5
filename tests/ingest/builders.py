"""Binary fixtures built in code: DOCX files, zip bombs and e-mails with attachments."""

from __future__ import annotations

import zipfile
from datetime import datetime
from email.message import EmailMessage
from io import BytesIO

import docx

ZEROS = bytes(1024 * 1024)


def build_docx(
    paragraphs: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    table: list[list[str]] | None = None,
) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    props = document.core_properties
    if title is not None:
        props.title = title
    if author is not None:
        props.author = author
    if created is not None:
        props.created = created
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def with_entries(
    archive: bytes,
    *,
    extra: dict[str, bytes] | None = None,
    zero_entry: tuple[str, int] | None = None,
    empty_entries: int = 0,
    replace: dict[str, bytes] | None = None,
) -> bytes:
    """A copy of a zip `archive` with parts replaced or added.

    `zero_entry` = (name, megabytes) streams that many MiB of zeros through the deflater, so a
    bomb of hundreds of MiB costs little memory; `empty_entries` adds that many empty parts.
    """
    replace = replace or {}
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(archive)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, replace.get(entry.filename, source.read(entry)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
        if zero_entry is not None:
            name, megabytes = zero_entry
            with target.open(name, "w", force_zip64=True) as stream:
                for _ in range(megabytes):
                    stream.write(ZEROS)
        for index in range(empty_entries):
            target.writestr(f"customXml/filler{index}.txt", b"")
    return out.getvalue()


def build_zip(entries: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def build_email(
    body: str | None = "Body text.",
    *,
    subject: str = "Witness statement",
    sender: str = "Dana Kemelova <dana@example.org>",
    to: str = "desk@example.net",
    date: str = "Tue, 05 Mar 2024 09:30:00 +0500",
    html: str | None = None,
    attachments: list[tuple[str, str, bytes]] = (),
    forwarded: list[EmailMessage] = (),
) -> EmailMessage:
    """A message; attachments are (filename, mime type, bytes)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = "<statement-1@example.org>"
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for filename, mime, content in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    for inner in forwarded:
        message.add_attachment(inner)
    return message
