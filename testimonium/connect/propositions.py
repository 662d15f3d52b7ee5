"""Group claims that state one proposition, and find claims that contradict a proposition.

Two claims state the same proposition when their contents mean the same. The pair score is the
sentence-embedding cosine plus a share of common content words, plus a bonus when one canonical
speaker says both: one lawyer's "they would appeal" and "the decision will be appealed" are one
statement retold by two outlets. Clusters grow by average linkage over candidate pairs.

A negating claim (stance `deny`, or a negation cue from `data/negation.txt` governing its main
clause) never joins a positive proposition, however close its words are: "there are no camps"
repeats the words of "people are held in camps" but says the opposite. It joins other negating
claims, and its cluster is reported as contradicting the positive propositions it denies: the
statement it denies (main clause, cues removed) must be close in meaning to a claim that involves
an entity the negating claim names.

Cost (blocking): grouping scores only each claim's nearest neighbours in embedding space, overall
and among its speaker's claims; contradiction scores only claims that share an entity with the
denial. The neighbour search is a chunked matrix product.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from spacy.language import Language
from spacy.tokens import Doc

from testimonium.connect.embeddings import Embedder
from testimonium.connect.records import ClaimRef


@dataclass(frozen=True)
class Thresholds:
    """Every cut-off of proposition grouping, in one place. Similarities are MiniLM cosines.

    - `same`: the mean pair score two clusters need to merge. A pair scores cosine
      + `word_weight` x (shared content lemmas / all content lemmas) + `speaker_bonus` when one
      canonical speaker says both. Retellings of one statement score 0.85-1.5 (a verbatim copy:
      1 + 0.5); claims on one topic that say different things ("thousands detained since 2017" /
      "a million held in camps", "she taught in a camp" / "she feared being sent back") score
      0.6-0.8. Measured on the cross-document set, 0.80-0.84 gives the same result.
    - `speaker_bonus`: a person's statement retold by several outlets varies more in wording
      ("they would appeal" / "the decision will be appealed", cosine 0.63), yet one speaker also
      makes several different claims on one topic, so the bonus is small.
    - `word_weight`: shared content words separate retellings from same-topic claims better than
      the embedding alone (the embedding misses "appeal"/"appealed" as the same word).
    - `contradiction`: the denied statement against a positive claim. A denial rephrases what
      it denies loosely ("there are camps in Xinjiang" / "a million held in camps", about 0.6);
      the shared-entity requirement guards against topic-only matches. 0.50-0.60 measure alike.
    - `contradiction_of_named`: the bar when the negating claim names the speaker of the claim
      ("Sauytbay never worked at any camp" / her "she had been forced to teach in a camp", 0.41).
      A name against a pronoun costs MiniLM about 0.3 of cosine, and naming the speaker is
      itself strong evidence of what is denied.
    - `denial_merge`: two negating claims that deny one proposition and are this close state one
      counter-proposition (a government's several denials of one report).
    - `neighbours`: how many nearest neighbours of each claim are scored for grouping.
    """

    same: float = 0.82
    speaker_bonus: float = 0.08
    word_weight: float = 0.5
    contradiction: float = 0.55
    contradiction_of_named: float = 0.40
    denial_merge: float = 0.5
    neighbours: int = 20


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Contradiction:
    """`claim_id` (a negating claim) contradicts the proposition `result.clusters[cluster]`.

    `score` is the best similarity between a member of the negating claim's cluster and a member
    of the contradicted cluster; a claim inherits its cluster's contradictions.
    """

    claim_id: int
    cluster: int
    score: float


@dataclass
class PropositionResult:
    """Every claim in exactly one cluster; clusters are ordered by their smallest claim id.

    `negating` holds the ids of claims read as denials; a cluster of them is a counter-proposition.
    """

    clusters: list[tuple[int, ...]]
    contradictions: list[Contradiction]
    negating: frozenset[int]

    def cluster_of(self) -> dict[int, int]:
        """claim id -> index of its cluster."""
        return {claim_id: i for i, members in enumerate(self.clusters) for claim_id in members}

    def contradicted_by(self, cluster: int) -> list[int]:
        """Ids of the claims that contradict `clusters[cluster]`."""
        return [c.claim_id for c in self.contradictions if c.cluster == cluster]


@lru_cache(maxsize=1)
def negation_cues() -> tuple[str, ...]:
    text = (files("testimonium.connect") / "data" / "negation.txt").read_text(encoding="utf-8")
    cues = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    # Longest first, so "no one" is removed as a whole before "no".
    return tuple(sorted({c for c in cues if c}, key=len, reverse=True))


def _cue_regex(cue: str) -> str:
    body = re.escape(cue).replace("'", "['’]")
    # A clitic ("n't") is glued to its verb, so it needs no word boundary before it.
    before = "" if cue.startswith("n'") else r"(?<![\w'’])"
    return rf"{before}{body}(?!\w)"


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    return re.compile("|".join(_cue_regex(c) for c in negation_cues()), re.IGNORECASE)


def clean(content: str) -> str:
    """The claim content as a sentence: quotes and trailing punctuation off, whitespace collapsed."""
    text = " ".join(content.split())
    return text.strip(" \"'“”‘’,.;:")


def has_negation(text: str) -> bool:
    return _cue_pattern().search(text) is not None


def without_negation(text: str) -> str:
    return " ".join(_cue_pattern().sub(" ", text).split())


# Dependency labels of a main verb's own arguments: "no" on one of these negates the statement
# ("there are no camps", "nobody was held"), while a cue deeper down negates only a side clause
# ("so that she cannot be handed over", "and posed no danger").
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "expl"})


def negates_main_clause(doc: Doc) -> bool:
    """True when a negation cue governs the first sentence's main verb or one of its arguments."""
    sentence = next(iter(doc.sents), None)
    if sentence is None:
        return False
    root = sentence.root
    for match in _cue_pattern().finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or span.start >= sentence.end:
            continue
        cue = span.root
        if cue == root or cue.head == root:
            return True
        if cue.head.head == root and cue.head.dep_ in _ARGUMENTS:
            return True
    return False


@lru_cache(maxsize=1)
def _default_parser() -> Language:
    # The extraction pipeline's own spaCy model, so no second model is installed for this.
    from testimonium.extract.pipeline import load_model

    return load_model("en_core_web_sm")


class _Sets:
    """Union-find over claim positions."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _nearest(queries: np.ndarray, corpus: np.ndarray, k: int, chunk: int = 2048) -> Iterable[tuple[int, int, float]]:
    """(query row, corpus row, cosine) for each query's k most similar corpus rows."""
    k = min(k, len(corpus))
    if k == 0:
        return
    for start in range(0, len(queries), chunk):
        sims = queries[start : start + chunk] @ corpus.T
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row, cols in enumerate(top):
            for col in cols:
                yield start + row, int(col), float(sims[row, col])


def _candidate_pairs(vectors: np.ndarray, claims: Sequence[ClaimRef], k: int) -> set[tuple[int, int]]:
    """Pairs worth scoring: each claim's nearest neighbours overall and among its speaker's claims.

    The second list keeps a speaker's loosely retold statement in reach when many near-copies of
    other statements crowd the overall neighbours.
    """
    blocks: list[list[int]] = [list(range(len(claims)))]
    by_speaker: dict[int, list[int]] = {}
    for i, claim in enumerate(claims):
        if claim.speaker is not None:
            by_speaker.setdefault(claim.speaker, []).append(i)
    blocks += [rows for rows in by_speaker.values() if len(rows) > 1]
    pairs: set[tuple[int, int]] = set()
    for rows in blocks:
        block = vectors[rows]
        for a, b, _ in _nearest(block, block, k + 1):
            if a != b:
                i, j = rows[a], rows[b]
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _involved(claim: ClaimRef) -> frozenset[int]:
    return claim.entities | ({claim.speaker} if claim.speaker is not None else frozenset())


# Side clauses dropped from a negating claim to leave the statement it denies: in "she never
# worked at any camp and her account was invented" only the first clause is the denied fact.
_SIDE_CLAUSES = frozenset({"conj", "cc", "parataxis", "advcl"})
_COMPLEMENTS = frozenset({"ccomp", "acl", "xcomp"})


def denied_statement(doc: Doc) -> str:
    """The first sentence's main clause, negation cues removed: what a negating claim denies."""
    sentence = next(iter(doc.sents), None)
    if sentence is None:
        return ""
    root = sentence.root
    # A noun-headed content ("reports that people were held, saying ...") carries its clause as a
    # complement, whose own side clauses go too.
    heads = [root] + [c for c in root.children if c.dep_ in _COMPLEMENTS]
    dropped: set[int] = set()
    for head in heads:
        for child in head.children:
            if child.dep_ in _SIDE_CLAUSES:
                dropped.update(t.i for t in child.subtree)
    kept = "".join(t.text_with_ws for t in sentence if t.i not in dropped)
    return without_negation(kept)


@dataclass(frozen=True)
class _Reading:
    """What the parser tells about one claim's content."""

    lemmas: frozenset[str]  # content words, for lexical overlap
    denied: str | None  # the statement the claim denies, None when it denies nothing
    personal: bool  # a personal pronoun is the subject: someone's own account ("she taught")


def _read(claim: ClaimRef, text: str, doc: Doc) -> _Reading:
    lemmas = frozenset(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop)
    denied = None
    if claim.stance == "deny" or (has_negation(text) and negates_main_clause(doc)):
        denied = denied_statement(doc) or text
    sentence = next(iter(doc.sents), None)
    personal = sentence is not None and any(
        t.dep_ in ("nsubj", "nsubjpass")
        and "Prs" in t.morph.get("PronType")
        and "Neut" not in t.morph.get("Gender")  # "it" is an institution or a thing, not a witness
        for t in sentence.root.children
    )
    return _Reading(lemmas=lemmas, denied=denied, personal=personal)


def read_claims(claims: Sequence[ClaimRef], texts: Sequence[str], parser: Language) -> list[_Reading]:
    return [
        _read(claim, text, doc)
        for claim, text, doc in zip(claims, texts, parser.pipe(texts, disable=["ner"]), strict=True)
    ]


def _denied_claims(
    claims: Sequence[ClaimRef],
    readings: Sequence[_Reading],
    negative: Sequence[int],
    affirmed: np.ndarray,
    vectors: np.ndarray,
    thresholds: Thresholds,
) -> dict[int, dict[int, float]]:
    """negating row -> positive rows it contradicts -> similarity of the denied statement."""
    positive = np.array([i for i, r in enumerate(readings) if r.denied is None], dtype=np.int64)
    if not len(positive) or not len(negative):
        return {}
    # A target must involve an entity the denial names, so the entity index is the whole
    # candidate set (blocking): no denial is compared with claims on other subjects.
    involving: dict[int, set[int]] = {}
    for t in positive:
        for entity in _involved(claims[t]):
            involving.setdefault(entity, set()).add(int(t))
    candidates = {n: set().union(*(involving.get(e, set()) for e in claims[n].entities)) for n in negative}

    row_of = {n: q for q, n in enumerate(negative)}
    targets: dict[int, dict[int, float]] = {}
    for n, rows in candidates.items():
        denier = claims[n]
        for t in rows:
            target = claims[t]
            if denier.speaker is not None and denier.speaker == target.speaker:
                continue  # a speaker restating or qualifying themselves, not a contradiction
            names_speaker = target.speaker is not None and target.speaker in denier.entities
            if readings[t].personal and not names_speaker:
                # Someone's account of their own experience is answered by a denial that names
                # them ("Sauytbay never worked at a camp"), not by a general one ("there are no
                # camps"), which answers the reports about the phenomenon.
                continue
            bar = thresholds.contradiction_of_named if names_speaker else thresholds.contradiction
            sim = float(affirmed[row_of[n]] @ vectors[t])
            if sim >= bar:
                targets.setdefault(n, {})[t] = sim
    return targets


def _average_linkage(
    n: int, candidates: Iterable[tuple[int, int]], affinity: Callable[[int, int], float], bar: float
) -> _Sets:
    """Agglomerative clustering: merge the two clusters with the highest mean pairwise affinity
    while it reaches `bar`. Only clusters joined by a candidate pair are ever compared.

    Average rather than single linkage, so one loose pair cannot chain a large proposition (a
    dozen retellings of one testimony) into a neighbouring one by the same speaker.
    """
    sets = _Sets(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    neighbours: dict[int, set[int]] = {i: set() for i in range(n)}
    heap: list[tuple[float, int, int]] = []
    for i, j in candidates:
        neighbours[i].add(j)
        neighbours[j].add(i)
        score = affinity(i, j)
        if score >= bar:
            heapq.heappush(heap, (-score, i, j))
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one side was merged since this pair was queued
        sets.union(a, b)
        root = sets.find(a)
        other = b if root == a else a
        members[root] += members.pop(other)
        neighbours[root] = (neighbours[root] | neighbours.pop(other)) - {a, b}
        for c in list(neighbours[root]):
            neighbours[c] = (neighbours[c] - {a, b}) | {root}
            score = sum(affinity(min(x, y), max(x, y)) for x in members[root] for y in members[c]) / (
                len(members[root]) * len(members[c])
            )
            if score >= bar:
                heapq.heappush(heap, (-score, min(root, c), max(root, c)))
    return sets


def group_claims(
    claims: Sequence[ClaimRef],
    embedder: Embedder,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    parser: Language | None = None,
) -> PropositionResult:
    """Cluster `claims` into propositions and find which clusters negating claims contradict.

    `parser` is a spaCy pipeline with a tagger, lemmatizer and dependency parser (default: the
    extraction model): it finds the scope of negation cues, content lemmas and pronoun subjects.
    """
    if not claims:
        return PropositionResult([], [], frozenset())
    texts = [clean(c.content) for c in claims]
    parser = parser or _default_parser()
    readings = read_claims(claims, texts, parser)
    negating = [r.denied is not None for r in readings]
    vectors = embedder.encode(texts)
    negative = [i for i in range(len(claims)) if negating[i]]
    affirmed = embedder.encode([readings[i].denied or "" for i in negative])
    words = [r.lemmas for r in readings]

    @lru_cache(maxsize=None)
    def affinity(i: int, j: int) -> float:
        if negating[i] != negating[j]:
            return -1.0
        shared = len(words[i] & words[j]) / max(1, len(words[i] | words[j]))
        score = float(vectors[i] @ vectors[j]) + thresholds.word_weight * shared
        if claims[i].speaker is not None and claims[i].speaker == claims[j].speaker:
            score += thresholds.speaker_bonus
        return score

    candidates = _candidate_pairs(vectors, claims, thresholds.neighbours)
    sets = _average_linkage(len(claims), candidates, affinity, thresholds.same)

    targets = _denied_claims(claims, readings, negative, affirmed, vectors, thresholds)

    # Negating claims that deny one proposition and are close in meaning state one counter-claim.
    deniers: dict[int, list[int]] = {}
    for n, found in targets.items():
        for root in {sets.find(t) for t in found}:
            deniers.setdefault(root, []).append(n)
    for rows in deniers.values():
        for x, n in enumerate(rows):
            for m in rows[x + 1 :]:
                if float(vectors[n] @ vectors[m]) >= thresholds.denial_merge:
                    sets.union(n, m)

    groups: dict[int, list[int]] = {}
    for i in range(len(claims)):
        groups.setdefault(sets.find(i), []).append(i)
    ordered = sorted(groups.values(), key=lambda rows: min(claims[r].id for r in rows))
    clusters = [tuple(sorted(claims[r].id for r in rows)) for rows in ordered]
    index_of_root = {sets.find(rows[0]): k for k, rows in enumerate(ordered)}

    contradictions = []
    for rows in ordered:
        best: dict[int, float] = {}
        support: dict[int, int] = {}
        for n in rows:
            for cluster in {index_of_root[sets.find(t)] for t in targets.get(n, {})}:
                support[cluster] = support.get(cluster, 0) + 1
            for t, score in targets.get(n, {}).items():
                cluster = index_of_root[sets.find(t)]
                best[cluster] = max(score, best.get(cluster, -1.0))
        # A counter-proposition contradicts what most of its statements deny; a proposition that
        # only one of several denials happens to resemble ("no camps" / "I taught in a camp") is
        # left out.
        denied = sorted(c for c, votes in support.items() if 2 * votes >= len(rows))
        contradictions.extend(
            Contradiction(claim_id=claims[n].id, cluster=cluster, score=best[cluster]) for n in rows for cluster in denied
        )
    return PropositionResult(
        clusters=clusters,
        contradictions=contradictions,
        negating=frozenset(claims[i].id for i in range(len(claims)) if negating[i]),
    )
