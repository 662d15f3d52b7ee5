"""Title, author, outlet, dateline and publication date read from the top (and foot) of a text.

The rules are deliberately conservative: a wrong author or place attached to evidence is worse
than none, so anything that does not look exactly like a byline, dateline, masthead or credit
yields None. Vocabularies (outlet names, publisher words, boilerplate lines, byline roles,
header labels) live in data/; the patterns here find outlets that no list names.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import takewhile

_TITLE_MAX = 300
# Only the top of a document is read: what lies further down is not "near the top".
_HEAD_CHARS = 64 * 1024
# Lines examined after the title; a dateline or byline sits above the body, not deep in it.
_SCAN_LINES = 8
# A line of this many words that ends like a sentence is body text: no dateline comes after it.
# A tagline or masthead line may be as long, so without the ending it takes a longer line.
_BODY_WORDS = 8
_SENTENCE_END = frozenset('.!?:"”’')
_LONG_LINE_WORDS = 20
# "Label: value" header lines (e-mail, press release, notice) are read only this near the top.
_LABEL_LINES = 12
# Publisher credits ("republished by ...", "Reporting by ...", "© 2018 ...") close a story.
_TRAILER_LINES = 4
# Run of this many very short lines at the top: site navigation, not a headline.
_NAV_RUN = 3
_NAV_WORDS = 2
# An organisation name in a masthead or credit is short.
_ORG_MAX_WORDS = 8

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# MediaWiki-style "= Title =" headings.
_WIKI_HEADING = re.compile(r"=+\s*(?P<title>[^=].*?)\s*=+")
_EMPHASIS = re.compile(r"^[*_]+|[*_]+$")
_BYLINE_MAX = 120
_NAME_SEPARATORS = re.compile(r"\s+(?:and|AND|&)\s+|\s*,\s*")
# Separators between the parts of a byline or masthead line ("By A | Outlet | Date").
_SEGMENTS = re.compile(r"\s*[|·•]\s*|\s+[—–-]\s+")
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "el", "ibn", "la", "le"}
    | {"van", "von", "y"}
)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
# Small words allowed inside an organisation's name ("Ministry of Foreign Affairs").
_CONNECTORS = frozenset({"of", "for", "on", "and", "&", "the", "de", "du", "des", "la"})
_OF_WORDS = frozenset({"of", "for", "on"})

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_WORD = r"[^\W\d_][\w'’.\-]*"
_DASH = r"(?:—|–|―|--)"
_DATELINE = re.compile(
    rf"""
    (?P<city>{_WORD}(?:[ ]{_WORD}){{0,3}})
    (?:,[ ]*(?P<region>{_WORD}(?:[ ]{_WORD}){{0,3}}))?
    (?:,?[ ]+(?P<date>{_DATE}))?
    (?:[ ]*\((?P<outlet>[^()\n]{{1,40}})\))?
    (?:[ ]*{_DASH}[ ]*|[ ]+-[ ]+|(?<=\))[ ]*-[ ]+)
    (?P<body>\S.*)
    """,
    re.X,
)
# A full stop after a whole word (not "ST.") inside a dateline's place: "ASTANA. KAZINFORM".
_CITY_STOP = re.compile(r"(?<=[^\W\d_]{4})\.[ ]+(?=\S)")
# "Almaty, 8 October 2018" under a statement's heading, alone or before the first sentence: a
# place written in ordinary case counts only when a full date follows it.
_PLACE_DATE = re.compile(
    rf"""
    (?P<city>{_WORD}(?:[ ]{_WORD}){{0,3}})
    (?:,[ ]*(?P<region>{_WORD}(?:[ ]{_WORD}){{0,3}}))?
    ,[ ]*(?P<date>{_DATE})
    (?:[ ]*(?:{_DASH}|-)[ ]*(?P<body>\S.*))?
    """,
    re.X,
)
# "(Reuters) - ..." or "(Berlin) – ...": an agency or a place in brackets opening a story.
_BRACKET_OPENING = re.compile(rf"\((?P<inner>[^()\n]{{1,40}})\)[ ]*(?:{_DASH}|-)[ ]*(?P<body>\S.*)")
_PLACE_LINE = re.compile(r"(?P<place>[A-Z][A-Z.'\-]{2,20}(?: [A-Z][A-Z.'\-]{1,20}){0,2}),")
# a masthead's name in capitals: "THE EVENING LANTERN"
_SHOUTED_NAME = re.compile(r"(?:THE )?[A-Z][A-Z'&.\-]+(?: [A-Z][A-Z'&.\-]+){0,4}")
_LABEL_LINE = re.compile(r"(?P<label>[A-Za-z][A-Za-z ]{0,60}?)\s*:\s+(?P<value>\S.*)")
_EMAIL_ADDRESS = re.compile(r"\s*<[^<>]*@[^<>]*>|\s*\([^()]*@[^()]*\)")
_ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z][A-Za-z/&.-]{1,9})\)$")
# "recorded by the Border Witness Collective", "is republished by The Caspian Ledger".
_CREDIT = re.compile(
    r"\b(?P<verb>(?:re)?published|reproduced|issued|released|recorded|compiled|documented|collected"
    r"|prepared|produced|distributed|posted|conducted)\b(?P<between>[^.;:()\n]{0,40}?)\bby\s+(?:(?-i:the)\s+)?(?=(?P<rest>[A-Z].*))",
    re.I,
)
_CREDIT_SOURCE = re.compile(r"\b(?:first|originally|initially)\s*$", re.I)
_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|Copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<rest>\S.*)")
_REPORTING = re.compile(r"\(?(?:Reporting|Reported|Writing) by\s+(?P<names>[^;()\n]+)")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*$")
# "... recorded in Almaty, 20 September 2018": where a testimony or interview was taken down.
_RECORDED_IN = re.compile(
    r"\b(?:recorded|interviewed|filmed|conducted)\b[^.;\n]{0,60}?\bin\s+(?P<place>[^\W\d_][\w'’\-]*(?:\s[A-Z][\w'’\-]*){0,2})"
)
_ISO_DATE = re.compile(r"(?P<year>\d{4})([-./])(?P<month>\d{2})\2(?P<day>\d{2})")
_DAY_MONTH_YEAR = re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})")
# A line that only dates the piece: "Published 14 December 2021", "Tue 3 Jun 2024 06.00 BST".
_LONE_DATE = re.compile(
    rf"(?:(?:Published|Posted|Updated|Dated|Date)\s*:?\s*(?:on\s+)?)?(?:[A-Z][a-z]+,?\s+)?"
    rf"(?P<date>{_DATE}|\d{{4}}([-./])\d{{2}}\2\d{{2}})(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?!\d).*)?\.?"
)
# "Posted on 5 April 2022 by Ana Lima": a blog's byline with the date first.
_POSTED_BY = re.compile(r"(?:Posted|Published|Written|Updated)\s+(?:on\s+)?(?P<date>.+?)\s+by\s+(?P<names>\S.*)")

# "Statement of Assistant Secretary Arthur E. Dewey", "Testimony by Jane Roe": the speaker of a
# prepared text is its author.
_STATEMENT_HEADER = re.compile(
    r"(?:(?:Prepared|Opening|Written|Oral|Joint|Public)\s+)?(?:Statement|Testimony|Remarks|Submission)\s+(?:of|by)\s+(?P<rest>.+)",
    re.I,
)
# US appellate opinions name their author ("Opinion by Judge Graber") after the panel
# ("Before: Susan P. Graber and ..., Circuit Judges").
_OPINION_BY = re.compile(r"Opinion by (?:Chief |Senior )?(?:Circuit |District )?Judge (?P<surname>[A-Z][\w'’-]+)")
_INITIAL = re.compile(r"[A-Z]\.")
# "Judgment delivered by Justice Harriet Akello", "Delivered by: Lady Justice M. Atuhaire".
_DELIVERED_BY = re.compile(
    r"(?:(?:Judgment|Ruling|Opinion|Decision|Reasons|Lead\s+judgment)\s+(?:of\s+the\s+(?:Court|Tribunal)\s+)?)?"
    r"(?:delivered|given|written|read|authored)\s+by\s*:?\s*(?P<rest>[^\W\d_].{0,100})",
    re.I,
)
# A judge's signature line, alone: "MUTEBI, J.", "Atuhaire JA", "Lady Justice Mary Atuhaire, JA".
_JUDGE_SIGNATURE = re.compile(
    r"(?P<name>[^\W\d_][\w'’.-]{0,30}(?:[ ][^\W\d_][\w'’.-]{0,30}){0,5}),?[ ]+"
    r"(?:J|JA|JJA|JSC|SCJ|CJ|LJ|DCJ|PJ|J\.A|J\.S\.C|C\.J|L\.J)\.?:?"
)
_JUDGE_LINE_MAX = 80
# "Signed: Jane Roe", "Signature: Jane Roe (witness)": who signs a statement made it.
_SIGNED = re.compile(r"(?:Signed|Signature|Sgd\.?)(?:[ ]+by)?[ ]*:?[ ]*(?P<name>[^\W\d_].{0,80})", re.I)
_SIGNATURE_LINES = 6
# "Interview by Jane Roe", "Interviewed by: Jane Roe (KRW), 3 May 2024": the interviewer.
_INTERVIEW_BY = re.compile(
    r"(?:Interview(?:ed)?|Interview[ ]+conducted|Conducted|Questions)[ ]+by[ ]*:?[ ]*(?P<names>[^\W\d_].{0,100})",
    re.I,
)
# "Given to the Mekong Rights Project, Udon Thani, Thailand, 20 February 2026", "Taken by: X,
# Calabar": the body that took a statement down, and where.
_GIVEN_TO = re.compile(
    r"(?:(?:Statement|Testimony|Interview|Declaration)[ ]+)?(?:given|made|taken|recorded|provided|submitted)"
    r"[ ]+(?:to|by|before)[ ]*:?[ ]*(?:the[ ]+)?(?P<rest>[A-Z].{0,200})",
    re.I,
)
# Case headings of court documents: "Criminal Appeal No. 0212 of 2024", "Case No. 1-214/24".
_CASE_HEADING = re.compile(
    r"(?:[^\W\d_]{3,16}[ ]+){0,2}(?:Appeal|Case|Application|Petition|Cause|Suit|Reference|Revision|Claim|Complaint)"
    r"[ ]+(?:No|Nos|Number)\.?[ ]*:?[ ]*[\w./()-]{1,30}(?:[ ]+of[ ]+\d{4})?",
    re.I,
)
# Caption lines of court documents ("RONALD MUTEBI ........ FIRST APPELLANT", "VERSUS").
_CAPTION_LEADER = re.compile(r"\.{5}|…{2}|_{5}|(?:\. ){4}")
_CAPTION_WORDS = frozenset({"versus", "v", "vs", "and", "between"})
# A speaker's turn in a transcript ("Q: When were you arrested?"): never a headline.
_TURN = re.compile(r"(?:Q|A|Question|Answer)[ ]*[:.][ ]+\S.*", re.I)
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
    published: str | None = None  # ISO day ("2018-10-08") from a header, byline or dateline


@dataclass(frozen=True)
class Dateline:
    place: str | None
    outlet: str | None
    published: str | None = None


@dataclass(frozen=True)
class Byline:
    author: str | None
    outlet: str | None = None
    published: str | None = None


def extract(text: str, *, markdown: bool = False, has_title: bool = True) -> NewsMeta:
    """News metadata from the top of `text` (and publisher credits at its foot).

    `has_title`: the first non-empty line is the headline (plain text, Markdown, PDF, DOCX);
    False for extracted main text where any line may already be body (HTML).
    """
    raw = [line.strip() for line in text[:_HEAD_CHARS].split("\n")]
    lines = [line for line in raw if line]
    if not lines:
        return NewsMeta()
    labels = header_labels(lines[:_LABEL_LINES])
    masthead, title_at = _locate_title(raw, markdown=markdown) if has_title else (None, None)
    title = _cap_title(_clean_heading(raw[title_at], markdown=markdown)) if title_at is not None else None
    if title and _TURN.fullmatch(title):
        title = None  # a transcript that opens with its first question has no heading
    # A message or release header names its subject; so does a "Subject:" line under a heading
    # that only names the kind of document ("PRESS BRIEFING NOTES").
    if has_title and labels.get("title") and (_LABEL_LINE.fullmatch(lines[0]) or (title and is_document_type(title))):
        title = _cap_title(labels["title"])
    title, title_outlet = split_site_name(title)
    before = [line for line in raw[:title_at] if line] if title_at is not None else []
    after = [line for line in raw[title_at + 1 :] if line] if title_at is not None else lines
    candidates = after[:_SCAN_LINES]
    trailer = lines[-_TRAILER_LINES:] if len(lines) > _TRAILER_LINES else []
    # Credits ("recorded by ...") stand in the heading or just under it, never in the body.
    top = ([title] if title else []) + after[:2]
    given = next(filter(None, map(statement_credit, ([title] if title else []) + after[:4])), None)

    bylines = [b for line in candidates if (b := parse_byline_parts(line) or parse_credit_line(line))]
    person = next((b for b in bylines if b.author), None)
    dateline = _first_dateline(candidates)
    # A witness statement is the witness's own text, whoever took it down.
    author = (
        _person(labels.get("witness"))
        or (person.author if person else None)
        or _name_over_role_or_date(candidates)
        or _person(labels.get("author"))
        or next(filter(None, map(parse_statement_header, lines[:_HEADER_LINES])), None)
        or opinion_author(text[:_HEAD_CHARS])
        or judge_author(lines[:_HEADER_LINES] + lines[max(_HEADER_LINES, len(lines) - _SIGNATURE_LINES) :])
        or next(filter(None, map(reporting_credit, trailer + candidates)), None)
        or signed_author(lines, dated_name=has_title)
        or next(filter(None, map(interviewer, ([title] if title else []) + candidates)), None)
        or (signoff_author(lines) if has_title else None)
    )
    # The document's own publisher (republisher, header label, masthead, tagline) comes before
    # the bodies it credits (a byline's agency, a copyright holder, the wire in the dateline).
    outlet = (
        _republisher(trailer + top)
        or _leading_name(labels.get("outlet") or "")
        or masthead
        or next(filter(None, map(masthead_outlet, candidates[:3])), None)
        or next((b.outlet for b in bylines if b.outlet), None)
        or title_outlet
        or next((name for line in candidates[:2] if (name := masthead_outlet(line, bare=True))), None)
        or next(filter(None, map(publisher_credit, top)), None)
        or (given[0] if given else None)
        or next(filter(None, map(statement_publisher, lines[:_HEADER_LINES])), None)
        or _publisher_label(labels.get("author"))
        or next(filter(None, map(copyright_holder, trailer + lines[:_SCAN_LINES])), None)
        or (dateline.outlet if dateline else None)
        or _agency_signoff(lines[-1])
    )
    published = (
        _iso_date(labels.get("published") or "")
        or next((b.published for b in bylines if b.published), None)
        or next(filter(None, map(_segment_date, before + candidates[:3])), None)
        or (dateline.published if dateline else None)
    )
    place = (
        (dateline.place if dateline else None)
        or _place_label(labels.get("dateline"))
        or next(filter(None, map(_dated_place, before + candidates[:3])), None)
        or (given[1] if given else None)
        or next(filter(None, map(recorded_place, top)), None)
    )
    return NewsMeta(title=title, author=author, outlet=outlet, dateline=place, published=published)


def _locate_title(lines: list[str], *, markdown: bool) -> tuple[str | None, int | None]:
    """(the outlet a masthead names, index of the headline line) in `lines` (blank lines kept)."""
    filled = [i for i, line in enumerate(lines) if line]
    if not filled:
        return None, None
    if markdown:
        headings = [(i, _HEADING.match(lines[i])) for i in filled]
        level_one = next(((i, m) for i, m in headings if m and m.group(1) == "#" and m.group(2)), None)
        first_index, first = headings[0]
        if level_one:
            return None, level_one[0]
        if first and first.group(2):
            return None, first_index
    position = _skip_furniture(lines, filled, 0)
    if position >= len(filled):
        return None, filled[0]
    start = filled[position]
    block_end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    nxt = lines[start + 1] if start + 1 < len(lines) else ""
    if (_SHOUTED_NAME.fullmatch(lines[start]) and nxt and _LONE_DATE.fullmatch(_strip_emphasis(nxt))
            and start + 2 < len(lines)):
        # "THE EVENING LANTERN / Saturday 3 May 2025 / headline": a newspaper's masthead and date
        after = [i for i in filled if i > start + 1]
        following = _skip_furniture(lines, after, 0, short_lines=True) if after else 0
        if following < len(after) and not parse_byline(lines[after[following]]):
            return _title_case(lines[start]), after[following]
    if not _is_letterhead_line(lines[start]) or _WIKI_HEADING.fullmatch(lines[start]):
        return None, start
    # "REPUBLIC OF X / MINISTRY OF Y": the publisher is the first body in the letterhead that
    # publishes, not the state above it; failing one, a court or other body printed there
    # ("PERVOMAISKY DISTRICT COURT OF BISHKEK", "UNITED NATIONS") issues the document itself.
    block = lines[start:block_end]
    masthead = next((_org_name(line) for line in block if _org_kind(line) == "publisher"), None)
    masthead = masthead or next(filter(None, map(_institution_outlet, block)), None)
    # The heading may stand in the letterhead block itself, under the names: "CASPIAN RIGHTS
    # PROJECT / WITNESS STATEMENT", "IN THE COURT OF APPEAL ... / Criminal Appeal No. 12 of 2024".
    names = len(list(takewhile(_is_letterhead_line, block)))
    if names < len(block) and _is_block_heading(block[names]):
        return masthead, start + names
    # A letterhead block (an organisation's name over its address or tagline) sits above the
    # real heading; a lone organisation name over a heading is a masthead too.
    rest = [k for k, i in enumerate(filled) if i >= block_end]
    if not rest:
        return None, start
    following = _skip_furniture(lines, filled, rest[0], short_lines=True)
    heading = lines[filled[following]] if following < len(filled) else ""
    if not heading or parse_byline(heading) or _is_body(heading):
        # What follows is a byline or the story: the first line was the headline, or the
        # letterhead of a text without one (a letter).
        letterhead = len(block) > 1 and not any(map(parse_byline, block))
        return (masthead if letterhead else None), start
    return masthead, filled[following]


def _skip_furniture(lines: list[str], filled: list[int], position: int, *, short_lines: bool = False) -> int:
    """Position in `filled` of the first line that is not navigation or page furniture."""
    while position < len(filled):
        line = lines[filled[position]]
        run = 0
        while position + run < len(filled) and _is_link_text(lines[filled[position + run]]):
            run += 1
        if run >= _NAV_RUN or (short_lines and run):
            position += run
        elif (is_boilerplate(line) or _is_breadcrumb(line) or _is_caption(line)
              or _LONE_DATE.fullmatch(_strip_emphasis(line)) or _dated_place(line)):
            position += 1  # "Port Amara, 7 May 2024" over a release's headline is no headline
        else:
            return position
    return position


def _is_link_text(line: str) -> bool:
    """'Consulates', 'Contact us': as short as a menu entry ('Age: 34' is a header field,
    'JUDGMENT' a document's heading)."""
    if line.isupper() and is_document_type(line):
        return False
    return len(line.split()) <= _NAV_WORDS and ":" not in line


def is_boilerplate(line: str) -> bool:
    """True for page furniture ("Skip to main content", "Download PDF", "Welcome to ...")."""
    words = re.sub(r"[^\w\s]+", " ", line.casefold()).split()
    if not words:
        return True
    phrase = " ".join(words)
    exact, prefixes = _boilerplate()
    return phrase in exact or any(phrase.startswith(prefix + " ") for prefix in prefixes)


def _is_breadcrumb(line: str) -> bool:
    """'Home › World › Asia', 'Home | About | Contact': a trail or row of links."""
    if re.search(r"\s[›»>]\s", line) and len(line.split()) <= 12:
        return True
    links = re.split(r"\s*[|·•]\s*", line)
    return len(links) >= _NAV_RUN and all(len(link.split()) <= _NAV_WORDS for link in links)


def header_labels(lines: list[str]) -> dict[str, str]:
    """'Subject: ...', 'From: ...', 'Source: ...', 'Date: ...' lines -> {field: value}, first wins."""
    fields: dict[str, str] = {}
    known = _labels()
    for line in lines:
        # "**Location:** Geneva": Markdown bold around the label only
        match = _LABEL_LINE.fullmatch(_strip_emphasis(line.replace("**", "").replace("__", "")))
        label = match.group("label").strip().casefold() if match else ""
        # "Date of decision", "Spokesperson for the High Commissioner", "Place and date": a known
        # label qualified by what it dates, whom it speaks for, or what else the line gives
        if match and (field := known.get(label) or next(
                (known[head] for joiner in (" of ", " for ", " and ") if (head := label.split(joiner)[0]) in known), None)):
            fields.setdefault(field, match.group("value").strip())
    return fields


def parse_byline(line: str) -> str | None:
    """'By A and B' -> 'A and B'; 'By A, Reuters' -> 'A'; None unless every name looks like one."""
    parsed = parse_byline_parts(line)
    return parsed.author if parsed else None


def parse_byline_parts(line: str) -> Byline | None:
    """A byline's author, and the outlet and date written beside it.

    'By A | The Review | 14 March 2024' -> Byline('A', 'The Review', '2024-03-14');
    'By AFP' -> Byline(None, 'AFP'): a news agency credited as author is the outlet.
    """
    line = _strip_emphasis(line)
    posted = _POSTED_BY.fullmatch(line)
    if posted and _iso_date(posted.group("date")):
        line = f"By {posted.group('names')} | {posted.group('date')}"
    match = _byline().fullmatch(line)
    if not match or len(line) > _BYLINE_MAX:
        return None
    parts = [part.strip() for part in _SEGMENTS.split(match.group("names")) if part.strip()]
    if not parts:
        return None
    names, extras = parts[0], parts[1:]
    segments = [segment.strip() for segment in names.split(",")]
    if len(segments) > 1 and not re.search(r"(?:^|\s)(?:and|&)\s", segments[-1]):
        names, extras = segments[0], [*segments[1:], *extras]  # "By A, Reuters": an affiliation
    names, _, employer = names.partition(" for ")  # "By A for RFA Uyghur"
    extras = [employer, *extras] if employer else extras
    names = _IN_PLACE.sub("", names)  # "By A in Geneva"
    outlet = next(filter(None, map(_outlet_name, extras)), None)
    published = next(filter(None, map(_iso_date, extras)), None)
    agency = _agency(names)
    if agency:
        return Byline(author=None, outlet=agency, published=published)
    people = [person for person in _NAME_SEPARATORS.split(names) if person]
    if not people or not all(_is_name(person) for person in people):
        return None
    author = _title_case(names) if names.isupper() else names
    return Byline(author=author, outlet=outlet, published=published)


def parse_credit_line(line: str) -> Byline | None:
    """A byline without "By": 'Jane Roe, Staff Reporter', 'Jane Roe | The Review | 3 May 2024'.

    Every part after the name must be a reporter's job title, an outlet or a date.
    """
    parts = [part.strip() for part in re.split(r"\s*,\s*|\s+[|·•—–-]\s+", _strip_emphasis(line)) if part.strip()]
    if len(parts) < 2:
        return None
    extras = parts[1:]
    if not all(_is_role(part) or _outlet_name(part) or _iso_date(part) for part in extras):
        return None
    author = _person(parts[0])
    if not author:
        return None
    outlet = next(filter(None, map(_outlet_name, extras)), None)
    return Byline(author=author, outlet=outlet, published=next(filter(None, map(_iso_date, extras)), None))


def reporting_credit(line: str) -> str | None:
    """'(Reporting by A in Almaty and B; Editing by C)' -> 'A and B'."""
    match = _REPORTING.search(line)
    if not match:
        return None
    people = [_IN_PLACE.sub("", person).strip() for person in re.split(r"\s+and\s+|\s*,\s*", match.group("names"))]
    people = [person for person in people if person]
    if not people or not all(_is_name(person) for person in people):
        return None
    return " and ".join(people)


def masthead_outlet(line: str, *, bare: bool = False) -> str | None:
    """'Open Steppe Rights Initiative (OSRI) — public statement' -> 'Open Steppe Rights Initiative'.

    `bare`: a line that is only a publisher's name counts too (as it does right under a heading).
    """
    line = _strip_emphasis(line)
    dated = _PLACE_DATE.fullmatch(line)
    if dated and not dated.group("body") and not dated.group("region"):
        line = dated.group("city")  # "Kestrel Rights Watch, 8 October 2018"
        bare = True
    segments = [_strip_emphasis(segment) for segment in _SEGMENTS.split(line)]
    first = segments[0]
    if first == line and not _ACRONYM.search(first) and not bare:
        return None
    if _org_kind(first) == "publisher":
        return _org_name(first)
    # "**Sahil Rights** | Public statement | 4 September 2026": whoever issues a statement or
    # report is named beside its type, even without a word such as "Watch" or "Collective".
    if any(map(is_document_type, segments[1:])) and _leading_name(first) == first:
        words = _ACRONYM.sub("", first).split()
        if (_ACRONYM.search(first) or len(words) >= 3) and len(words) <= _ORG_MAX_WORDS and _org_kind(first) is None:
            return _org_name(first)
    return None


def split_site_name(title: str | None) -> tuple[str | None, str | None]:
    """'Headline | The Review' -> ('Headline', 'The Review'): a site name appended to a title."""
    if not title:
        return title, None
    parts = re.split(r"\s+(?:[|·•]|[—–-])\s+", title)
    if len(parts) < 2:
        return title, None
    outlet = _outlet_name(parts[-1])
    if not outlet:
        return title, None
    return title[: title.rindex(parts[-1])].rstrip(" |·•—–-"), outlet


def page_outlet(sitename: str | None, hostname: str | None, page_title: str | None, page_text: str = "") -> str | None:
    """The outlet of a web page, for HTML readers.

    The declared site name, unless it is only the host name (trafilatura falls back to it);
    then the name after the page <title>'s separator ("Headline | The Review"), then the
    holder in a copyright line of the page text.
    """
    sitename = (sitename or "").strip()
    if sitename and sitename != hostname and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", sitename, re.I):
        return sitename
    lines = [line.strip() for line in page_text.splitlines() if line.strip()]
    return split_site_name(page_title)[1] or next(filter(None, map(copyright_holder, reversed(lines))), None)


def publisher_credit(line: str) -> str | None:
    """'recorded by the Border Witness Collective in ...' -> 'Border Witness Collective'."""
    found = None
    for match in _CREDIT.finditer(line):
        if _CREDIT_SOURCE.search(line[: match.start()]):
            continue  # "first distributed by X": X is the source, not this document's outlet
        name = _leading_name(match.group("rest"))
        if name and (_org_kind(name) == "publisher" or _ACRONYM.search(name)):
            found = _org_name(name)
    return found


def _republisher(lines: list[str]) -> str | None:
    """'... is republished by The Valley Post': whoever republishes a story is its outlet."""
    for line in lines:
        for match in _CREDIT.finditer(line):
            if match.group("verb").casefold() in {"republished", "reproduced"}:
                name = _leading_name(match.group("rest"))
                if name:
                    return _org_name(name)
    return None


def copyright_holder(line: str) -> str | None:
    """'© 2018 Steppe Wire Service. All rights reserved.' -> 'Steppe Wire Service'."""
    match = _COPYRIGHT.match(_strip_emphasis(line))
    if not match:
        return None
    name = _leading_name(match.group("rest"))
    return _org_name(name) if name else None


def recorded_place(line: str) -> str | None:
    """'... recorded in Almaty, 20 September 2018' -> 'Almaty'."""
    match = _RECORDED_IN.search(line)
    return match.group("place") if match and match.group("place")[0].isupper() else None


def parse_statement_header(line: str) -> str | None:
    """'Statement of Assistant Secretary Arthur E. Dewey' -> 'Arthur E. Dewey'."""
    match = _STATEMENT_HEADER.fullmatch(_clean_heading(line, markdown=True))
    if not match:
        return None
    words = match.group("rest").split(",")[0].split()
    while words and words[0].lower().rstrip(".") in _offices():
        words = words[1:]
    # "Remarks by Ambassador Dana Serikova at the Council": the name ends where lowercase begins.
    words = list(takewhile(lambda word: word[0].isupper() or word.lower() in _PARTICLES, words))
    name = " ".join(words)
    return name if _is_name(name) and _org_kind(name) is None else None


def statement_publisher(line: str) -> str | None:
    """'Statement by Kestrel Rights Watch' -> 'Kestrel Rights Watch': a body issuing a statement."""
    match = _STATEMENT_HEADER.fullmatch(_clean_heading(line, markdown=True))
    name = _leading_name(match.group("rest")) if match else None
    return _org_name(name) if name and _org_kind(name) == "publisher" else None


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


def judge_author(lines: list[str]) -> str | None:
    """The judge who delivered a judgment, when one line says so and no other names another."""
    found: list[str] = []
    for line in lines:
        line = _strip_emphasis(line)
        if len(line) > _BYLINE_MAX:
            continue
        delivered = _DELIVERED_BY.fullmatch(line)
        signature = _JUDGE_SIGNATURE.fullmatch(line) if len(line) <= _JUDGE_LINE_MAX else None
        if delivered:
            name = _judge_name(re.split(r"\s*[,;(]\s*|\s+(?:on|at|in|for|with)\s+", delivered.group("rest"))[0])
        elif signature:
            name = _judge_name(signature.group("name"), titled=True)
        else:
            continue
        if name and name not in found:
            found.append(name)
    return found[0] if len(found) == 1 else None


def _judge_name(phrase: str, *, titled: bool = False) -> str | None:
    """'Lady Justice Mary Atuhaire' -> 'Mary Atuhaire'; 'Justice Kato' -> 'Kato'; 'the Court' -> None.

    `titled`: the phrase is known to name a judge ('KATO, J.'), so a surname alone will do.
    """
    words = phrase.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    while words and words[0].casefold().rstrip(".") in _offices():
        words, titled = words[1:], True
    words = list(takewhile(lambda word: word[0].isupper() or word.lower() in _PARTICLES, words))
    name = " ".join(words)
    if name.isupper():
        name = _title_case(name)
    if len(words) == 1 and titled and _NAME_TOKEN.fullmatch(name) and len(name) > 2 and _org_kind(name) is None:
        return name  # "Delivered by Justice Kato": the surname is all the text gives
    return _person(name)


def signed_author(lines: list[str], *, dated_name: bool = True) -> str | None:
    """Who signed a statement at its foot: 'Signed: Jane Roe', or 'Jane Roe' over a last line
    that only dates it ('3 March 2025', 'Almaty, 3 March 2025')."""
    for line in reversed(lines[-_SIGNATURE_LINES:]):
        match = _SIGNED.fullmatch(_strip_emphasis(line))
        if match:
            name = re.split(r"\s*[,(|;]\s*|\s+[—–-]\s+", match.group("name"))[0].strip()
            name = _title_case(name) if name.isupper() else name
            if person := _person(name):
                return person
    if dated_name and len(lines) >= 4:
        last, above = _strip_emphasis(lines[-1]), _strip_emphasis(lines[-2])
        dated = _LONE_DATE.fullmatch(last) or (
            (match := _PLACE_DATE.fullmatch(last)) and not match.group("body") and _is_place_date(match)
        )
        if dated and len(above.split()) <= _SIGNOFF_WORDS + 1 and above[-1:] not in ".!?:;,\"”’)":
            return _person(above)
    return None


def interviewer(line: str) -> str | None:
    """'Interviewed by Jane Roe (KRW), 3 May 2024' -> 'Jane Roe'."""
    match = _INTERVIEW_BY.fullmatch(_strip_emphasis(line))
    if not match:
        return None
    name = re.split(r"\s*[,(|;]\s*|\s+[—–-]\s+|\s+(?:on|for|of|at)\s+", match.group("names"))[0]
    name = _IN_PLACE.sub("", name.strip())
    return _person(_title_case(name) if name.isupper() else name)


def statement_credit(line: str) -> tuple[str | None, str | None] | None:
    """'Given to the Mekong Rights Project, Udon Thani, Thailand, 20 February 2026'
    -> ('Mekong Rights Project', 'Udon Thani'): who took a statement down, and where."""
    match = _GIVEN_TO.fullmatch(_strip_emphasis(line))
    if not match or not match.group("rest")[0].isupper():
        return None
    parts = [part.strip() for part in match.group("rest").rstrip(".").split(",")]
    body, place = parts[0], None
    inside = _IN_PLACE.search(body)  # "the Border Witness Collective in Białystok"
    if inside:
        body, place = body[: inside.start()], inside.group(0).split(None, 1)[1]
    name = _leading_name(body)
    if not name or name != body or not (_org_kind(name) == "publisher" or _ACRONYM.search(name)):
        return None
    if place is None and len(parts) > 1:
        candidate = re.sub(r"^(?:in|at)\s+", "", parts[1])
        words = candidate.split()
        if (
            1 <= len(words) <= 4
            and all(word[0].isupper() and _NAME_TOKEN.fullmatch(word) for word in words)
            and not _iso_date(candidate)
            and _org_kind(candidate) is None
            and not any(word.casefold() in _weekdays() or word.casefold() in _months() for word in words)
        ):
            place = candidate
    return _org_name(name), place


def signoff_author(lines: list[str]) -> str | None:
    """A reporter's name alone on the last line of a story ("…\n\nJane Roe")."""
    if len(lines) < 4:
        return None
    last = lines[-1].strip()
    if len(last.split()) > _SIGNOFF_WORDS or last[-1:] in ".!?:;,\"”’)":
        return None
    return last if _is_name(last) and not last.isupper() else None


def parse_dateline(line: str) -> Dateline | None:
    """'ALMATY, Kazakhstan (AP) — Police…' -> Dateline('Almaty', 'AP'); None if not a dateline.

    A place in ordinary case needs a full date after it ('Almaty, 8 October 2018 – ...').
    """
    line = _strip_emphasis(line.strip()).replace("**", "")
    bracketed = _BRACKET_OPENING.match(line)
    if bracketed:
        return _bracket_dateline(bracketed.group("inner").strip(), bracketed.group("body"))
    match = _DATELINE.match(line)
    if match and _is_dateline(match):
        city, outlet = match.group("city"), (match.group("outlet") or "").strip() or None
        stop = _CITY_STOP.search(city)
        if stop and not outlet:  # "ASTANA. KAZINFORM –": the agency follows the place
            city, outlet = city[: stop.start()], city[stop.end() :]
        published = _iso_date(match.group("date") or "")
        if outlet and _iso_date(outlet):  # "GENEVA (17 February 2023) –": a date, not an outlet
            published, outlet = _iso_date(outlet), None
        return Dateline(place=_title_case(city), outlet=outlet, published=published)
    match = _PLACE_DATE.fullmatch(line)
    if match and _is_place_date(match):
        city = match.group("city")
        return Dateline(place=_title_case(city) if city.isupper() else city, outlet=None,
                        published=_iso_date(match.group("date")))
    return None


def _is_dateline(match: re.Match[str]) -> bool:
    city, region, body = match.group("city"), match.group("region"), match.group("body")
    if not city.isupper() or city in _not_places() or sum(ch.isalpha() for ch in city) < 2:
        return False
    if region and not all(word[0].isupper() for word in region.split()):
        return False
    return len(body.split()) >= 2 and any(ch.islower() for ch in body)


def _is_place_date(match: re.Match[str]) -> bool:
    city, region, body = match.group("city"), match.group("region"), match.group("body")
    words = city.split() + (region.split() if region else [])
    if not all(word[0].isupper() for word in words) or not _iso_date(match.group("date")):
        return False
    if any(word.casefold() in _weekdays() or word.casefold() in _header_words() for word in words):
        return False  # "Monday, 8 October 2018", "Published, 8 October 2018"
    if _org_kind(match.group("city")):
        return False  # "Kestrel Rights Watch, 8 October 2018": who, not where
    return body is None or (len(body.split()) >= 2 and any(ch.islower() for ch in body))


def _dated_place(line: str) -> str | None:
    """'Port Amara, 7 May 2024' heading a release: the place it was issued in."""
    match = _PLACE_DATE.fullmatch(_strip_emphasis(line))
    if match is None or match.group("body") or not _is_place_date(match):
        return None
    return _title_case(match.group("city")) if match.group("city").isupper() else match.group("city")


def _first_dateline(lines: list[str]) -> Dateline | None:
    standfirst = False
    for line in lines:
        if parse_byline_parts(line):
            standfirst = False  # what stood between the headline and the byline was a standfirst
            continue
        dateline = parse_dateline(line)
        if dateline and not standfirst:
            return dateline
        if dateline or _is_body(line):
            if standfirst:
                return None  # the story has begun: a later "X (AP) —" is no dateline
            standfirst = True
            continue
        alone = _PLACE_LINE.fullmatch(line)
        if alone:
            # "BELGRADE," on a line of its own: a web page's dateline whose date was markup
            return Dateline(place=_title_case(alone.group("place")), outlet=None)
    return None


def _is_body(line: str) -> bool:
    """A sentence of running text, as opposed to a header line (tagline, date, masthead)."""
    line = _strip_emphasis(line)
    words = sum(any(ch.isalpha() for ch in token) for token in line.split())
    return words >= _BODY_WORDS and (line[-1:] in _SENTENCE_END or words >= _LONG_LINE_WORDS)


def _agency_signoff(line: str) -> str | None:
    """A known agency alone on a story's last line: '(AFP)', '— Reuters'."""
    name = re.sub(r"^[\s(\[—–-]+|[\s)\]]+$", "", line)
    return name if name and _known_outlet(name) else None


def _is_role(part: str) -> bool:
    """'Staff Reporter', 'Secretary of State': a job title written after a name."""
    words = part.casefold().rstrip(".").split()
    if not words or words[0] in _CONNECTORS:
        return False  # "the" opens offices in statement headers, but an outlet's name here
    if " ".join(words) in _roles():
        return True
    titled = all(word[0].isupper() or word.casefold() in _CONNECTORS for word in part.split())
    return titled and len(words) <= _ORG_MAX_WORDS and words[0].rstrip(".") in _offices()


def _name_over_role_or_date(lines: list[str]) -> str | None:
    """'Jane Roe' over 'Staff Reporter', 'Jane Roe in Almaty' over '3 May 2024' -> 'Jane Roe'."""
    for index, (line, below) in enumerate(zip(lines, lines[1:])):
        line, below = _strip_emphasis(line), _strip_emphasis(below)
        # Over a date, a bare name could be a place ("Port Ellis"): only right under the
        # headline, or with the "in <place>" a reporter's credit carries, is it a byline.
        dated = _LONE_DATE.fullmatch(below) and (index == 0 or _IN_PLACE.search(line))
        if (_is_role(below) or dated) and (name := _person(_IN_PLACE.sub("", line))):
            return name
    return None


def _publisher_label(value: str | None) -> str | None:
    """'Prepared by: Kestrel Rights Watch' names a publisher, not a person."""
    return _org_name(value) if value and _org_kind(value) == "publisher" else None


def _place_label(value: str | None) -> str | None:
    """'Location: Geneva, Switzerland' -> 'Geneva'."""
    if not value:
        return None
    place = value.split(",")[0].strip()
    return place if place and all(word[0].isupper() for word in place.split()) and len(place.split()) <= 4 else None


def _bracket_dateline(inner: str, body: str) -> Dateline | None:
    """'(Reuters) - ...' names the agency; '(Berlin) – ...' the place."""
    if len(body.split()) < 2 or not any(ch.islower() for ch in body):
        return None
    if _known_outlet(inner) or _is_acronym(inner):
        return Dateline(place=None, outlet=inner)
    words = inner.split()
    if len(words) <= 3 and all(_NAME_TOKEN.fullmatch(word) and word[0].isupper() for word in words):
        return Dateline(place=inner, outlet=None)
    return None


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z/&]{1,7}", name)) and name not in _not_places()


