"""Damaged and arbitrary input: read() answers with a Document or an IngestError, nothing else."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonium.ingest import IngestError, read
from testimonium.model import Document

from .builders import build_docx, build_email
from .pdfs import build_pdf

PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"From: a@example.org\nTo: b@example.org\nSubject: s\n\n",
    b"<!DOCTYPE html><html><body>",
    b"# Heading\n",
]


def _fixtures() -> dict[str, bytes]:
    pdf = build_pdf([["First page of a report."], ["Second page."]], title="Report")
    docx_bytes = build_docx(["Heading", "Body paragraph."], table=[["a", "b"]])
    mail = build_email(
        "Body.\n", attachments=[("report.pdf", "application/pdf", pdf)]
    ).as_bytes()
    page = b"<html><head><title>T</title></head><body><p>Some text here.</p></body></html>"
    return {"pdf": pdf, "docx": docx_bytes, "eml": mail, "html": page}


def _read_or_refuse(data: bytes) -> None:
    try:
        assert isinstance(read(data), Document)
    except IngestError as err:
        assert str(err) and "\n" not in str(err)


FIXTURES = _fixtures()


@pytest.mark.parametrize("kind", sorted(FIXTURES))
def test_truncated_and_damaged_fixtures(kind):
    data = FIXTURES[kind]
    rng = random.Random(kind)
    for cut in range(1, len(data), max(1, len(data) // 12)):
        _read_or_refuse(data[:cut])
    for _ in range(12):
        damaged = bytearray(data)
        for _ in range(8):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        _read_or_refuse(bytes(damaged))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(min_size=1, max_size=2048))
def test_arbitrary_bytes(prefix, tail):
    _read_or_refuse(prefix + tail)
