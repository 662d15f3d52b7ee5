import hashlib
import os
import subprocess
import sys

import pytest

from testimonium.store.blobs import BlobStore


def test_put_is_content_addressed_and_write_once(tmp_path):
    blobs = BlobStore(tmp_path)
    data = b"testimony"
    digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    path = blobs.path(digest)
    assert path == tmp_path / digest[:2] / digest[2:4] / digest
    before = path.stat().st_mtime_ns
    assert blobs.put(data) == digest
    assert path.stat().st_mtime_ns == before
    assert list(blobs.all()) == [digest]


def test_put_refuses_bytes_that_do_not_match_their_hash(tmp_path):
    with pytest.raises(ValueError):
        BlobStore(tmp_path).put(b"abc", "0" * 64)


def test_path_refuses_anything_but_a_digest(tmp_path):
    with pytest.raises(ValueError):
        BlobStore(tmp_path).path("../../etc/passwd")


def test_abandoned_temp_files_are_removed_live_ones_kept(tmp_path):
    blobs = BlobStore(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = blobs.temp_dir / f"{'a' * 64}.{dead.stdout.strip()}.part"
    live = blobs.temp_dir / f"{'b' * 64}.{os.getpid()}.part"
    abandoned.write_bytes(b"half")
    live.write_bytes(b"in progress")
    assert blobs.remove_abandoned_temp_files() == 1
    assert not abandoned.exists() and live.exists()
