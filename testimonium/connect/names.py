"""Name forms and keys for entity resolution.

A name is reduced to comparable parts once (`person_parts`, `core_key`, `acronym_key`) so that
resolution compares short strings. Spelling variants of one name meet through the ASCII form
(`normality`), a small table of romanisation equivalences (`data/resolve/transliteration.tsv`)
and, for person name parts, an edit-distance budget (`rapidfuzz`); organisation names lose their
legal-form words (`rigour.names`) and are fingerprinted (`fingerprints`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import fingerprints
from normality import ascii_text
from rapidfuzz.distance import Levenshtein
from rigour.names import remove_org_types, remove_person_prefixes, tokenize_name
from rigour.text import is_stopword

DATA = Path(__file__).parent / "data" / "resolve"

PERSON = "person"
GROUP = "group"
PLACE = "place"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(line.strip().casefold() for line in _lines(name))


@cache
def _transliteration() -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in _lines("transliteration.tsv"):
        source, _, target = line.partition("\t")
        pairs.append((source, target))
    return tuple(pairs)


@cache
def _state_forms() -> tuple[tuple[str, ...], ...]:
    # Longest first, so "people's republic of" wins over "republic of".
    forms = {tuple(_plain_words(line)) for line in _lines("state_forms.txt")}
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def known_acronyms() -> dict[str, str]:
    """Known abbreviation -> acronym key of its long form, for pairs that initials cannot give."""
    table = {}
    for line in _lines("acronyms.tsv"):
        short, _, long = line.partition("\t")
        table[_letters(long)] = _letters(short)
        table[_letters(short)] = _letters(short)
    return table


@cache
def compatible_types() -> frozenset[frozenset[str]]:
    pairs = set()
    for line in _lines("type_compat.tsv"):
        a, _, b = line.partition("\t")
        pairs.add(frozenset((a.strip(), b.strip())))
    return frozenset(pairs)


def types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in compatible_types()


# ---------------------------------------------------------------------------------- plain text

@cache
def _cyrillic() -> dict[int, str]:
    table = {}
    for line in _lines("cyrillic.tsv"):
        letter, _, latin = line.partition("\t")
        table[ord(letter)] = latin
        table[ord(letter.upper())] = latin
    return table


@lru_cache(maxsize=200_000)
def ascii_form(text: str) -> str:
    """Lower-case ASCII form of any script ("Сайрагуль" -> "sayragul")."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").translate(_cyrillic())
    return (ascii_text(text) or "").casefold()


def _plain_words(text: str) -> list[str]:
    # A possessive "'s" goes ("China's foreign ministry" is about China).
    text = re.sub(r"'s\b", "", ascii_form(text))
    return re.findall(r"[a-z0-9]+", text)


def _letters(text: str) -> str:
    return "".join(re.findall(r"[a-z0-9]", ascii_form(text)))


@lru_cache(maxsize=500_000)
def skeleton(part: str) -> str:
    """One name part reduced so that its common romanisations coincide (Sayragul = Sairagul)."""
    out = ascii_form(part)
    for source, target in _transliteration():
        out = out.replace(source, target)
    out = re.sub(r"[^a-z0-9]", "", out)
    return re.sub(r"(.)\1+", r"\1", out)


def consonant_key(skel: str) -> str:
    """First letter plus the consonants: a blocking key that survives vowel spelling drift."""
    if not skel:
        return ""
    return skel[0] + re.sub(r"[aeiou]", "", skel[1:])


