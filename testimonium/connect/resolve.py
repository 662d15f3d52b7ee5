"""Cross-document entity resolution: which per-document entities are one person, body or place.

How it decides
- Each entity is reduced once to a *profile*: person name parts (`names.person_parts`), the core
  words of other names (`names.core_key`), its acronym, and its trustworthy aliases. Entities
  with equal profiles are compared once, as one *signature*.
- Two signatures are compared only when they share a blocking key (`blocking_keys`), so the cost
  grows with the number of entities, not with its square. A block with more than `BLOCK_CAP`
  distinct signatures is compared by sorted neighbourhood (each with its `WINDOW` nearest
  spellings) instead of all pairs.
- Persons: every part of the shorter name pairs with a part of the longer, with two spelled-out
  parts agreeing (`names.person_match`). A one-part name ("Sauytbay") never links by itself: only
  its multi-part aliases (e.g. from an alias statement) can link it, so a lone surname cannot glue
  two people together. A person mistyped as an organisation or facility links to a person on a
  full two-part match.
- Other types: equal core words among compatible types (`data/resolve/type_compat.tsv`). A bare
  abbreviation joins the long form whose initials it is when that long form makes up
  `ACRONYM_DOMINANCE` of the long forms in the abbreviation's block, and nothing when two compete;
  one whose document spells it out stands for that long form. All-lower-case names ("foreign
  ministry") are descriptions and never link.
- A shorter person name ("K. Zhumadilova", "Abzal Kuspanov") that fits two fuller names which
  contradict each other links to neither.
- People's decisions come first: merges are applied, then automatic links strongest first; any
  union that would put the two sides of a split decision in one cluster is refused.

Incremental runs: every comparison happens inside one block, and whether two entities link
depends on the two profiles and on nothing outside the blocks they share: the long forms of an
abbreviation's block (which one dominates), the fuller names a short name fits in its blocks
(ambiguity), and, for blocks over `BLOCK_CAP`, the sorted neighbourhood. A run over every entity
that shares a key with a new one holds each block a new entity is in whole, so it makes exactly
the full run's links for new entities; untouched clusters keep their links from earlier runs.
The residual risk is a block that is only partly present (an old entity's other keys): there a
context rule can judge from fewer members than a full run would.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
import re
from dataclasses import dataclass, replace

from testimonium.connect import names
from testimonium.connect.records import Decision, EntityRef

BLOCK_CAP = 300
WINDOW = 12
# Share of an acronym block's long-form entities that one long form needs before bare
# abbreviations are taken to mean it.
ACRONYM_DOMINANCE = 0.9

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)

# Link strengths: automatic links are applied strongest first, so that when a split decision
# forbids a union, the weaker evidence is what gets dropped.
_SAME_PROFILE = 1.0
_ALIAS_LINK = 0.85
_CROSS_TYPE_PERSON = 0.7
_ACRONYM_LINK = 0.6
# What `names.person_match` gives a name with fewer parts, or an initial, against a fuller one.
_SUBSET_MATCH = 0.9
_INITIAL_MATCH = 0.8


@dataclass(frozen=True)
class Profile:
    type: str
    person: tuple[names.Part, ...] = ()
    person_aliases: tuple[tuple[names.Part, ...], ...] = ()
    cores: frozenset[str] = frozenset()
    acronym: str = ""
    short: bool = False
    # Set only for entities named in decisions, so each is compared on its own.
    pinned: int | None = None


def _alias_forms(entity: EntityRef) -> list[str]:
    return [a for a in entity.aliases if a and a != entity.name and not names.is_pronoun(a) and names.has_capital(a)]


def profile(entity: EntityRef, pinned: bool = False) -> Profile:
    pin = entity.id if pinned else None
    if entity.type == names.PERSON:
        # "the defendant" is a description: it names nobody in particular across documents.
        own = names.person_parts(entity.name) if names.has_capital(entity.name) else ()
        multi = {names.person_parts(a) for a in _alias_forms(entity)}
        multi = tuple(sorted((m for m in multi if len(m) >= 2 and m != own), key=repr))
        # Full-name aliases that contradict each other ("Akhmetov" seen as both "Timur Akhmetov"
        # and "Daulet Akhmetov") say nothing about which person this is.
        if any(names.person_match(x, y) == 0.0 for i, x in enumerate(multi) for y in multi[i + 1:]):
            multi = ()
        return Profile(entity.type, own, multi, pinned=pin)
    # A leading article is not part of the name ("the UN" is "UN").
    entity = replace(entity, name=_LEADING_ARTICLE.sub("", entity.name).strip() or entity.name)
    person = ()
    if _person_shaped(entity.name):
        person = names.person_parts(entity.name)
    if not names.has_capital(entity.name) or names.is_pronoun(entity.name):
        return Profile(entity.type, person, pinned=pin)
    if names.looks_like_acronym(entity.name):
        acronym = names.acronym_key(entity.name)
        # An abbreviation whose document also spells it out ("SWS" with mention "Steppe Wire
        # Service") stands for that long form; a bare one is resolved in its acronym block.
        anchors = {names.core_key(alias, entity.type) for alias in _alias_forms(entity)
                   if not names.looks_like_acronym(alias) and names.acronym_key(alias) == acronym}
        anchors.discard("")
        return Profile(entity.type, person, (), frozenset(anchors), acronym, not anchors, pin)
    core = names.core_key(entity.name, entity.type)
    return Profile(entity.type, person, (), frozenset({core} - {""}), names.acronym_key(entity.name), False, pin)


def _person_shaped(name: str) -> bool:
    """Two or three capitalised words and nothing else: a person the extractor may have mistyped."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not names.looks_like_acronym(name)


