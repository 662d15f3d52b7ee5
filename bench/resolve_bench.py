"""Entity-resolution throughput on a generated population of per-document entities.

The population imitates what extraction hands the connect stage: persons under transliteration
variants, court-style "SURNAME Given" forms, initials, Cyrillic forms, lone surnames and the odd
person mistyped as an organisation; organisations and outlets under long forms and acronyms;
places (some with a "Region" sibling that is another place); groups under plural and "ethnic"
forms. Which real thing a document mentions follows a Zipf law, and many distinct people share
a surname. Sizes are counted in mentions (the sum of `mention_count`).

Each size runs `resolve` in a fresh child process and reports wall time, entities per second,
peak RSS of that process, and pairwise precision/recall against the generator's truth. The last
line gives the growth ratio of time against size (1.0 = linear).

Target (issue 5): 1,000,000 mentions in under 10 minutes on two cores.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import resource
import time
from collections import Counter
from itertools import accumulate

from testimonium.connect.records import EntityRef

SEED = 5
SIZES = [int(s) for s in os.environ.get("TESTIMONIUM_BENCH_RESOLVE_SIZES", "100000,250000,500000,1000000").split(",")]
PEOPLE = 60_000
ORGANISATIONS = 8_000
PLACES = 6_000
GROUPS = 300
ZIPF = 1.05

ONSETS = ["", "b", "d", "g", "k", "kh", "m", "n", "s", "sh", "t", "zh", "y", "q", "r", "l", "ay", "er", "n", "b"]
NUCLEI = ["a", "e", "i", "o", "u", "ay", "ai", "ui", "ey", "ia", "ya", "aa"]
CODAS = ["", "n", "r", "l", "k", "t", "sh", "m", "z", "s", "bay", "bek", "gul"]
SURNAME_ENDINGS = ["ov", "ova", "ev", "eva", "bay", "uly", "kyzy", "", "in", "ina"]
ORG_WORDS = ["Steppe", "Rights", "Tien", "Shan", "Valley", "Press", "Legal", "Aid", "Human", "Civic", "Free",
             "Open", "Border", "Mountain", "River", "Northern", "Central", "Eastern", "Democratic", "Justice",
             "Women's", "Youth", "Labour", "Media", "Truth", "Memory", "Silk", "Road", "Caspian", "Lake"]
ORG_KINDS = ["Initiative", "Committee", "Centre", "Foundation", "Council", "Agency", "Bureau", "Network",
             "Union", "Association", "Service", "Court", "Ministry", "Institute", "Watch"]
MEDIA_KINDS = ["Herald", "Courier", "Monitor", "Dispatch", "Ledger", "Wire Service", "Press Agency", "Review"]
CYRILLIC = {"a": "а", "b": "б", "d": "д", "e": "е", "g": "г", "i": "и", "k": "к", "l": "л", "m": "м", "n": "н",
            "o": "о", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "y": "й", "z": "з", "h": "х", "v": "в",
            "f": "ф", "p": "п", "c": "ц", "j": "ж", "w": "в", "x": "кс"}
SWAPS = [("y", "i"), ("i", "y"), ("q", "k"), ("kh", "h"), ("uy", "u"), ("zh", "j"), ("ai", "ay")]
PRONOUNS = ("she", "her", "he", "his")


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(syllables)).capitalize()


def _variant(rng: random.Random, word: str) -> str:
    """A romanisation variant of one word: one common letter swap, when the word has it."""
    for a, b in rng.sample(SWAPS, len(SWAPS)):
        i = word.lower().find(a)
        if i > 0:
            out = word[:i] + b + word[i + len(a):]
            return out[:1].upper() + out[1:]
    return word


def _cyrillic(name: str) -> str:
    lowered = name.lower().replace("kh", "h").replace("zh", "ж").replace("sh", "ш").replace("ya", "я")
    out = "".join(CYRILLIC.get(ch, ch) for ch in lowered)
    return " ".join(w[:1].upper() + w[1:] for w in out.split())


def _people(rng: random.Random) -> list[tuple[str, str]]:
    # Few given names, more surnames, many people: distinct people share both.
    given = sorted({_word(rng, rng.choice((2, 2, 3))) for _ in range(700)})
    family = sorted({_word(rng, 2) + rng.choice(SURNAME_ENDINGS) for _ in range(6000)})
    return [(rng.choice(given), rng.choice(family)) for _ in range(PEOPLE)]


def _organisations(rng: random.Random, media: bool) -> list[str]:
    names = set()
    while len(names) < (ORGANISATIONS // 4 if media else ORGANISATIONS):
        words = rng.sample(ORG_WORDS, rng.choice((1, 2, 2, 3)))
        kind = rng.choice(MEDIA_KINDS if media else ORG_KINDS)
        names.add(" ".join([*words, kind]))
    return sorted(names)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def population(total_mentions: int, seed: int = SEED) -> tuple[list[EntityRef], dict[int, int]]:
    """Per-document entities adding up to `total_mentions` mentions, and each one's true identity."""
    rng = random.Random(seed)
    people = _people(rng)
    orgs = _organisations(rng, media=False)
    outlets = _organisations(rng, media=True)
    places = sorted({_word(rng, rng.choice((2, 3))) for _ in range(PLACES)})
    groups = sorted({_word(rng, 2) for _ in range(GROUPS)})
    things = ([("person", p) for p in people] + [("organization", o) for o in orgs]
              + [("media", m) for m in outlets] + [("place", p) for p in places]
              + [("place", p + " Region") for p in places[: len(places) // 5]] + [("group", g) for g in groups])
    rng.shuffle(things)
    cumulative = list(accumulate(1.0 / (rank + 1) ** ZIPF for rank in range(len(things))))

    out: list[EntityRef] = []
    truth: dict[int, int] = {}
    mentions = 0
    document = 0
    while mentions < total_mentions:
        document += 1
        for thing_index in set(rng.choices(range(len(things)), cum_weights=cumulative, k=rng.randint(3, 9))):
            type_, value = things[thing_index]
            type_, name, aliases = _form(rng, type_, value)
            count = rng.randint(1, 7)
            entity = EntityRef(len(out) + 1, document, type_, name, aliases, count)
            out.append(entity)
            truth[entity.id] = thing_index
            mentions += count
    return out, truth


def _form(rng: random.Random, type_: str, value) -> tuple[str, str, tuple[str, ...]]:
    roll = rng.random()
    if type_ == "person":
        given, family = value
        aliases = (family, f"{rng.choice(('Ms', 'Mr'))} {family}", rng.choice(PRONOUNS))
        if roll < 0.55:
            return type_, f"{given} {family}", aliases
        if roll < 0.72:
            return type_, f"{_variant(rng, given)} {_variant(rng, family)}", aliases
        if roll < 0.80:
            return type_, f"{family.upper()} {given}", aliases
        if roll < 0.85:
            return type_, f"{given[0]}. {family}", aliases
        if roll < 0.90:
            return type_, family, aliases[2:]
        if roll < 0.96:
            return type_, _cyrillic(f"{given} {family}"), ()
        return "organization", f"{given} {family}", ()
    if type_ in ("organization", "media"):
        acronym = _acronym(value)
        if roll < 0.25 and len(acronym) >= 2:
            return rng.choice(("organization", "media")) if type_ == "media" else type_, acronym, ()
        if roll < 0.4 and len(acronym) >= 2:
            return type_, value, (acronym,)
        return type_, rng.choice((value, "The " + value)) if type_ == "media" else value, ()
    if type_ == "place":
        if roll < 0.1:
            return "organization", value, ()
        return type_, value.upper() if roll < 0.2 else value, ()
    plural = value + "s"
    return type_, rng.choice((plural, "ethnic " + value, _variant(rng, plural))), ()


def _pairs(counter: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def _run(size: int, queue) -> None:
    from testimonium.connect.resolve import resolve

    entities, truth = population(size)
    start = time.perf_counter()
    clusters = resolve(entities)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    predicted = {i: n for n, c in enumerate(clusters) for i in c}
    both = Counter((predicted[e.id], truth[e.id]) for e in entities)
    pred_pairs = _pairs(Counter(predicted[e.id] for e in entities))
    true_pairs = _pairs(Counter(truth[e.id] for e in entities))
    correct = _pairs(both)
    queue.put((size, len(entities), elapsed, peak_mb, correct / max(1, pred_pairs), correct / max(1, true_pairs)))


def _fill_store(store, entities: list[EntityRef]) -> None:
    """Write the population as stored extraction rows (documents, entities, mentions) in bulk."""
    from sqlalchemy import insert

    from testimonium.store.database import begin_write
    from testimonium.store.schema import documents
    from testimonium.store.schema import entities as entity_table
    from testimonium.store.schema import mentions

    with begin_write(store.engine) as conn:
        document_ids = sorted({e.document_id for e in entities})
        conn.execute(insert(documents), [
            {"id": d, "sha256": f"{d:064x}", "media_type": "text/plain", "size": 1, "text": "", "metadata": "{}",
             "created_at": "2026-01-01T00:00:00Z"} for d in document_ids])
        conn.execute(insert(entity_table), [
            {"id": e.id, "document_id": e.document_id, "local_id": f"E{e.id}", "type": e.type, "name": e.name,
             "data": "{}"} for e in entities])
        rows = []
        for e in entities:
            forms = (e.name, *e.aliases)
            rows += [{"entity_id": e.id, "document_id": e.document_id, "start": 0, "end": 1,
                      "text": forms[n % len(forms)]} for n in range(e.mention_count)]
        conn.execute(insert(mentions), rows)


def _run_store(size: int, queue) -> None:
    """The real path: a SQLite store holding `size` mentions, resolved by the connect stage; then
    1% more documents, resolved incrementally."""
    import tempfile
    from pathlib import Path

    from testimonium.connect.run import ConnectReport, _resolve_entities
    from testimonium.store import Store
    from testimonium.store.database import begin_write

    entities, _truth = population(size)
    cut = int(len(entities) * 0.99)
    while cut < len(entities) and entities[cut].document_id == entities[cut - 1].document_id:
        cut += 1
    with tempfile.TemporaryDirectory() as home:
        store = Store.open(Path(home))
        _fill_store(store, entities[:cut])
        timings = []
        for batch in (None, entities[cut:]):
            if batch:
                _fill_store(store, batch)
            report = ConnectReport()
            start = time.perf_counter()
            with begin_write(store.engine) as conn:
                _resolve_entities(conn, report)
            timings.append((time.perf_counter() - start, report.new_entities, report.resolved_entities))
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((size, timings, peak_mb))


def main() -> None:
    context = multiprocessing.get_context("fork")
    results = []
    print(f"{'mentions':>10} {'entities':>9} {'seconds':>8} {'entities/s':>11} {'peak RSS MB':>12} {'P':>6} {'R':>6}")
    for size in SIZES:
        queue = context.Queue()
        child = context.Process(target=_run, args=(size, queue))
        child.start()
        result = queue.get()
        child.join()
        results.append(result)
        size, n, elapsed, peak, precision, recall = result
        print(f"{size:>10,} {n:>9,} {elapsed:>8.1f} {n / elapsed:>11,.0f} {peak:>12,.0f} "
              f"{precision:>6.3f} {recall:>6.3f}", flush=True)
    if len(results) >= 2:
        (s0, n0, t0, *_), (s1, n1, t1, *_) = results[0], results[-1]
        print(f"growth: {n1 / n0:.1f}x entities took {t1 / t0:.1f}x time "
              f"(ratio {(t1 / t0) / (n1 / n0):.2f}; 1.0 = linear)")
    size = SIZES[-1]
    queue = context.Queue()
    child = context.Process(target=_run_store, args=(size, queue))
    child.start()
    size, timings, peak = queue.get()
    child.join()
    (full, new, resolved), (later, added, touched) = timings
    print(f"through a SQLite store, {size:,} mentions: first connect {full:.1f} s ({new:,} entities); "
          f"1% more documents: {later:.1f} s ({added:,} new entities, {touched:,} re-resolved); "
          f"peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
