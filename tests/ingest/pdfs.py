"""Hand-written PDF fixtures: small enough to read, real enough for pypdf.

Each page is a list of text lines drawn with the standard Helvetica font, so the bytes carry a
genuine text layer; a page with no lines has an empty content stream (what a scan without OCR
looks like to a text extractor).
"""

from __future__ import annotations


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content_stream(lines: list[str]) -> bytes:
    if not lines:
        return b""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for index, line in enumerate(lines):
        if index:
            ops.append("T*")
        ops.append(f"({_escape(line)}) Tj")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _info(title: str | None, author: str | None, created: str | None) -> str | None:
    entries = []
    if title is not None:
        entries.append(f"/Title ({_escape(title)})")
    if author is not None:
        entries.append(f"/Author ({_escape(author)})")
    if created is not None:
        entries.append(f"/CreationDate ({created})")
    return f"<< {' '.join(entries)} >>" if entries else None


def build_pdf(
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: str | None = None,
) -> bytes:
    """A PDF 1.4 file with one page per entry of `pages`; `created` is a PDF date (D:2024...)."""
    page_count = len(pages)
    font_id = 3
    first_page_id = 4
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    for index, lines in enumerate(pages):
        page_id = first_page_id + 2 * index
        stream_id = page_id + 1
        kids.append(f"{page_id} 0 R")
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {stream_id} 0 R >>"
        ).encode()
        stream = _content_stream(lines)
        objects[stream_id] = (
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {page_count} >>".encode()
    info = _info(title, author, created)
    info_id = first_page_id + 2 * page_count
    if info is not None:
        objects[info_id] = info.encode("latin-1")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for object_id in sorted(objects):
        offsets[object_id] = len(out)
        out += b"%d 0 obj\n" % object_id + objects[object_id] + b"\nendobj\n"
    xref_offset = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for object_id in range(1, size):
        out += b"%010d 00000 n \n" % offsets[object_id]
    trailer = f"<< /Size {size} /Root 1 0 R"
    if info is not None:
        trailer += f" /Info {info_id} 0 R"
    out += f"trailer\n{trailer} >>\nstartxref\n{xref_offset}\n%%EOF\n".encode()
    return bytes(out)
