"""Markdown's marks blanked out before the parse, keeping every offset.

"**Shahzain Baloch**, 23," and "believes that **an estimated 3,000 people** were held": the tagger
and parser read asterisks as words, so names go unseen and subjects attach to the marks. The
marks (emphasis, heading hashes, blockquote arrows) become spaces of the same length, so offsets
into the text the reader sees (`document.text`) stay exact.
"""

from __future__ import annotations

import re

# bounded: a hostile file of asterisks costs one linear pass
EMPHASIS_RE = re.compile(r"(?<![\w*_])(\*\*|__|\*|_)(?=\S)([^\n*_]{1,300}?)(?<=\S)\1(?![\w*_])")
LINE_MARK_RE = re.compile(r"^[ \t]{0,3}(#{1,6}|>)(?=[ \t])", re.MULTILINE)


EMPHASIS_KEY = "testimonium_emphasis"  # doc.user_data: (start, end) of each emphasised stretch


def blank_markdown(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with Markdown marks replaced by as many spaces, and the (start, end) offsets of
    the emphasised words ("**Shahzain Baloch**" in a list of cases is a name: a hint the
    entity stage may use)."""
    emphasised: list[tuple[int, int]] = []

    def blank(m: re.Match) -> str:
        emphasised.append((m.start(2), m.end(2)))
        return " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1))

    text = EMPHASIS_RE.sub(blank, text)
    return LINE_MARK_RE.sub(lambda m: m.group(0).replace(m.group(1), " " * len(m.group(1))), text), emphasised
