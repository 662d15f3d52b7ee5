"""Search latency on a large generated store: full-text queries with one facet each.

Builds a store of TESTIMONIUM_BENCH_SEARCH_DOCS (default 100,000) news-style documents with
entities, events and claims, through the real schema and migrations (rows go in by bulk
inserts, so the index triggers do their real work), on SQLite and, when
TESTIMONIUM_BENCH_POSTGRES_URL or TESTIMONIUM_TEST_POSTGRES_URL names a server, on PostgreSQL in
a schema of its own. Then runs QUERIES searches and reports median and p95 latency per backend.

Target (issue 4): p95 under 100 ms on SQLite; on PostgreSQL, p95 under 150 ms.
"""

from __future__ import annotations

import hashlib
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.schema import CreateSchema, DropSchema

from testimonium.search import SearchIndex, SearchQuery
from testimonium.store import Store
from testimonium.store.database import begin_write, normalise_url
from testimonium.store.schema import claims, documents, entities, events

DOCUMENTS = int(os.environ.get("TESTIMONIUM_BENCH_SEARCH_DOCS", "100000"))
QUERIES = 240
WARM_UP = 20
BATCH = 2000
SEED = 4

VACUUMED = ("documents", "entities", "events", "claims", "search_documents", "search_claims", "search_entity_names")
FIRST = ["Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan", "Saule", "Timur", "Zhanna",
         "Rustam", "Asel", "Marat", "Dilnaz", "Omar", "Leila", "Yusuf", "Mehmet", "Ayesha", "Sayragul", "Kalybek",
         "Gulzira", "Orynbek", "Qelbinur", "Zumrat", "Mihrigul", "Abduweli", "Ilham", "Rahima", "Serikzhan",
         "Baimurat", "Aitbek", "Nursulu", "Erbakyt", "Tursunay", "Gulbahar", "Adil", "Kuanysh", "Aliya"]
LAST = ["Abenova", "Bekov", "Dzhaksybekov", "Ermekova", "Ibraimov", "Karimova", "Nurpeisov", "Omarov", "Sadykova",
        "Tokayev", "Utepova", "Zhumabayev", "Rahimi", "Çelik", "Hassan", "Sauytbaý", "Auelkhan", "Otarbay",
        "Dawut", "Tursun", "Ayup", "Bilash", "Zhakupova", "Mamyrov", "Seitkali", "Özdemir", "Nazarbek",
        "Kasymova", "Yusupov", "Imin", "Turdi", "Akhmetov", "Baizhanova", "Qadir", "Sultanbek", "Ismail",
        "Mukhtarova", "Orazbayev", "Shamshi", "Tleuberdi"]
PLACES = ["Almaty", "Astana", "Zharkent", "Urumqi", "Kashgar", "Bishkek", "Tashkent", "Geneva", "Ankara",
          "Khorgos", "Shymkent", "Karaganda", "Osh", "Istanbul", "Moscow", "Ghulja", "Hotan", "Aksu", "Turpan",
          "Korla", "Tacheng", "Altay", "Taldykorgan", "Semey", "Oskemen", "Brussels", "Washington", "Berlin",
          "Kazakhstan", "China", "Xinjiang", "Kyrgyzstan", "Uzbekistan", "Turkey", "Germany", "Yining"]
ORGANISATIONS = ["the UN Human Rights Council", "Human Rights Watch", "Amnesty International", "Atajurt",
                 "the interior ministry", "the foreign ministry", "the prosecutor's office", "the appeals court",
                 "the migration committee", "the Specialised Inter-District Court", "the OSCE", "the World Uyghur Congress"]
OUTLETS = ["SWS", "AFP", "Reuters", "AP", "RFE/RL", "Steppe Monitor", "Ili Valley Courier", "TCA", "Vlast",
           "Azattyq", "Eurasianet", "The Diplomat", "BBC", "Guardian", "Bitter Winter", "Kloop", "Kursiv",
           "Tengri News", "Informburo", "Zakon", "Orda", "Radio Free Asia", "Nikkei", "Le Monde", "NZZ"]
EVENT_TYPES = ["detention", "release", "asylum", "extradition", "deportation", "trial", "sentence",
               "disappearance", "protest", "testimony", "border-crossing", "appeal"]
TOPIC = ("camp detention detained asylum refugee court appeal hearing border family relatives lawyer witness "
         "testimony prison sentence trial police arrest deported deportation extradition citizenship passport "
         "consulate ministry committee report investigation allegations forced labour surveillance village "
         "factory school teacher mosque religious prayer language children daughter son mother father husband "
         "wife brother sister torture interrogation release released missing disappeared verdict judge "
         "prosecutor charges illegal crossing visa permit residency protest petition letter journalists "
         "statement evidence documents officials government authorities region province county district "
         "province herder farmer worker student activist volunteer organisation embassy diplomatic pressure "
         "sanctions human rights abuses centres vocational training political education reeducation").split()
