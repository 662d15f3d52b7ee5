"""Run the connect stage over a store: resolve entities, group events and claims, judge sources.

Entity resolution is incremental: each per-document entity gets blocking keys once, and a run
re-resolves only the entities that share a key with entities that have none yet (new or
re-extracted documents), together with the whole clusters they belong to. Event groups,
propositions, copies and source chains are recomputed from the stored records each run; claim
embeddings are cached per claim, so only new claims are encoded.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, func, insert, select, update

from testimonium.connect.aliases import find_alias_statements
from testimonium.connect.copies import find_copies
from testimonium.connect.events import group_events
from testimonium.connect.independence import independence
from testimonium.connect.propositions import group_claims
from testimonium.connect.records import ClaimRef, Decision, EntityRef, EventRef, Report, SourceDoc
from testimonium.connect.resolve import blocking_keys, canonical_name, resolve
from testimonium.store import Store
from testimonium.store.database import begin_write
from testimonium.store.schema import (
    canonical_entities,
    claim_embeddings,
    claims,
    contradictions,
    document_copies,
    documents,
    entities,
    entity_aliases,
    entity_clusters,
    entity_decisions,
    entity_keys,
    event_group_members,
    event_groups,
    events,
    mentions,
    proposition_members,
    propositions,
    roles,
)

Progress = Callable[[str], None]


@dataclass
class ConnectReport:
    new_entities: int = 0
    resolved_entities: int = 0
    canonical_entities: int = 0
    event_groups: int = 0
    propositions: int = 0
    contradictions: int = 0
    copies: int = 0
    encoded_claims: int = 0
    notes: list[str] = field(default_factory=list)


def connect(store: Store, *, embedder=None, progress: Progress | None = None) -> ConnectReport:
    """Bring the store's cross-document links up to date with its per-document records."""
    say = progress or (lambda _message: None)
    report = ConnectReport()
    with begin_write(store.engine) as conn:
        say("resolving entities")
        _resolve_entities(conn, report)
        # Re-extraction deletes entity rows, and with them their cluster rows.
        conn.execute(delete(canonical_entities).where(
            canonical_entities.c.id.not_in(select(entity_clusters.c.canonical_id))
        ))
        say("finding copies")
        sources = _sources(conn)
        _record_copies(conn, sources, report)
        say("grouping events")
        _group_events(conn, sources, report)
        say("grouping claims")
        _group_claims(conn, sources, embedder, report)
        report.canonical_entities = conn.execute(select(func.count()).select_from(canonical_entities)).scalar_one()
    return report


# -- entities -----------------------------------------------------------------------------------


def _resolve_entities(conn: Connection, report: ConnectReport) -> None:
    keyed = select(entity_keys.c.entity_id).distinct()
    new_ids = list(conn.execute(select(entities.c.id).where(entities.c.id.not_in(keyed))).scalars())
    report.new_entities = len(new_ids)
    if not new_ids:
        return
    _record_alias_statements(conn, new_ids)
    new_refs = _entity_refs(conn, new_ids)
    new_keys: set[str] = set()
    key_rows = []
    for ref in new_refs:
        keys = blocking_keys(ref) or {f"entity:{ref.id}"}
        new_keys |= keys
        key_rows += [{"entity_id": ref.id, "key": key} for key in keys]
    conn.execute(insert(entity_keys), key_rows)

    affected = set(new_ids)
    for chunk in _chunks(sorted(new_keys)):
        affected |= set(conn.execute(
            select(entity_keys.c.entity_id).where(entity_keys.c.key.in_(chunk))
        ).scalars())
    affected |= _decided_with(conn, new_refs)
    report.resolved_entities = reresolve(conn, affected)


def _decided_with(conn: Connection, refs: Sequence[EntityRef]) -> set[int]:
    """Entities a person's decision ties to these ones: a merge must reach across blocks."""
    sides = {(ref.document_id, ref.name) for ref in refs}
    partners: set[tuple[int, str]] = set()
    for row in conn.execute(select(entity_decisions)):
        if (row.a_document_id, row.a_name) in sides:
            partners.add((row.b_document_id, row.b_name))
        if (row.b_document_id, row.b_name) in sides:
            partners.add((row.a_document_id, row.a_name))
    found: set[int] = set()
    for document_id, name in partners:
        found |= set(conn.execute(select(entities.c.id).where(
            entities.c.document_id == document_id, entities.c.name == name)).scalars())
    return found


