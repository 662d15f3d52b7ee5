"""What the search page and the search API share: filters from the request, results and facets
in the shapes the templates and JSON use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from testimonium.search import EntityFacet, SearchIndex, SearchQuery, SearchResults
from testimonium.store import Store

KINDS = ("document", "claim", "entity")
FACETS = ("entity_type", "event_type", "outlet", "year", "entity")


@dataclass
class Filters:
    text: str
    kinds: tuple[str, ...] = KINDS
    entity_id: int | None = None
    entity_type: str | None = None
    event_type: str | None = None
    outlet: str | None = None
    year: int | None = None
    limit: int = 20
    offset: int = 0

    def wanted(self) -> bool:
        """Whether there is anything to search for: words, or a facet to list documents by."""
        return bool(self.text or self.active())

    def active(self) -> dict[str, Any]:
        """The facet filters in use, by the name of their query parameter."""
        chosen = {"entity": self.entity_id, "entity_type": self.entity_type, "event_type": self.event_type,
                  "outlet": self.outlet, "year": self.year}
        return {name: value for name, value in chosen.items() if value is not None}


def search(store: Store, filters: Filters) -> SearchResults:
    return SearchIndex(store).search(SearchQuery(
        text=filters.text, kinds=filters.kinds, entity_id=filters.entity_id, entity_type=filters.entity_type,
        event_type=filters.event_type, outlet=filters.outlet, year=filters.year, limit=filters.limit,
        offset=filters.offset,
    ))


def facet_choice(value: Any) -> tuple[Any, str]:
    """A facet value as (what the query parameter takes, what the reader sees)."""
    if isinstance(value, EntityFacet):
        return value.id, f"{value.name} ({value.type})"
    return value, str(value).replace("_", " ")


def facet_json(value: Any) -> Any:
    if isinstance(value, EntityFacet):
        return {"id": value.id, "type": value.type, "name": value.name}
    return value


def hit_link(hit: Any) -> str:
    if hit.kind == "entity":
        return f"/entities/{hit.id}"
    if hit.kind == "claim":
        return f"/documents/{hit.document_id}#claim-{hit.id}"
    return f"/documents/{hit.document_id or hit.id}"
