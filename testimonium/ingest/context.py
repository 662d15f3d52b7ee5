"""What a format reader needs besides the bytes: limits, nesting depth, a way to read children."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from testimonium.ingest.limits import Limits
from testimonium.model import Document


@dataclass
class Budget:
    """Attachments read so far in one top-level read, shared by every nested message."""

    attachments: int = 0


@dataclass
class Context:
    limits: Limits
    # read(data, filename, context) -> Document; injected so that readers of containers
    # (e-mail) can recurse without importing the dispatcher that imports them.
    read: Callable[[bytes, str | None, Context], Document]
    depth: int = 0
    budget: Budget = field(default_factory=Budget)

    def child(self) -> Context:
        return Context(self.limits, self.read, self.depth + 1, self.budget)


def make_document(data: bytes, media_type: str, text: str, **fields: Any) -> Document:
    """A Document for `data` with its hash and size; `text` is used exactly as given."""
    return Document(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        media_type=media_type,
        text=text,
        content=data,
        **fields,
    )
