"""The shapes every stage speaks: plain dataclasses whose JSON is the extraction contract.

`Document` is what ingest produces from one original (and what `testimonium extract` prints as
its `document` object); the store keeps it, later stages add to it by reference to `sha256`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")


def partial_date(value: str) -> str:
    """A full or partial ISO date (2018-10-08, 2018-10, 2018): publication dates are often
    known only to the month or year. Raises ValueError for anything else."""
    value = value.strip()
    try:
        if not _PARTIAL_DATE.fullmatch(value):
            raise ValueError
        date.fromisoformat(value + "-01" * (2 - value.count("-")))
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date like 2018-10-08, 2018-10 or 2018") from None
    return value


@dataclass
class Document:
    """One original as received, with the text and metadata read from it.

    `text` is the plain text that every offset in an extraction points into. `metadata` holds
    format-specific facts (e-mail headers, page count, site name, source URL) that have no field
    of their own. `attachments` are the child documents found inside this one (e-mail parts);
    each is a complete Document with its own bytes and hash.
    """

    sha256: str
    size: int
    media_type: str
    text: str
    filename: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None
    language: str | None = "en"
    metadata: dict[str, Any] = field(default_factory=dict)
    attachments: list[Document] = field(default_factory=list)
    content: bytes | None = field(default=None, repr=False, compare=False)

    def contract_json(self) -> dict[str, Any]:
        """The `document` object of the extraction contract (no bytes, no children)."""
        data = asdict(self)
        data.pop("content")
        data.pop("attachments")
        data["attachments"] = [child.sha256 for child in self.attachments]
        return data
