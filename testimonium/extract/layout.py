"""Sentence starts from the page layout, set before the parser (which keeps them).

Blank lines, bulleted lines and the line after a short line (a heading, a dateline, a list
item) start sentences; a single line break inside hard-wrapped prose does not.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

BULLETS = {"-", "•", "*", "–", "—", "·", "=", "§"}
SHORT_LINE = 40  # characters; shorter lines are headings or list items, not wrapped prose


@Language.factory("testimonium_layout")
def make_layout(nlp: Language, name: str):
    return Layout()


class Layout:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for token in doc[:-1]:
            if not token.is_space or "\n" not in token.text:
                continue
            nxt = doc[token.i + 1]
            if nxt.is_space:
                continue
            line_start = text.rfind("\n", 0, token.idx) + 1
            previous = text[line_start: token.idx].strip()
            if ("\n" in token.text.replace("\n", "", 1) or nxt.text[:1] in BULLETS
                    or (previous and len(previous) < SHORT_LINE and not previous.endswith(","))):
                nxt.is_sent_start = True
        return doc
