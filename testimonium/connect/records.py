"""What the connect stage reads and writes, independent of the store.

Every algorithm in this package works on these plain records, so each can be tested alone;
`testimonium.connect.run` loads them from the store and writes the results back.
Ids are store row ids (unique across documents). "Canonical" ids are entity-cluster ids
assigned by entity resolution.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class EntityRef:
    """One per-document entity: the name the extractor chose plus the document's other forms."""

    id: int
    document_id: int
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    mention_count: int = 1


@dataclass(frozen=True)
class Decision:
    """A person's judgement on two per-document entities; resolution never overrides it."""

    kind: Literal["merge", "split"]
    a: int
    b: int


@dataclass(frozen=True)
class EventRef:
    id: int
    document_id: int
    type: str
    outcome: str | None
    modality: str | None
    date: str | None
    trigger_text: str
    agents: frozenset[int] = frozenset()
    patients: frozenset[int] = frozenset()
    places: frozenset[int] = frozenset()
    claim_id: int | None = None


@dataclass(frozen=True)
class ClaimRef:
    id: int
    document_id: int
    content: str
    stance: str | None
    speaker: int | None
    speaker_text: str | None
    entities: frozenset[int] = frozenset()
    reported_by: frozenset[int] = frozenset()
    date: str | None = None


@dataclass(frozen=True)
class SourceDoc:
    """A document as a source: who published it, whom it cites, and its text for copy detection."""

    id: int
    outlet: str | None
    text: str
    published: str | None = None
    cites: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Report:
    """One document's report of a cluster (event or proposition), as independence sees it."""

    document_id: int
    speakers: frozenset[int] = frozenset()
    attributed_to: frozenset[int] = frozenset()
    alleged: bool = False


@dataclass
class Chain:
    origin: str
    document_ids: list[int]
    reason: str


@dataclass
class Independence:
    sources: int
    independent: int
    chains: list[Chain] = field(default_factory=list)
