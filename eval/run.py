"""Extract the evaluation sets and score them: `python eval/run.py [--shared DIR] [--set NAME] [-v]`.

Sets:
- `dev`: SHARED/corpus/dev (real documents with the project's reference gold);
- `samples`: this repository's own sample documents with the hand-made gold in eval/gold,
  annotated without looking at the extractor's output (since used for tuning);
- `heldout`: documents of other genres written and annotated blind in eval/heldout; measured
  blind once, then used for tuning;
- `blind2` … `blind8`: sets written and annotated blind (each folder's README says
  whether it is still blind or spent): the honest estimate of quality on unseen text. Look at
  their misses and they stop being blind.

Each document is read by ingest and extracted exactly as `testimonium extract --published DATE
--format json` does, with the gold `metadata.published` as the reference date. Predictions go to
eval/out/SET/NAME.json; SHARED/eval/score.py prints the report.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testimonium.extract import Extractor  # noqa: E402
from testimonium.ingest import read  # noqa: E402


SET_NAMES = ("dev", "samples", "heldout", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8")


def sets(shared: Path) -> dict[str, tuple[Path, Path]]:
    return {
        "dev": (shared / "corpus" / "dev" / "gold", shared / "corpus" / "dev" / "docs"),
        "samples": (ROOT / "eval" / "gold", ROOT / "testimonium" / "samples" / "documents"),
        "heldout": (ROOT / "eval" / "heldout" / "gold", ROOT / "eval" / "heldout" / "documents"),
        "blind2": (ROOT / "eval" / "blind2" / "gold", ROOT / "eval" / "blind2" / "documents"),
        "blind3": (ROOT / "eval" / "blind3" / "gold", ROOT / "eval" / "blind3" / "documents"),
        "blind4": (ROOT / "eval" / "blind4" / "gold", ROOT / "eval" / "blind4" / "documents"),
        "blind5": (ROOT / "eval" / "blind5" / "gold", ROOT / "eval" / "blind5" / "documents"),
        "blind6": (ROOT / "eval" / "blind6" / "gold", ROOT / "eval" / "blind6" / "documents"),
        "blind7": (ROOT / "eval" / "blind7" / "gold", ROOT / "eval" / "blind7" / "documents"),
        "blind8": (ROOT / "eval" / "blind8" / "gold", ROOT / "eval" / "blind8" / "documents"),
    }


def extract_set(extractor: Extractor, gold_dir: Path, docs_dir: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    started = time.perf_counter()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_path = docs_dir / gold["file"]
        document = read(doc_path.read_bytes(), doc_path.name)
        published = (gold.get("metadata") or {}).get("published") or None
        if published:
            document.published = published
        extraction = extractor.extract(document, published=published)
        words += len(document.text.split())
        result = {"document": document.contract_json(), **extraction.contract_json()}
        (out / gold_path.name).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"extracted {words} words in {time.perf_counter() - started:.1f}s -> {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the shared folder with corpus/ and eval/ (default: ../shared)")
    ap.add_argument("--set", dest="names", action="append", choices=list(SET_NAMES),
                    help="which set to score (default: all)")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "out")
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON summary")
    args = ap.parse_args()

    scorer = args.shared / "eval" / "score.py"
    if not scorer.is_file():
        print(f"eval: no scorer at {scorer} (../shared is not beside this checkout); nothing to score.")
        return 0
    extractor = Extractor(args.model)
    status = 0
    for name in args.names or SET_NAMES:
        gold_dir, docs_dir = sets(args.shared)[name]
        if not gold_dir.is_dir():
            print(f"eval: set {name!r} has no gold at {gold_dir}; skipped.")
            continue
        print(f"\n=== {name}: {gold_dir}")
        out = args.out / name
        extract_set(extractor, gold_dir, docs_dir, out)
        command = [sys.executable, str(scorer), str(gold_dir), str(out)]
        command += (["-v"] if args.verbose else []) + (["--json"] if args.json else [])
        status |= subprocess.call(command)
    return status


if __name__ == "__main__":
    sys.exit(main())
