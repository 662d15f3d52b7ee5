"""Alias statements: places where a text itself says two names are one ("X, also known as Y").

Found statements let resolution join spellings no string measure would ("Kuspanov" / "Quspan").
Three shapes are read:
- a cue phrase from `data/resolve/alias_cues.txt` between two names: "X, also known as Y",
  "X (also spelled Y)", "X, whose name can also be Anglicized as Y", "Y, née X";
- a name followed by its form in another script in brackets: "SAUYTBAY Sayragul (Сайрагуль Сауытбай)";
- a long form followed by its abbreviation in brackets: "Open Steppe Rights Initiative (OSRI)".
A name here is a run of capitalised words (any script), with name particles allowed inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from testimonium.connect import names

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SPACES = re.compile(r"\s+")
_BLANKS = re.compile(r"[ \t]+")
# Longest run of words the backward scan takes as one name.
MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class AliasStatement:
    first: str
    first_start: int
    first_end: int
    second: str
    second_start: int
    second_end: int
    kind: str  # "cue", "script" or "abbreviation"


@cache
def _cue_pattern() -> re.Pattern[str]:
    cues = sorted({line.strip().casefold() for line in names._lines("alias_cues.txt")}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in cue.split()) for cue in cues)
    # The separator before the cue: a comma or an opening bracket; "as" after it is optional.
    return re.compile(rf"\s*(?:,|\()\s*(?:{alternatives})(?:\s+as)?(?:\s*[:,])?\s+", re.IGNORECASE)


@cache
def _bracket_pattern() -> re.Pattern[str]:
    return re.compile(r"\s*\(\s*([^()\n]{1,80}?)\s*\)")


def _is_name_word(word: str) -> bool:
    return word[:1].isupper()


def _is_particle(word: str) -> bool:
    return word.casefold() in names._words("particles.txt")


def _is_leading_word(word: str) -> bool:
    return word.casefold() in names._words("leading_words.txt")


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The capitalised name ending at `end` (particles allowed inside), as (start, end)."""
    words = [m for m in _WORD.finditer(text, max(0, end - 200), end)]
    start = None
    expected_end = end
    taken = 0
    for m in reversed(words):
        gap = text[m.end():expected_end]
        # Words of one name are joined by spaces or a slash ("Radio Free Europe/Radio Liberty").
        if m.end() != expected_end and (gap.strip() not in ("", "/") or "\n" in gap):
            break
        word = m.group()
        if _is_name_word(word) or (start is not None and _is_particle(word)):
            start = m.start()
            expected_end = m.start()
            taken += 1
            if taken >= MAX_NAME_WORDS:
                break
        else:
            break
    if start is None:
        return None
    # A name never begins with a particle, nor with a sentence's opening word ("The", "On").
    while True:
        first = _WORD.match(text, start)
        if first is None or not (_is_particle(first.group()) or _is_leading_word(first.group())):
            break
        rest = _SPACES.match(text, first.end())
        if rest is None or rest.end() >= end:
            return None
        start = rest.end()
    return start, end


def _name_after(text: str, start: int) -> tuple[int, int] | None:
    """The capitalised name starting at `start` (particles allowed inside), as (start, end)."""
    end = None
    pos = start
    for _ in range(MAX_NAME_WORDS):
        m = _WORD.match(text, pos)
        if m is None:
            break
        word = m.group().rstrip(".") if len(m.group()) > 2 else m.group()
        # A particle may continue the name, but the name ends at its last capitalised word.
        if _is_name_word(word):
            end = m.start() + len(word)
        elif end is None or not _is_particle(word):
            break
        gap = _BLANKS.match(text, m.end())
        if gap is None:
            break
        pos = gap.end()
    if end is None:
        return None
    return start, end


def find_alias_statements(text: str) -> list[AliasStatement]:
    """Every alias statement in the text, in text order, each with both names and their offsets."""
    found: list[AliasStatement] = []
    for cue in _cue_pattern().finditer(text):
        before = _name_before(text, cue.start())
        after = _name_after(text, cue.end())
        if before is None or after is None:
            continue
        first, second = text[before[0]:before[1]], text[after[0]:after[1]]
        if names.ascii_form(first) == names.ascii_form(second):
            continue
        found.append(AliasStatement(first, *before, second, *after, kind="cue"))
    for bracket in _bracket_pattern().finditer(text):
        before = _name_before(text, bracket.start())
        inner_start, inner_end = bracket.span(1)
        inner = text[inner_start:inner_end]
        if before is None:
            continue
        first = text[before[0]:before[1]]
        inside_words = inner.split()
        if not all(w[:1].isupper() or _is_particle(w) for w in inside_words):
            continue
        if names.looks_like_acronym(inner):
            tail = _acronym_tail(text, before, inner)
            if tail is not None:
                found.append(AliasStatement(text[tail[0]:tail[1]], *tail, inner, inner_start, inner_end,
                                            kind="abbreviation"))
        elif names.is_script_latin(first) != names.is_script_latin(inner):
            found.append(AliasStatement(first, *before, inner, inner_start, inner_end, kind="script"))
    return sorted(found, key=lambda s: (s.first_start, s.second_start))


def _acronym_tail(text: str, span: tuple[int, int], acronym: str) -> tuple[int, int] | None:
    """The capitalised run before "(OSRI)" may start before the long form ("Monday Open Steppe …"):
    the longest tail of it whose initials are the acronym, or None."""
    start, end = span
    wanted = names.acronym_key(acronym)
    for m in _WORD.finditer(text, start, end):
        if names.acronym_key(text[m.start():end]) == wanted:
            return m.start(), end
    return None
