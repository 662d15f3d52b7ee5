#!/usr/bin/env python3
"""Self-check for the blind6 gold: JSON parses, every date/quantity `text` and every
claim `content` occurs verbatim in the document's visible text (claims compared with
quotation marks dropped), and entity names/aliases occur in the text. Standard library only."""
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
QUOTES = '"\u201c\u201d'


def visible_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        m = re.search(r"<article>(.*?)</article>", raw, re.S)
        raw = html.unescape(re.sub(r"<[^>]+>", " ", m.group(1)))
        raw = re.sub(r"[ \t]+", " ", raw)
    return raw


def main() -> int:
    bad = 0
    for g in sorted((HERE / "gold").glob("*.json")):
        try:
            gold = json.loads(g.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            print(f"{g.name}: invalid JSON: {e}")
            bad += 1
            continue
        doc = HERE / "documents" / gold["file"]
        if not doc.exists():
            print(f"{g.name}: missing document {gold['file']}")
            bad += 1
            continue
        text = visible_text(doc)
        flat = " ".join(text.split())
        unquoted = " ".join("".join(c for c in text if c not in QUOTES).split())
        for d in gold["dates"] + gold["quantities"]:
            n = flat.count(d["text"])
            if n < d.get("occurrence", 1):
                print(f"{g.name}: date/quantity text not found: {d['text']!r}")
                bad += 1
        for c in gold["claims"]:
            if " ".join(c["content"].split()) not in unquoted:
                print(f"{g.name}: claim content not verbatim: {c['content'][:60]!r}")
                bad += 1
            if c.get("stance") not in ("assert", "deny"):
                print(f"{g.name}: bad stance {c.get('stance')}")
                bad += 1
        for e in gold["entities"]:
            names = [e["name"]] + e.get("aliases", [])
            if not any(n in flat for n in names):
                print(f"{g.name}: entity not in text: {e['name']!r}")
                bad += 1
            for n in names:
                if n not in flat and not e.get("optional"):
                    print(f"{g.name}: note, alias not literally in text: {n!r}")
        for v in gold["events"]:
            if v.get("modality") not in ("actual", "planned", "alleged"):
                print(f"{g.name}: bad modality {v}")
                bad += 1
        print(f"{g.name}: checked")
    print("problems:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