def profile_keys(p: Profile) -> set[str]:
    keys: set[str] = set()
    if p.person:
        keys |= names.person_keys(p.person)
    for alias in p.person_aliases:
        keys |= names.person_keys(alias)
    keys |= {"n:" + core for core in p.cores}
    if p.acronym:
        keys.add("a:" + p.acronym)
    return keys


def blocking_keys(entity: EntityRef) -> set[str]:
    """The keys under which this entity is compared; two entities can only link if they share one."""
    return profile_keys(profile(entity))


def _person_score(a: Profile, b: Profile) -> float:
    best = names.person_match(a.person, b.person)
    if best >= 0.8:
        return best
    for x in (a.person, *a.person_aliases):
        for y in (b.person, *b.person_aliases):
            if (x is a.person and y is b.person) or not x or not y:
                continue
            if names.person_match(x, y) >= 0.8:
                return _ALIAS_LINK
    return 0.0


def link_score(a: Profile, b: Profile) -> float:
    """Strength of the automatic evidence that two profiles are one entity (0: none)."""
    if a.type == names.PERSON and b.type == names.PERSON:
        return _person_score(a, b)
    if a.type == names.PERSON or b.type == names.PERSON:
        # Only a whole name of two or more parts crosses types ("Sairagul Sauitbay" typed
        # organisation); a person's name inside a longer one ("… University") does not.
        if names.person_match(a.person, b.person) == 1.0 and len(names.full_parts(a.person)) >= 2 \
                and len(names.full_parts(b.person)) >= 2:
            return _CROSS_TYPE_PERSON
        return 0.0
    if not names.types_compatible(a.type, b.type):
        return 0.0
    if a.cores & b.cores:
        return _SAME_PROFILE
    return 0.0


class _Clusters:
    """Union-find that refuses unions joining the two sides of a split decision."""

    def __init__(self, ids: Iterable[int], splits: Iterable[tuple[int, int]]) -> None:
        self.parent = {i: i for i in ids}
        self.forbidden: dict[int, set[int]] = defaultdict(set)
        for a, b in splits:
            if a in self.parent and b in self.parent:
                self.forbidden[a].add(b)
                self.forbidden[b].add(a)

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, large = (ra, rb) if len(self.forbidden.get(ra, ())) <= len(self.forbidden.get(rb, ())) else (rb, ra)
        if any(self.find(x) == large for x in self.forbidden.get(small, ())):
            return False
        self.parent[small] = large
        if small in self.forbidden:
            self.forbidden[large] |= self.forbidden.pop(small)
        return True

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in self.parent:
            out[self.find(i)].append(i)
        return sorted((sorted(g) for g in out.values()), key=lambda g: g[0])


def _sort_form(p: Profile) -> str:
    if p.person:
        return " ".join(sorted(part.skel for part in p.person))
    return min(p.cores, default=p.acronym)


def _block_pairs(members: list[int], profiles: list[Profile]) -> Iterable[tuple[int, int]]:
    if len(members) <= BLOCK_CAP:
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                yield a, b
        return
    ordered = sorted(members, key=lambda s: (_sort_form(profiles[s]), s))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:i + 1 + WINDOW]:
            yield a, b


def _acronym_links(members: list[int], profiles: list[Profile], sizes: list[int]) -> list[tuple[float, int, int]]:
    """Bare abbreviations in one acronym block: joined to the long form when one long form
    dominates the block (`ACRONYM_DOMINANCE` of its long-form entities), to each other when the
    block has no long form; otherwise left alone, since they could stand for either."""
    shorts = [s for s in members if profiles[s].short]
    if not shorts:
        return []
    longs = [s for s in members if not profiles[s].short and profiles[s].type != names.PERSON and profiles[s].cores]
    weight: Counter[frozenset[str]] = Counter()
    for s in longs:
        weight[profiles[s].cores] += sizes[s]
    if longs:
        top, top_weight = max(weight.items(), key=lambda item: (item[1], sorted(item[0])))
        if top_weight < ACRONYM_DOMINANCE * sum(weight.values()):
            return []
        targets = [s for s in longs if profiles[s].cores == top]
    else:
        targets = shorts[:1]
    # (s, s) joins the entities that share the signature s.
    return [(_ACRONYM_LINK, a, a) for a in shorts] + [
        (_ACRONYM_LINK, a, b) for a in shorts for b in targets
        if a != b and names.types_compatible(profiles[a].type, profiles[b].type)]


