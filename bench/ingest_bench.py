"""Ingest throughput: generated news-style text files into a fresh embedded store.

Measures the whole path a file takes (read, hash, parse in a child process, blob write with
fsync, row and custody event) and reports files/s, MB/s and peak memory of this process.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

from testimonium.pipeline import ingest_paths
from testimonium.store import Store

FILES = 500
PLACES = ["Almaty", "Astana", "Zharkent", "Geneva", "Bishkek", "Tashkent", "Urumqi"]
WORDS = "court asylum appeal testimony committee lawyer detention border family camp witness".split()


def write_corpus(folder: Path, count: int) -> int:
    rng = random.Random(1)
    total = 0
    for number in range(count):
        place = rng.choice(PLACES)
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(300, 900)))
        text = f"Report {number}\n\nBy Bench Writer\n\n{place.upper()} (BENCH) — {body}.\n"
        (folder / f"doc-{number:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = write_corpus(folder, FILES)
        store = Store.open(Path(tmp) / "home")
        started = time.perf_counter()
        report = ingest_paths(store, [folder], actor="bench")
        elapsed = time.perf_counter() - started
        store.close()
    assert report.count("ingested") == FILES, report.failed[:3]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ingest: {FILES} files, {size / 1e6:.1f} MB in {elapsed:.2f} s")
    print(f"ingest: {FILES / elapsed:.1f} files/s, {size / 1e6 / elapsed:.2f} MB/s, peak RSS {peak_mb:.0f} MB")
