"""Extraction throughput: the full testimonium pipeline against bare `nlp.pipe` of the same
spaCy model, on the same generated corpus, in one process and in two.

Target (issue 3): the full pipeline keeps at least 75% of bare spaCy's words per second.
"""

from __future__ import annotations

import os
import resource
import time

import spacy

from bench.corpus import news_documents
from testimonium.extract import Extractor
from testimonium.extract.pipeline import load_model
from testimonium.model import Document
from testimonium.settings import DEFAULT_MODEL

WORDS = int(os.environ.get("TESTIMONIUM_BENCH_EXTRACT_WORDS", "200000"))
BATCH = 32
REPEATS = int(os.environ.get("TESTIMONIUM_BENCH_REPEATS", "2"))


def _peak_mb() -> tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, children_kb / 1024


def _bare(texts: list[str], n_process: int) -> float:
    nlp: spacy.Language = load_model(DEFAULT_MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH, n_process=n_process):
        pass
    return time.perf_counter() - started


def _full(texts: list[str], n_process: int) -> float:
    extractor = Extractor(DEFAULT_MODEL)
    documents = [Document(sha256="", size=len(t), media_type="text/plain", text=t, published="2019-06") for t in texts]
    started = time.perf_counter()
    for _ in extractor.extract_many(documents, n_process=n_process, batch_size=BATCH):
        pass
    return time.perf_counter() - started


def main() -> None:
    texts = news_documents(WORDS)
    words = sum(len(text.split()) for text in texts)
    print(f"extract: corpus of {len(texts)} generated documents, {words:,} words; model {DEFAULT_MODEL}")
    for n_process in (1, 2):
        # Interleaved and repeated, best of each: on a shared machine a single run mostly
        # measures what else was running.
        bare_times, full_times = [], []
        for _ in range(REPEATS):
            bare_times.append(_bare(texts, n_process))
            full_times.append(_full(texts, n_process))
        bare, full = min(bare_times), min(full_times)
        self_mb, children_mb = _peak_mb()
        print(
            f"extract: {n_process} process{'es' if n_process > 1 else ''}: bare spaCy {words / bare:,.0f} words/s, "
            f"full pipeline {words / full:,.0f} words/s, ratio {bare / full:.2f} "
            f"(best of {REPEATS}; peak RSS {self_mb:.0f} MB, workers {children_mb:.0f} MB)"
        )
