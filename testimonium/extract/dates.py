"""Dates: find date expressions, resolve them against the publication date at the text's precision.

Candidates come from patterns for the common written forms (regular expressions over the text,
much more reliable than `dateparser.search`) and from deictic phrases in data/relative_dates.tsv;
spaCy DATE entities that neither covers ("two weeks ago", "last Tuesday") are parsed with
dateparser. Granularity is decided here from what the text states, so "in August" stays a month.
Without a reference date the year of a year-less date stays unknown (`--10-05`), never today's.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .records import DateMention


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTHS = {m: int(n) for m, n in vocab.table("months.tsv", header=False)}
FULL_MONTHS = [m for m, n in MONTHS.items() if len(m) > 4 or m in ("may", "june", "july")]
SEASONS = dict(vocab.table("seasons.tsv", header=False))
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+"
MON = rf"(?P<mon>{_alternation([m.capitalize() for m in MONTHS])})\.?"
FULLMON = rf"(?P<mon>{_alternation([m.capitalize() for m in FULL_MONTHS])})"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
PREPS = "(?i:" + _alternation(vocab.words("date_prepositions.txt")) + ")"
EDGE = r"(?i:(?:early|mid|late)[- ])"  # "late 2016", "mid-August"

PATTERNS = [
    ("iso", rf"\b{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("mdy", rf"\b(?:{WEEKDAY})?{MON}\s+{DAY},?\s+{YEAR}\b"),
    ("dmy", rf"\b(?:{WEEKDAY})?{DAY}\s+{MON},?\s+{YEAR}\b"),
    ("md", rf"\b(?:{WEEKDAY})?{MON}\s+{DAY}\b(?![,.]?\s*\d)"),
    ("dm", rf"\b(?:{WEEKDAY})?{DAY}\s+{FULLMON}\b"),
    ("season", rf"\b(?:(?i:the)\s+)?(?P<season>(?i:{_alternation(SEASONS)}))\s+(?:of\s+)?{YEAR}\b"),
    ("my", rf"\b{MON},?\s+(?:of\s+)?{YEAR}\b"),
    ("decade", rf"\b(?:(?i:the)\s+)?{EDGE}?(?P<decade>(?:1[6-9]|20)\d)0s\b"),
    ("year", rf"(?<![\w\-–/.$£€]){EDGE}?{YEAR}(?![\w\-–/%]|\.\d|,\d)"),
    ("month", rf"\b(?:(?P<prep>{PREPS})\s+(?:(?i:the)\s+)?{EDGE}?){FULLMON}\b(?![,.]?\s*\d)"),
]
DATE_RE = re.compile("|".join(f"(?P<{name}>{rx.replace('(?P<', f'(?P<{name}_')})" for name, rx in PATTERNS))
RELATIVE = {row["phrase"]: (row["unit"], int(row["shift"])) for row in vocab.table("relative_dates.tsv")}
RELATIVE_RE = re.compile(rf"\b(?:{_alternation(RELATIVE)})\b", re.IGNORECASE)
COUNTED_NOUN_RE = re.compile(r"\s+(?:people|persons|refugees|men|women|children|troops|soldiers|"
                             r"families|votes|cases|times|km|miles|meters|metres)\b", re.IGNORECASE)


def parse_anchor(published: str | None) -> tuple[int, int | None, int | None] | None:
    """"2018-10" -> (2018, 10, None); None or an unparseable value -> None."""
    if not published:
        return None
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(published))
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


@Language.factory("testimonium_dates")
def make_dates(nlp: Language, name: str):
    return DateFinder()


class DateFinder:
    def __call__(self, doc: Doc) -> Doc:
        anchor = parse_anchor(doc._.published)
        found: list[DateMention] = []
        taken: list[tuple[int, int]] = []
        text = doc.text
        for m in DATE_RE.finditer(text):
            kind = m.lastgroup
            start, end = m.span()
            if kind == "year" and COUNTED_NOUN_RE.match(text, end):
                continue
            if kind == "month" and m.group("month_prep"):
                start = m.start("month_mon") if m.group("month_prep").lower() not in ("early", "late", "mid") else start
            value = _resolve(kind, {k.split("_", 1)[1]: v for k, v in m.groupdict().items()
                                    if v is not None and k.startswith(kind + "_")}, anchor)
            if value:
                self._add(doc, found, taken, start, end, *value)
        for m in RELATIVE_RE.finditer(text):
            value = _relative(m.group(0).lower(), anchor, text[max(0, m.start() - 12): m.start()].lower())
            if value:
                self._add(doc, found, taken, m.start(), m.end(), *value)
        for ent in doc.ents:
            if ent.label_ == "DATE" and not _overlaps(taken, ent.start_char, ent.end_char):
                value = _parse_other(ent.text, anchor)
                if value:
                    self._add(doc, found, taken, ent.start_char, ent.end_char, *value)
        found.sort(key=lambda d: d.start)
        doc._.dates = found
        return doc

    @staticmethod
    def _add(doc: Doc, found, taken, start: int, end: int, value: str, granularity: str) -> None:
        if _overlaps(taken, start, end):
            return
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return
        taken.append((start, end))
        found.append(DateMention(doc.text[start:end], start, end, value, granularity, span.start, span.end))


def _overlaps(taken, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year_for(month: int, day: int | None, anchor) -> int | None:
    """The year of a year-less date: the anchor's, or the year before when that would be future."""
    if anchor is None:
        return None
    year, amonth, aday = anchor
    if amonth is None:
        return year
    if month > amonth or (month == amonth and day is not None and aday is not None and day > aday):
        return year - 1
    return year