def reresolve(conn: Connection, entity_ids: Iterable[int]) -> int:
    """Resolve these entities again, with every cluster they belong to; return how many were."""
    affected = set(entity_ids)
    # Whole clusters, so a cluster is never half re-resolved.
    old_canonical: dict[int, int] = {}
    for chunk in _chunks(sorted(affected)):
        old_canonical.update(conn.execute(
            select(entity_clusters.c.entity_id, entity_clusters.c.canonical_id)
            .where(entity_clusters.c.entity_id.in_(chunk))
        ).all())
    for chunk in _chunks(sorted(set(old_canonical.values()))):
        for entity_id, canonical_id in conn.execute(
            select(entity_clusters.c.entity_id, entity_clusters.c.canonical_id)
            .where(entity_clusters.c.canonical_id.in_(chunk))
        ):
            affected.add(entity_id)
            old_canonical[entity_id] = canonical_id

    refs = {ref.id: ref for ref in _entity_refs(conn, sorted(affected))}
    clusters = resolve(list(refs.values()), _decisions(conn, refs.values()))
    _write_clusters(conn, clusters, refs, old_canonical)
    return len(refs)


def _record_alias_statements(conn: Connection, entity_ids: Sequence[int]) -> None:
    """Attach each "X, also known as Y" to the entity one of whose mentions is X (or Y)."""
    by_document: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for chunk in _chunks(entity_ids):
        for entity_id, document_id, start, end in conn.execute(
            select(mentions.c.entity_id, mentions.c.document_id, mentions.c.start, mentions.c.end)
            .where(mentions.c.entity_id.in_(chunk))
        ):
            by_document[document_id].append((start, end, entity_id))
    rows = []
    for document_id, spans in by_document.items():
        text = conn.execute(select(documents.c.text).where(documents.c.id == document_id)).scalar_one()
        for statement in find_alias_statements(text):
            sides = [(statement.first, statement.first_start, statement.first_end),
                     (statement.second, statement.second_start, statement.second_end)]
            for (name, start, end), (other, other_start, other_end) in (sides, sides[::-1]):
                for span_start, span_end, entity_id in spans:
                    if span_start < end and start < span_end:
                        rows.append({"entity_id": entity_id, "alias": other, "start": other_start, "end": other_end})
    if rows:
        unique = {(row["entity_id"], row["alias"]): row for row in rows}
        conn.execute(insert(entity_aliases), list(unique.values()))


def _entity_refs(conn: Connection, entity_ids: Sequence[int]) -> list[EntityRef]:
    forms: dict[int, Counter[str]] = defaultdict(Counter)
    stated: dict[int, set[str]] = defaultdict(set)
    rows = {}
    for chunk in _chunks(entity_ids):
        for row in conn.execute(
            select(entities.c.id, entities.c.document_id, entities.c.type, entities.c.name)
            .where(entities.c.id.in_(chunk))
        ):
            rows[row.id] = row
        for entity_id, text in conn.execute(
            select(mentions.c.entity_id, mentions.c.text).where(mentions.c.entity_id.in_(chunk))
        ):
            forms[entity_id][text] += 1
        for entity_id, alias in conn.execute(
            select(entity_aliases.c.entity_id, entity_aliases.c.alias).where(entity_aliases.c.entity_id.in_(chunk))
        ):
            stated[entity_id].add(alias)
    refs = []
    for entity_id in entity_ids:
        row = rows.get(entity_id)
        if row is None:
            continue
        aliases = sorted((set(forms[entity_id]) | stated[entity_id]) - {row.name})
        refs.append(EntityRef(id=row.id, document_id=row.document_id, type=row.type, name=row.name,
                              aliases=tuple(aliases), mention_count=max(1, sum(forms[entity_id].values()))))
    return refs


def _decisions(conn: Connection, refs: Iterable[EntityRef]) -> list[Decision]:
    """People's decisions whose both sides are among these entities, by (document, name)."""
    by_key: dict[tuple[int, str], list[int]] = defaultdict(list)
    for ref in refs:
        by_key[(ref.document_id, ref.name)].append(ref.id)
    found = []
    for row in conn.execute(select(entity_decisions).order_by(entity_decisions.c.id)):
        for a in by_key.get((row.a_document_id, row.a_name), []):
            for b in by_key.get((row.b_document_id, row.b_name), []):
                found.append(Decision(row.kind, a, b))
    return found


