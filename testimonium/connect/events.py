"""Grouping reports of one event across documents (and within one: headline and body).

Two reports are of one event when nothing rules it out and enough points to it:

- **Hard constraints** (any one splits): a different event type, two different outcomes, dates
  that cannot both hold at their precision ("2018-10" fits "2018-10-05"; "2018-10-05" does not
  fit "2018-10-06"), or participants about different people (both reports name who acted or was
  acted on, and they share nobody). For lasting states (detention, forced labour…, listed in
  data/event_durative_types.txt) a date mismatch only counts against: "held since 2017" and
  "held, a UN panel said in August 2018" describe one detention.
- **Evidence** (adds up to a pair score): shared participants, shared places, agreeing dates,
  agreeing outcomes, being in one document, and a shared trigger stem ("crossed"/"crossing"). A
  missing date or outcome is no conflict but no evidence either; places that do not overlap
  count against.

Clustering is average-linkage agglomeration restricted to candidate pairs from blocking on
(type, participant), so the work grows with the blocks, not with the square of all reports. A
report joins a cluster only when it is compatible with *every* member and its mean score over all
members reaches the threshold, so one weak link to one member cannot chain two events together.
"""

from __future__ import annotations

import calendar
import csv
import heapq
import itertools
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from testimonium.connect.records import EventRef

DATA = Path(__file__).parent / "data"

# Pair-score weights against MERGE_THRESHOLD. Sharing participants scores 0.5 to 1.0 (all of them
# shared), enough alone for two undated reports naming the same people and, with an agreeing
# trigger, place, date or outcome, for reports that share only some. Places that do not overlap
# at all (Guantanamo vs Xinjiang) outweigh a shared group of people.
SHARED_PARTICIPANT = 1.0
SHARED_PLACE = 0.25
DISJOINT_PLACES = -1.0
DATE_AGREES = 0.5
OUTCOME_AGREES = 0.25
SAME_DOCUMENT = 0.5
SHARED_TRIGGER_STEM = 0.25
DURATIVE_DATE_MISMATCH = -0.25
MERGE_THRESHOLD = 0.75
# Share of the other cluster whose places a member may contradict when two clusters merge: a
# report that shares a group of people with a cluster but names other places than half of it
# (Guantanamo vs Xinjiang) stays out even when the cluster's placeless members pull the mean up.
MAX_DISSENT = 0.25
# Crude stemming by prefix: "crossed"/"crossing", "testified"/"testimony", "deport"/"deportation"
# share one; enough to break ties between otherwise equal candidates, never decisive alone.
STEM_LETTERS = 5
STEM_MIN_WORD = 4
# A place named by very many reports ("China") says little and would make its block quadratic;
# such place blocks are not used for candidates (participant blocks always are).
MAX_PLACE_BLOCK = 500


@lru_cache(maxsize=None)
def _season_months() -> dict[str, tuple[int, ...]]:
    with open(DATA / "event_seasons.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))
    return {r["code"]: tuple(int(m) for m in r["months"].split()) for r in rows}


@lru_cache(maxsize=None)
def _durative_types() -> frozenset[str]:
    with open(DATA / "event_durative_types.txt", encoding="utf-8") as f:
        return frozenset(ln.strip() for ln in f if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1 << 16)
def _stems(trigger: str) -> frozenset[str]:
    return frozenset(w[:STEM_LETTERS] for w in re.findall(r"[^\W\d_]+", trigger.casefold())
                     if len(w) >= STEM_MIN_WORD)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=1 << 16)
