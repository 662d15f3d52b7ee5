#!/usr/bin/env python3
"""Score cross-document linking (the connect stage) against eval/crossdoc/gold.json.

    python eval/crossdoc/score.py GOLD PRED [--json] [-v] [--check]

GOLD and PRED are JSON objects with the same top-level keys (format: README.md beside this file):

- ``entities``:     clusters ``{"id", "type", "name", "mentions": [{"file", "name"}, ...]}``
- ``events``:       clusters ``{"id", "type", "outcome", "date", "reports": [{"file", "trigger"}, ...]}``
- ``propositions``: clusters ``{"id", "claims": [{"file", "speaker", "content"}, ...], "contradicted_by": [...]}``
                    (a predicted claim may give ``content`` or ``content_excerpt``)
- ``sources``:      ``[{"cluster": ID, "independent_sources": N, "chains": [{"files": [...]}]}]``; a predicted
                    cluster may instead carry ``independent_sources`` (and ``chains``) itself.

Every predicted item (mention, report, claim) is first matched to at most one gold item of the same
document; several predicted items may match the same gold item. Predicted items that match nothing
are left out of the pairs (the gold set does not list every phrase an extractor might emit).

- entity mention: same file and a name that normalises (as the official scorer's ``norm``) to the
  gold mention's name or one of its aliases;
- event report: same file, same event type (when the predicted cluster has one), and the predicted
  trigger's content words all or partly inside one of the gold trigger phrases; ties go to an exact
  phrase, then the larger share, then a date compatible with the predicted one, then gold order;
- claim: same file and at least half of the gold excerpt's content words in the predicted content.

Scores are pairwise: a pair is two distinct gold items that the prediction puts in one cluster.
Precision = correct predicted pairs / predicted pairs (a pair with an ``optional`` gold item counts
here when predicted); recall = required gold pairs found / required gold pairs. With no predicted
pairs precision is 1 (no wrong merge was made); with no gold pairs recall is 1.
Contradictions are pairs (claim, contradicting claim), scored the same way. Independent-source
accuracy compares, for each gold ``sources`` entry, the count given for the predicted cluster that
holds most of the gold cluster's items; a count within [independent_sources,
independent_sources_max] is right. Source chains are scored as pairs of files in one chain.

Standard library only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ARTICLES = {"the", "a", "an"}
# Function words ignored when comparing triggers and claim contents.
STOP = ARTICLES | {
    "a", "about", "after", "all", "also", "and", "any", "are", "as", "at", "be", "been", "before", "being",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "hers",
    "him", "his", "i", "if", "in", "into", "is", "it", "its", "may", "me", "my", "no", "not", "of", "on", "one",
    "or", "our", "over", "she", "should", "so", "some", "such", "than", "that", "their", "them", "there",
    "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where", "which",
    "who", "will", "with", "would", "you", "your",
}
FLOORS = {
    ("entities", "precision"): 0.95,
    ("entities", "recall"): 0.85,
    ("events", "f1"): 0.80,
}


# ------------------------------------------------------------------------------------------ text

def norm(s: str | None) -> str:
    """Same normalisation as the official per-document scorer (reimplemented, not imported)."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("\u2019s", "").replace("'s ", " ")
    s = re.sub(r"[^\w]+", " ", s).strip()
    words = s.split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def content_words(s: str | None) -> set[str]:
    return {w for w in norm(s).split() if w not in STOP}


def dates_compatible(a: str | None, b: str | None) -> bool:
    """True when either date is missing or one is a prefix of the other at the shared precision.
    Seasons and weeks ("2018-SU", "2018-W40") are compared by year only."""
    if not a or not b:
        return True
    if not (re.fullmatch(r"[\d-]+", a) and re.fullmatch(r"[\d-]+", b)):
        return a[:4] == b[:4]
    n = min(len(a), len(b))
    return a[:n] == b[:n]


# ------------------------------------------------------------------------------------------ counts

class Pairs:
    """Pairwise precision/recall from predicted and gold pair sets."""

    def __init__(self, predicted: set, correct: set, gold_required: set) -> None:
        self.predicted = predicted
        self.correct = correct & predicted
        self.gold_required = gold_required
        self.found = gold_required & predicted

    @property
    def precision(self) -> float:
        return len(self.correct) / len(self.predicted) if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.gold_required) if self.gold_required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "predicted_pairs": len(self.predicted), "correct_pairs": len(self.correct),
            "gold_pairs": len(self.gold_required), "found_pairs": len(self.found),
        }


def pair(a, b) -> tuple:
    return (a, b) if a <= b else (b, a)


