"""Run every benchmark in turn (or the ones named: `python -m bench ingest`)."""

import sys

from bench import extract_bench, ingest_bench, resolve_bench, search_bench

BENCHMARKS = {
    "ingest": ingest_bench.main,
    "extract": extract_bench.main,
    "search": search_bench.main,
    "resolve": resolve_bench.main,
}

names = sys.argv[1:] or list(BENCHMARKS)
for name in names:
    print(f"== {name}")
    BENCHMARKS[name]()