def _segment_date(line: str) -> str | None:
    """A header line that is a date, or carries one as a part ('Briefing paper · Published 14 December 2021')."""
    for part in _SEGMENTS.split(_strip_emphasis(line)):
        match = _LONE_DATE.fullmatch(part.strip()) or _PLACE_DATE.fullmatch(part.strip())
        if match and (date := _iso_date(match.group("date"))):
            return date  # "14 December 2021", "Kestrel Rights Watch, 8 October 2018"
    return None


def _iso_date(text: str) -> str | None:
    """'14 March 2024', 'March 14, 2024', 'Thu, 02 Aug 2018 09:14', '2024-03-14' -> ISO day."""
    for pattern in (_ISO_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if not match:
            continue
        month = match.group("month")
        number = int(month) if month.isdigit() else _months().get(month.rstrip(".")[:3].casefold())
        day = int(match.group("day"))
        if number and 1 <= number <= 12 and 1 <= day <= 31:
            return f"{match.group('year')}-{number:02d}-{day:02d}"
    return None


def _leading_name(text: str) -> str | None:
    """The run of capitalised words (with connectors and a trailing '(ACRONYM)') opening `text`."""
    tokens = text.split()
    taken: list[str] = []
    for token in tokens:
        bare = token.rstrip(".,;:")
        if bare.startswith("(") and taken:
            if _ACRONYM.fullmatch(" " + bare):  # "Kestrel Rights Watch (KRW)"
                taken.append(bare)
            break
        if not bare or not (bare[0].isupper() or bare[0].isdigit() or bare.casefold() in _CONNECTORS):
            break
        if bare.casefold() == "all" and taken:
            break  # "... All rights reserved"
        taken.append(bare)
        if bare != token:
            break  # a full stop or comma ends the name
    while taken and taken[-1].casefold() in _CONNECTORS:
        taken.pop()
    if taken and taken[0].casefold() == "the" and len(taken) == 1:
        return None
    return " ".join(taken) or None


def _is_letterhead_line(line: str) -> bool:
    """An organisation's name printed as letterhead ('REPUBLIC OF UGANDA', 'IN THE COURT OF APPEAL ...')."""
    return _org_kind(line) is not None or _institution_outlet(line) is not None


def _institution_outlet(line: str) -> str | None:
    """'IN THE COURT OF APPEAL OF UGANDA AT KAMPALA' -> 'Court of Appeal of Uganda'; a court,
    'UNITED NATIONS' and other non-publishing bodies in a letterhead issue the document; a state
    ('REPUBLIC OF UGANDA') does not."""
    words = _strip_emphasis(line).split()
    if not words or len(words) > 2 * _ORG_MAX_WORDS:
        return None
    if [word.casefold() for word in words[:2]] == ["in", "the"]:
        words = words[2:]
    cut = next((i for i, word in enumerate(words) if i and word.casefold() in {"at", "holden", "sitting"}), len(words))
    name = " ".join(words[:cut])
    if not name or _org_kind(name) != "institution":
        return None
    heads = _org_heads(name)
    if not any(word in _institution_heads() and word not in _state_heads() for word in heads):
        return None
    return _org_name(name)


def _is_block_heading(line: str) -> bool:
    """A heading printed inside a letterhead block, under the names: a case heading, a
    document type ('WITNESS STATEMENT'), or a short line in capitals that is not an address."""
    line = _strip_emphasis(line)
    if _CASE_HEADING.fullmatch(line) or is_document_type(line):
        return True
    words = line.split()
    return (
        line.isupper()
        and 2 <= len(words) <= _ORG_MAX_WORDS
        and not any(ch.isdigit() for ch in line)
        and not re.search(r"[,:;@/]", line)
        and _org_kind(line) is None
        and not is_boilerplate(line)
    )


def _is_caption(line: str) -> bool:
    """A party line of a court caption ('A. MUTEBI ........ APPELLANT') or its 'VERSUS'."""
    line = _strip_emphasis(line)
    return bool(_CAPTION_LEADER.search(line)) or line.casefold().rstrip(".:") in _CAPTION_WORDS


def is_document_type(line: str) -> bool:
    """'WITNESS STATEMENT', 'Press briefing notes', 'Public statement': only a kind of document."""
    phrase = " ".join(re.sub(r"[^\w\s]+", " ", line.casefold()).split())
    return phrase in _document_types()


def _org_heads(name: str) -> list[str]:
    """The words of an organisation's name that may be its head noun (see _org_kind)."""
    lowered = [token.casefold().strip("'’") for token in name.split()]
    cut = next((i for i, word in enumerate(lowered) if word in _OF_WORDS and i), len(lowered))
    return [lowered[-1], *lowered[max(0, cut - 2) : cut]]


def _org_kind(line: str) -> str | None:
    """'publisher' or 'institution' if `line` is just an organisation's name, else None."""
    name = _ACRONYM.sub("", _strip_emphasis(line)).strip()
    tokens = name.split()
    if not 1 <= len(tokens) <= _ORG_MAX_WORDS or name[-1:] in ".!?:;,":
        return None
    if not tokens[0][:1].isupper() or any(
        not (token[0].isupper() or token[0].isdigit() or token.casefold() in _CONNECTORS) for token in tokens
    ):
        return None
    # The head noun ends the name ("Kestrel Rights Watch") or its part before "of"/"for"/"on"
    # ("Ministry of ...", "Consulate General of ...", where a title word may follow the head).
    heads = _org_heads(name)
    if any(word in _publisher_heads() for word in heads) or _known_outlet(name):
        return "publisher"
    if any(word in _institution_heads() for word in heads):
        return "institution"
    return None


def _org_name(name: str) -> str:
    name = _ACRONYM.sub("", _strip_emphasis(name)).strip()
    if not name.isupper() or len(name.split()) < 2:
        return name
    words = _title_case(name).split()
    return " ".join([words[0]] + [w.lower() if w.lower() in _CONNECTORS else w for w in words[1:]])


def _outlet_name(segment: str) -> str | None:
    segment = segment.strip()
    if _iso_date(segment):
        return None
    words = segment.split()
    if len(words) > 1 and words[-1].casefold() in _roles():
        segment = " ".join(words[:-1])  # "Balkan Herald correspondent"
    if _known_outlet(segment) or _org_kind(segment) == "publisher":
        return _org_name(segment)
    return None


def _agency(names: str) -> str | None:
    """'AFP', 'the Associated Press', 'Reuters staff' -> the agency; None for people."""
    name = re.sub(r"^the\s+", "", names.strip(), flags=re.I)
    name = re.sub(r"\s+(?:staff|correspondents?|reporters?|wire)$", "", name, flags=re.I)
    if _known_outlet(name) or _is_acronym(name):
        return name
    return None


def _known_outlet(name: str) -> bool:
    return name.casefold() in _outlets() or re.sub(r"^the\s+", "", name, flags=re.I).casefold() in _outlets()


def _person(value: str | None) -> str | None:
    if not value:
        return None
    name = _EMAIL_ADDRESS.sub("", value).strip().strip('"')
    return name if _is_name(name) and not name.isupper() and _org_kind(name) is None else None


def _is_name(person: str) -> bool:
    tokens = person.split()
    if not 2 <= len(tokens) <= 5 or not tokens[0][:1].isupper():
        return False
    return all(
        _NAME_TOKEN.fullmatch(token) and (token[0].isupper() or token.lower() in _PARTICLES)
        for token in tokens
    )


def _strip_emphasis(line: str) -> str:
    return _EMPHASIS.sub("", line.strip()).strip()


def _clean_heading(line: str, *, markdown: bool) -> str:
    heading = _HEADING.fullmatch(line) if markdown else None
    line = _strip_emphasis(heading.group(2) if heading else line)
    wiki = _WIKI_HEADING.fullmatch(line)
    return wiki.group("title") if wiki else line


def _title_case(phrase: str) -> str:
    def cap(part: str) -> str:
        return part[:1].upper() + part[1:].lower()

    return " ".join("-".join(cap(part) for part in word.split("-")) for word in phrase.split())


def _cap_title(title: str) -> str:
    title = title.strip()
    if len(title) <= _TITLE_MAX:
        return title
    return title[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"


def _data_lines(name: str) -> list[str]:
    text = (files("testimonium.ingest") / "data" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _offices() -> frozenset[str]:
    return frozenset(line.lower() for line in _data_lines("offices.txt"))


@cache
def _outlets() -> frozenset[str]:
    return frozenset(line.casefold() for line in _data_lines("outlets.txt"))


@cache
def _publisher_heads() -> frozenset[str]:
    return frozenset(line.casefold() for line in _data_lines("publisher_heads.txt"))


@cache
def _institution_heads() -> frozenset[str]:
    return frozenset(line.casefold() for line in _data_lines("institution_heads.txt"))


@cache
def _state_heads() -> frozenset[str]:
    return frozenset(line.casefold() for line in _data_lines("state_heads.txt"))


@cache
def _document_types() -> frozenset[str]:
    return frozenset(" ".join(re.sub(r"[^\w\s]+", " ", line.casefold()).split()) for line in _data_lines("document_types.txt"))


@cache
def _not_places() -> frozenset[str]:
    return frozenset(_data_lines("not_places.txt"))


@cache
def _byline() -> re.Pattern[str]:
    cues = sorted(_data_lines("byline_cues.txt"), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in cues)
    return re.compile(rf"(?:{alternatives})\s+(?P<names>\S.*)", re.I)


@cache
def _roles() -> frozenset[str]:
    return frozenset(line.casefold() for line in _data_lines("byline_roles.txt"))


@cache
def _boilerplate() -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole-line phrases, line prefixes) of page furniture."""
    entries = [" ".join(re.sub(r"[^\w\s.]+", " ", line.casefold()).split()) for line in _data_lines("boilerplate.txt")]
    prefixes = tuple(entry.removesuffix("...").strip() for entry in entries if entry.endswith("..."))
    return frozenset(entry for entry in entries if not entry.endswith("...")), prefixes


@cache
def _labels() -> dict[str, str]:
    rows = (line.split("\t") for line in _data_lines("header_labels.tsv"))
    return {label.strip().casefold(): field.strip() for label, field in rows}


@cache
def _header_words() -> frozenset[str]:
    return frozenset(word for label in _labels() for word in label.split())


@cache
def _months() -> dict[str, int]:
    return {calendar.month_abbr[number].casefold(): number for number in range(1, 13)}


@cache
def _weekdays() -> frozenset[str]:
    return frozenset(name.casefold() for name in (*calendar.day_name, *calendar.day_abbr))