class Clustering:
    """Gold items (key -> cluster, optional) and a prediction mapped onto them."""

    def __init__(self) -> None:
        self.cluster: dict[tuple, str] = {}
        self.optional: dict[tuple, bool] = {}
        self.ctype: dict[str, str] = {}
        self.members: dict[str, list[tuple]] = defaultdict(list)

    def add(self, key: tuple, cluster_id: str, ctype: str, optional: bool) -> None:
        if key in self.cluster:
            raise ValueError(f"gold item {key} is listed twice")
        self.cluster[key] = cluster_id
        self.optional[key] = optional
        self.ctype[cluster_id] = ctype
        self.members[cluster_id].append(key)

    def gold_pairs(self, required_only: bool) -> set:
        out = set()
        for keys in self.members.values():
            keys = [k for k in keys if not (required_only and self.optional[k])]
            out.update(pair(a, b) for a, b in itertools.combinations(keys, 2))
        return out

    def score(self, predicted_clusters: list[set], ctype: str | None = None) -> Pairs:
        """predicted_clusters: sets of gold keys (the matched items of each predicted cluster)."""
        predicted = set()
        for keys in predicted_clusters:
            predicted.update(pair(a, b) for a, b in itertools.combinations(sorted(keys), 2))
        every, required = self.gold_pairs(False), self.gold_pairs(True)
        if ctype is not None:
            def keep(p):
                return ctype in (self.ctype[self.cluster[p[0]]], self.ctype[self.cluster[p[1]]])
            predicted = {p for p in predicted if keep(p)}
            every = {p for p in every if keep(p)}
            required = {p for p in required if keep(p)}
        return Pairs(predicted, every, required)


# ------------------------------------------------------------------------------------------ matching

def as_list(x) -> list:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


class EntityIndex:
    def __init__(self, gold: dict, clustering: Clustering) -> None:
        self.by_file: dict[str, list[tuple[set, tuple]]] = defaultdict(list)
        for c in gold.get("entities", []):
            for m in c["mentions"]:
                key = ("entity", m["file"], norm(m["name"]))
                clustering.add(key, c["id"], c["type"], bool(m.get("optional")))
                names = {norm(m["name"])} | {norm(a) for a in m.get("aliases", [])}
                self.by_file[m["file"]].append((names, key))

    def match(self, mention: dict) -> tuple | None:
        candidates = self.by_file.get(mention.get("file"), [])
        for name in [mention.get("name")] + as_list(mention.get("aliases")):
            n = norm(name)
            for names, key in candidates:
                if n and n in names:
                    return key
        return None


class EventIndex:
    def __init__(self, gold: dict, clustering: Clustering) -> None:
        self.by_file: dict[str, list[dict]] = defaultdict(list)
        order = 0
        for c in gold.get("events", []):
            for r in c["reports"]:
                key = ("event", r["file"], r["trigger"])
                clustering.add(key, c["id"], c["type"], bool(r.get("optional")))
                phrases = [r["trigger"]] + as_list(r.get("also"))
                self.by_file[r["file"]].append({
                    "key": key, "type": c["type"], "date": c.get("date"), "order": order,
                    "phrases": [(norm(p), content_words(p) or set(norm(p).split())) for p in phrases],
                })
                order += 1

    def match(self, report: dict, ctype: str | None, date: str | None) -> tuple | None:
        trigger = report.get("trigger")
        if isinstance(trigger, dict):  # the extraction contract's {"start", "end", "text"}
            trigger = trigger.get("text")
        words = content_words(trigger) or set(norm(trigger).split())
        if not words:
            return None
        date = report.get("date") or date
        best, best_score = None, None
        for g in self.by_file.get(report.get("file"), []):
            if ctype and g["type"] != ctype:
                continue
            exact = any(norm(trigger) == p for p, _ in g["phrases"])
            share = max(len(words & w) / len(words) for _, w in g["phrases"])
            if share == 0:
                continue
            score = (exact, share, dates_compatible(date, g["date"]), -g["order"])
            if best_score is None or score > best_score:
                best, best_score = g["key"], score
        return best