def _less_specific(a: Profile, b: Profile) -> bool:
    """Whether `a` names less than `b` does (fewer parts, or an initial where `b` spells out)."""
    return (len(names.full_parts(a.person)), len(a.person)) < (len(names.full_parts(b.person)), len(b.person))


def _drop_ambiguous(links: list[tuple[float, int, int]], profiles: list[Profile]) -> list[tuple[float, int, int]]:
    """A shorter person name ("A. Kuspanov", "Abzal Kuspanov") that fits two longer names which
    contradict each other ("Abzal Kuspanov" / "Aidos Kuspanov", "… Serikovich …" / "… Nurlanovich …")
    could be either person: it keeps none of those links rather than glue the two together."""
    partial = {_SUBSET_MATCH, _INITIAL_MATCH}
    wider: dict[int, list[int]] = defaultdict(list)
    for score, a, b in links:
        if score not in partial or a == b:
            continue
        pa, pb = profiles[a], profiles[b]
        if _less_specific(pa, pb):
            wider[a].append(b)
        elif _less_specific(pb, pa):
            wider[b].append(a)
    dropped: set[tuple[int, int]] = set()
    for s, targets in wider.items():
        if len(targets) < 2:
            continue
        if len(targets) > WINDOW or any(
                names.person_match(profiles[x].person, profiles[y].person) == 0.0
                for i, x in enumerate(targets) for y in targets[i + 1:]):
            dropped |= {(min(s, t), max(s, t)) for t in targets}
    return [link for link in links if (link[1], link[2]) not in dropped]


def resolve(entities: Iterable[EntityRef], decisions: Sequence[Decision] = ()) -> list[list[int]]:
    """Cluster per-document entities; every input id lands in exactly one cluster."""
    entities = list(entities)
    decided = {d.a for d in decisions} | {d.b for d in decisions}

    signature_of: dict[Profile, int] = {}
    profiles: list[Profile] = []
    members: list[list[int]] = []
    for entity in entities:
        p = profile(entity, pinned=entity.id in decided)
        s = signature_of.get(p)
        if s is None:
            s = signature_of[p] = len(profiles)
            profiles.append(p)
            members.append([])
        members[s].append(entity.id)

    blocks: dict[str, list[int]] = defaultdict(list)
    for s, p in enumerate(profiles):
        for key in profile_keys(p):
            blocks[key].append(s)

    links: list[tuple[float, int, int]] = []
    for s, p in enumerate(profiles):
        if len(members[s]) > 1:
            self_score = link_score(p, p)
            if self_score:
                links += [(self_score, s, s)]
    sizes = [len(m) for m in members]
    seen: set[tuple[int, int]] = set()
    for key in sorted(blocks):
        block = blocks[key]
        if len(block) < 2:
            continue
        if key.startswith("a:"):
            links += _acronym_links(block, profiles, sizes)
            continue
        for a, b in _block_pairs(block, profiles):
            pair = (a, b) if a < b else (b, a)
            if pair in seen:
                continue
            seen.add(pair)
            score = link_score(profiles[a], profiles[b])
            if score:
                links.append((score, *pair))

    links = _drop_ambiguous(links, profiles)
    clusters = _Clusters((e.id for e in entities), ((d.a, d.b) for d in decisions if d.kind == "split"))
    for d in decisions:
        if d.kind == "merge" and d.a in clusters.parent and d.b in clusters.parent:
            clusters.union(d.a, d.b)
    for _, a, b in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        if a == b:
            first = members[a][0]
            for other in members[a][1:]:
                clusters.union(first, other)
        else:
            clusters.union(members[a][0], members[b][0])
    return clusters.groups()


def canonical_name(members: Sequence[EntityRef]) -> str:
    """The cluster's display name: a Latin-script, normally cased, multi-part name, most used."""
    weight: Counter[str] = Counter()
    for m in members:
        weight[m.name] += max(1, m.mention_count)
    if not weight:
        return ""

    person = any(m.type == names.PERSON for m in members)

    def shouted(word: str) -> bool:
        # Court style sets surnames in capitals; other names may be short abbreviations.
        return word.isupper() and len(word) > (1 if person else 5)

    def rank(name: str) -> tuple:
        # A person's full name beats a more frequent lone surname; other things go by use.
        complete = len(name.split()) >= 2 if person else name[:1].isupper() and not names.looks_like_acronym(name)
        return (names.is_script_latin(name), not any(shouted(w) for w in name.split()),
                complete, weight[name], len(name), name)

    return max(weight, key=rank)