def _write_clusters(conn: Connection, clusters: list[list[int]], refs: dict[int, EntityRef],
                    old_canonical: dict[int, int]) -> None:
    """Keep canonical ids stable: a cluster keeps the id most of its members already had."""
    member_ids = [entity_id for cluster in clusters for entity_id in cluster]
    for chunk in _chunks(member_ids):
        conn.execute(delete(entity_clusters).where(entity_clusters.c.entity_id.in_(chunk)))
    taken: set[int] = set()
    for cluster in sorted(clusters, key=len, reverse=True):
        members = [refs[entity_id] for entity_id in cluster]
        votes = Counter(old_canonical[entity_id] for entity_id in cluster if entity_id in old_canonical)
        canonical_id = next((cid for cid, _ in votes.most_common() if cid not in taken), None)
        kind = Counter(member.type for member in members).most_common(1)[0][0]
        name = canonical_name(members)
        if canonical_id is None:
            canonical_id = conn.execute(
                insert(canonical_entities).values(type=kind, name=name).returning(canonical_entities.c.id)
            ).scalar_one()
        else:
            conn.execute(update(canonical_entities).where(canonical_entities.c.id == canonical_id)
                         .values(type=kind, name=name))
        taken.add(canonical_id)
        conn.execute(insert(entity_clusters), [{"entity_id": m.id, "canonical_id": canonical_id} for m in members])
    orphaned = set(old_canonical.values()) - taken
    for chunk in _chunks(sorted(orphaned)):
        still_used = select(entity_clusters.c.canonical_id).where(entity_clusters.c.canonical_id.in_(chunk))
        conn.execute(delete(canonical_entities).where(
            canonical_entities.c.id.in_(chunk), canonical_entities.c.id.not_in(still_used)
        ))


@dataclass
class _Sources:
    """What event and claim grouping both need, read once per run: document texts are the
    largest thing connect loads."""

    canonical: dict[int, int]
    docs: dict[int, SourceDoc]
    outlet_names: dict[int, str]
    claim_speakers: dict[int, set[int]]
    claim_citations: dict[int, set[int]]
    copies: dict[int, int] = field(default_factory=dict)


def _sources(conn: Connection) -> _Sources:
    canonical = dict(conn.execute(select(entity_clusters.c.entity_id, entity_clusters.c.canonical_id)).all())
    speakers, citations = _claim_origins(conn, canonical)
    return _Sources(canonical=canonical, docs=_source_docs(conn, canonical),
                    outlet_names=dict(conn.execute(select(canonical_entities.c.id, canonical_entities.c.name)).all()),
                    claim_speakers=speakers, claim_citations=citations)


# -- documents as sources ------------------------------------------------------------------------


# A story's own attribution ("…, SWS reported") sits in its lead paragraph; attributions further
# down concern single statements and must not make the whole document depend on that outlet.
LEAD_MIN_WORDS = 12


def lead_span(text: str) -> tuple[int, int]:
    """Offsets of the lead: the first paragraph long enough to be prose, past headline and byline."""
    position = 0
    for paragraph in re.split(r"(\n\s*\n|\n)", text):
        if len(paragraph.split()) >= LEAD_MIN_WORDS:
            return position, position + len(paragraph)
        position += len(paragraph)
    return 0, 0


def _source_docs(conn: Connection, canonical: dict[int, int]) -> dict[int, SourceDoc]:
    rows = list(conn.execute(select(documents.c.id, documents.c.outlet, documents.c.text, documents.c.published)))
    leads = {row.id: lead_span(row.text) for row in rows}
    cites: dict[int, set[int]] = defaultdict(set)
    speaker = entities.alias("speaker_entity")
    for document_id, start, cue, role, entity_id, kind in conn.execute(
        select(roles.c.document_id, claims.c.start, claims.c.cue, roles.c.role, roles.c.entity_id, speaker.c.type)
        .join(claims, claims.c.id == roles.c.claim_id)
        .join(speaker, speaker.c.id == roles.c.entity_id)
        .where(roles.c.role.in_(("reported_by", "speaker")))
    ):
        first, last = leads[document_id]
        if not first <= start < last:
            continue
        # "…, SWS reported" may come out as SWS speaking: an outlet, or whoever "reported", as
        # the speaker of the lead is a citation too.
        if role == "reported_by" or kind == "media" or (cue or "").lower().startswith("report"):
            cites[document_id].add(canonical.get(entity_id, -entity_id))
    return {
        row.id: SourceDoc(id=row.id, outlet=row.outlet, text=row.text, published=row.published,
                          cites=frozenset(cites[row.id]))
        for row in rows
    }


