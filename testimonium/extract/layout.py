"""Sentence starts from the page layout, set before the parser (which keeps them).

Blank lines, bulleted lines and the line after a short line (a heading, a dateline, a list
item) start sentences; a single line break inside hard-wrapped prose does not.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .attrs import doc_text

BULLETS = {"-", "•", "*", "–", "—", "·", "=", "§"}
# a wire dateline opening a line: an upper-case place, a date, maybe the agency, a dash
DATELINE_RE = re.compile(r"^[ \t]*[A-Z][A-Z.'\- ]{1,40}(?:,[ \t]*[A-Z][A-Za-z.'\- ]{1,30})?"
                         r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"
                         r"[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*(?:-{1,2}|\u2013|\u2014)[ \t]+(?=[A-Z\"\u201c])",
                         re.MULTILINE)
DATELINE_CHARS = 3000  # the dateline opens the story
SHORT_LINE = 40  # characters; shorter lines are headings or list items, not wrapped prose


@Language.factory("testimonium_layout")
def make_layout(nlp: Language, name: str):
    return Layout()


class Layout:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
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
        self._dateline(doc)
        return doc

    @staticmethod
    def _dateline(doc: Doc) -> None:
        """"KAMPOT, June 12 (Mekong Wire) - Police detained ...": the dateline is not part of the
        lead's sentence, or the parser makes the town the subject and the date the event's."""
        m = DATELINE_RE.search(doc_text(doc), 0, DATELINE_CHARS)
        if m is None:
            return
        # the line before (a headline without a full stop) ends there, and the lead starts after it
        for at in (m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end()):
            span = doc.char_span(at, at + 1, alignment_mode="expand")
            if span is not None and span[0].i > 0:
                span[0].is_sent_start = True
