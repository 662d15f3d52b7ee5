"""Dates: find date expressions, resolve them against the publication date at the text's precision.

Candidates come from patterns for the common written forms (regular expressions over the text,
much more reliable than `dateparser.search`), from weekdays and seasons ("on Tuesday", "since the
spring") and from deictic phrases in data/relative_dates.tsv; spaCy DATE entities that none of
these covers ("two weeks ago") are parsed with dateparser. Granularity is decided here from what
the text states, so "in August" stays a month. Lists and ranges of days ("on 9, 13 and 30 July")
give one date per day. Where the text leaves the year (or the week) open, the clause's tense
chooses between the last and the coming one ("was heard on Monday", "will call on Friday").
Without a reference date the year of a year-less date stays unknown (`--10-05`), never today's,
and a weekday needs a reference day.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .attrs import doc_text
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
DAYNUM = r"[0-3]?\d(?:st|nd|rd|th)?"
# "9, 13, 16 and 30", "9-13", "5 to 10": the days of a list or range before or after a month
DAY_LIST = (rf"(?P<days>{DAYNUM}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|until|till|through)\s+|\s*[-–]\s*)"
            rf"{DAYNUM})+)")
RELATIVE_YEAR = r"(?P<rel>(?i:last|this|next))\s+(?i:year)"

PATTERNS = [
    ("dlist", rf"\b{DAY_LIST}\s+{FULLMON}\b(?:,?\s+{YEAR}\b)?"),
    ("mdlist", rf"\b{FULLMON}\s+{DAY_LIST}\b(?:,?\s+{YEAR}\b)?"),
    ("iso", rf"\b{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("mdy", rf"\b(?:{WEEKDAY})?{MON}\s+{DAY},?\s+{YEAR}\b"),
    ("dmy", rf"\b(?:{WEEKDAY})?{DAY}\s+{MON},?\s+{YEAR}\b"),
    ("md", rf"\b(?:{WEEKDAY})?{MON}\s+{DAY}\b(?![,.]?\s*\d)"),
    ("dm", rf"\b(?:{WEEKDAY})?{DAY}\s+{FULLMON}\b"),
    ("season", rf"\b(?:(?i:the)\s+)?(?P<season>(?i:{_alternation(SEASONS)}))\s+(?:of\s+)?{YEAR}\b"),
    ("my", rf"\b{MON},?\s+(?:of\s+)?{YEAR}\b"),
    ("decade", rf"\b(?:(?i:the)\s+)?{EDGE}?(?P<decade>(?:1[6-9]|20)\d)0s\b"),
    ("year", rf"(?<![\w\-–/.$£€]){EDGE}?{YEAR}(?![\w\-–/%]|\.\d|,\d)"),
    ("monrel", rf"\b(?:(?P<prep>{PREPS})\s+)?{FULLMON}\s+(?:of\s+)?{RELATIVE_YEAR}\b"),
    ("month", rf"\b(?:(?P<prep>{PREPS})\s+(?:(?i:the)\s+)?{EDGE}?){FULLMON}\b(?![,.]?\s*\d)"),
]
# Every date starts with a digit, a capital (a month or weekday) or one of a few words ("in",
# "early", "the"): checked first, so most positions fail at once instead of trying each pattern.
_DATE_START = (r"(?=[0-9A-Z]|(?i:" + _alternation(sorted({w.split()[0].lower() for w in vocab.words("date_prepositions.txt")}
                                                        | {"the", "early", "mid", "late"})) + r")\b)")
DATE_RE = re.compile(_DATE_START + "(?:" + "|".join(
    f"(?P<{name}>{rx.replace('(?P<', f'(?P<{name}_')})" for name, rx in PATTERNS) + ")")
RELATIVE = {row["phrase"]: (row["unit"], int(row["shift"])) for row in vocab.table("relative_dates.tsv")}
RELATIVE_RE = re.compile(rf"\b(?:{_alternation(RELATIVE)})\b", re.IGNORECASE)
WEEKDAYS = {w: int(n) for w, n in vocab.table("weekdays.tsv", header=False)}
_FULL_WEEKDAYS = _alternation([w.capitalize() for w in WEEKDAYS if len(w) > 5])
WEEKDAY_RE = re.compile(rf"\b(?:(?P<rel>(?i:last|next|this))\s+)?(?P<wd>{_FULL_WEEKDAYS})\b"
                        rf"(?!\s*(?:-|–|to|through|until|till)\s*(?:{_FULL_WEEKDAYS}))")
# "every Monday" is a habit and "Monday to Friday" a span of opening hours: neither is a date
NOT_A_DAY_BEFORE_RE = re.compile(rf"(?:\b(?:every|each)|(?:{_FULL_WEEKDAYS})\s*(?:-|–|to|through|until|till))\s*$",
                                 re.IGNORECASE)
SEASON_RE = re.compile(rf"\b(?P<prep>{PREPS})\s+(?:(?P<the>(?i:the))\s+)?(?:{EDGE})?"
                       rf"(?P<season>(?i:{_alternation(SEASONS)}))\b(?!\s+of\b|\s+\d)")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month each TIMEX3 season begins
FUTURE_AUX = set(vocab.words("future_auxiliaries.txt"))
# "the year before the war" is relative to the war, not to the publication date
AFTER_RELATIVE_RE = re.compile(r"\s+(?:the|a|an|his|her|their|its|my|our|last|\d)\b", re.IGNORECASE)
# "from February to July 2024": a range's first, year-less end takes the year its other end gives.
RANGE_END_RE = re.compile(
    rf"\s*(?:to|until|till|through|and|[-–])\s+(?:{DAYNUM}\s+)?"
    rf"(?P<mon>{_alternation([m.capitalize() for m in FULL_MONTHS])})(?:\s+{DAYNUM})?,?\s+{YEAR}\b")
# "since January" always looks back, whatever tense the clause is in.
UNTIL_RE = re.compile(r"\b(?:until|till|through)\s+$", re.IGNORECASE)
# "this year", "last week", "now": the time of writing, which a witness's account comes back to
PRESENT_RE = re.compile(r"\b(?:this|last|next)\s+(?:year|month|week)\b|\b(?:today|now|yesterday)\b", re.IGNORECASE)
SINCE_RE = re.compile(r"\bsince\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?$", re.IGNORECASE)
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
        text = doc_text(doc)
        story = None  # (offset, ISO value) of the last date the text gave with its year
        for m in DATE_RE.finditer(text):
            kind = m.lastgroup
            start, end = m.span()
            if kind == "year" and COUNTED_NOUN_RE.match(text, end):
                continue
            groups = {k.split("_", 1)[1]: v for k, v in m.groupdict().items()
                      if v is not None and k.startswith(kind + "_")}
            tense = _tense(doc, start, end) if kind in YEARLESS else None
            if tense == "past" and UNTIL_RE.search(text, max(0, start - 12), start):
                tense = None  # "was remanded until 26 March": the date looks ahead of the past verb
            if kind in YEARLESS and SINCE_RE.search(text, max(0, start - 16), m.start(f"{kind}_mon")
                                                    if f"{kind}_mon" in m.re.groupindex else start):
                tense = "past"
            if kind in ("month", "md", "dm"):
                later = RANGE_END_RE.match(text, end)
                if later:
                    groups = dict(groups, range_year=later.group("year"), range_mon=later.group("mon"))
            if kind in ("dlist", "mdlist"):
                for day_start, day_end, value in _day_list(m, kind, groups, anchor, tense):
                    self._add(doc, found, taken, day_start, day_end, *value)
                continue
            if kind in ("month", "monrel") and groups.get("prep"):
                start = m.start(f"{kind}_mon") if groups["prep"].lower() not in ("early", "late", "mid") else start
            value = _resolve(kind, groups, anchor, tense)
            told = None
            if (value and kind in YEARLESS and story is not None and tense != "ahead"
                    and (groups.get("prep") or "").lower() not in ("last", "next", "this") and _first_person(doc, start)):
                told = _in_story(value, story, text, start, anchor)
            value = told or value
            if value:
                self._add(doc, found, taken, start, end, *value)
                if kind in STORY_KINDS or told:
                    story = (start, value[0])
        for m in WEEKDAY_RE.finditer(text):
            if NOT_A_DAY_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()):
                continue
            rel = (m.group("rel") or "").lower()
            value = _weekday(WEEKDAYS[m.group("wd").lower()], rel, _tense(doc, m.start(), m.end()), anchor)
            if value:
                self._add(doc, found, taken, m.start() if rel else m.start("wd"), m.end(), *value)
        for m in SEASON_RE.finditer(text):
            prep = m.group("prep").lower()
            start = m.start() if prep in ("this", "last", "next") else m.start("the") if m.group("the") else m.start("season")
            code = SEASONS[m.group("season").lower()]
            year = _season_year(code, prep, _tense(doc, m.start(), m.end()), anchor)
            if year is not None:
                self._add(doc, found, taken, start, m.end(), f"{year}-{code}", "season")
        for m in RELATIVE_RE.finditer(text):
            phrase = m.group(0).lower()
            if phrase.endswith((" before", " after")) and AFTER_RELATIVE_RE.match(text, m.end()):
                continue
            value = _relative(phrase, anchor, text[max(0, m.start() - 12): m.start()].lower())
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
        # the span's own characters: Doc.text would join the whole document for every date
        found.append(DateMention(span.text[start - span.start_char:end - span.start_char], start, end, value,
                                 granularity, span.start, span.end))


def _in_story(value: tuple[str, str], story: tuple[int, str], text: str, start: int, anchor) -> tuple[str, str] | None:
    """"In September 2023 I signed a petition. On 3 October soldiers came": a narrative moving
    on from a date it gave with its year keeps that year (or the next, once the months wrap
    round), as long as it stays within the same or the next paragraph and before the publication."""
    iso, granularity = value
    if granularity not in ("day", "month") or anchor is None:
        return None
    at, told = story
    if text.count("\n\n", at, start) > STORY_PARAGRAPHS or len(told) < 7:
        return None  # too far back, or a year alone ("in 2016") that sets no month to move on from
    if RELATIVE_RE.search(text, at, start) or PRESENT_RE.search(text, at, start):
        return None  # "Earlier this year ... On 6 January": the account has come back to the time of writing
    year, month = int(iso[:4]), int(iso[5:7])
    day = int(iso[8:10]) if granularity == "day" else None
    told_year, told_month = int(told[:4]), int(told[5:7])
    told_day = int(told[8:10]) if len(told) >= 10 else 1
    moved = told_year if (month, day or told_day) >= (told_month, told_day) else told_year + 1
    if moved >= year:
        return None  # the reference date already gives this year (or a later one is meant)
    candidate = f"{moved:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    if day is not None and _ymd(moved, month, day) is None:
        return None
    if candidate > _anchor_date(anchor).isoformat():
        return None
    return candidate, granularity


def _first_person(doc: Doc, start: int) -> bool:
    """A witness telling their own story ("On 12 October I was brought before a magistrate"), in
    this sentence or the one before: the narrative's own time, not the reporter's present."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None:
        return False
    sent = token[0].sent
    before = doc[sent.start - 1].sent if sent.start > 0 else sent
    return any(t.lower_ in FIRST_PERSON for t in doc[before.start:sent.end])