def date_spans(value: str | None) -> tuple[tuple[date, date], ...] | None:
    """The calendar spans an ISO/TIMEX3 date value can denote; None when unknown or unparseable.

    Handles "2018", "2018-10", "2018-10-05", decades ("197"), seasons ("2018-SU") and ISO weeks
    ("2018-W30"). Year-less values ("--10-05") are handled by `dates_compatible`, not here.
    """
    if not value:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value):
            year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
            if day:
                d = date(year, month, day)
                return ((d, d),)
            if month:
                return (_month_span(year, month),)
            return ((date(year, 1, 1), date(year, 12, 31)),)
        if m := re.fullmatch(r"(\d{3})", value):
            decade = int(m[1]) * 10
            return ((date(decade, 1, 1), date(decade + 9, 12, 31)),)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return ((start, start + timedelta(days=6)),)
        if (m := re.fullmatch(r"(\d{4})-([A-Z]{2})", value)) and m[2] in _season_months():
            year, months = int(m[1]), _season_months()[m[2]]
            # a winter runs into the next year: months after a wrap belong to year + 1
            spans, y, previous = [], year, 0
            for month in months:
                y += month < previous
                spans.append(_month_span(y, month))
                previous = month
            return tuple(spans)
    except ValueError:  # an impossible date such as "2018-02-30" or week 54
        return None
    return None


@lru_cache(maxsize=1 << 16)
def _yearless(value: str) -> tuple[int, int | None] | None:
    m = re.fullmatch(r"--(\d{2})(?:-(\d{2}))?", value)
    return (int(m[1]), m[2] and int(m[2])) if m else None


def _overlap(a, b) -> bool:
    return any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a for lo2, hi2 in b)


def _yearless_fits(month: int, day: int | None, spans) -> bool:
    for lo, hi in spans:
        for year in range(lo.year, hi.year + 1):
            try:
                candidate = [(date(year, month, day),) * 2] if day else [_month_span(year, month)]
            except ValueError:  # 29 February in a common year
                continue
            if _overlap(candidate, [(lo, hi)]):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two event dates can denote the same day at their precision (missing fits anything)."""
    if not a or not b:
        return True
    ya, yb = _yearless(a), _yearless(b)
    if ya and yb:
        return ya[0] == yb[0] and (ya[1] is None or yb[1] is None or ya[1] == yb[1])
    if ya or yb:
        month, day = ya or yb
        spans = date_spans(b if ya else a)
        return spans is None or _yearless_fits(month, day, spans)
    sa, sb = date_spans(a), date_spans(b)
    return sa is None or sb is None or _overlap(sa, sb)


def _dated(value: str | None) -> bool:
    return bool(value) and (_yearless(value) is not None or date_spans(value) is not None)


class _Pairs:
    """Hard compatibility and evidence score of two reports, with the participant rule."""

    def __init__(self, events: Sequence[EventRef], person_ids: Collection[int] | None,
                 threshold: float) -> None:
        self.events = events
        self.threshold = threshold
        self.person_ids = None if person_ids is None else frozenset(person_ids)
        self._cache: dict[tuple[int, int], tuple[float, bool] | None] = {}

    def _who(self, e: EventRef) -> frozenset[int]:
        who = e.agents | e.patients
        return who if self.person_ids is None else who & self.person_ids

    def score(self, i: int, j: int) -> tuple[float, bool] | None:
        """None when the two cannot be one event; otherwise the weight of evidence that they are
        and whether they name different places with little else in common (the contrary sign
        that blocks a merge when it concerns much of a cluster; see MAX_DISSENT)."""
        key = (i, j) if i < j else (j, i)
        if key not in self._cache:
            self._cache[key] = self._score(self.events[i], self.events[j])
        return self._cache[key]

    def _score(self, a: EventRef, b: EventRef) -> tuple[float, bool] | None:
        if a.type != b.type:
            return None
        if a.outcome and b.outcome and a.outcome != b.outcome:
            return None
        dates_fit = dates_compatible(a.date, b.date)
        if not dates_fit and a.type not in _durative_types():
            return None
        who_a, who_b = self._who(a), self._who(b)
        if who_a and who_b and not who_a & who_b:
            return None  # about different people
        s, apart = 0.0, False
        people_a, people_b = a.agents | a.patients, b.agents | b.patients
        if people_a & people_b:
            # half for sharing anyone, half by how much of the two casts is shared
            s += SHARED_PARTICIPANT * (0.5 + 0.5 * len(people_a & people_b) / len(people_a | people_b))
        if a.places and b.places:
            apart = not a.places & b.places
            s += DISJOINT_PLACES if apart else SHARED_PLACE
        if _dated(a.date) and _dated(b.date):
            s += DATE_AGREES if dates_fit else DURATIVE_DATE_MISMATCH
        if a.outcome and b.outcome:
            s += OUTCOME_AGREES
        if a.document_id == b.document_id:
            s += SAME_DOCUMENT
        if _stems(a.trigger_text) & _stems(b.trigger_text):
            s += SHARED_TRIGGER_STEM
        # without a gazetteer "Zharkent" and "Kazakhstan" are apart too, so places apart only
        # speak against a merge when the rest of the evidence is weak
        return s, apart and s < self.threshold


def _candidate_pairs(events: Sequence[EventRef]) -> set[tuple[int, int]]:
    """Index pairs sharing a block: (type, participant or place) across documents, (type, document)
    within one."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        for entity in e.agents | e.patients:
            blocks[(e.type, "participant", entity)].append(i)
        for entity in e.places:
            blocks[(e.type, "place", entity)].append(i)
        blocks[(e.type, "document", e.document_id)].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if key[1] != "place" or len(members) <= MAX_PLACE_BLOCK:
            pairs.update(itertools.combinations(members, 2))
    return pairs


