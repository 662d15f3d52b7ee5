"""Source chains: copies, outlets, citations and relayed speakers count once; the rest count apart."""

from testimonium.connect.independence import independence, same_outlet
from testimonium.connect.records import Report, SourceDoc

# canonical entity ids
NPW, COURIER_ENTITY, WITNESS, MINISTER = 50, 51, 60, 61
NAMES = {NPW: "Northern Press Wire", COURIER_ENTITY: "Bay Courier", WITNESS: "Ruta Saar",
         MINISTER: "Transport Minister"}


def docs(*rows):
    return {d.id: d for d in (SourceDoc(id=i, outlet=outlet, text="", cites=frozenset(cites))
                              for i, outlet, cites in rows)}


def chain_sets(result):
    return sorted(sorted(c.document_ids) for c in result.chains)


def test_copy_same_outlet_citation_and_own_reporting():
    corpus = docs((1, "NPW", ()), (2, "Bay Courier", ()), (3, "NPW", ()),
                  (4, "Valley Post", (NPW,)), (5, "Harbour Times", ()), (6, None, ()))
    reports = [Report(d) for d in (1, 2, 3, 4, 5, 6)]
    result = independence(reports, corpus, copies={2: 1}, outlet_names=NAMES)
    assert result.sources == 6
    assert result.independent == 3
    assert chain_sets(result) == [[1, 2, 3, 4], [5], [6]]
    wire = next(c for c in result.chains if 1 in c.document_ids)
    assert wire.origin == "NPW"
    assert "document 2 is a copy of document 1" in wire.reason
    assert "document 4 cites Northern Press Wire" in wire.reason
    assert wire.reason.startswith("same outlet NPW")
    assert "\n" not in wire.reason


def test_a_copy_whose_original_does_not_report_the_cluster_counts_as_the_original_outlet():
    corpus = docs((1, "NPW", ()), (2, "Bay Courier", ()), (3, "NPW", ()))
    result = independence([Report(2), Report(3)], corpus, copies={2: 1}, outlet_names=NAMES)
    assert chain_sets(result) == [[2, 3]]
    assert "as a copy of document 1" in result.chains[0].reason


def test_alleged_reports_relaying_one_speaker_are_one_source_across_outlets():
    corpus = docs((1, "NPW", ()), (2, "Valley Post", ()), (3, "Harbour Times", ()), (4, "NPW", ()))
    reports = [Report(1, speakers=frozenset({WITNESS}), alleged=True),
               Report(2, speakers=frozenset({WITNESS}), alleged=True),
               Report(3, speakers=frozenset({WITNESS}), alleged=True),
               Report(4, speakers=frozenset({MINISTER}), alleged=True)]
    result = independence(reports, corpus, copies={}, outlet_names=NAMES)
    assert result.independent == 2
    assert chain_sets(result) == [[1, 2, 3], [4]]
    witness = next(c for c in result.chains if 1 in c.document_ids)
    assert witness.origin == "Ruta Saar"
    assert "relays the same speaker (Ruta Saar)" in witness.reason


def test_a_document_relaying_two_speakers_does_not_bridge_their_chains():
    corpus = docs((1, "NPW", ()), (2, "Valley Post", ()), (3, "Harbour Times", ()), (4, "Bay Courier", ()))
    reports = [Report(1, speakers=frozenset({WITNESS}), alleged=True),
               Report(2, speakers=frozenset({WITNESS}), alleged=True),
               Report(3, speakers=frozenset({WITNESS, MINISTER}), alleged=True),
               Report(4, speakers=frozenset({MINISTER}), alleged=True)]
    result = independence(reports, corpus, copies={}, outlet_names=NAMES)
    assert chain_sets(result) == [[1, 2, 3], [4]]


def test_speakers_do_not_join_reports_of_actual_events():
    corpus = docs((1, "NPW", ()), (2, "Valley Post", ()))
    reports = [Report(1, speakers=frozenset({WITNESS})), Report(2, speakers=frozenset({WITNESS}))]
    assert independence(reports, corpus, copies={}, outlet_names=NAMES).independent == 2


def test_an_outlet_named_as_speaker_is_a_citation():
    corpus = docs((1, "NPW", ()), (2, "Valley Post", ()))
    reports = [Report(1), Report(2, speakers=frozenset({NPW}), alleged=True)]
    result = independence(reports, corpus, copies={}, outlet_names=NAMES)
    assert chain_sets(result) == [[1, 2]]
    assert "cites Northern Press Wire" in result.chains[0].reason


def test_report_attribution_comes_before_the_documents_citations():
    corpus = docs((1, "NPW", ()), (2, "Valley Post", (NPW,)), (3, "Bay Courier", ()))
    reports = [Report(1), Report(2, attributed_to=frozenset({COURIER_ENTITY})), Report(3)]
    result = independence(reports, corpus, copies={}, outlet_names=NAMES)
    assert chain_sets(result) == [[1], [2, 3]]


def test_citing_its_own_outlet_is_not_a_citation():
    corpus = docs((1, "Bay Courier", (COURIER_ENTITY,)), (2, "Valley Post", ()))
    result = independence([Report(1), Report(2)], corpus, copies={}, outlet_names=NAMES)
    assert chain_sets(result) == [[1], [2]]
    assert result.chains[0].reason == "document 1 published by Bay Courier"


def test_unnamed_citations_still_group_and_say_so():
    corpus = docs((1, "Valley Post", (99,)), (2, "Harbour Times", (99,)))
    result = independence([Report(1), Report(2)], corpus, copies={})
    assert chain_sets(result) == [[1, 2]]
    assert result.chains[0].origin == "entity #99"
    assert result.chains[0].reason.startswith("cites entity #99")


def test_several_reports_in_one_document_count_once():
    corpus = docs((1, "NPW", ()), (2, "Valley Post", ()))
    result = independence([Report(1), Report(1), Report(2)], corpus, copies={}, outlet_names=NAMES)
    assert result.sources == 2
    assert result.independent == 2


def test_outlet_labels_match_by_acronym_and_normalised_name():
    assert same_outlet("NPW", "the Northern Press Wire")
    assert same_outlet("The Bay Courier", "bay courier")
    assert not same_outlet("NPW", "Bay Courier")
    assert not same_outlet("", "NPW")


def test_no_reports():
    result = independence([], {}, copies={})
    assert (result.sources, result.independent, result.chains) == (0, 0, [])
