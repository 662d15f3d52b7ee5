"""Domain vocabularies, read from the data files beside this module (never Python literals)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    with open(DATA / name, encoding="utf-8") as f:
        return [ln.rstrip("\n") for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """A one-entry-per-line list (`name` is the file name, e.g. "media.txt")."""
    return tuple(ln.strip() for ln in _lines(name))


@lru_cache(maxsize=None)
def table(name: str, header: bool = True) -> tuple[tuple[str, ...], ...] | tuple[dict[str, str], ...]:
    """A tab-separated file: dicts keyed by the header row, or plain tuples without one."""
    rows = list(csv.reader(_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not header:
        return tuple(tuple(c.strip() for c in r) for r in rows)
    keys = [k.strip() for k in rows[0]]
    return tuple({k: (r[i].strip() if i < len(r) else "") for i, k in enumerate(keys)} for r in rows[1:])


@lru_cache(maxsize=None)
def entity_types() -> dict[str, str]:
    return {label: etype for label, etype in table("entity_types.tsv", header=False)}


@lru_cache(maxsize=None)
def titles() -> dict[str, str]:
    """Title or honorific -> gender cue ("f", "m" or "-")."""
    return {t: g for t, g in table("titles.tsv", header=False)}


@lru_cache(maxsize=None)
def aliases() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in table("aliases.tsv", header=False))


@lru_cache(maxsize=None)
def cues() -> dict[str, dict[str, str]]:
    return {row["lemma"]: row for row in table("cues.tsv")}
