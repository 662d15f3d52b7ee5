"""Source chains: how many independent sources stand behind one event or proposition.

Every document reporting the cluster is placed in exactly one chain, by the first rule that
applies to it:

1. a near-verbatim copy is the same source as its original (it takes the original's chain when the
   original reports the cluster too, and is otherwise placed as if the original's outlet had
   published it);
2. for alleged events and propositions (reports with `alleged=True`; callers should also set it
   for announced, `planned` events, which are known only through whoever announced them),
   reports that relay the same speaker share that speaker as origin, whichever outlet carried
   them: ten outlets repeating one witness's allegation are one source. A document relaying two
   speakers goes with the one most relayed in the cluster, so it cannot bridge two origins;
3. a document that attributes the story to an outlet ("…, SWS reported") joins that outlet's
   chain (the report's own attribution first, else the document's);
4. documents of one outlet or organisation are one source;
5. otherwise each document is its own source.

Rule 2 comes before the outlet rules because it decides alleged events and propositions: one
outlet can relay two different speakers (two chains), and a speaker relayed by many outlets is one.
`sources` counts documents and `independent` counts chains. Each chain carries a one-line reason
naming the rule that joined each document, so a reader can see why two reports count once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from testimonium.connect.records import Chain, Independence, Report, SourceDoc

ARTICLE_RE = re.compile(r"^(?:the)\s+")


def _norm(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^\w]+", " ", ascii_name.casefold()).strip()
    return ARTICLE_RE.sub("", words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in _norm(name).split())


def _is_acronym_form(norm: str) -> bool:
    return " " not in norm and len(norm) > 1


def same_outlet(a: str, b: str) -> bool:
    """One outlet under two labels: equal after normalising, or one is the other's acronym
    ("SWS" / "the Steppe Wire Service")."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    return na == nb or (_is_acronym_form(na) and na == _initials(b)) or \
        (_is_acronym_form(nb) and nb == _initials(a))


class _OutletIndex:
    """Outlet labels indexed so that `same_outlet` against all of them is a few set lookups."""

    def __init__(self, labels) -> None:
        self.norms, self.acronyms, self.initials = set(), set(), set()
        for label in labels:
            n = _norm(label)
            if n:
                self.norms.add(n)
                self.initials.add(_initials(label))
                if _is_acronym_form(n):
                    self.acronyms.add(n)

    def __contains__(self, name: str) -> bool:
        n = _norm(name)
        return bool(n) and (n in self.norms or _initials(name) in self.acronyms
                            or (_is_acronym_form(n) and n in self.initials))


def _merge_reports(reports: Sequence[Report]) -> dict[int, Report]:
    """One report per document: a document saying it twice (headline and body) is one report."""
    merged: dict[int, Report] = {}
    for r in reports:
        seen = merged.get(r.document_id)
        merged[r.document_id] = r if seen is None else Report(
            r.document_id, seen.speakers | r.speakers, seen.attributed_to | r.attributed_to,
            seen.alleged or r.alleged)
    return merged


def independence(reports: Sequence[Report], docs: Mapping[int, SourceDoc], copies: Mapping[int, int],
                 outlet_names: Mapping[int, str] | None = None) -> Independence:
    """Chains of documents by origin for one cluster (an event or a proposition).

    `docs` describes the documents (outlet, citations); `copies` maps a copy to its original (from
    `find_copies`); `outlet_names` names canonical entity ids, both outlets (to match a citation
    with a document's outlet label) and speakers (for readable origins). Ids without a name are
    shown as "entity #id".
    """
    names = outlet_names or {}
    by_doc = _merge_reports(reports)
    doc_ids = sorted(by_doc)

    def entity_name(eid: int) -> str:
        return names.get(eid, f"entity #{eid}")

    def original(doc_id: int) -> int:
        seen = {doc_id}
        while doc_id in copies and copies[doc_id] not in seen:
            doc_id = copies[doc_id]
            seen.add(doc_id)
        return doc_id

    # outlet labels of the cluster's documents, so that a citation of entity 17 named
    # "Steppe Wire Service" lands in the chain of documents labelled "SWS"
    labels: list[str] = []

    def outlet_key(label: str) -> tuple[str, str]:
        for known in labels:
            if same_outlet(known, label):
                return ("outlet", known)
        labels.append(label)
        return ("outlet", label)

    for d in doc_ids:
        source = docs.get(original(d))
        if source is not None and source.outlet:
            outlet_key(source.outlet)

    every_outlet: list[_OutletIndex] = []

    def is_outlet(eid: int) -> bool:
        if eid not in names:
            return False
        if not every_outlet:
            every_outlet.append(_OutletIndex({doc.outlet for doc in docs.values() if doc.outlet}))
        return names[eid] in every_outlet[0]

    relay_count = Counter(p for r in by_doc.values() if r.alleged for p in r.speakers)
    keys: dict[int, tuple] = {}
    why: dict[int, str] = {}
    for d in doc_ids:
        report, root = by_doc[d], original(d)
        if root != d and root in by_doc:
            continue  # rule 1: placed with its original below
        source = docs.get(root)
        own = source.outlet if source is not None else None
        # "…, SWS reported" is often extracted as a claim with the outlet as speaker: an outlet
        # relayed is an outlet cited, not a witness
        outlets_speaking = {e for e in report.speakers if is_outlet(e)}
        cited = [e for e in sorted(report.attributed_to | outlets_speaking
                                   or (source.cites if source else frozenset()))
                 if not (own and e in names and same_outlet(own, names[e]))]
        relayed = sorted(report.speakers - outlets_speaking) if report.alleged else []
        if relayed:
            # a document relaying two speakers goes with the one most relayed in this cluster,
            # so that it does not bridge two otherwise separate origins
            main = max(relayed, key=lambda p: (relay_count[p], -p))
            keys[d] = ("speaker", main)
            why[d] = f"document {d} relays {entity_name(main)}"
        elif cited:
            keys[d] = outlet_key(names[cited[0]]) if cited[0] in names else ("entity", cited[0])
            why[d] = f"document {d} cites {entity_name(cited[0])}"
        elif own:
            keys[d] = outlet_key(own)
            why[d] = f"document {d} published by {own}"
        else:
            keys[d] = ("document", d)
            why[d] = f"document {d}: own account"
        if root != d:
            why[d] += f" (as a copy of document {root})"

    for d in doc_ids:
        root = original(d)
        if root != d and root in by_doc:
            keys[d] = keys[root]
            why[d] = f"document {d} is a copy of document {root}"

    groups: dict[tuple, list[int]] = defaultdict(list)
    for d in doc_ids:
        groups[keys[d]].append(d)

    chains = []
    for key, members in groups.items():
        chains.append(Chain(origin=_origin(key, entity_name), document_ids=members,
                            reason=_reason(key, members, why, entity_name)))
    chains.sort(key=lambda c: (-len(c.document_ids), c.document_ids[0]))
    return Independence(sources=len(doc_ids), independent=len(chains), chains=chains)


def _origin(key: tuple, entity_name) -> str:
    if key[0] == "outlet":
        return key[1]
    if key[0] in ("speaker", "entity"):
        return entity_name(key[1])
    return f"document {key[1]}"


def _reason(key: tuple, members: list[int], why: dict[int, str], entity_name) -> str:
    if len(members) == 1:
        return why[members[0]]
    if key[0] == "speaker":
        head = f"relays the same speaker ({entity_name(key[1])})"
    elif key[0] == "outlet":
        head = f"same outlet {key[1]}"
    else:
        head = f"cites {entity_name(key[1])}"
    return f"{head}: " + "; ".join(why[d] for d in members)