def _overlaps(taken, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


YEARLESS = ("md", "dm", "month", "dlist", "mdlist")
# dates that give their year and at least their month: the time a narrative has reached
STORY_KINDS = ("iso", "mdy", "dmy", "my")
STORY_PARAGRAPHS = 3  # a witness's numbered paragraphs go on in the time the last date set
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}


def _tense(doc: Doc, start: int, end: int) -> str | None:
    """"past", "ahead" (future or modal), "present" or None for the clause a date modifies."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head is verb:
            return None
        verb = verb.head
    else:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    tags = {a.tag_ for a in auxes} | {verb.tag_}
    if "VBD" in tags or (verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if any(a.lower_ in FUTURE_AUX for a in auxes) or verb.lower_ in FUTURE_AUX:
        return "ahead"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return None


def _year_for(month: int, day: int | None, anchor, tense: str | None = None) -> int | None:
    """The year of a year-less date: the last such date before the anchor in a past-tense
    clause, the coming one in a clause that looks ahead, otherwise the nearer of the two (a
    date ahead counting double, as reports mostly look back): "by 16 August" in a 2 August
    notice is this year's, "in December" in a November report of arrests is last year's."""
    if anchor is None:
        return None
    year, amonth, aday = anchor
    if amonth is None:
        return year
    if day is None or aday is None:
        here, step, ahead = (year * 12 + amonth, 12, lambda y: y * 12 + month)
    else:
        here, step, ahead = (0, 365, lambda y: _days_from(anchor, y, month, day))
    # same month (or day) counts as past: "in October" in an October article
    past = year if ahead(year) <= here else year - 1
    future = year if ahead(year) > here else year + 1
    if tense == "past":
        return past
    if tense == "ahead":
        return future
    return future if 2 * (ahead(future) - here) < here - ahead(past) else past


def _days_from(anchor, year: int, month: int, day: int) -> int:
    try:
        when = dt.date(year, month, min(day, 28) if month == 2 else day)
    except ValueError:
        when = dt.date(year, month, 28)
    return (when - _anchor_date(anchor)).days


def _weekday(weekday: int, rel: str, tense: str | None, anchor) -> tuple[str, str] | None:
    """"on Tuesday": the last Tuesday on or before a reference day, or the coming one when the
    clause looks ahead ("will meet on Friday", "I am back on Friday")."""
    if anchor is None or anchor[2] is None:
        return None
    base = _anchor_date(anchor)
    if rel == "next" or (rel != "last" and tense in ("ahead", "present")):
        forward = (weekday - base.weekday()) % 7 or (7 if rel == "next" else 0)
        return (base + dt.timedelta(days=forward)).isoformat(), "day"
    back = (base.weekday() - weekday) % 7 or (7 if rel == "last" else 0)
    return (base - dt.timedelta(days=back)).isoformat(), "day"


def _season_year(code: str, prep: str, tense: str | None, anchor) -> int | None:
    """"this summer" is the anchor year's; "since the spring" the last spring that has begun."""
    if anchor is None:
        return None
    year, month, _ = anchor
    if month is None:
        return year + {"last": -1, "next": 1}.get(prep, 0)
    begun = SEASON_START[code] <= month
    if prep == "last":
        return year if SEASON_START[code] + 3 <= month else year - 1
    if prep == "next":
        return year + begun
    if prep == "this" or begun or tense == "ahead":
        return year
    return year - 1


