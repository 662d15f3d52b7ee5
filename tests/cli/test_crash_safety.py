"""SIGKILL `testimonium ingest` at many points of a batch; a re-run must heal the store.

After every kill and re-run the store must hold exactly what one uninterrupted run stores:
the same documents with the same text and metadata, each original once and intact, one
'ingested' custody event per document, and a custody chain that verifies. (Custody rows
themselves differ, rightly: a re-run logs 'seen-again' for files stored before the kill.)
"""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from testimonium.store import Store
from testimonium.store.schema import custody, documents
from tests.cli.corpus import good_documents
from tests.cli.run import run_cli

KILL_POINTS = 24
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
        ingested = collections.Counter(
            conn.execute(select(custody.c.sha256).where(custody.c.event == "ingested")).scalars()
        )
    store.close()
    assert set(ingested.values()) == {1}, "a document was ingested twice"
    blobs = sorted(store.blobs.all())
    return {"documents": docs, "blobs": blobs}


def run_and_kill(home: Path, folder: Path, delay: float) -> None:
    env = dict(os.environ, TESTIMONIUM_HOME=str(home), TESTIMONIUM_ACTOR="crash-test")
    process = subprocess.Popen(
        [sys.executable, "-m", "testimonium", "ingest", str(folder)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    database = home / "testimonium.db"
    deadline = time.monotonic() + 60
    while not database.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_sigkill_at_any_point_then_rerun_gives_the_uninterrupted_result(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    write_batch(folder)

    reference_home = tmp_path / "reference"
    started = time.monotonic()
    assert run_cli(reference_home, "ingest", str(folder)).returncode == 0
    duration = time.monotonic() - started
    expected = snapshot(reference_home)
    total = len(expected["documents"])

    rng = random.Random(5)
    interrupted_mid_batch = 0
    for point in range(KILL_POINTS):
        home = tmp_path / f"killed-{point}"
        # Spread kills over the whole run, start-up included, with jitter between runs.
        delay = duration * (point + rng.random()) / KILL_POINTS
        run_and_kill(home, folder, delay)
        if (home / "testimonium.db").exists():
            partial = Store.open(home)
            if 0 < partial.count() < total:
                interrupted_mid_batch += 1
            partial.close()
        rerun = run_cli(home, "ingest", str(folder))
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert snapshot(home) == expected, f"kill point {point} ({delay:.3f}s) diverged"

    assert interrupted_mid_batch >= KILL_POINTS // 3, (
        f"only {interrupted_mid_batch} of {KILL_POINTS} kills landed mid-batch; the test is not exercising writes"
    )
