"""Write-once, content-addressed storage of originals: `blobs/ab/cd/<sha256>`.

A blob is written to a temporary file, flushed to disk, renamed into place and its directory
flushed, so after a crash a blob is either complete or absent. Existing blobs are never
rewritten: the same bytes always have the same name.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_TEMP_SUFFIX = ".part"
_CHUNK = 1024 * 1024


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.temp_dir = root / "tmp"
        self.temp_dir.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not SHA256_RE.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store `data` unless already present; return its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        if sha256 is not None and sha256 != digest:
            raise ValueError("bytes do not match the SHA-256 they were received with")
        final = self.path(digest)
        if final.is_file():
            return digest
        final.parent.mkdir(parents=True, exist_ok=True)
        # The pid in the name lets a later run tell an abandoned temp file from a live one.
        temp = self.temp_dir / f"{digest}.{os.getpid()}{_TEMP_SUFFIX}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o444)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, final)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_dir(final.parent)
        _fsync_dir(final.parent.parent)
        _fsync_dir(self.root)
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def hash_of(self, sha256: str) -> str:
        """Re-hash a stored blob from disk (what `verify` compares with its name)."""
        digest = hashlib.sha256()
        with self.path(sha256).open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def all(self) -> Iterator[str]:
        for first in sorted(self.root.iterdir()):
            if first == self.temp_dir or not first.is_dir():
                continue
            for second in sorted(first.iterdir()):
                for blob in sorted(second.iterdir()):
                    yield blob.name

    def remove_abandoned_temp_files(self) -> int:
        """Delete temp files left by processes that no longer run (killed mid-write)."""
        removed = 0
        for temp in self.temp_dir.glob(f"*{_TEMP_SUFFIX}"):
            pid = temp.name.removesuffix(_TEMP_SUFFIX).rsplit(".", 1)[-1]
            if pid.isdigit() and _process_alive(int(pid)):
                continue
            temp.unlink(missing_ok=True)
            removed += 1
        return removed


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

