"""Custom Doc extension attributes shared by the components (registered once, on import)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC = {
    "published": None,  # ISO date (partial allowed) that relative dates resolve against
    "entities": None,  # list[Entity], from coref
    "token_entity": None,  # per token: index into entities of the mention covering it, or -1
    "dates": None,  # list[DateMention]
    "quantities": None,  # list[Quantity]
    "claims": None,  # list[Claim]
    "events": None,  # list[Event]
}

for _name, _default in _DOC.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def entity_of(token_or_span):
    """The Entity a token (or the head of a span) is a mention of, or None."""
    doc = token_or_span.doc
    i = token_or_span.root.i if isinstance(token_or_span, Span) else token_or_span.i
    index = doc._.token_entity
    if index is None or index[i] < 0:
        return None
    return doc._.entities[index[i]]
