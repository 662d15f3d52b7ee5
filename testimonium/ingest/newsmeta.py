"""Title, byline and dateline read from the top of a news-style text.

The rules are deliberately conservative: a wrong author or place attached to evidence is worse
than none, so anything that does not look exactly like a byline or a dateline yields None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

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


# "Statement of Assistant Secretary Arthur E. Dewey", "Testimony by Jane Roe": the speaker of a
# prepared text is its author.
_STATEMENT_HEADER = re.compile(
    r"(?:(?:Prepared|Opening|Written|Oral)\s+)?(?:Statement|Testimony|Remarks|Submission)\s+(?:of|by)\s+(?P<rest>.+)",
    re.I,
)
# US appellate opinions name their author ("Opinion by Judge Graber") after the panel
# ("Before: Susan P. Graber and ..., Circuit Judges").
_OPINION_BY = re.compile(r"Opinion by (?:Chief |Senior )?(?:Circuit |District )?Judge (?P<surname>[A-Z][\w'’-]+)")
_INITIAL = re.compile(r"[A-Z]\.")
# A statement header may sit below a web page's navigation, but not deep in the body.
_HEADER_LINES = 60
# A sign-off is the body's last line; at most this many words, and it must read as a name.
_SIGNOFF_WORDS = 4


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
    author = (
        next(filter(None, map(parse_byline, candidates)), None)
        or next(filter(None, map(parse_statement_header, lines[:_HEADER_LINES])), None)
        or opinion_author(text[:_HEAD_CHARS])
        or (signoff_author(lines) if has_title else None)
    )
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


def parse_statement_header(line: str) -> str | None:
    """'Statement of Assistant Secretary Arthur E. Dewey' -> 'Arthur E. Dewey'."""
    match = _STATEMENT_HEADER.fullmatch(line.strip())
    if not match:
        return None
    words = match.group("rest").split(",")[0].split()
    while words and words[0].lower().rstrip(".") in _offices():
        words = words[1:]
    name = " ".join(words)
    return name if _is_name(name) else None


def opinion_author(text: str) -> str | None:
    """The judge who wrote an opinion, by full name when the panel list gives it."""
    match = _OPINION_BY.search(text)
    if not match:
        return None
    surname = match.group("surname")
    full = re.search(rf"((?:[A-Z][\w'’-]+|{_INITIAL.pattern})(?:\s+(?:[A-Z][\w'’-]+|{_INITIAL.pattern})){{0,3}}\s+{re.escape(surname)})\b",
                     text[: match.start()])
    if full:
        words = full.group(1).split()
        while words and words[0].lower().rstrip(".") in _offices():
            words = words[1:]
        candidate = " ".join(words)
        if _is_name(candidate):
            return candidate
    return surname


def signoff_author(lines: list[str]) -> str | None:
    """A reporter's name alone on the last line of a story ("…\n\nJane Roe")."""
    if len(lines) < 4:
        return None
    last = lines[-1].strip()
    if len(last.split()) > _SIGNOFF_WORDS or last[-1:] in ".!?:;,\"”’)":
        return None
    return last if _is_name(last) and not last.isupper() else None


@cache
def _offices() -> frozenset[str]:
    text = (files("testimonium.ingest") / "data" / "offices.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


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
