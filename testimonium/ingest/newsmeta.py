"""Title, byline and dateline read from the top of a news-style text.

The rules are deliberately conservative: a wrong author or place attached to evidence is worse
than none, so anything that does not look exactly like a byline or a dateline yields None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE_MAX = 300
# Only the top of a document is read: what lies further down is not "near the top".
_HEAD_CHARS = 64 * 1024
# Lines examined after the title; a dateline or byline sits above the body, not deep in it.
_SCAN_LINES = 8
# A line this long (in words) is body text: if it is not a dateline, there is none.
_BODY_WORDS = 8

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BYLINE = re.compile(r"(?:By|BY|by)\s+(?P<names>\S.*)")
_BYLINE_MAX = 120
_NAME_SEPARATORS = re.compile(r"\s+(?:and|AND|&)\s+|\s*,\s*")
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "el", "ibn", "la", "le"}
    | {"van", "von", "y"}
)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_WORD = r"[^\W\d_][\w'’.\-]*"
_DATELINE = re.compile(
    rf"""
    (?P<city>{_WORD}(?:[ ]{_WORD}){{0,3}})
    (?:,[ ]*(?P<region>{_WORD}(?:[ ]{_WORD}){{0,3}}))?
    (?:,?[ ]+(?P<date>{_DATE}))?
    (?:[ ]*\((?P<outlet>[^()\n]{{1,40}})\))?
    (?:[ ]*(?:—|–|―|--)[ ]*|[ ]+-[ ]+|(?<=\))[ ]*-[ ]+)
    (?P<body>\S.*)
    """,
    re.X,
)
# All-caps labels and acronyms that open paragraphs with a dash but are not places.
_NOT_PLACES = frozenset(
    {"ANALYSIS", "BREAKING", "COMMENT", "CORRECTION", "EDITORIAL", "EXCLUSIVE", "LIVE", "NOTE"}
    | {"OPINION", "PHOTO", "PHOTOS", "UPDATE", "UPDATED", "VIDEO", "WARNING", "WATCH"}
    | {"AI", "EU", "HRW", "ICC", "ICRC", "NATO", "OSCE", "UK", "UN", "UNHCR", "UNICEF", "US"}
    | {"WHO"}
)


@dataclass(frozen=True)
class NewsMeta:
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    dateline: str | None = None


@dataclass(frozen=True)
class Dateline:
    place: str
    outlet: str | None


def extract(text: str, *, markdown: bool = False, has_title: bool = True) -> NewsMeta:
    """News metadata from the top of `text`.

    `has_title`: the first non-empty line is the headline (plain text, Markdown, PDF, DOCX);
    False for extracted main text where any line may already be body (HTML).
    """
    lines = [line.strip() for line in text[:_HEAD_CHARS].split("\n")]
    lines = [line for line in lines if line]
    title = find_title(lines, markdown=markdown) if has_title else None
    candidates = lines[1 : 1 + _SCAN_LINES] if has_title else lines[:_SCAN_LINES]
    author = next(filter(None, map(parse_byline, candidates)), None)
    dateline = _first_dateline(candidates)
    return NewsMeta(
        title=title,
        author=author,
        outlet=dateline.outlet if dateline else None,
        dateline=dateline.place if dateline else None,
    )


def find_title(lines: list[str], *, markdown: bool = False) -> str | None:
    """The first `# ` heading in Markdown, else the first non-empty line."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return None
    if markdown:
        headings = [_HEADING.match(line) for line in lines]
        level_one = next((m for m in headings if m and m.group(1) == "#"), None)
        first = headings[0]
        chosen = level_one or first
        if chosen and chosen.group(2):
            return _cap_title(chosen.group(2))
    return _cap_title(lines[0])


def parse_byline(line: str) -> str | None:
    """'By A and B' -> 'A and B'; 'By A, Reuters' -> 'A'; None unless every name looks like one."""
    line = line.strip().strip("*_").strip()  # Markdown emphasis around a byline
    match = _BYLINE.fullmatch(line)
    if not match or len(line) > _BYLINE_MAX:
        return None
    names = re.split(r"\s+[|·•]\s+|\s+[—–-]\s+", match.group("names"))[0].strip()
    segments = [segment.strip() for segment in names.split(",")]
    if len(segments) > 1 and not re.search(r"(?:^|\s)(?:and|&)\s", segments[-1]):
        names = segments[0]  # "By A, Reuters": what follows the comma is an affiliation
    people = [person for person in _NAME_SEPARATORS.split(names) if person]
    if not people or not all(_is_name(person) for person in people):
        return None
    return _title_case(names) if names.isupper() else names


def parse_dateline(line: str) -> Dateline | None:
    """'ALMATY, Kazakhstan (AP) — Police…' -> Dateline('Almaty', 'AP'); None if not a dateline."""
    match = _DATELINE.match(line.strip())
    if not match:
        return None
    city, region, body = match.group("city"), match.group("region"), match.group("body")
    if not city.isupper() or city in _NOT_PLACES or sum(ch.isalpha() for ch in city) < 2:
        return None
    if region and not all(word[0].isupper() for word in region.split()):
        return None
    if len(body.split()) < 2 or not any(ch.islower() for ch in body):
        return None
    outlet = (match.group("outlet") or "").strip() or None
    return Dateline(place=_title_case(city), outlet=outlet)


def _first_dateline(lines: list[str]) -> Dateline | None:
    for line in lines:
        if parse_byline(line):
            continue
        dateline = parse_dateline(line)
        if dateline or len(line.split()) >= _BODY_WORDS:
            return dateline
    return None


def _is_name(person: str) -> bool:
    tokens = person.split()
    if not 2 <= len(tokens) <= 5 or not tokens[0][:1].isupper():
        return False
    return all(
        _NAME_TOKEN.fullmatch(token) and (token[0].isupper() or token.lower() in _PARTICLES)
        for token in tokens
    )


def _title_case(phrase: str) -> str:
    def cap(part: str) -> str:
        return part[:1].upper() + part[1:].lower()

    return " ".join("-".join(cap(part) for part in word.split("-")) for word in phrase.split())


def _cap_title(title: str) -> str:
    title = title.strip()
    if len(title) <= _TITLE_MAX:
        return title
    return title[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