def group_events(events: Sequence[EventRef], *, person_ids: Collection[int] | None = None,
                 threshold: float = MERGE_THRESHOLD) -> list[list[int]]:
    """Clusters of event ids, each the reports of one event; every event id is in exactly one.

    `person_ids` (canonical ids of persons) narrows the different-people rule to persons, so that
    reports naming different *groups* ("Uyghurs" / "Muslims") may still merge on other evidence;
    without it every agent and patient counts as a person.
    """
    pairs = _Pairs(events, person_ids, threshold)
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    owner = list(range(len(events)))
    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j in _candidate_pairs(events):
        if pairs.score(i, j) is not None:
            neighbours[i].add(j)
            neighbours[j].add(i)

    def linkage(c1: int, c2: int) -> float | None:
        """Mean pair score, or None when some member cannot join or disagrees with too much of
        the other cluster (checked per member, so a dissenter is not hidden by its own cluster)."""
        a, b = clusters[c1], clusters[c2]
        total = 0.0
        dissent_a, dissent_b = [0] * len(a), [0] * len(b)
        for x, i in enumerate(a):
            for y, j in enumerate(b):
                scored = pairs.score(i, j)
                if scored is None:
                    return None
                total += scored[0]
                if scored[1]:
                    dissent_a[x] += 1
                    dissent_b[y] += 1
        if max(dissent_a) > MAX_DISSENT * len(b) or max(dissent_b) > MAX_DISSENT * len(a):
            return None
        return total / (len(a) * len(b))

    def cluster_neighbours(c: int) -> set[int]:
        return {owner[j] for i in clusters[c] for j in neighbours[i]} - {c}

    # max-heap of (linkage, cluster, cluster); stale entries are skipped when popped
    heap: list[tuple[float, int, int]] = []

    def push(c1: int, c2: int) -> None:
        link = linkage(c1, c2)
        if link is not None and link >= threshold:
            heapq.heappush(heap, (-link, min(c1, c2), max(c1, c2)))

    for c in list(clusters):
        for d in cluster_neighbours(c):
            if c < d:
                push(c, d)
    while heap:
        stored, c1, c2 = heapq.heappop(heap)
        if c1 not in clusters or c2 not in clusters:
            continue
        current = linkage(c1, c2)  # one of the two may have grown since this entry was pushed
        if current is None or current < threshold:
            continue
        if current < -stored - 1e-9:
            push(c1, c2)
            continue
        clusters[c1].extend(clusters.pop(c2))
        for i in clusters[c1]:
            owner[i] = c1
        for d in cluster_neighbours(c1):
            push(c1, d)
    return sorted((sorted(events[i].id for i in members) for members in clusters.values()),
                  key=lambda ids: ids[0])