CONNECTIVES = ("the a of in to and that was had been for on by with said from at as after before when during "
               "since about against their his her they were not who which would could also more than").split()
TEMPLATES = [
    "{person} told {outlet} that {pronoun} had been held in a {t} in {place} for {n} months.",
    "{org} in {place} refused to {t} {person} on {month} {day}, {outlet} reported.",
    "{person} was denied asylum by {org} in {month} {year}.",
    "According to {person2}, more than {big} people were {t} in {place} last year.",
    "\u201cWe will appeal the {t},\u201d said {person2}, a lawyer for {person}.",
    "{person} testified that {pronoun} had been forced into {t} {t} at a study centre.",
    "Officials in {place} declined to comment on the {t} when contacted by {outlet}.",
    "Relatives said they had not heard from {person} since {month} {day}, {year}.",
    "The hearing in {place} lasted {n} hours and was attended by {t} {t}.",
    "{person} fled across the border in {month} and was arrested near {place}.",
    "{org} said the {t} of {t} in {place} raised serious concerns.",
    "Between {month} and {month2} {year}, at least {n} families applied for refugee status.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _vocabulary(rng: random.Random) -> list[str]:
    """Ranked for Zipf's law: connectives first, then made-up words for the bulk of a news
    vocabulary with the topic words at every tenth rank, so that the commonest topic words are
    in about half the documents and the rarest in one in a hundred."""
    syllables = ["ka", "ra", "zhan", "bek", "ul", "tas", "mi", "nor", "sar", "qi", "lo", "den", "tur", "ay", "sen"]
    invented = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(30000)} - set(TOPIC))
    rng.shuffle(invented)
    vocabulary = list(CONNECTIVES)
    for rank, word in enumerate(invented):
        if rank % 10 == 9 and rank // 10 < len(TOPIC):
            vocabulary.append(TOPIC[rank // 10])
        vocabulary.append(word)
    return vocabulary


def generate(start: int, count: int, vocabulary: list[str], weights: list[float]) -> dict[str, list[dict]]:
    """Rows for documents start+1 .. start+count; the same numbers always give the same rows."""
    rng = random.Random(SEED * 1_000_003 + start)
    rows: dict[str, list[dict]] = {"documents": [], "entities": [], "events": [], "claims": []}
    for number in range(start + 1, start + count + 1):
        named: dict[tuple[str, str], None] = {}
        spoken: list[tuple[str, str]] = []
        words = iter(rng.choices(vocabulary, cum_weights=weights, k=400))

        def name(type_: str, choice: str) -> str:
            named[(type_, choice)] = None
            return choice

        slots = {
            "person": lambda: name("person", f"{rng.choice(FIRST)} {rng.choice(LAST)}"),
            "person2": lambda: name("person", f"{rng.choice(FIRST)} {rng.choice(LAST)}"),
            "place": lambda: name("place", rng.choice(PLACES)),
            "org": lambda: name("organisation", rng.choice(ORGANISATIONS)),
            "pronoun": lambda: rng.choice(("she", "he")), "outlet": lambda: rng.choice(OUTLETS),
            "month": lambda: rng.choice(MONTHS), "month2": lambda: rng.choice(MONTHS),
            "day": lambda: rng.randint(1, 28), "year": lambda: rng.randint(2014, 2024),
            "n": lambda: rng.randint(2, 40), "big": lambda: f"{rng.randint(2, 900) * 1000:,}",
        }
        sentences = []
        length, wanted = 0, rng.randint(150, 300)
        while length < wanted:
            if rng.random() < 0.2:
                template = rng.choice(TEMPLATES)
                values = {slot: make() for slot, make in slots.items() if "{" + slot + "}" in template}
                sentence = template.replace("{t}", "{}").format(
                    *(next(words) for _ in range(template.count("{t}"))), **values)
                if "person" in values and any(cue in template for cue in ("said", "told", "testified")):
                    spoken.append((values["person"], sentence))
            else:
                sentence = " ".join(next(words) for _ in range(rng.randint(8, 20))).capitalize() + "."
            sentences.append(sentence)
            length += sentence.count(" ") + 1
        title = f"{rng.choice(TOPIC).capitalize()} {rng.choice(TOPIC)} in {name('place', rng.choice(PLACES))}"
        body = f"{title}\n\n" + " ".join(sentences)
        data = body.encode()
        published = f"{rng.randint(2014, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.03:
            published = None
        rows["documents"].append({
            "id": number, "sha256": hashlib.sha256(data).hexdigest(), "media_type": "text/plain", "size": len(data),
            "title": title, "outlet": rng.choice(OUTLETS), "published": published, "language": "en", "text": body,
            "metadata": "{}", "created_at": "2026-01-01T00:00:00Z",
        })
        for local, (type_, entity_name) in enumerate(named):
            rows["entities"].append(
                {"document_id": number, "local_id": f"E{local}", "type": type_, "name": entity_name, "data": "{}"})
        for local, type_ in enumerate(rng.sample(EVENT_TYPES, rng.randint(0, 3))):
            rows["events"].append({"document_id": number, "local_id": f"V{local}", "type": type_, "data": "{}"})
        for local, (speaker, sentence) in enumerate(spoken[:2]):
            rows["claims"].append({
                "document_id": number, "local_id": f"C{local}", "speaker_text": speaker, "cue": "said",
                "content": sentence, "start": 0, "end": len(sentence), "data": "{}",
            })
    return rows


def build(store: Store) -> float:
    rng = random.Random(SEED)
    vocabulary = _vocabulary(rng)
    weights, total = [], 0.0
    for rank in range(1, len(vocabulary) + 1):
        total += 1 / rank
        weights.append(total)
    started = time.perf_counter()
    for start in range(0, DOCUMENTS, BATCH):
        rows = generate(start, min(BATCH, DOCUMENTS - start), vocabulary, weights)
        with begin_write(store.engine) as conn:
            for table in (documents, entities, events, claims):
                conn.execute(insert(table), rows[table.name])
    if store.engine.dialect.name == "postgresql":
        # What autovacuum does shortly after a bulk load (since PostgreSQL 13 inserts alone
        # trigger it): statistics for the planner, the GIN indexes' pending lists merged, the
        # visibility map set for index-only scans, the entity-name counters' dead rows gone.
        # Only this store's tables: the server may hold other stores and other schemas.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f"VACUUM (ANALYZE) {', '.join(VACUUMED)}"))
    return time.perf_counter() - started


def queries(store: Store) -> list[SearchQuery]:
    """Words from the topic list, names, places, phrases and prefixes, each with one facet."""
    rng = random.Random(SEED + 1)
    with store.engine.connect() as conn:
        entity_ids = list(conn.execute(select(entities.c.id).order_by(entities.c.id)).scalars())
    made = []
    for number in range(QUERIES):
        shape = number % 8
        if shape == 0:
            words = rng.choice(TOPIC)
        elif shape == 1:
            words = f"{rng.choice(TOPIC)} {rng.choice(TOPIC)}"
        elif shape == 2:
            words = rng.choice(LAST)
        elif shape == 3:
            words = f'"{rng.choice(FIRST)} {rng.choice(LAST)}"'
        elif shape == 4:
            words = rng.choice(PLACES)
        elif shape == 5:
            words = rng.choice(TOPIC)[:4] + "*"
        elif shape == 6:
            words = rng.choice(['"study centre"', '"refugee status"', '"denied asylum"', '"across the border"'])
        else:
            words = f"{rng.choice(LAST)} {rng.choice(TOPIC)}"
        facet = rng.choice([
            {"outlet": rng.choice(OUTLETS)}, {"year": rng.randint(2014, 2024)},
            {"event_type": rng.choice(EVENT_TYPES)}, {"entity_type": rng.choice(["person", "place", "organisation"])},
            {"entity_id": rng.choice(entity_ids)},
        ])
        made.append(SearchQuery(text=words, **facet))
    return made


def measure(store: Store) -> tuple[list[float], float]:
    index = SearchIndex(store)
    planned = queries(store)
    for query in planned[:WARM_UP]:
        index.search(query)
    latencies, hits = [], 0
    for query in planned:
        started = time.perf_counter()
        results = index.search(query)
        latencies.append((time.perf_counter() - started) * 1000)
        hits += results.total
    return latencies, hits / len(planned)


def report(backend: str, store: Store) -> None:
    build_s = build(store)
    size = f"{DOCUMENTS:,} documents"
    print(f"search [{backend}]: built {size} (with entities, events, claims and the index) in {build_s:.1f} s")
    latencies, mean_hits = measure(store)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(f"search [{backend}]: {len(latencies)} queries with one facet: median {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms, max {max(latencies):.1f} ms (mean {mean_hits:,.0f} hits per query)")


@contextmanager
def postgres_store(url: str, home: Path) -> Iterator[Store]:
    """A store in a schema of its own, dropped afterwards."""
    schema = f"bench_search_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(url))
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    separator = "&" if "?" in url else "?"
    store = Store.open(home, f"{url}{separator}options={quote(f'-csearch_path={schema}')}")
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "sqlite")
        try:
            report("sqlite", store)
        finally:
            store.close()
        postgres_url = os.environ.get("TESTIMONIUM_BENCH_POSTGRES_URL") or os.environ.get("TESTIMONIUM_TEST_POSTGRES_URL")
        if postgres_url:
            with postgres_store(postgres_url, Path(tmp) / "postgres") as store:
                report("postgresql", store)
        else:
            print("search [postgresql]: skipped (set TESTIMONIUM_BENCH_POSTGRES_URL or TESTIMONIUM_TEST_POSTGRES_URL)")