class ClaimIndex:
    def __init__(self, gold: dict, clustering: Clustering) -> None:
        self.by_file: dict[str, list[tuple[set, tuple]]] = defaultdict(list)
        self.known: set[tuple] = set()
        for c in gold.get("propositions", []):
            for cl in c["claims"]:
                key = self._register(cl)
                clustering.add(key, c["id"], "proposition", bool(cl.get("optional")))
        # contradicting claims that are not members of any cluster still need to be matchable
        for c in gold.get("propositions", []):
            for cl in c.get("contradicted_by", []):
                self._register(cl)

    @staticmethod
    def key(claim: dict) -> tuple:
        return ("claim", claim["file"], claim["content_excerpt"])

    def _register(self, claim: dict) -> tuple:
        key = self.key(claim)
        if key not in self.known:
            self.known.add(key)
            words = content_words(claim["content_excerpt"]) or set(norm(claim["content_excerpt"]).split())
            self.by_file[claim["file"]].append((words, key))
        return key

    def match(self, claim: dict) -> tuple | None:
        content = claim.get("content", claim.get("content_excerpt"))
        words = set(norm(content).split())
        best, best_score = None, None
        for gold_words, key in self.by_file.get(claim.get("file"), []):
            common = len(gold_words & words)
            share = common / len(gold_words) if gold_words else 0.0
            # ties: prefer the gold claim that covers more of the predicted content
            score = (share, common / len(words) if words else 0.0)
            if share >= 0.5 and (best_score is None or score > best_score):
                best, best_score = key, score
        return best


# ------------------------------------------------------------------------------------------ scoring

def score(gold: dict, pred: dict) -> dict:
    ents, evs, props = Clustering(), Clustering(), Clustering()
    ent_index, ev_index, claim_index = EntityIndex(gold, ents), EventIndex(gold, evs), ClaimIndex(gold, props)
    coverage: dict[str, dict] = {}

    def mapped(clusters: list, field: str, match) -> list[set]:
        out, total, hit = [], 0, 0
        for c in clusters:
            keys = set()
            for item in c.get(field) or []:
                total += 1
                k = match(c, item)
                if k is not None:
                    hit += 1
                    keys.add(k)
            out.append(keys)
        coverage[field] = {"predicted": total, "matched": hit}
        return out

    pred_ents = mapped(pred.get("entities") or [], "mentions", lambda c, m: ent_index.match(m))
    pred_evs = mapped(pred.get("events") or [], "reports",
                      lambda c, r: ev_index.match(r, c.get("type"), c.get("date")))
    pred_props = mapped(pred.get("propositions") or [], "claims", lambda c, cl: claim_index.match(cl))

    result: dict = {"entities": {}, "events": {}, "propositions": {}}
    result["entities"]["all"] = ents.score(pred_ents).as_dict()
    for t in sorted(set(ents.ctype.values())):
        result["entities"][t] = ents.score(pred_ents, t).as_dict()
    result["events"]["all"] = evs.score(pred_evs).as_dict()
    result["propositions"]["all"] = props.score(pred_props).as_dict()

    # contradictions: (claim, contradicting claim) pairs
    def contradiction_pairs(clusters: list, match) -> set:
        out = set()
        for c in clusters:
            left = {match(cl) for cl in c.get("claims") or []} - {None}
            right = {match(cl) for cl in c.get("contradicted_by") or []} - {None}
            out.update(pair(a, b) for a in left for b in right if a != b)
        return out

    gold_props = gold.get("propositions", [])
    opt_claims = {ClaimIndex.key(cl) for c in gold_props for cl in c["claims"] if cl.get("optional")}
    gold_contra = contradiction_pairs(gold_props, ClaimIndex.key)
    gold_contra_req = {p for p in gold_contra if not (set(p) & opt_claims)}
    pred_contra = contradiction_pairs(pred.get("propositions") or [], claim_index.match)
    result["contradictions"] = Pairs(pred_contra, gold_contra, gold_contra_req).as_dict()

    result["sources"] = score_sources(gold, pred, {"events": (evs, pred_evs), "propositions": (props, pred_props)})
    result["coverage"] = coverage
    result["floors"] = {f"{part}.{metric}": floor for (part, metric), floor in FLOORS.items()}
    result["passed"] = all(result[part]["all"][metric] >= floor for (part, metric), floor in FLOORS.items())
    return result