def _day_list(m: re.Match, kind: str, groups: dict[str, str], anchor, tense):
    """One (start, end, value) per day of "9, 13 and 30 July 2018"; the month and year go with
    the day they are written beside."""
    month = _month(groups["mon"])
    year = int(groups["year"]) if "year" in groups else None
    days = list(re.finditer(r"[0-3]?\d", groups["days"]))
    offset = m.start(f"{kind}_days")
    out = []
    for n, d in enumerate(days):
        start, end = offset + d.start(), offset + d.end()
        if kind == "dlist" and n == len(days) - 1:
            end = m.end()
        elif kind == "mdlist" and n == 0:
            start = m.start()
        elif kind == "mdlist" and n == len(days) - 1 and year is not None:
            end = m.end()
        day = int(d.group())
        if year is not None:
            value = _ymd(year, month, day)
        else:
            found = _year_for(month, day, anchor, tense)
            value = _ymd(found, month, day) if found is not None else (
                (f"--{month:02d}-{day:02d}", "unknown-year") if 1 <= day <= 31 else None)
        if value is None:
            return []
        out.append((start, end, value))
    return out


def _resolve(kind: str, g: dict[str, str], anchor, tense: str | None = None) -> tuple[str, str] | None:
    if kind == "iso":
        return _ymd(int(g["year"]), int(g["mnum"]), int(g["day"]))
    if kind in ("mdy", "dmy"):
        return _ymd(int(g["year"]), _month(g["mon"]), int(g["day"]))
    if kind in ("md", "dm"):
        month, day = _month(g["mon"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        year = _range_year(month, g) or _year_for(month, day, anchor, tense)
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
    if kind == "monrel":
        if anchor is None:
            return None
        shift = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        return f"{anchor[0] + shift}-{_month(g['mon']):02d}", "month"
    if kind == "month":
        month = _month(g["mon"])
        year = _range_year(month, g) or _year_for(month, None, anchor, tense)
        if year is None:
            return f"--{month:02d}", "unknown-year"
        return f"{year}-{month:02d}", "month"
    return None


def _range_year(month: int, g: dict[str, str]) -> int | None:
    """The year of a range's opening month from its closing date: February to July 2024 is 2024,
    November to March 2024 began in 2023."""
    if "range_year" not in g:
        return None
    year = int(g["range_year"])
    return year if month <= _month(g["range_mon"]) else year - 1


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
