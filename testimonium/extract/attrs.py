"""Custom Doc extension attributes shared by the components (registered once, on import)."""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
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


TEXT_KEY = "testimonium_text"


def doc_text(doc: Doc) -> str:
    """The document's text, joined once: `Doc.text` joins every token again on each call, and
    the components ask for it many times per document."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


TOKEN_HASHES_KEY = "testimonium_token_hashes"  # doc.user_data: per attribute, one hash per token


def tokens_among(doc: Doc, words: frozenset[str], attr: str = "LOWER") -> list[int]:
    """Indices of the tokens whose lower-case form (or lemma, with attr="LEMMA") is one of
    `words`, found in one array comparison instead of a Python loop over every token."""
    key = (TOKEN_HASHES_KEY, attr)
    values = doc.user_data.get(key)
    if values is None:
        values = doc.user_data[key] = doc.to_array(LEMMA if attr == "LEMMA" else LOWER)
    return numpy.flatnonzero(numpy.isin(values, _hashes(words, attr == "LOWER"))).tolist()


@lru_cache(maxsize=64)
def _hashes(words: frozenset[str], lower: bool = True) -> numpy.ndarray:
    return numpy.array(sorted(hash_string(w.lower() if lower else w) for w in words), dtype=numpy.uint64)


def entity_of(token_or_span):
    """The Entity a token (or the head of a span) is a mention of, or None."""
    doc = token_or_span.doc
    i = token_or_span.root.i if isinstance(token_or_span, Span) else token_or_span.i
    index = doc._.token_entity
    if index is None or index[i] < 0:
        return None
    return doc._.entities[index[i]]