def _resolve(kind: str, g: dict[str, str], anchor) -> tuple[str, str] | None:
    if kind == "iso":
        return _ymd(int(g["year"]), int(g["mnum"]), int(g["day"]))
    if kind in ("mdy", "dmy"):
        return _ymd(int(g["year"]), _month(g["mon"]), int(g["day"]))
    if kind in ("md", "dm"):
        month, day = _month(g["mon"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        year = _year_for(month, day, anchor)
        if year is None:
            return f"--{month:02d}-{day:02d}", "unknown-year"
        return _ymd(year, month, day)
    if kind == "my":
        return f"{int(g['year'])}-{_month(g['mon']):02d}", "month"
    if kind == "season":
        return f"{g['year']}-{SEASONS[g['season'].lower()]}", "season"
    if kind == "decade":
        return g["decade"], "decade"
    if kind == "year":
        return g["year"], "year"
    if kind == "month":
        month = _month(g["mon"])
        year = _year_for(month, None, anchor)
        if year is None:
            return f"--{month:02d}", "unknown-year"
        return f"{year}-{month:02d}", "month"
    return None


def _ymd(year: int, month: int, day: int) -> tuple[str, str] | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _anchor_date(anchor) -> dt.date:
    year, month, day = anchor
    if month is None:
        return dt.date(year, 12, 31)
    if day is None:
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(year, month, day)


def _relative(phrase: str, anchor, before: str) -> tuple[str, str] | None:
    if anchor is None:
        return None
    unit, shift = RELATIVE[phrase]
    if phrase == "the year" and not re.search(r"(?:during|in|throughout|over|of|for)\s+$", before):
        return None
    year, month, day = anchor
    if unit == "year":
        return str(year + shift), "year"
    if unit == "month":
        if month is None:
            return None
        total = year * 12 + (month - 1) + shift
        return f"{total // 12}-{total % 12 + 1:02d}", "month"
    if unit == "week":
        if month is None:
            return None
        iso = (_anchor_date(anchor) + dt.timedelta(weeks=shift)).isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}", "week"
    if day is None:
        # "today" in a text dated only to the month is that month
        return (f"{year}-{month:02d}", "month") if month and shift == 0 else None
    return (_anchor_date(anchor) + dt.timedelta(days=shift)).isoformat(), "day"


AGO_RE = re.compile(r"\b(day|week|month|year|decade)s?\s+ago\b|\b(?:last|this|next|on)\s+"
                    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


def _parse_other(text: str, anchor) -> tuple[str, str] | None:
    """A spaCy DATE entity the patterns did not cover: "three years ago", "last Tuesday"."""
    m = AGO_RE.search(text)
    if anchor is None or not m:
        return None
    parsed = _dateparser(m.group(0) if m.group(1) is None else text, anchor)
    if parsed is None:
        return None
    unit = (m.group(1) or "day").lower()
    if unit == "year":
        return str(parsed.year), "year"
    if unit == "decade":
        return str(parsed.year)[:3], "decade"
    if unit == "month":
        return f"{parsed.year}-{parsed.month:02d}", "month"
    if unit == "week":
        iso = parsed.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}", "week"
    if anchor[2] is None:
        return None  # a day relative to an unknown day
    return parsed.date().isoformat(), "day"


@lru_cache(maxsize=4096)
def _dateparser(text: str, anchor) -> dt.datetime | None:
    import dateparser  # slow to import; only needed for the rare forms above

    base = dt.datetime.combine(_anchor_date(anchor), dt.time(12))
    return dateparser.parse(text, languages=["en"],
                            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
