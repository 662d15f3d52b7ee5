#!/usr/bin/env python3
"""Check blind7 gold: JSON parses; every date/quantity text, claim content and entity
name/alias occurs verbatim in the document's visible text (quotation marks dropped).
Also prints required/total counts per file. Standard library only."""
import html, json, re, sys
from pathlib import Path

HERE = Path(__file__).parent
QUOTES = dict.fromkeys(map(ord, '"\u201c\u201d'), None)


def visible(path: Path) -> str:
    t = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        m = re.search(r"<article>(.*?)</article>", t, re.S)
        t = re.sub(r"<[^>]+>", " ", m.group(1))
        t = html.unescape(t)
    return re.sub(r"\s+", " ", t)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(QUOTES)).strip()


bad = 0
rows = []
for g in sorted((HERE / "gold").glob("*.json")):
    try:
        gold = json.loads(g.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        print(f"{g.name}: invalid JSON: {e}"); bad += 1; continue
    doc = HERE / "documents" / gold["file"]
    text = norm(visible(doc))
    words = len(re.sub(r"[#*]+|^- ", " ", visible(doc)).split())
    raw = doc.read_text(encoding="utf-8")
    if doc.suffix == ".html":  # entity forms may come from the page's visible masthead
        raw = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<head>.*?</head>", " ", raw, flags=re.S)))
    low = norm(raw).lower()

    def need(kind, s, occ=1):
        global bad
        n = text.count(norm(s))
        if n < occ:
            print(f"{g.name}: {kind} not found ({n} < {occ}): {s!r}"); bad += 1

    for d in gold["dates"]:
        need("date", d["text"], d.get("occurrence", 1))
    for q in gold["quantities"]:
        need("quantity", q["text"])
    for c in gold["claims"]:
        need("claim", c["content"])
        if c["stance"] not in ("assert", "deny"):
            print(f"{g.name}: bad stance {c}"); bad += 1
    for e in gold["entities"]:
        for n in [e["name"]] + e.get("aliases", []):
            if norm(n).lower() not in low:
                print(f"{g.name}: entity form not in text: {n!r}"); bad += 1
    for v in gold["events"]:
        if v["modality"] not in ("actual", "planned", "alleged"):
            print(f"{g.name}: bad modality {v}"); bad += 1
    cnt = {}
    for k in ("entities", "dates", "quantities", "claims", "events"):
        items = gold[k]
        cnt[k] = (sum(not i.get("optional") for i in items), len(items))
    rows.append((gold["file"], gold["metadata"].get("published"), words, cnt))

for f, p, w, c in rows:
    print(f"{f}\t{p}\t{w} words\t" + "  ".join(f"{k} {a}/{b}" for k, (a, b) in c.items()))
tot = {k: (sum(r[3][k][0] for r in rows), sum(r[3][k][1] for r in rows)) for k in rows[0][3]}
print("total\t\t" + str(sum(r[2] for r in rows)) + " words\t" + "  ".join(f"{k} {a}/{b}" for k, (a, b) in tot.items()))
print("problems:", bad)
sys.exit(1 if bad else 0)
