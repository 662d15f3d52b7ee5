"""Extract the dev corpus and score it: `python eval/run.py [--shared DIR] [-v]`.

Reads every gold file in SHARED/corpus/dev/gold, extracts the matching document with the gold
`metadata.published` as the reference date, writes eval/out/NAME.json in the contract shape and
prints the report of SHARED/eval/score.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testimonium.extract import Extractor  # noqa: E402
from testimonium.model import Document  # noqa: E402


def read_document(path: Path):
    data = path.read_bytes()
    try:
        from testimonium import ingest
        reader = getattr(ingest, "read", None)
    except ImportError:
        reader = None
    if reader is not None:
        return reader(data, path.name)
    return Document(sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                    media_type="text/plain", text=data.decode("utf-8"), filename=path.name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the shared folder with corpus/ and eval/ (default: ../shared)")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "out")
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = ap.parse_args()

    gold_dir = args.shared / "corpus" / "dev" / "gold"
    docs_dir = args.shared / "corpus" / "dev" / "docs"
    scorer = args.shared / "eval" / "score.py"
    if not gold_dir.is_dir() or not scorer.is_file():
        print(f"eval: no dev corpus at {args.shared} (need corpus/dev/gold and eval/score.py); skipping.")
        return 0

    extractor = Extractor(args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    words = 0
    started = time.perf_counter()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_path = docs_dir / gold.get("file", gold_path.stem + ".txt")
        document = read_document(doc_path)
        published = (gold.get("metadata") or {}).get("published") or None
        extraction = extractor.extract(document, published=published)
        words += len(document.text.split())
        out = {"document": document.contract_json(), **extraction.contract_json()}
        (args.out / gold_path.name).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    elapsed = time.perf_counter() - started
    print(f"extracted {words} words in {elapsed:.1f}s -> {args.out}\n")
    cmd = [sys.executable, str(scorer), str(gold_dir), str(args.out)] + (["-v"] if args.verbose else [])
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
