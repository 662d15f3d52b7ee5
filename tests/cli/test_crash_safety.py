"""SIGKILL `testimonium ingest` at many points of a batch; a re-run must heal the store.

After every kill and re-run the store must hold exactly what one uninterrupted run stores:
the same documents with the same text and metadata, each original once and intact, one
'ingested' custody event per document, the same extraction results, and a custody chain that
verifies. (Custody rows themselves differ, rightly: a re-run logs 'seen-again' for files stored
before the kill.)

The file phase is killed at 20 points with extraction off (each run then takes about a second);
the extraction phase, which loads spaCy, at 5. Only kills that land mid-phase count.
"""

from __future__ import annotations

import collections
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from testimonium.store import Store
from testimonium.store.schema import claims, custody, documents, entities, events
from tests.cli.corpus import good_documents
from tests.cli.run import run_cli

KILL_POINTS = 20
DOCUMENT_COUNT = 30


def write_batch(folder: Path) -> None:
    rng = random.Random(2018)
    places = ["Almaty", "Zharkent", "Astana", "Urumqi", "Khorgos", "Taldykorgan"]
    for number in range(DOCUMENT_COUNT):
        place = rng.choice(places)
        (folder / f"report-{number:03d}.txt").write_text(
            f"Report {number} from {place}\n\n{place.upper()} (SWS) — Witness {number} told the court in "
            f"{place} that relatives had been held for {rng.randint(2, 40)} months.\n",
            encoding="utf-8",
        )
    good_documents(folder / "formats")


def snapshot(home: Path) -> dict:
    assert not list((home / "blobs" / "tmp").iterdir()), "temp files left behind"
    store = Store.open(home)
    report = store.verify()
    assert report.ok, report.problems
    with store.engine.connect() as conn:
        docs = sorted(
            tuple(row)
            for row in conn.execute(
                select(documents.c.sha256, documents.c.media_type, documents.c.size, documents.c.filename,
                       documents.c.title, documents.c.outlet, documents.c.dateline, documents.c.text,
                       documents.c.metadata)
            )
        )
        extracted = sorted(
            (row.sha256, row.kind, row.label)
            for query in (
                select(documents.c.sha256, entities.c.type.label("kind"), entities.c.name.label("label")).join(entities),
                select(documents.c.sha256, claims.c.cue.label("kind"), claims.c.content.label("label")).join(claims),
                select(documents.c.sha256, events.c.type.label("kind"), events.c.date.label("label")).join(events),
            )
            for row in conn.execute(query)
        )
        ingested = collections.Counter(
            conn.execute(select(custody.c.sha256).where(custody.c.event == "ingested")).scalars()
        )
    store.close()
    assert set(ingested.values()) == {1}, "a document was ingested twice"
    blobs = sorted(store.blobs.all())
    return {"documents": docs, "blobs": blobs, "extracted": extracted}


def stored(database: Path, table: str) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def start_ingest(home: Path, folder: Path, flags: tuple[str, ...]) -> subprocess.Popen:
    env = dict(os.environ, TESTIMONIUM_HOME=str(home), TESTIMONIUM_ACTOR="crash-test")
    return subprocess.Popen(
        [sys.executable, "-m", "testimonium", "ingest", str(folder), *flags],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def wait_for_rows(process: subprocess.Popen, database: Path, phase_table: str, rows: int = 1) -> float:
    """Block until the phase has stored `rows` rows (or the run ended); return when."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if stored(database, phase_table) >= rows:
            break
        time.sleep(0.002)
    return time.monotonic()


def kill_and_rerun(tmp_path: Path, wanted: int, flags: tuple[str, ...], phase_table: str) -> None:
    """Kill during the phase that fills `phase_table` (documents: the file phase;
    extraction_runs: the extraction phase) until `wanted` kills have landed mid-phase, re-run
    after each kill, and compare every healed store with a clean run's."""
    folder = tmp_path / "batch"
    folder.mkdir()
    write_batch(folder)

    reference_home = tmp_path / "reference"
    total = sum(1 for path in folder.rglob("*") if path.is_file()) + 1  # the e-mail's attachment too
    reference = start_ingest(reference_home, folder, flags)
    phase_started = wait_for_rows(reference, reference_home / "testimonium.db", phase_table)
    phase_length = wait_for_rows(reference, reference_home / "testimonium.db", phase_table, total) - phase_started
    assert reference.wait(timeout=600) == 0
    expected = snapshot(reference_home)
    assert len(expected["documents"]) == total

    rng = random.Random(5)
    mid_phase = attempts = 0
    # Timing on a loaded machine is loose, so keep going until enough kills hit the phase.
    while mid_phase < wanted:
        assert attempts < 3 * wanted, f"only {mid_phase} of {attempts} kills landed mid-phase"
        home = tmp_path / f"killed-{attempts}"
        process = start_ingest(home, folder, flags)
        wait_for_rows(process, home / "testimonium.db", phase_table)
        delay = phase_length * (attempts % wanted + rng.random()) / wanted
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if 0 < stored(home / "testimonium.db", phase_table) < total:
            mid_phase += 1
        rerun = run_cli(home, "ingest", str(folder), *flags)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert snapshot(home) == expected, f"kill {attempts} ({delay:.3f}s into the phase) diverged"
        attempts += 1


def test_sigkill_during_file_phase_then_rerun_gives_the_uninterrupted_result(tmp_path):
    kill_and_rerun(tmp_path, KILL_POINTS, ("--no-extract",), "documents")


def test_sigkill_during_extraction_then_rerun_gives_the_uninterrupted_result(tmp_path):
    kill_and_rerun(tmp_path, 5, (), "extraction_runs")
