"""Claims made by a document's own speakers: prepared statements and transcript turns.

"Statement of Assistant Secretary X" (or "Remarks by X", "Testimony of X") heading a document
makes the prose after it X's statement: each sentence is a claim of X. In a transcript, a turn
that starts with a speaker label ("AMBASSADOR X:") is that speaker's: each sentence of the turn
is a claim. Labels are kept only when they name a person found in the document, and courtesies
("Thank you very much") are not claims.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from . import vocab
from .attrs import doc_text, entity_of
from .records import Claim

HEADING_RE = re.compile(r"^[ \t]*(?:Prepared\s+)?(?:Statement|Remarks|Testimony|Speech|Address)\s+(?:of|by)\s+(.+?)\s*$",
                        re.MULTILINE | re.IGNORECASE)
LABEL_RE = re.compile(r"^[ \t]*([A-Z][A-Z.'\- ]{1,60}[A-Z.]):[ \t]+", re.MULTILINE)
# "Testimony of X — recorded by an NGO", "as told to": a witness's account written down by the
# publisher is the document's own narrative voice, not a statement made by an actor
RECORDED_RE = re.compile(r"\b(?:recorded|interviewed|collected|transcribed|documented|taken)\s+by\b|\bas\s+told\s+to\b",
                         re.IGNORECASE)
MIN_WORDS = 6  # shorter sentences in a turn are stage business ("All right.")
MIN_PARAGRAPH_CHARS = 120  # shorter blocks after a statement heading are headings or addresses
MIN_LINE_CHARS = 50  # a block of short lines is a list of names, not prose
HEADING_BLOCK_LINES = 4  # a statement's heading and the lines under it that say who speaks for whom
HEADING_BLOCK_CHARS = 1000  # enough for those lines: the rest of the document is not split to find them


def transcript_claims(doc: Doc, existing: list[Claim]) -> list[Claim]:
    phatic = tuple(vocab.words("phatic.txt"))
    covered = [(c.start, c.end) for c in existing] + [(c.cue_start, c.cue_end) for c in existing]
    out: list[Claim] = []
    for start, end, entity, label in _turns(doc):
        for sent in doc.char_span(start, end, alignment_mode="expand").sents:
            sent = _trim(sent, start, end)
            if sent is None or _is_covered(sent, covered) or _is_phatic(sent, phatic):
                continue
            if sum(1 for t in sent if t.is_alpha) < MIN_WORDS:
                continue
            out.append(Claim(id="", speaker=entity.id, speaker_text=label, cue="stated",
                             content=sent.text, start=sent.start_char, end=sent.end_char, kind="direct",
                             token_start=sent.start, token_end=sent.end))
    return out


def narrator(doc: Doc):
    """The person whose account the document is ("Testimony of X", "Statement of X"): the "I"
    and "we" of its prose outside quotations. None for other documents."""
    key = "testimonium_narrator"
    if key not in doc.user_data:
        heading = HEADING_RE.search(doc_text(doc)[:3000])
        doc.user_data[key] = _person_in(doc, heading.start(1), heading.end(1)) if heading else None
    return doc.user_data[key]


def _turns(doc: Doc):
    """(start_char, end_char, entity, label) of each stretch of text spoken by a known person."""
    text = doc_text(doc)
    heading = HEADING_RE.search(text[:3000])
    turns = []
    if heading and not RECORDED_RE.search(heading.group(1)) and _speaks_as_actor(text, heading):
        entity = _person_in(doc, heading.start(1), heading.end(1))
        if entity is not None:
            body = _prose_start(text, heading.end())
            if body is not None:
                turns.append((body, len(text), entity, heading.group(1)))
    labels = list(LABEL_RE.finditer(text))
    for n, m in enumerate(labels):
        entity = _person_in(doc, m.start(1), m.end(1))
        if entity is None:
            continue
        end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
        turns.append((m.end(), end, entity, m.group(1)))
    return turns


def _speaks_as_actor(text: str, heading: re.Match) -> bool:
    """"Statement of Assistant Secretary X / Senate Judiciary Subcommittee": an official speaking for
    an institution, whose words are claims. A private witness's own statement ("Statement of X /
    Given to an NGO") is the document's narrative voice: what it recounts is stated, not claimed."""
    block = " ".join(text[heading.start(): heading.start() + HEADING_BLOCK_CHARS].splitlines()[:HEADING_BLOCK_LINES])
    words = {w.casefold() for w in re.findall(r"[A-Za-z]+", block)}
    return bool(words & _actor_words())


@lru_cache(maxsize=1)
def _actor_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in vocab.words("statement_actor_words.txt"))


def _prose_start(text: str, offset: int) -> int | None:
    """The first paragraph after the heading that reads as prose, not a heading or a date."""
    pos = offset
    for para in re.split(r"(\n\s*\n)", text[offset:]):
        lines = [ln for ln in para.strip().splitlines() if ln.strip()]
        if (len(para.strip()) >= MIN_PARAGRAPH_CHARS and re.search(r"[.?!][\"”’)]?\s*$|[.?!]\s", para)
                and sum(map(len, lines)) / len(lines) > MIN_LINE_CHARS):
            return pos + (len(para) - len(para.lstrip()))
        pos += len(para)
    return None


def _person_in(doc: Doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        entity = entity_of(token)
        if entity is not None and entity.type == "person":
            return entity
    # an all-caps label the NER missed: match its words against known person names
    words = {w.casefold() for w in re.findall(r"[A-Za-z]+", span.text)}
    for entity in doc._.entities or ():
        if entity.type == "person" and entity.name.split()[-1].casefold() in words:
            return entity
    return None


def _trim(sent: Span, start: int, end: int) -> Span | None:
    doc = sent.doc
    s, e = sent.start, sent.end
    while s < e and (doc[s].is_space or doc[s].idx < start):
        s += 1
    while e > s and (doc[e - 1].is_space or doc[e - 1].idx >= end or doc[e - 1].is_punct):
        e -= 1
    return doc[s:e] if s < e else None


def _is_covered(sent: Span, covered) -> bool:
    return any(a < sent.end_char and sent.start_char < b for a, b in covered)


def _is_phatic(sent: Span, phatic) -> bool:
    low = sent.text.lower()
    return low.startswith(phatic)
