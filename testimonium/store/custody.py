"""The custody chain: every event hashes the previous event's hash and its own canonical JSON.

Editing any field of any row, deleting or reordering rows, breaks the chain at that row, and
`verify_chain` names it. The genesis row chains on 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

# The events the log knows; a new kind of event is added here and documented in the README.
EVENTS = frozenset(
    {
        "ingested",
        "seen-again",
        "extracted",
        "viewed",
        "corrected",
        "exported",
        "verified",
    }
)

CHAINED_FIELDS = ("seq", "at", "event", "sha256", "actor", "source", "tool", "tool_version", "details")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_details(details: Mapping[str, Any] | None) -> str:
    return json.dumps(details or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(prev_hash: str, row: Mapping[str, Any]) -> str:
    body = json.dumps(
        {name: row[name] for name in CHAINED_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def verify_chain(rows: Iterable[Mapping[str, Any]]) -> tuple[int, list[str]]:
    """Check rows in `seq` order; return (rows checked, problems)."""
    problems: list[str] = []
    expected_prev = GENESIS
    expected_seq = 1
    count = 0
    for row in rows:
        count += 1
        seq = row["seq"]
        if seq != expected_seq:
            problems.append(f"custody row {seq}: expected row {expected_seq} here (rows missing or reordered)")
        if row["prev_hash"] != expected_prev:
            problems.append(f"custody row {seq}: does not chain on the row before it (a row was edited or removed)")
        if row_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(f"custody row {seq}: contents do not match its hash (the row was edited)")
        expected_prev = row["hash"]
        expected_seq = seq + 1
    return count, problems
