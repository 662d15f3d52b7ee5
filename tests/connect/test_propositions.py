"""Grouping claims into propositions and finding the claims that contradict them.

Runs the real MiniLM encoder and the extraction's spaCy model on short claims written for these
tests: a lawyer retold by several outlets, a witness's account, a monitors' figure, a ministry's
general denial and an embassy's denial that names the witness.
"""

from __future__ import annotations

import pytest

from testimonium.connect.embeddings import Embedder
from testimonium.connect.propositions import (
    PropositionResult,
    denied_statement,
    group_claims,
    has_negation,
    negates_main_clause,
    without_negation,
)
from testimonium.connect.records import ClaimRef
from testimonium.extract.pipeline import load_model

LAWYER, WITNESS, MINISTRY, EMBASSY, MONITORS = 1, 2, 3, 4, 5
PROVINCE, CITY, VALLEY = 10, 11, 12


def claim(claim_id: int, document_id: int, content: str, speaker: int | None = None, entities=(),
          stance: str = "assert") -> ClaimRef:
    return ClaimRef(id=claim_id, document_id=document_id, content=content, stance=stance, speaker=speaker,
                    speaker_text=None, entities=frozenset(entities))


CLAIMS = [
    claim(1, 1, "the defence would appeal the ruling", LAWYER),
    claim(2, 2, "they would appeal", LAWYER),
    claim(3, 3, "the ruling will be appealed", LAWYER),
    claim(4, 1, "his client would stay in the city while the appeal was heard", LAWYER, [CITY]),
    claim(5, 1, "she had been made to work as a guard in a prison camp in the province", WITNESS, [PROVINCE]),
    claim(6, 2, "she had been forced to work as a guard at a prison camp in the province", WITNESS, [PROVINCE]),
    claim(7, 3, "tens of thousands of farmers have been held in prison camps in the province since 2019",
          MONITORS, [PROVINCE]),
    claim(8, 4, "tens of thousands of farmers have been held in prison camps in the province since 2019",
          MONITORS, [PROVINCE]),
    claim(9, 4, "There are no prison camps in the province. The sites are schools.", MINISTRY, [PROVINCE]),
    claim(10, 5, "Ms Dara had never worked at any camp and her story was made up", EMBASSY, [WITNESS]),
    claim(11, 5, "the harvest was larger than last year"),
]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


@pytest.fixture(scope="module")
def parser():
    return load_model("en_core_web_sm")


@pytest.fixture(scope="module")
def result(embedder: Embedder, parser) -> PropositionResult:
    return group_claims(CLAIMS, embedder, parser=parser)


def together(result: PropositionResult, *claim_ids: int) -> bool:
    cluster_of = result.cluster_of()
    return len({cluster_of[i] for i in claim_ids}) == 1


def contradicts(result: PropositionResult, denier: int, member: int) -> bool:
    return denier in result.contradicted_by(result.cluster_of()[member])


def test_every_claim_is_in_exactly_one_cluster(result: PropositionResult) -> None:
    ids = [claim_id for cluster in result.clusters for claim_id in cluster]
    assert sorted(ids) == [c.id for c in CLAIMS]


def test_one_speakers_statement_retold_by_several_outlets_is_one_proposition(result: PropositionResult) -> None:
    assert together(result, 1, 2, 3)
    assert together(result, 5, 6)
    assert together(result, 7, 8)


def test_different_statements_of_one_speaker_stay_apart(result: PropositionResult) -> None:
    assert not together(result, 1, 4)
    assert not together(result, 5, 7)
    assert (11,) in result.clusters


def test_a_general_denial_is_its_own_proposition_and_contradicts_the_reports(result: PropositionResult) -> None:
    assert 9 in result.negating
    assert not together(result, 9, 7)
    assert contradicts(result, 9, 7)


def test_a_general_denial_does_not_answer_a_personal_account(result: PropositionResult) -> None:
    assert not contradicts(result, 9, 5)


def test_a_denial_naming_the_witness_contradicts_her_account(result: PropositionResult) -> None:
    assert 10 in result.negating
    assert not together(result, 10, 5)
    assert contradicts(result, 10, 5)
    assert not contradicts(result, 10, 7)


def test_denials_of_one_report_form_one_counter_proposition(embedder: Embedder, parser) -> None:
    claims = CLAIMS + [
        claim(12, 6, "reports that farmers were held in prison camps in the province", MINISTRY, [PROVINCE],
              stance="deny"),
    ]
    result = group_claims(claims, embedder, parser=parser)
    assert 12 in result.negating
    assert together(result, 9, 12)
    assert contradicts(result, 12, 7) and contradicts(result, 9, 7)


def test_a_denial_about_another_place_contradicts_nothing(embedder: Embedder, parser) -> None:
    claims = [c for c in CLAIMS if c.id != 9] + [
        claim(13, 6, "There are no prison camps in the valley", MINISTRY, [VALLEY]),
    ]
    result = group_claims(claims, embedder, parser=parser)
    assert 13 in result.negating
    assert result.contradicted_by(result.cluster_of()[7]) == []


def test_negation_in_a_side_clause_is_not_a_denial(embedder: Embedder, parser) -> None:
    claims = [
        claim(1, 1, "his client will apply for asylum so that she cannot be sent back", LAWYER),
        claim(2, 2, "his client intends to apply for asylum so she cannot be sent back", LAWYER),
    ]
    result = group_claims(claims, embedder, parser=parser)
    assert result.negating == frozenset()
    assert result.clusters == [(1, 2)]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("nobody was released", True),
        ("the court did not hear the case", True),
        ("there was no trial", True),
        ("he never saw the report", True),
        ("the court heard the case", False),
        ("his client will apply for asylum so that she cannot be sent back", False),
        ("the farmers, who had not been paid, marched to the square", False),
    ],
)
def test_negation_scope(parser, text: str, negated: bool) -> None:
    assert negates_main_clause(parser(text)) is negated


@pytest.mark.parametrize(
    ("text", "cue_free"),
    [
        ("the guards didn’t release him", "the guards did release him"),
        ("the guards didn't release him", "the guards did release him"),
        ("no one was charged", "was charged"),
        ("the notice was posted", None),
        ("a knotted rope", None),
    ],
)
def test_negation_cues_are_whole_words(text: str, cue_free: str | None) -> None:
    assert has_negation(text) is (cue_free is not None)
    assert without_negation(text) == (cue_free or text)


def test_denied_statement_keeps_the_main_clause_without_the_cue(parser) -> None:
    assert denied_statement(parser("she never taught at the camp and her story was made up")) == "she taught at the camp"


def test_no_claims_no_clusters(embedder: Embedder, parser) -> None:
    assert group_claims([], embedder, parser=parser) == PropositionResult([], [], frozenset())
