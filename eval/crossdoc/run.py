"""Run the connect stage on the cross-document set and score it: `python eval/crossdoc/run.py [-v] [--check]`.

The sixteen documents named in gold.json are ingested into a fresh SQLite store in a temporary
folder, extracted and connected exactly as `testimonium ingest` does; the store's canonical
entities, event groups and propositions are then written as a prediction (eval/out/crossdoc.json)
and scored by score.py beside this file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from testimonium.connect.run import connect  # noqa: E402
from testimonium.extract import Extractor  # noqa: E402
from testimonium.pipeline import extract_pending, ingest_paths  # noqa: E402
from testimonium.settings import DEFAULT_MODEL  # noqa: E402
from testimonium.store import Store  # noqa: E402
from testimonium.store.schema import (  # noqa: E402
    canonical_entities,
    claims,
    contradictions,
    documents,
    entities,
    entity_clusters,
    event_group_members,
    event_groups,
    events,
    mentions,
    proposition_members,
    propositions,
)

HERE = Path(__file__).resolve().parent
FOLDERS = [ROOT / "testimonium" / "samples" / "documents", HERE / "documents"]


def find(name: str) -> Path:
    for folder in FOLDERS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(name)


def predict(store: Store) -> dict:
    with store.engine.connect() as conn:
        filename = dict(conn.execute(select(documents.c.id, documents.c.filename)).all())
        forms = defaultdict(set)
        for entity_id, text in conn.execute(select(mentions.c.entity_id, mentions.c.text)):
            forms[entity_id].add(text)
        clusters = defaultdict(list)
        for row in conn.execute(
            select(entity_clusters.c.canonical_id, entities.c.id, entities.c.document_id, entities.c.name)
            .join(entities, entities.c.id == entity_clusters.c.entity_id)
        ):
            clusters[row.canonical_id].append({"file": filename[row.document_id], "name": row.name,
                                               "aliases": sorted(forms[row.id] - {row.name})})
        predicted_entities = [
            {"id": f"E{row.id}", "type": row.type, "name": row.name, "mentions": clusters[row.id]}
            for row in conn.execute(select(canonical_entities))
        ]
        reports = defaultdict(list)
        for row in conn.execute(
            select(event_group_members.c.group_id, events.c.document_id, events.c.trigger_start,
                   events.c.trigger_end, events.c.trigger_text, events.c.date)
            .join(events, events.c.id == event_group_members.c.event_id)
        ):
            reports[row.group_id].append({
                "file": filename[row.document_id], "date": row.date,
                "trigger": {"start": row.trigger_start, "end": row.trigger_end, "text": row.trigger_text or ""},
            })
        predicted_events = [
            {"id": f"V{row.id}", "type": row.type, "outcome": row.outcome, "date": row.date,
             "reports": reports[row.id], "independent_sources": row.independent,
             "chains": [{"files": [filename[d] for d in chain["documents"]]} for chain in json.loads(row.chains)]}
            for row in conn.execute(select(event_groups))
        ]
        claim_rows = {row.id: {"file": filename[row.document_id], "content": row.content}
                      for row in conn.execute(select(claims.c.id, claims.c.document_id, claims.c.content))}
        members = defaultdict(list)
        for proposition_id, claim_id in conn.execute(
            select(proposition_members.c.proposition_id, proposition_members.c.claim_id)
        ):
            members[proposition_id].append(claim_rows[claim_id])
        against = defaultdict(list)
        for proposition_id, claim_id in conn.execute(
            select(contradictions.c.proposition_id, contradictions.c.claim_id)
        ):
            against[proposition_id].append(claim_rows[claim_id])
        predicted_propositions = [
            {"id": f"PR{row.id}", "proposition": row.label, "claims": members[row.id],
             "contradicted_by": against[row.id], "independent_sources": row.independent,
             "chains": [{"files": [filename[d] for d in chain["documents"]]} for chain in json.loads(row.chains)]}
            for row in conn.execute(select(propositions))
        ]
    return {"entities": predicted_entities, "events": predicted_events, "propositions": predicted_propositions}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", action="store_true", help="list every wrong merge and split")
    parser.add_argument("--check", action="store_true", help="exit 1 when a floor is missed")
    args = parser.parse_args()
    gold_path = HERE / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    out = ROOT / "eval" / "out" / "crossdoc.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        store = Store.open(Path(home))
        started = time.perf_counter()
        report = ingest_paths(store, [find(name) for name in gold["files"]], actor="eval")
        if report.failed:
            print(f"ingest failed: {[(o.path, o.reason) for o in report.failed]}", file=sys.stderr)
            return 1
        extract_pending(store, Extractor(DEFAULT_MODEL), actor="eval")
        extracted = time.perf_counter()
        summary = connect(store)
        connected = time.perf_counter()
        prediction = predict(store)
        store.close()
    out.write_text(json.dumps(prediction, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"crossdoc: {len(gold['files'])} documents; ingest+extract {extracted - started:.1f} s, "
          f"connect {connected - extracted:.1f} s ({summary.canonical_entities} entities, "
          f"{summary.event_groups} events, {summary.propositions} propositions)")
    command = [sys.executable, str(HERE / "score.py"), str(gold_path), str(out)]
    command += ["-v"] if args.v else []
    command += ["--check"] if args.check else []
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
