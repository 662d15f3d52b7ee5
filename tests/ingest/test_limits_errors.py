import pickle

import pytest

from testimonium.ingest import IngestError, Limits
from testimonium.ingest.errors import (
    CorruptFile,
    DecodeError,
    EmptyFile,
    NeedsOCR,
    ParseTimeout,
    TooLarge,
    UnsafeContainer,
    UnsupportedType,
)


def test_defaults():
    limits = Limits()
    assert limits.max_bytes == 100 * 1024 * 1024
    assert limits.parse_timeout == 60.0
    assert limits.max_memory == 2 * 1024**3
    assert (limits.max_zip_entries, limits.max_zip_uncompressed) == (5000, 512 * 1024 * 1024)
    assert (limits.max_zip_ratio, limits.max_attachments, limits.max_depth) == (200, 100, 3)


def test_from_env():
    limits = Limits.from_env(
        {"TESTIMONIUM_MAX_BYTES": "2048", "TESTIMONIUM_PARSE_TIMEOUT": "2.5", "OTHER": "x"}
    )
    assert (limits.max_bytes, limits.parse_timeout) == (2048, 2.5)
    assert limits.max_depth == 3


def test_from_env_reads_the_process_environment(monkeypatch):
    monkeypatch.setenv("TESTIMONIUM_MAX_ATTACHMENTS", "7")
    assert Limits.from_env().max_attachments == 7


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TESTIMONIUM_MAX_BYTES", "lots", "TESTIMONIUM_MAX_BYTES must be a whole number"),
        ("TESTIMONIUM_MAX_BYTES", "1.5", "TESTIMONIUM_MAX_BYTES must be a whole number"),
        ("TESTIMONIUM_PARSE_TIMEOUT", "-1", "parse_timeout must be a positive number"),
    ],
)
def test_from_env_rejects_bad_values(variable, value, message):
    with pytest.raises(ValueError, match=message):
        Limits.from_env({variable: value})


@pytest.mark.parametrize(
    "error",
    [
        EmptyFile("empty file"),
        TooLarge("file is 2 MiB (limit 1 MiB)"),
        UnsupportedType("image/png"),
        CorruptFile("PDF cannot be read"),
        NeedsOCR("PDF has no text layer (scanned?); run OCR first"),
        UnsafeContainer("too many entries"),
        DecodeError("binary"),
        ParseTimeout("parsing took longer than 60 s (limit)"),
    ],
)
def test_errors_survive_pickling(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert isinstance(copy, IngestError)
    assert "\n" not in str(copy)


def test_unsupported_type_keeps_its_kind_through_pickling():
    copy = pickle.loads(pickle.dumps(UnsupportedType("image/png")))
    assert copy.kind == "image/png"
    assert str(copy).startswith("unsupported type: image/png (supported: ")