def is_script_latin(text: str) -> bool:
    return all(not ch.isalpha() or ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def is_pronoun(text: str) -> bool:
    text = text.strip()
    # "US" in capitals is the country, not "us".
    return text.casefold() in _words("pronouns.txt") and not (text.isupper() and len(text) > 1)


def has_capital(text: str) -> bool:
    """Whether some word starts with a capital: all-lower-case forms are descriptions, not names."""
    return any(word[:1].isupper() for word in text.split())


# ---------------------------------------------------------------------------------- persons

@dataclass(frozen=True)
class Part:
    skel: str
    initial: bool


@lru_cache(maxsize=200_000)
def person_parts(name: str) -> tuple[Part, ...]:
    """The parts of a person name without titles and particles, order kept (it is not compared)."""
    stripped = remove_person_prefixes(name)
    honorifics = _words("honorifics.txt")
    particles = _words("particles.txt")
    parts = []
    for token in tokenize_name(stripped):
        folded = ascii_form(token).strip(".")
        if not folded or folded in honorifics or folded in particles:
            continue
        letters = re.sub(r"[^a-z0-9]", "", folded)
        if not letters:
            continue
        if len(letters) == 1:
            parts.append(Part(letters, True))
        else:
            parts.append(Part(skeleton(token), False))
    # Titles written before a name ("Ms Sauytbay") are dropped even when rigour keeps them.
    while parts and not parts[0].initial and parts[0].skel in honorifics and len(parts) > 1:
        parts = parts[1:]
    return tuple(parts)


def full_parts(parts: tuple[Part, ...]) -> list[Part]:
    return [p for p in parts if not p.initial]


@lru_cache(maxsize=500_000)
def parts_match(a: str, b: str) -> bool:
    """Two spelled-out name parts are one name: equal skeletons or a small slip in a long part,
    unless they differ only by a surname ending (Sauytbay / Sauytbayev)."""
    if a == b:
        return True
    if a[:1] != b[:1]:
        return False
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and long[len(short):] in _words("surname_suffixes.txt"):
        return False
    budget = 2 if len(short) >= 10 else 1 if len(short) >= 6 else 0
    return budget > 0 and Levenshtein.distance(a, b, score_cutoff=budget) <= budget


def _part_pairs(x: Part, y: Part) -> bool:
    if x.initial or y.initial:
        return x.skel[0] == y.skel[0]
    return parts_match(x.skel, y.skel)


def person_match(a: tuple[Part, ...], b: tuple[Part, ...]) -> float:
    """How surely two person names are one person: 0 (no), up to 1 (every part agrees).

    Both names need two parts; every part of the shorter name must pair with its own part of the
    longer one (any order, so court-style "SURNAME Given" matches), with at least two spelled-out
    parts agreeing, or one spelled-out part and an initial of a name of three or more letters.
    """
    if len(a) < 2 or len(b) < 2:
        return 0.0
    short, long = sorted((a, b), key=lambda n: (len(n), len(full_parts(n))))
    used: set[int] = set()
    full_agree = 0
    # Spelled-out parts claim their partners before initials do.
    for part in sorted(short, key=lambda p: p.initial):
        for i, other in enumerate(long):
            if i in used or not _part_pairs(part, other):
                continue
            if not part.initial and other.initial:
                continue
            used.add(i)
            full_agree += not (part.initial or other.initial)
            break
        else:
            return 0.0
    if full_agree >= 2:
        return 1.0 if len(short) == len(long) else 0.9
    if full_agree == 1 and len(full_parts(short)) == 1:
        return 0.8
    return 0.0


def person_keys(parts: tuple[Part, ...]) -> set[str]:
    """Blocking keys: each pair of spelled-out parts, and each spelled-out part with another
    part's initial, by consonant key and order-free. Every pair `person_match` accepts shares one
    (vowel drift keeps the consonant key; a single-letter slip may not, which costs recall only)."""
    full = [consonant_key(p.skel) for p in parts if not p.initial]
    keys = set()
    for i, x in enumerate(full):
        for y in full[i + 1:]:
            keys.add("pp:" + "|".join(sorted((x, y))))
    for i, part in enumerate(parts):
        if part.initial:
            continue
        for j, other in enumerate(parts):
            if i != j:
                keys.add(f"pi:{consonant_key(part.skel)}|{other.skel[0]}")
    return keys


# ---------------------------------------------------------------------------------- other names

@lru_cache(maxsize=200_000)
def core_key(name: str, type_: str) -> str:
    """The identifying words of a non-person name, order-free: legal forms, articles, stopwords,
    state designations (places), group qualifiers and plural "-s" (groups) removed, each word
    reduced to its skeleton ("Republic of Kazakhstan" = "Kazakhstan", "Uighurs" = "Uyghur")."""
    words = _plain_words(name)
    if type_ in (PLACE, "organization"):
        for form in _state_forms():
            if tuple(words[: len(form)]) == form and len(words) > len(form):
                words = words[len(form):]
                break
    if type_ == GROUP:
        qualifiers = _words("group_qualifiers.txt")
        words = [w for w in words if w not in qualifiers]
        words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    cleaned = " ".join(words)
    if type_ not in (PLACE, GROUP):
        cleaned = remove_org_types(cleaned) or cleaned
    printed = fingerprints.generate(cleaned) or cleaned
    words = printed.split()
    # Stopwords go from longer names only: a one-word name may be one ("UN").
    content = [w for w in words if not is_stopword(w)] if len(words) > 1 else words
    kept = [skeleton(w) for w in content or words]
    return " ".join(sorted(w for w in kept if w))


# Up to five capitals: longer all-capital words are mostly names set in capitals (datelines,
# court style), which longer known abbreviations reach through the data file instead.
_ACRONYM_SHAPE = re.compile(r"^[A-Z]{2,5}(?:/[A-Z]{1,5})?$|^(?:[A-Z]\.){2,6}$")


def looks_like_acronym(name: str) -> bool:
    """"UN", "U.S.", "RFE/RL": capitals only, optionally dotted or split by a slash."""
    name = name.strip()
    return bool(_ACRONYM_SHAPE.match(name)) or _letters(name) in known_acronyms().values()


@lru_cache(maxsize=200_000)
def acronym_key(name: str) -> str:
    """For an abbreviation, its letters; for a long form of capitalised words, their initials
    ("Radio Free Europe/Radio Liberty" -> "rferl"); known irregular pairs from the data file.
    Empty when the name yields no acronym of two or more letters."""
    name = name.strip()
    letters = _letters(name)
    known = known_acronyms().get(letters)
    if known:
        return known
    if looks_like_acronym(name):
        return letters
    initials = []
    for half in name.split("/"):
        words = re.findall(r"[^\W\d_][\w'’-]*", half)
        if not words:
            continue
        initials += [w[0] for w in words if w[0].isupper()]
        if any(not w[0].isupper() and not is_stopword(w.casefold()) for w in words):
            # A lower-case content word means a description, not a proper long form.
            return ""
    key = ascii_form("".join(initials))
    # A long form needs two capitalised words; a single word is not abbreviated.
    return key if len(key) >= 2 and len(re.findall(r"\b[A-Z]", name)) >= 2 else ""
