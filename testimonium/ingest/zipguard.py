"""Refuse zip containers whose central directory promises a decompression bomb.

Only declared sizes are checked, which is sufficient: zipfile stops inflating an entry at its
declared size and fails the CRC if the data disagrees, so no entry can expand beyond what is
checked here.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from testimonium.ingest.errors import CorruptFile, UnsafeContainer, human_size, shorten
from testimonium.ingest.limits import Limits

# Small parts compress extremely well (a run of XML whitespace); only entries big enough to
# matter are held to the ratio limit.
RATIO_FLOOR = 1024 * 1024


def open_checked(data: bytes, limits: Limits, label: str) -> zipfile.ZipFile:
    """A ZipFile over `data` after checking entry count, total size and per-entry ratio."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as err:
        raise CorruptFile(f"{label} is a broken zip archive: {shorten(err)}") from None
    try:
        check(archive, limits, label)
    except BaseException:
        archive.close()
        raise
    return archive


def check(archive: zipfile.ZipFile, limits: Limits, label: str) -> None:
    entries = archive.infolist()
    refuse = f"; refusing {label} as a possible zip bomb"
    if len(entries) > limits.max_zip_entries:
        raise UnsafeContainer(
            f"{label} has {len(entries)} zip entries (limit {limits.max_zip_entries}){refuse}"
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_zip_uncompressed:
        raise UnsafeContainer(
            f"{label} would unpack to {human_size(total)} "
            f"(limit {human_size(limits.max_zip_uncompressed)}){refuse}"
        )
    for entry in entries:
        if entry.file_size < RATIO_FLOOR:
            continue
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > limits.max_zip_ratio:
            raise UnsafeContainer(
                f"{label} entry {entry.filename[:80]!r} expands {ratio:.0f}-fold "
                f"(limit {limits.max_zip_ratio}){refuse}"
            )