def _record_copies(conn: Connection, sources: _Sources, report: ConnectReport) -> None:
    sources.copies = find_copies(list(sources.docs.values()))
    conn.execute(delete(document_copies))
    if sources.copies:
        conn.execute(insert(document_copies),
                     [{"document_id": d, "original_id": o} for d, o in sources.copies.items()])
    report.copies = len(sources.copies)


# -- events ---------------------------------------------------------------------------------------


def _group_events(conn: Connection, sources: _Sources, report: ConnectReport) -> None:
    canonical = sources.canonical
    participants: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for event_id, entity_id, role in conn.execute(
        select(roles.c.event_id, roles.c.entity_id, roles.c.role).where(roles.c.event_id.is_not(None))
    ):
        participants[event_id][role].add(canonical.get(entity_id, -entity_id))
    rows = list(conn.execute(select(events)))
    refs = [
        EventRef(id=row.id, document_id=row.document_id, type=row.type, outcome=row.outcome,
                 modality=row.modality, date=row.date, trigger_text=row.trigger_text or "",
                 agents=frozenset(participants[row.id]["agent"]), patients=frozenset(participants[row.id]["patient"]),
                 places=frozenset(participants[row.id]["place"]), claim_id=row.claim_id)
        for row in rows
    ]
    by_id = {ref.id: ref for ref in refs}
    people = set(conn.execute(
        select(canonical_entities.c.id).where(canonical_entities.c.type == "person")
    ).scalars())
    conn.execute(delete(event_groups))
    for cluster in group_events(refs, person_ids=people):
        members = [by_id[event_id] for event_id in cluster]
        reports = [
            Report(document_id=m.document_id,
                   speakers=frozenset(sources.claim_speakers.get(m.claim_id, ())),
                   attributed_to=frozenset(sources.claim_citations.get(m.claim_id, ())),
                   # Announced plans are relayed speech just as allegations are.
                   alleged=m.modality in ("alleged", "planned"))
            for m in members
        ]
        verdict = independence(reports, sources.docs, sources.copies, sources.outlet_names)
        group_id = conn.execute(insert(event_groups).values(
            type=_most_common(m.type for m in members),
            outcome=_most_common(m.outcome for m in members),
            modality=_most_common(m.modality for m in members),
            date=_most_precise_date(m.date for m in members),
            sources=verdict.sources, independent=verdict.independent,
            chains=_chains_json(verdict),
        ).returning(event_groups.c.id)).scalar_one()
        conn.execute(insert(event_group_members), [{"event_id": m.id, "group_id": group_id} for m in members])
        report.event_groups += 1


