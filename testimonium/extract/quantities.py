"""Quantities: counts of people and things ("more than 2,500 Kazakhs", "an estimated 1 million"),
with an `approximate` flag and what they count (`of`).

Candidates are spaCy CARDINAL entities and bare plural number words ("thousands"); a count is
kept when it counts people or things (data/quantity_nouns.txt, a group, or a bare number that is
itself a subject or object: "twelve accepted"). Ages, money, years and durations are left out.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .attrs import entity_of
from .records import Quantity

AGE_WORDS = {"age", "aged", "ages"}
TIME_PREPS = {"before", "after", "at", "until", "till", "by", "around", "past"}
RANGE_OPEN = {"between", "from"}
RANGE_JOIN = {"and", "to", "-", "–"}
# "nine of them", "about 15 of us": a count of the people a pronoun stands for
COUNTED_PRONOUNS = {"them", "us", "you", "those", "these"}
NUMBER_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@Language.factory("testimonium_quantities", default_config={
    "nouns_file": "quantity_nouns.txt", "approximators_file": "approximators.txt",
    "numbers_file": "number_words.tsv"})
def make_quantities(nlp: Language, name: str, nouns_file: str, approximators_file: str, numbers_file: str):
    return QuantityFinder(nouns_file, approximators_file, numbers_file)


class QuantityFinder:
    def __init__(self, nouns_file: str, approximators_file: str, numbers_file: str) -> None:
        self.nouns = {w.lower() for w in vocab.words(nouns_file)}
        self.approximators = sorted((a.split() for a in vocab.words(approximators_file)), key=len, reverse=True)
        rows = vocab.table(numbers_file)
        self.words = {r["word"]: float(r["value"]) for r in rows}
        self.scales = {r["word"] for r in rows if r["scale"] == "yes"}

    def __call__(self, doc: Doc) -> Doc:
        dates = [(d.token_start, d.token_end) for d in doc._.dates or ()]
        candidates = [e for e in doc.ents if e.label_ == "CARDINAL"]
        covered = {t.i for e in candidates for t in e}
        # the NER misses some counts ("Last week two families asked"): a number word on a noun
        candidates += [doc[t.i: t.i + 1] for t in doc if t.i not in covered and not t.ent_type_ and (
            t.lower_ in ("thousands", "millions", "hundreds", "dozens")
            or (t.pos_ == "NUM" and t.dep_ == "nummod" and t.head.pos_ == "NOUN"))]
        found = []
        for span in sorted(candidates, key=lambda s: s.start):
            if any(s < span.end and span.start < e for s, e in dates):
                continue
            if found and span.start < found[-1].token_end:
                continue  # the lower number of a range already taken
            quantity = self._quantity(doc, span)
            if quantity is not None:
                found.append(quantity)
        doc._.quantities = found
        return doc

    def _quantity(self, doc: Doc, span: Span) -> Quantity | None:
        bounds = _range(doc, span)
        if bounds is not None:
            return self._range_quantity(doc, span, *bounds)
        start, end = span.start, span.end
        approximate = False
        # the approximator may sit inside the entity ("an estimated 1 million") or before it
        for words in self.approximators:
            n = len(words)
            if [t.lower_ for t in doc[start: start + n]] == words and start + n < end:
                approximate, start = True, start + n
                break
            if start - n >= 0 and [t.lower_ for t in doc[start - n: start]] == words:
                approximate = True
                break
        number_tokens = [t for t in doc[start:end] if t.lower_ not in ("a", "an") or end - start == 1]
        value = self._value(number_tokens)
        if value is None or value == 0:
            return None
        if start > 0 and doc[start - 1].lower_ in AGE_WORDS:
            return None
        if end < len(doc) and doc[end].text == "+":
            approximate, end = True, end + 1  # "1.5 million+"
        if any(t.lower_ in ("thousands", "millions", "hundreds", "dozens", "tens") for t in doc[start:end]):
            approximate = True
        counted = self._counted(doc, span)
        if counted is None:
            return None
        text_start = _approx_start(doc, span.start, self.approximators) if approximate else span.start
        text_end = max(end, counted.i + 1) if counted.i >= span.end and counted.i - end < 4 else end
        text_span = doc[text_start:text_end]
        of = _counted_phrase(doc, counted, span) if counted.i != span.root.i else None
        return Quantity(text_span.text, text_span.start_char, text_span.end_char, value, approximate, of,
                        text_span.start, text_span.end)

    def _range_quantity(self, doc: Doc, span: Span, open_i: int, join_i: int, upper: Span) -> Quantity | None:
        """"between 40 and 50 detainees", "from 1,000 to 1,200 people": the lower bound, approximate."""
        value = self._value(list(doc[open_i + 1: join_i]))
        if not value:
            return None
        counted = self._counted(doc, upper)
        if counted is None or counted.i == upper.root.i:
            # the parser often hangs the noun on the range's preposition: the next counted noun
            counted = next((t for t in doc[upper.end: upper.end + 3]
                            if t.pos_ == "NOUN" and (t.lemma_.lower() in self.nouns or t.lower_ in self.nouns)), counted)
        if counted is None:
            return None
        end = max(span.end, counted.i + 1) if counted.i >= span.end and counted.i - span.end < 4 else span.end
        text_span = doc[open_i:end]
        of = _counted_phrase(doc, counted, upper) if counted.i != upper.root.i else None
        return Quantity(text_span.text, text_span.start_char, text_span.end_char, value, True, of,
                        text_span.start, text_span.end)

    def _value(self, tokens) -> float | None:
        total, current, seen = 0.0, 0.0, False
        for t in tokens:
            text = t.text.lower().replace("+", "")
            if NUMBER_RE.match(text):
                current += float(text.replace(",", ""))
                seen = True
            elif text in self.scales:
                current = (current or 1) * self.words[text]
                if self.words[text] >= 1000:
                    total, current = total + current, 0.0
                seen = True
            elif text in self.words:
                current += self.words[text]
                seen = True
            elif text in ("of", "and", "-", "tens"):
                if text == "tens":
                    current, seen = current + 10, True
                continue
            else:
                return None
        return total + current if seen else None

    def _counted(self, doc: Doc, span: Span):
        """The noun counted, or the number itself when it stands alone; None when not a count."""
        root = span.root
        if (root.lower_ == "one" and root.dep_ != "nummod") or _list_number(doc, span):
            return None  # "one of the camps", "3. Raise the fate of ...": no count
        head = root.head if root.dep_ in ("nummod", "quantmod", "amod", "compound") else None
        if head is None:
            of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            head = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if head is not None:
            if head.lower_ in COUNTED_PRONOUNS and head.head.lower_ == "of":
                return head
            if head.lemma_.lower() in self.nouns or head.lower_ in self.nouns:
                return head
            entity = entity_of(head)
            if entity is not None and entity.type == "group":
                return head
            return None
        if root.dep_ == "pobj" and root.head.lower_ in TIME_PREPS:
            return None  # "they wake you before six": a time of day
        if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
            return root
        return None


def _range(doc: Doc, span: Span):
    """(open, join, upper number) when the span is, or ends, a range "between X and Y"."""
    s = span.start
    if s > 0 and doc[s - 1].lower_ in RANGE_OPEN and doc[s].like_num:
        s -= 1  # "between [60 and 70]": the NER left the preposition out
    if doc[s].lower_ in RANGE_OPEN:
        join = next((i for i in range(s + 2, span.end - 1) if doc[i].lower_ in RANGE_JOIN), None)
        if join is not None:
            return s, join, doc[join + 1: span.end]
        return None
    if s >= 3 and doc[s - 1].lower_ in RANGE_JOIN and doc[s - 2].like_num and doc[s - 3].lower_ in RANGE_OPEN:
        return s - 3, s - 1, span
    return None


def _list_number(doc: Doc, span: Span) -> bool:
    """A number that starts a line and is followed by "." or ")" numbers a list item."""
    # token by token back to the line start: Doc.text joins the whole document on every call
    i = span.start - 1
    while i >= 0 and not ("\n" in doc[i].text_with_ws):
        if not doc[i].is_space:
            return False
        i -= 1
    return span.end < len(doc) and doc[span.end].text in (".", ")")


def _approx_start(doc: Doc, start: int, approximators) -> int:
    for words in approximators:
        n = len(words)
        if [t.lower_ for t in doc[start: start + n]] == words:
            return start
        if start - n >= 0 and [t.lower_ for t in doc[start - n: start]] == words:
            return start - n
    return start


def _counted_phrase(doc: Doc, head, number: Span) -> str:
    start = number.end if head.i > number.end - 1 else head.left_edge.i
    return doc[start: head.i + 1].text.strip()
