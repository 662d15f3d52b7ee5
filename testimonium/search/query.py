"""What people type into the search box, made safe for both full-text engines.

The syntax is the familiar web one:

    asylum denied            both words (in any order, anywhere in the text)
    "study centre"           the phrase
    deten*                   a word starting with "deten" (also at the end of a phrase)
    asylum OR refugee        either word
    -deported                not this word (or -"a phrase")

Anything else (parentheses, NEAR, colons, SQL) is read as words and punctuation; a quote
left open runs to the end. A word is a run of letters and digits; every other character separates words, as
both engines' tokenisers do. The engines then only ever receive words from this module, each
quoted in their own syntax, so no input can change the meaning of the query they run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Bounds on what one query may cost.
MAX_QUERY_CHARS = 500
MAX_TERMS = 16

_TOKEN = re.compile(r'-?"[^"]*"?\*?|\S+')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """A word or a phrase; `prefix` makes its last word match any word starting with it."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """All of `groups` must match (each group: any one of its terms); none of `excluded`."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]


def parse(text: str) -> ParsedQuery:
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    count = 0
    for token in _TOKEN.findall(text[:MAX_QUERY_CHARS]):
        if token == "OR":
            join_next = bool(groups)
            continue
        negated = token.startswith("-") and len(token) > 1
        term = _term(token[1:] if negated else token)
        if term is None or count >= MAX_TERMS:
            continue
        count += 1
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return ParsedQuery(tuple(tuple(group) for group in groups), tuple(excluded))


def _term(token: str) -> Term | None:
    prefix = token.endswith("*")
    words = tuple(_WORD.findall(token))
    return Term(words, prefix) if words else None


def to_fts5(query: ParsedQuery) -> str:
    """The query in SQLite FTS5 syntax: every word inside a double-quoted string."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

    expression = " AND ".join("(" + " OR ".join(map(term, group)) + ")" for group in query.groups)
    if query.excluded:
        expression = f"({expression}) NOT ({' OR '.join(map(term, query.excluded))})"
    return expression


def to_tsquery(query: ParsedQuery) -> str:
    """The query in PostgreSQL to_tsquery syntax. Words are letters and digits only, so they
    carry no tsquery operators; the text search configuration then folds and normalises them."""

    def term(t: Term) -> str:
        return "(" + " <-> ".join(t.words) + (":*" if t.prefix else "") + ")"

    expression = " & ".join("(" + " | ".join(map(term, group)) + ")" for group in query.groups)
    for t in query.excluded:
        expression += f" & !{term(t)}"
    return expression
