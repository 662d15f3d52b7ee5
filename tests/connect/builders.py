"""Stored documents with hand-written extraction results, so connect tests need no extractor.

The texts are short news items written for these tests. Each record names its spans by the
words they cover; the builder finds the offsets.
"""

from __future__ import annotations

import hashlib

from testimonium.model import Document
from testimonium.store import Store


def _span(text: str, words: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return {"start": start, "end": start + len(words), "text": words}


def add_document(store: Store, text: str, *, outlet: str | None = None, published: str | None = None,
                 name: str = "story.txt") -> int:
    data = text.encode()
    document = Document(
        sha256=hashlib.sha256(data).hexdigest(), media_type="text/plain", size=len(data), text=text,
        filename=name, title=text.splitlines()[0], outlet=outlet, published=published, content=data,
    )
    return store.add(document, source="test", actor="tester").document_id


def extraction(text: str, entities: dict[str, tuple[str, str, list[str]]], claims=(), events=()) -> dict:
    """entities: id -> (type, name, [mention words…]); claims: dicts with `content` words and ids;
    events: dicts with `trigger` words, ids of participants."""
    result = {"entities": [], "dates": [], "quantities": [], "claims": [], "events": []}
    for local_id, (kind, name, forms) in entities.items():
        seen: dict[str, int] = {}
        mentions = []
        for form in forms:
            mentions.append(_span(text, form, seen.get(form, 0)))
            seen[form] = seen.get(form, 0) + 1
        result["entities"].append({"id": local_id, "type": kind, "name": name, "mentions": mentions})
    for number, claim in enumerate(claims, 1):
        content = _span(text, claim["content"])
        result["claims"].append({
            "id": f"C{number}", "speaker": claim.get("speaker"), "speaker_text": claim.get("speaker_text"),
            "cue": claim.get("cue", "said"), "told_to": claim.get("told_to"),
            "reported_by": claim.get("reported_by", []), "content": content["text"], "start": content["start"],
            "end": content["end"], "kind": "indirect", "stance": claim.get("stance", "assert"), "date": None,
        })
    for number, event in enumerate(events, 1):
        result["events"].append({
            "id": f"V{number}", "type": event["type"], "outcome": event.get("outcome"),
            "modality": event.get("modality", "actual"), "agent": event.get("agent", []),
            "patient": event.get("patient", []), "place": event.get("place", []), "date": event.get("date"),
            "trigger": _span(text, event["trigger"]), "claim": event.get("claim"),
        })
    return result


def add_extracted(store: Store, text: str, *, outlet: str | None = None, published: str | None = None,
                  name: str = "story.txt", **records) -> int:
    document_id = add_document(store, text, outlet=outlet, published=published, name=name)
    store.save_extraction(document_id, extraction(text, **records), extractor="hand-made", actor="tester")
    return document_id


# -- a small story told four times: a wire, a copy of it, the lawyer's own word, a namesake -----

WIRE = (
    "Kazakhstan refuses asylum to camp witness\n\n"
    "ALMATY (Steppe Wire Service) — A migration commission in Kazakhstan refused asylum to Sayragul "
    "Sauytbay on Friday, ending her hope of staying in the country with her husband and two children. "
    "Sauytbay, an ethnic Kazakh born in China, told a court this summer that she had been made to teach "
    "inside a camp where detainees were held without charge. Her case drew crowds to the courthouse in "
    "Zharkent and was followed closely by Kazakh families with relatives across the border. The commission "
    "gave no reason for its decision, and officials declined to comment on it when asked by reporters.\n"
)
COPY = (
    "Witness in camp case denied asylum\n\n"
    "A migration commission in Kazakhstan refused asylum to Sayragul "
    "Sauytbay on Friday, ending her hope of staying in the country with her husband and two children. "
    "Sauytbay, an ethnic Kazakh born in China, told a court this summer that she had been made to teach "
    "inside a camp where detainees were held without charge. Her case drew crowds to the courthouse in "
    "Zharkent and was followed closely by Kazakh families with relatives across the border, "
    "the Steppe Wire Service reported.\n"
)
LAWYER = (
    "Lawyer confirms refusal\n\n"
    "ASTANA — Sairagul Sauytbay was refused asylum on October 5, her lawyer Abzal Kuspanov told the "
    "Trans-Steppe Press Agency by telephone. He said the family would appeal within ten days.\n"
)
NAMESAKE = (
    "Trader acquitted\n\n"
    "TARAZ — A court acquitted Yerbol Sauytbayev, a grain trader, of fraud charges on Monday.\n"
)


def add_wire(store: Store) -> int:
    return add_extracted(
        store, WIRE, outlet="Steppe Wire Service", published="2018-10-06", name="wire.txt",
        entities={"E1": ("place", "Kazakhstan", ["Kazakhstan"]),
                  "E2": ("person", "Sayragul Sauytbay", ["Sayragul Sauytbay", "Sauytbay"]),
                  "E3": ("place", "China", ["China"]),
                  "E4": ("media", "Steppe Wire Service", ["Steppe Wire Service"])},
        claims=[{"speaker": "E2", "cue": "told", "content": "she had been made to teach inside a camp where "
                 "detainees were held without charge"}],
        events=[{"type": "asylum", "outcome": "denied", "patient": ["E2"], "place": ["E1"], "date": "2018-10-05",
                 "trigger": "refused asylum"}],
    )


def add_copy(store: Store) -> int:
    return add_extracted(
        store, COPY, outlet="Zhetysu Herald", published="2018-10-07", name="copy.txt",
        entities={"E1": ("place", "Kazakhstan", ["Kazakhstan"]),
                  "E2": ("person", "Sayragul Sauytbay", ["Sayragul Sauytbay", "Sauytbay"]),
                  "E3": ("place", "China", ["China"]),
                  "E4": ("media", "Steppe Wire Service", ["Steppe Wire Service"])},
        claims=[{"speaker": "E2", "cue": "told", "reported_by": ["E4"],
                 "content": "she had been made to teach inside a camp where detainees were held without charge"}],
        events=[{"type": "asylum", "outcome": "denied", "patient": ["E2"], "place": ["E1"], "date": "2018-10-05",
                 "trigger": "refused asylum"}],
    )


def add_lawyer(store: Store) -> int:
    return add_extracted(
        store, LAWYER, outlet="Trans-Steppe Press Agency", published="2018-10-06", name="lawyer.txt",
        entities={"E1": ("person", "Sairagul Sauytbay", ["Sairagul Sauytbay"]),
                  "E2": ("person", "Abzal Kuspanov", ["Abzal Kuspanov", "He"]),
                  "E3": ("media", "Trans-Steppe Press Agency", ["Trans-Steppe Press Agency"])},
        claims=[{"speaker": "E2", "cue": "said", "content": "the family would appeal within ten days"}],
        events=[{"type": "asylum", "outcome": "denied", "patient": ["E1"], "date": "2018-10-05",
                 "trigger": "refused asylum"}],
    )


def add_namesake(store: Store) -> int:
    return add_extracted(
        store, NAMESAKE, name="namesake.txt",
        entities={"E1": ("person", "Yerbol Sauytbayev", ["Yerbol Sauytbayev"])},
        events=[{"type": "verdict", "outcome": "acquitted", "patient": ["E1"], "trigger": "acquitted"}],
    )
