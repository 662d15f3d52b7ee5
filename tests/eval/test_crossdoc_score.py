"""The cross-document scorer (eval/crossdoc/score.py) and the validity of its gold set."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from testimonium.ingest import read

ROOT = Path(__file__).resolve().parents[2]
CROSSDOC = ROOT / "eval" / "crossdoc"
DOC_DIRS = [ROOT / "testimonium" / "samples" / "documents", CROSSDOC / "documents"]


def _load_scorer():
    spec = importlib.util.spec_from_file_location("crossdoc_score", CROSSDOC / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


score_mod = _load_scorer()


# ----------------------------------------------------------------------------- tiny gold sets

def m(file, name):
    return {"file": file, "name": name}


TINY = {
    "entities": [
        {"id": "P1", "type": "person", "name": "Sayragul Sauytbay",
         "mentions": [m("a.txt", "Sayragul Sauytbay"), m("b.txt", "Sairagul Sauytbay"), m("c.txt", "Sautbay")]},
        {"id": "P2", "type": "person", "name": "Abzal Kuspanov",
         "mentions": [m("a.txt", "Abzal Kuspanov"), m("b.txt", "Abzal Kuspanov")]},
    ],
    "events": [
        {"id": "V1", "type": "asylum", "outcome": "denied", "date": "2018-10-05",
         "reports": [{"file": "a.txt", "trigger": "refused to grant asylum"},
                     {"file": "b.txt", "trigger": "turned down her application", "also": ["refusal"]},
                     {"file": "c.txt", "trigger": "rejected her request"}]},
        {"id": "V2", "type": "sentence", "outcome": None, "date": "2018-08-01",
         "reports": [{"file": "a.txt", "trigger": "suspended sentence"}, {"file": "c.txt", "trigger": "suspended sentence"}]},
    ],
    "propositions": [
        {"id": "PR1", "claims": [
            {"file": "a.txt", "speaker": "UN", "content_excerpt": "an estimated 1 million Uyghurs were held in camps"},
            {"file": "b.txt", "speaker": "UN", "content_excerpt": "about one million Uighurs were held in camps in Xinjiang"}],
         "contradicted_by": [
            {"file": "c.txt", "speaker": "China", "content_excerpt": "there are no re-education camps in Xinjiang"}]},
        {"id": "PR2", "claims": [
            {"file": "c.txt", "speaker": "China", "content_excerpt": "there are no re-education camps in Xinjiang"}],
         "contradicted_by": []},
    ],
    "sources": [
        {"cluster": "V1", "independent_sources": 2,
         "chains": [{"origin": "SWS", "files": ["a.txt", "b.txt"], "reason": "b cites a"},
                    {"origin": "lawyer", "files": ["c.txt"], "reason": "own"}]},
    ],
}


def perfect_prediction() -> dict:
    pred = json.loads(json.dumps(TINY))
    pred["propositions"] = [
        {"id": p["id"], "claims": [{"file": c["file"], "content": c["content_excerpt"]} for c in p["claims"]],
         "contradicted_by": [{"file": c["file"], "content": c["content_excerpt"]} for c in p["contradicted_by"]]}
        for p in TINY["propositions"]]
    return pred


def test_perfect_prediction_scores_one():
    r = score_mod.score(TINY, perfect_prediction())
    for part in ("entities", "events", "propositions"):
        assert (r[part]["all"]["precision"], r[part]["all"]["recall"], r[part]["all"]["f1"]) == (1.0, 1.0, 1.0)
    assert r["contradictions"]["f1"] == 1.0
    assert r["sources"]["accuracy"] == 1.0 and r["sources"]["chains"]["f1"] == 1.0
    assert r["passed"]


def test_one_wrong_merge_lowers_precision_exactly():
    pred = perfect_prediction()
    # move Kuspanov's a.txt mention into the Sauytbay cluster
    pred["entities"] = [
        {"id": "X", "type": "person", "mentions": [m("a.txt", "Sayragul Sauytbay"), m("b.txt", "Sairagul Sauytbay"),
                                                    m("c.txt", "Sautbay"), m("a.txt", "Abzal Kuspanov")]},
        {"id": "Y", "type": "person", "mentions": [m("b.txt", "Abzal Kuspanov")]},
    ]
    e = score_mod.score(TINY, pred)["entities"]["all"]
    # predicted pairs: C(4,2) = 6, of which the 3 Sauytbay pairs are right; Kuspanov's one pair is lost
    assert e["predicted_pairs"] == 6 and e["correct_pairs"] == 3
    assert e["precision"] == pytest.approx(3 / 6)
    assert e["recall"] == pytest.approx(3 / 4)


def test_split_lowers_recall_only():
    pred = perfect_prediction()
    pred["entities"] = [
        {"id": "X", "type": "person", "mentions": [m("a.txt", "Sayragul Sauytbay"), m("b.txt", "Sairagul Sauytbay")]},
        {"id": "Z", "type": "person", "mentions": [m("c.txt", "Sautbay")]},
        {"id": "Y", "type": "person", "mentions": [m("a.txt", "Abzal Kuspanov"), m("b.txt", "Abzal Kuspanov")]},
    ]
    e = score_mod.score(TINY, pred)["entities"]["all"]
    assert e["precision"] == 1.0
    assert e["recall"] == pytest.approx(2 / 4)


def test_empty_prediction_has_zero_recall():
    r = score_mod.score(TINY, {})
    for part in ("entities", "events", "propositions"):
        assert r[part]["all"]["recall"] == 0.0 and r[part]["all"]["f1"] == 0.0
    assert r["contradictions"]["recall"] == 0.0
    assert r["sources"]["accuracy"] == 0.0
    assert not r["passed"]


def test_names_are_normalised_like_the_official_scorer():
    pred = perfect_prediction()
    pred["entities"][0]["mentions"] = [m("a.txt", "SAYRAGUL  SAUYTBAY"), m("b.txt", "the Sairagul Sauytbay"),
                                       m("c.txt", "Sautbay’s")]
    assert score_mod.score(TINY, pred)["entities"]["all"]["recall"] == 1.0
    assert score_mod.norm("Сайрагуль Сауытбай") == "саирагуль сауытбаи"
    assert score_mod.norm("The Caspian Ledger") == "caspian ledger"


def test_event_reports_match_by_trigger_overlap_and_type():
    pred = perfect_prediction()
    pred["events"] = [
        {"id": "A", "type": "asylum", "reports": [{"file": "a.txt", "trigger": "refused"},
                                                  {"file": "b.txt", "trigger": {"start": 0, "end": 7, "text": "refusal"}},
                                                  {"file": "c.txt", "trigger": "rejected"}]},
        # a wrong type never matches, so it adds no pair
        {"id": "B", "type": "trial", "reports": [{"file": "a.txt", "trigger": "suspended sentence"},
                                                 {"file": "c.txt", "trigger": "suspended sentence"}]},
    ]
    v = score_mod.score(TINY, pred)["events"]["all"]
    assert v["precision"] == 1.0 and v["found_pairs"] == 3 and v["gold_pairs"] == 4


def test_event_merge_of_two_events_costs_precision():
    pred = perfect_prediction()
    pred["events"] = [{"id": "A", "reports": [r for c in TINY["events"] for r in c["reports"]]}]
    v = score_mod.score(TINY, pred)["events"]["all"]
    assert v["predicted_pairs"] == 10 and v["correct_pairs"] == 4
    assert v["precision"] == pytest.approx(0.4) and v["recall"] == 1.0


def test_claims_need_half_of_the_gold_content_words():
    idx = score_mod.ClaimIndex(TINY, score_mod.Clustering())
    assert idx.match({"file": "a.txt", "content": "UN says 1 million Uyghurs held"}) is not None
    assert idx.match({"file": "a.txt", "content": "Uyghurs"}) is None
    assert idx.match({"file": "b.txt", "content": "an estimated 1 million Uyghurs were held in camps"}) is not None
    assert idx.match({"file": "c.txt", "content": "an estimated 1 million Uyghurs were held in camps"}) is None


def test_contradictions_are_claim_pairs():
    pred = perfect_prediction()
    pred["propositions"][0]["contradicted_by"] = []
    pred["propositions"][1]["contradicted_by"] = [{"file": "a.txt", "content": "1 million Uyghurs were held in camps"}]
    c = score_mod.score(TINY, pred)["contradictions"]
    assert c["gold_pairs"] == 2 and c["found_pairs"] == 1 and c["precision"] == 1.0


def test_independent_source_counts():
    pred = perfect_prediction()
    del pred["sources"]
    pred["events"][0]["independent_sources"] = 3  # counted the citing article as independent
    r = score_mod.score(TINY, pred)["sources"]
    assert r["accuracy"] == 0.0 and r["mean_abs_error"] == 1.0
    pred["sources"] = [{"cluster": "V1", "independent_sources": 2, "chains": [{"files": ["a.txt"]}, {"files": ["b.txt", "c.txt"]}]}]
    r = score_mod.score(TINY, pred)["sources"]
    assert r["accuracy"] == 1.0
    assert r["chains"]["precision"] == 0.0 and r["chains"]["recall"] == 0.0
    gold = json.loads(json.dumps(TINY))
    gold["sources"][0]["independent_sources_max"] = 3
    pred["sources"][0]["independent_sources"] = 3
    assert score_mod.score(gold, pred)["sources"]["accuracy"] == 1.0


def test_cli_prints_table_and_json(tmp_path, capsys):
    g, p = tmp_path / "g.json", tmp_path / "p.json"
    g.write_text(json.dumps(TINY)), p.write_text(json.dumps({}))
    assert score_mod.main([str(g), str(p)]) == 0
    out = capsys.readouterr().out
    assert "entities" in out and "P≥0.95" in out and "F1≥0.80" in out
    assert score_mod.main([str(g), str(p), "--json", "--check"]) == 1
    assert json.loads(capsys.readouterr().out)["entities"]["all"]["recall"] == 0.0


# ----------------------------------------------------------------------------- the real gold set

GOLD = json.loads((CROSSDOC / "gold.json").read_text(encoding="utf-8"))


def _flat(s: str) -> str:
    return " ".join(s.split())


_TEXTS: dict[str, str] = {}


def doc_text(file: str) -> str:
    if file not in _TEXTS:
        paths = [d / file for d in DOC_DIRS if (d / file).is_file()]
        assert paths, f"{file} is in neither the samples nor eval/crossdoc/documents"
        _TEXTS[file] = _flat(read(paths[0].read_bytes(), file).text)
    return _TEXTS[file]


def _phrases():
    for c in GOLD["entities"]:
        for mention in c["mentions"]:
            for name in [mention["name"]] + mention.get("aliases", []):
                yield c["id"], mention["file"], name
    for c in GOLD["events"]:
        for r in c["reports"]:
            for t in [r["trigger"]] + r.get("also", []):
                yield c["id"], r["file"], t
    for c in GOLD["propositions"]:
        for cl in c["claims"] + c["contradicted_by"]:
            yield c["id"], cl["file"], cl["content_excerpt"]


def test_gold_files_exist_and_are_listed():
    named = {f for _, f, _ in _phrases()}
    assert named == set(GOLD["files"])
    for f in named:
        doc_text(f)


def test_gold_phrases_occur_verbatim():
    missing = [(cid, f, s) for cid, f, s in _phrases() if _flat(s) not in doc_text(f)]
    assert not missing


def test_gold_excerpts_are_long_enough():
    for c in GOLD["propositions"]:
        for cl in c["claims"] + c["contradicted_by"]:
            assert len(cl["content_excerpt"].split()) >= 5 or cl.get("whole_content"), cl


def test_gold_ids_and_types():
    ids = [c["id"] for part in ("entities", "events", "propositions") for c in GOLD[part]]
    assert len(ids) == len(set(ids))
    assert {c["type"] for c in GOLD["entities"]} <= {"person", "organization", "media", "place", "group", "facility"}
    events = {"arrest", "detention", "release", "disappearance", "ill_treatment", "forced_labor", "indoctrination",
              "surveillance", "family_separation", "death", "border_crossing", "charge", "trial", "testimony",
              "verdict", "sentence", "appeal", "extradition", "deportation", "asylum"}
    assert {c["type"] for c in GOLD["events"]} <= events
    for c in GOLD["events"]:  # one required report per document and event
        required = [r["file"] for r in c["reports"] if not r.get("optional")]
        assert len(set(required)) == len(required), c["id"]


def test_gold_is_unambiguous_and_scores_perfectly_against_itself():
    # Clustering.add raises if one (file, name) or (file, trigger) belongs to two clusters
    r = score_mod.score(GOLD, GOLD)
    for part in ("entities", "events", "propositions"):
        assert r[part]["all"]["f1"] == 1.0
    assert r["contradictions"]["f1"] == 1.0 and r["sources"]["accuracy"] == 1.0
    assert all(v["matched"] == v["predicted"] for v in r["coverage"].values())


def test_gold_sources_are_consistent():
    clusters = {c["id"]: c for part in ("events", "propositions") for c in GOLD[part]}
    for s in GOLD["sources"]:
        c = clusters[s["cluster"]]
        items = c.get("reports") or c.get("claims")
        files = {i["file"] for i in items}
        required = {i["file"] for i in items if not i.get("optional")}
        chained = [f for ch in s["chains"] for f in ch["files"]]
        assert sorted(chained) == sorted(files), s["cluster"]
        assert all(ch["reason"] for ch in s["chains"])
        counted = [ch for ch in s["chains"] if set(ch["files"]) & required]
        assert s["independent_sources"] == len(counted), s["cluster"]
        assert s.get("independent_sources_max", len(s["chains"])) == len(s["chains"])


def test_own_documents_follow_the_wire_layout():
    docs = sorted((CROSSDOC / "documents").glob("*.txt"))
    assert 3 <= len(docs) <= 6
    for p in docs:
        lines = p.read_text(encoding="utf-8").split("\n")
        assert lines[0] and not lines[1] and lines[2].startswith("By ") and not lines[3], p.name
        assert re.match(r"^[A-Z]+ \([A-Z]+\) — ", lines[4]), p.name


def test_the_similar_name_is_a_different_person():
    by_name = {c["name"]: c for c in GOLD["entities"]}
    assert "Yerbol Sauytbayev" in by_name and by_name["Yerbol Sauytbayev"]["id"] != by_name["Sayragul Sauytbay"]["id"]
    forms = {score_mod.norm(x["name"]) for x in by_name["Sayragul Sauytbay"]["mentions"]}
    assert {"sayragul sauytbay", "sairagul sauytbay", "sayragul sautbay", "sairagul sauitbay"} <= forms
