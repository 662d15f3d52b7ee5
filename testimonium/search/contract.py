"""The search contract: what callers ask for and what they get back, on every backend."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

KINDS = ("document", "claim", "entity")
MAX_LIMIT = 100
MAX_WINDOW = 10_000  # offset + limit: deeper pages are better reached by narrowing the query

# Start and end of a match in the engines' raw snippets; turned into <mark> after escaping.
START, STOP = "\x02", "\x03"
_SENTINEL = re.compile(f"([{START}{STOP}])")


@dataclass(frozen=True)
class SearchQuery:
    """One search. `text` uses the syntax in `testimonium.search.query`; an empty (or
    punctuation-only) text lists the documents the facets allow, newest first; a text of
    exclusions only (`-word`) finds nothing.

    Facets narrow the documents, and a claim or entity hit by its document:
    `outlet` (exact), `year` (of the publication date), `event_type` (the document has such an
    event), `entity_type` (it mentions such an entity), `entity_id` (it mentions the entity with
    that row's type and name; the id may come from any document).
    """

    text: str = ""
    kinds: tuple[str, ...] = KINDS
    entity_id: int | None = None
    entity_type: str | None = None
    event_type: str | None = None
    outlet: str | None = None
    year: int | str | None = None
    limit: int = 20
    offset: int = 0

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(KINDS)
        if unknown or not self.kinds:
            raise ValueError(f"kinds must be some of {KINDS}, not {tuple(self.kinds)}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
        if self.offset < 0 or self.offset + self.limit > MAX_WINDOW:
            raise ValueError(f"offset must be at least 0, and offset + limit at most {MAX_WINDOW}")

    def has_facets(self) -> bool:
        return any(value is not None for value in (self.entity_id, self.entity_type, self.event_type, self.outlet, self.year))


@dataclass(frozen=True)
class Hit:
    """One result. `id` is the row id of its kind (for an entity: the first row with that type
    and name among the allowed documents); `document_id` the document it comes from. `title`
    is plain text (the document title, or the entity name); `snippet` is HTML: the source text
    escaped, matched words in <mark>…</mark>. Higher `score` is better; scores compare within
    one backend only."""

    kind: str
    id: int
    document_id: int
    title: str | None
    snippet: str
    score: float
    published: str | None


@dataclass(frozen=True)
class EntityFacet:
    """An entity facet value: pass `id` back as `SearchQuery.entity_id` to narrow to it."""

    id: int
    type: str
    name: str


@dataclass
class SearchResults:
    """`total` counts every hit of the requested kinds; when one kind has RANK_LIMIT (5,000)
    matches or more, only that many of it are ranked (the most recently stored) and counted,
    and `total_exact` is False: show it as "5,000+".

    `facets` maps "outlet", "year", "event_type", "entity_type" (at most 20 values each) and
    "entity" (the 10 most frequent, as EntityFacet) to (value, number of documents), most
    frequent first. They are counted over the best-ranked matching documents, at most
    FACET_SAMPLE (500) of them: `facets_complete` is False when more documents match."""

    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str | EntityFacet, int]]] = field(default_factory=dict)
    facets_complete: bool = True
    total_exact: bool = True


@dataclass
class Candidate:
    """A ranked row before the page is cut: `key` is its row in the kind's full-text index."""

    kind: str
    id: int
    key: int
    document_id: int
    score: float
    published: str | None
    title: str | None


def marked_html(raw: str) -> str:
    """Escape an engine's snippet, turning its match sentinels into balanced <mark> tags (a
    sentinel character in the source text itself can only ever open or close a mark)."""
    parts: list[str] = []
    inside = False
    for piece in _SENTINEL.split(raw):
        if piece in (START, STOP):
            if (piece == START) != inside:
                parts.append("</mark>" if inside else "<mark>")
                inside = not inside
        else:
            parts.append(html.escape(piece))
    if inside:
        parts.append("</mark>")
    return "".join(parts)
