"""Extraction: a document's text in, entities, dates, quantities, claims and events out.

Never touches the database: `testimonium extract` runs it statelessly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from testimonium.model import Document


@dataclass
class Extraction:
    entities: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def contract_json(self) -> dict[str, Any]:
        return {
            "entities": self.entities,
            "dates": self.dates,
            "quantities": self.quantities,
            "claims": self.claims,
            "events": self.events,
        }


class Extractor:
    def __init__(self, model: str = "en_core_web_sm") -> None:
        self.model = model

    def extract(self, document: Document, published: str | None = None) -> Extraction:
        return Extraction()