def score_sources(gold: dict, pred: dict, parts: dict) -> dict:
    pred_sources = {s.get("cluster"): s for s in pred.get("sources") or []}
    right, total, abs_err = 0, 0, 0
    chain_pred, chain_correct, chain_gold = 0, 0, 0
    details = []
    gold_kind = {c["id"]: "events" for c in gold.get("events", [])}
    gold_kind.update({c["id"]: "propositions" for c in gold.get("propositions", [])})
    for entry in gold.get("sources", []):
        cid = entry["cluster"]
        kind = gold_kind.get(cid)
        if kind is None:
            raise ValueError(f"sources entry for unknown cluster {cid}")
        clustering, predicted = parts[kind]
        members = set(clustering.members[cid])
        pred_clusters = pred.get(kind) or []
        best, best_score = None, (0, 0)
        for i, keys in enumerate(predicted):
            inside = len(keys & members)
            if inside and (inside, -len(keys - members)) > best_score:
                best, best_score = i, (inside, -len(keys - members))
        lo = entry["independent_sources"]
        hi = entry.get("independent_sources_max", lo)
        total += 1
        got, chains = None, None
        if best is not None:
            pc = pred_clusters[best]
            ps = pred_sources.get(pc.get("id"), {})
            got = ps.get("independent_sources", pc.get("independent_sources"))
            chains = ps.get("chains", pc.get("chains"))
        ok = got is not None and lo <= got <= hi
        right += ok
        if not isinstance(got, int):
            abs_err += lo
        elif got < lo:
            abs_err += lo - got
        elif got > hi:
            abs_err += got - hi
        details.append({"cluster": cid, "expected": lo if lo == hi else [lo, hi], "predicted": got, "ok": ok})
        # chains as file pairs, over files that both sides place in this cluster
        gold_files = {f for ch in entry["chains"] for f in ch["files"]}
        gp = {pair(a, b) for ch in entry["chains"] for a, b in itertools.combinations(sorted(set(ch["files"])), 2)}
        chain_gold += len(gp)
        if chains:
            pp = {pair(a, b) for ch in chains for a, b in itertools.combinations(
                sorted(set(ch.get("files", [])) & gold_files), 2)}
            chain_pred += len(pp)
            chain_correct += len(pp & gp)
    acc = right / total if total else 1.0
    p = chain_correct / chain_pred if chain_pred else 1.0
    r = chain_correct / chain_gold if chain_gold else 1.0
    return {
        "accuracy": round(acc, 4), "right": right, "total": total,
        "mean_abs_error": round(abs_err / total, 4) if total else 0.0,
        "chains": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                   "predicted_pairs": chain_pred, "gold_pairs": chain_gold},
        "details": details,
    }


# ------------------------------------------------------------------------------------------ report

def table(result: dict) -> str:
    lines = [f"{'cross-document':<24}{'P':>6}{'R':>6}{'F1':>6}   pairs (correct/predicted, found/gold)   floor"]

    def row(label: str, d: dict, floor: str = "") -> None:
        lines.append(f"{label:<24}{d['precision']:>6.2f}{d['recall']:>6.2f}{d['f1']:>6.2f}   "
                     f"{d['correct_pairs']:>5}/{d['predicted_pairs']:<5} {d['found_pairs']:>5}/{d['gold_pairs']:<5}"
                     f"{'':>17}{floor}")

    def mark(part: str, metric: str) -> str:
        floor = FLOORS[(part, metric)]
        value = result[part]["all"][metric]
        return f"{metric[0].upper() if metric != 'f1' else 'F1'}≥{floor:.2f} {'ok' if value >= floor else 'BELOW'}"

    row("entities", result["entities"]["all"], f"{mark('entities', 'precision')}, {mark('entities', 'recall')}")
    for t, d in result["entities"].items():
        if t != "all":
            row(f"  {t}", d)
    row("events", result["events"]["all"], mark("events", "f1"))
    row("propositions", result["propositions"]["all"])
    row("contradictions", result["contradictions"])
    s = result["sources"]
    lines.append(f"{'independent sources':<24}accuracy {s['accuracy']:.2f} ({s['right']}/{s['total']}), "
                 f"mean abs. error {s['mean_abs_error']:.2f}")
    c = s["chains"]
    lines.append(f"{'source chains (pairs)':<24}{c['precision']:>6.2f}{c['recall']:>6.2f}{c['f1']:>6.2f}")
    cov = result["coverage"]
    lines.append("matched to gold: " + ", ".join(f"{k} {v['matched']}/{v['predicted']}" for k, v in cov.items()))
    lines.append("floors: " + ("all met" if result["passed"] else "NOT met"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the independent-source comparisons")
    ap.add_argument("--check", action="store_true", help="exit with status 1 when a floor is not met")
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    pred = json.loads(args.pred.read_text(encoding="utf-8"))
    result = score(gold, pred)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print(table(result))
        if args.verbose:
            for d in result["sources"]["details"]:
                print(f"  {d['cluster']:<6} expected {d['expected']!s:<8} predicted {d['predicted']!s:<6} "
                      f"{'ok' if d['ok'] else 'WRONG'}")
    return 1 if args.check and not result["passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
