"""Documents with hand-written extraction results, so web tests need no language model."""

from __future__ import annotations

import hashlib

from testimonium.model import Document
from testimonium.store import Store

ASYLUM_TEXT = (
    "Kazakhstan refuses asylum to Aigerim Nurova\n\n"
    "ALMATY (SWS) — Kazakhstan denied asylum to Aigerim Nurova on October 5, her lawyer told SWS. "
    "Nurova crossed the border in August. "
    "\"She will appeal,\" said Daniyar Sadykov, her lawyer. "
    "China denied that camps exist <script>alert(1)</script>.\n"
)


def find(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def span(text: str, part: str, nth: int = 0) -> dict:
    start, end = find(text, part, nth)
    return {"start": start, "end": end, "text": part}


def asylum_extraction(text: str = ASYLUM_TEXT) -> dict:
    claim_content = "Kazakhstan denied asylum to Aigerim Nurova on October 5"
    c1 = find(text, claim_content)
    c2 = find(text, "She will appeal")
    c3 = find(text, "that camps exist <script>alert(1)</script>")
    return {
        "entities": [
            {"id": "E1", "type": "place", "name": "Kazakhstan",
             "mentions": [span(text, "Kazakhstan"), span(text, "Kazakhstan", 1)]},
            {"id": "E2", "type": "person", "name": "Aigerim Nurova",
             "mentions": [span(text, "Aigerim Nurova"), span(text, "Aigerim Nurova", 1), span(text, "Nurova", 2),
                          span(text, "She")]},
            {"id": "E3", "type": "media", "name": "SWS", "mentions": [span(text, "SWS"), span(text, "SWS", 1)]},
            {"id": "E4", "type": "person", "name": "Daniyar Sadykov", "mentions": [span(text, "Daniyar Sadykov")]},
            {"id": "E5", "type": "place", "name": "China", "mentions": [span(text, "China")]},
        ],
        "dates": [
            dict(span(text, "October 5"), value="2018-10-05", granularity="day"),
            dict(span(text, "August"), value="2018-08", granularity="month"),
        ],
        "quantities": [],
        "claims": [
            {"id": "C1", "speaker": None, "speaker_text": "her lawyer", "cue": "told", "told_to": "E3",
             "reported_by": ["E3"], "content": claim_content, "start": c1[0], "end": c1[1], "kind": "indirect",
             "stance": "assert", "date": None, "cue_span": dict(zip(("start", "end"), find(text, "told")))},
            {"id": "C2", "speaker": "E4", "speaker_text": "Daniyar Sadykov", "cue": "said", "told_to": None,
             "reported_by": [], "content": "She will appeal", "start": c2[0], "end": c2[1], "kind": "direct",
             "stance": "assert", "date": "2018-10-06", "cue_span": dict(zip(("start", "end"), find(text, "said")))},
            {"id": "C3", "speaker": "E5", "speaker_text": "China", "cue": "denied", "told_to": None,
             "reported_by": [], "content": text[c3[0]:c3[1]], "start": c3[0], "end": c3[1], "kind": "indirect",
             "stance": "deny", "date": None, "cue_span": dict(zip(("start", "end"), find(text, "denied", 1)))},
        ],
        "events": [
            {"id": "V1", "type": "asylum", "outcome": "denied", "modality": "actual", "agent": ["E1"],
             "patient": ["E2"], "place": [], "date": "2018-10-05",
             "trigger": dict(zip(("start", "end"), find(text, "denied"))) | {"text": "denied"}, "claim": "C1"},
            {"id": "V2", "type": "border_crossing", "outcome": None, "modality": "actual", "agent": ["E2"],
             "patient": [], "place": [], "date": "2018-08",
             "trigger": dict(zip(("start", "end"), find(text, "crossed"))) | {"text": "crossed"}, "claim": None},
            {"id": "V3", "type": "appeal", "outcome": None, "modality": "planned", "agent": ["E2"],
             "patient": [], "place": [], "date": None,
             "trigger": dict(zip(("start", "end"), find(text, "appeal"))) | {"text": "appeal"}, "claim": "C2"},
        ],
    }


def make_document(text: str, **fields) -> Document:
    data = text.encode()
    return Document(sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type="text/plain", text=text,
                    content=data, **fields)


def add_asylum_document(store: Store, *, published: str = "2018-10-08", outlet: str = "SWS") -> int:
    document = make_document(ASYLUM_TEXT, title="Kazakhstan refuses asylum to Aigerim Nurova",
                             published=published, outlet=outlet, filename="asylum.txt")
    document_id = store.add(document, source=None, actor="fixture").document_id
    store.save_extraction(document_id, asylum_extraction(), extractor="hand-written", actor="fixture")
    return document_id
