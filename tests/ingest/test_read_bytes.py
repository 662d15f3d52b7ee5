import os

import pytest

from testimonium.ingest import IngestError, Limits, read_bytes
from testimonium.ingest.errors import EmptyFile, TooLarge


def test_reads_a_regular_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"some bytes")
    assert read_bytes(path, Limits()) == b"some bytes"


def test_file_at_the_limit_is_accepted(tmp_path):
    path = tmp_path / "exact.txt"
    path.write_bytes(b"x" * 64)
    assert read_bytes(path, Limits(max_bytes=64)) == b"x" * 64


def test_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 65)
    with pytest.raises(TooLarge, match="TESTIMONIUM_MAX_BYTES"):
        read_bytes(path, Limits(max_bytes=64))


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.touch()
    with pytest.raises(EmptyFile, match="^empty file$"):
        read_bytes(path, Limits())


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="not found"):
        read_bytes(tmp_path / "absent.txt", Limits())


def test_directory_is_not_a_regular_file(tmp_path):
    with pytest.raises(IngestError, match="not a regular file"):
        read_bytes(tmp_path, Limits())


def test_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    with pytest.raises(IngestError, match="not a regular file"):
        read_bytes(path, Limits())


def test_device_is_refused():
    with pytest.raises(IngestError, match="not a regular file"):
        read_bytes("/dev/zero", Limits())