def _claim_origins(conn: Connection, canonical: dict[int, int]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    speakers: dict[int, set[int]] = defaultdict(set)
    sources: dict[int, set[int]] = defaultdict(set)
    for claim_id, entity_id, role in conn.execute(
        select(roles.c.claim_id, roles.c.entity_id, roles.c.role)
        .where(roles.c.claim_id.is_not(None), roles.c.role.in_(("speaker", "reported_by")))
    ):
        target = speakers if role == "speaker" else sources
        target[claim_id].add(canonical.get(entity_id, -entity_id))
    return speakers, sources


# -- claims -----------------------------------------------------------------------------------------


def _group_claims(conn: Connection, sources: _Sources, embedder, report: ConnectReport) -> None:
    canonical = sources.canonical
    rows = list(conn.execute(select(claims.c.id, claims.c.document_id, claims.c.content, claims.c.stance,
                                    claims.c.speaker_id, claims.c.speaker_text, claims.c.start, claims.c.end,
                                    claims.c.date)))
    inside: dict[int, set[int]] = defaultdict(set)
    for claim_id, entity_id in conn.execute(
        select(claims.c.id, mentions.c.entity_id)
        .join(mentions, (mentions.c.document_id == claims.c.document_id) & (mentions.c.start >= claims.c.start)
              & (mentions.c.end <= claims.c.end))
    ):
        inside[claim_id].add(canonical.get(entity_id, -entity_id))
    refs = [
        ClaimRef(id=row.id, document_id=row.document_id, content=row.content, stance=row.stance,
                 speaker=canonical.get(row.speaker_id) if row.speaker_id else None,
                 speaker_text=row.speaker_text, entities=frozenset(inside[row.id]),
                 reported_by=frozenset(sources.claim_citations.get(row.id, ())), date=row.date)
        for row in rows
    ]
    if embedder is None:
        from testimonium.connect.embeddings import Embedder

        embedder = Embedder.load()
    cached = _CachedEmbedder(conn, embedder, {ref.content: ref.id for ref in refs})
    result = group_claims(refs, cached)
    report.encoded_claims = cached.encoded
    by_id = {ref.id: ref for ref in refs}
    conn.execute(delete(propositions))
    proposition_ids = []
    for cluster in result.clusters:
        members = [by_id[claim_id] for claim_id in cluster]
        reports = [Report(document_id=m.document_id, speakers=frozenset(sources.claim_speakers.get(m.id, ())),
                          attributed_to=m.reported_by, alleged=True) for m in members]
        verdict = independence(reports, sources.docs, sources.copies, sources.outlet_names)
        proposition_id = conn.execute(insert(propositions).values(
            label=_label(members), sources=verdict.sources, independent=verdict.independent,
            chains=_chains_json(verdict),
        ).returning(propositions.c.id)).scalar_one()
        conn.execute(insert(proposition_members),
                     [{"claim_id": m.id, "proposition_id": proposition_id} for m in members])
        proposition_ids.append(proposition_id)
    pairs = {(found.claim_id, proposition_ids[found.cluster]) for found in result.contradictions}
    if pairs:
        conn.execute(insert(contradictions), [{"claim_id": c, "proposition_id": p} for c, p in sorted(pairs)])
    report.propositions = len(proposition_ids)
    report.contradictions = len(pairs)


class _CachedEmbedder:
    """Hands out stored vectors for claims already encoded with this model; encodes the rest."""

    def __init__(self, conn: Connection, embedder, claim_by_text: dict[str, int]) -> None:
        self.conn = conn
        self.embedder = embedder
        self.claim_by_text = claim_by_text
        self.encoded = 0

    def encode(self, texts: Sequence[str], batch_size: int = 32):
        import numpy as np

        model = self.embedder.name
        ids = [self.claim_by_text.get(text) for text in texts]
        known = {}
        for chunk in _chunks([i for i in ids if i is not None]):
            for claim_id, vector in self.conn.execute(
                select(claim_embeddings.c.claim_id, claim_embeddings.c.vector)
                .where(claim_embeddings.c.claim_id.in_(chunk), claim_embeddings.c.model == model)
            ):
                known[claim_id] = np.frombuffer(vector, dtype=np.float32)
        missing = [index for index, claim_id in enumerate(ids) if claim_id not in known]
        fresh = self.embedder.encode([texts[index] for index in missing], batch_size=batch_size) if missing else []
        self.encoded += len(missing)
        rows = []
        out = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        for index, claim_id in enumerate(ids):
            if claim_id in known:
                out[index] = known[claim_id]
        for position, index in enumerate(missing):
            out[index] = fresh[position]
            if ids[index] is not None:
                rows.append({"claim_id": ids[index], "model": model, "vector": fresh[position].astype(np.float32).tobytes()})
        if rows:
            stored = {r["claim_id"] for r in rows}
            for chunk in _chunks(sorted(stored)):
                self.conn.execute(delete(claim_embeddings).where(claim_embeddings.c.claim_id.in_(chunk)))
            conn_rows = list({r["claim_id"]: r for r in rows}.values())
            self.conn.execute(insert(claim_embeddings), conn_rows)
        return out


# -- helpers ------------------------------------------------------------------------------------------


def _chunks(items: Sequence, size: int = 500) -> Iterable[list]:
    items = list(items)
    for index in range(0, len(items), size):
        yield items[index:index + size]


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(value for value in values if value)
    return counts.most_common(1)[0][0] if counts else None


def _most_precise_date(values: Iterable[str | None]) -> str | None:
    """The most frequent of the most precise dates: "2018-10-05" over "2018-10"."""
    dated = [value for value in values if value]
    if not dated:
        return None
    longest = max(len(value) for value in dated)
    return Counter(value for value in dated if len(value) == longest).most_common(1)[0][0]


def _label(members: Sequence[ClaimRef]) -> str:
    asserted = [m for m in members if m.stance != "deny"] or list(members)
    return min(asserted, key=lambda m: (len(m.content), m.id)).content


def _chains_json(verdict) -> str:
    return json.dumps([{"origin": chain.origin, "documents": chain.document_ids, "reason": chain.reason}
                       for chain in verdict.chains], ensure_ascii=False, sort_keys=True)
