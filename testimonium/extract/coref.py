"""In-document coreference: mentions of one real thing become one Entity.

"Sauytbay" and "Ms Sauytbay" join "Sayragul Sauytbay"; "RFA" joins "Radio Free Asia (RFA)";
"UN" joins "United Nations" (initials or the alias vocabulary); "Xinjiang Province" joins
"Xinjiang"; a full name the NER mistyped as a place joins the person its surname names. Two
people named in full never merge: a surname they share goes to one of them (by title, then by
who already goes by it), a given name alone to the one full name it opens, "the Sivalingams" to
the family's named member; "the Herald" joins the outlet whose name it ends.
Pronouns are resolved on demand by `resolve_pronoun`, for the claim and event components (the
subject of the sentence so far or of the one before first, then the nearest person of the
right gender), and then become mentions of the entity they point to. Gender comes from titles,
gendered nouns ("his wife Amina"), given names and name endings (all data files). The narrator a
witness statement's heading or signature names is an entity, and its "I", "me" and "my" (and
"we" for a body) outside quotations are its mentions; a court caption's "Defendant: X" or
"X (the appellant)" makes "the defendant" / "the appellant" mentions of X.

An entity's type is a vote over its mentions: the NER's label counts once, and what a mention's
own context says (an age, a title, "was arrested", "a shelter in X", "held at X") counts more.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .attrs import doc_text, tokens_among
from .records import Entity, Mention

VOCABULARY_LABELS = ("MEDIA", "GROUP", "FACILITY")  # set by rules and vocabularies, not the NER
TYPE_PRIORITY = ("media", "group", "facility")  # vocabulary decisions beat NER votes
EVIDENCE_WEIGHT = 3  # a mention's syntactic context outweighs this many NER labels
FUNCTION_WORDS = {"of", "for", "the", "and", "on", "in", "to", "de", "&"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
FIRST_SINGULAR = {"i", "me", "my", "mine", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
PRONOUN_WINDOW = 400  # tokens back to look for a pronoun's antecedent
HEADING_CHARS = 1000  # a statement's heading naming its narrator opens the document
SIGNATURE_CHARS = 400  # a signature closes it
PARTICIPANT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj")
NARRATOR_KEY = "testimonium_coref_narrator"  # doc.user_data: (entity index, first "I" token)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019s", "").replace("'s", "")
    words = re.sub(r"[^\w]+", " ", text).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _acronym(text: str) -> str | None:
    letters = text.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper():
        return letters
    return None


def _initials(text: str) -> str:
    words = re.sub(r"[^\w\s]", " ", text.replace("\u2019s", "").replace("'s", "")).split()
    return "".join(w[0] for w in words if w.lower() not in FUNCTION_WORDS).upper()


@Language.factory("testimonium_coref", default_config={"titles_file": "titles.tsv"})
def make_coref(nlp: Language, name: str, titles_file: str):
    return Coref(titles_file)


class Coref:
    def __init__(self, titles_file: str) -> None:
        self.titles = {t.casefold(): g for t, g in vocab.table(titles_file, header=False)}
        self.alias_pairs = [(norm(a), norm(b)) for a, b in vocab.aliases()]
        self.types = vocab.entity_types()
        self.nouns = {n.casefold(): g for n, g in vocab.table("gendered_nouns.tsv", header=False)}
        self.family_first = {w.casefold() for w in vocab.words("family_names_first.txt")}
        self.given = {n.casefold(): g for n, g in vocab.table("given_names.tsv", header=False)}
        self.endings = sorted(((e.casefold(), g) for e, g in vocab.table("name_endings.tsv", header=False)),
                              key=lambda eg: -len(eg[0]))
        self.headings = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in vocab.words("narrator_headings.txt")]
        self.not_names = set(vocab.words("narrator_not_names.txt"))
        self.signatures = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in vocab.words("narrator_signatures.txt")]
        verbs = vocab.table("person_verbs.tsv", header=False)
        self.passive_person_verbs = {v for voice, v in verbs if voice == "passive"}
        self.active_person_verbs = {v for voice, v in verbs if voice == "active"}
        self.place_preps = set(vocab.words("place_preps.txt"))
        self.detention_verbs = set(vocab.words("detention_verbs.txt"))
        self.person_nouns = set(vocab.words("person_nouns.txt")) | set(self.nouns)
        self.org_heads = set(vocab.words("organization_heads.txt")) | set(vocab.words("facility_heads.txt"))
        self.media_heads = set(vocab.words("media_heads.txt"))
        self.groups = set(vocab.words("groups.txt"))

    def __call__(self, doc: Doc) -> Doc:
        mentions = [(ent, self.types[ent.label_]) for ent in doc.ents if ent.label_ in self.types]
        evidence = [self._evidence(ent) if ent.label_ not in VOCABULARY_LABELS
                    # an age is a person's even where a rule made the name a group
                    else "person" if ent.label_ == "GROUP" and _age_apposition(ent) else None
                    for ent, _ in mentions]
        # a mention whose context says what it is takes that type before names are linked
        mentions = [(ent, e or t) for (ent, t), e in zip(mentions, evidence)]
        keys = [self._key(ent, etype) for ent, etype in mentions]
        parent = list(range(len(mentions)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)

        self._retype_full_names(mentions, keys)
        shared = self._shared_names(mentions, keys)
        first_by_key: dict[str, int] = {}
        for i, key in enumerate(keys):
            if key in first_by_key:
                # "Sivalingam" when Kumaran and Tharshini Sivalingam are both named: each bare use
                # is resolved on its own, or one shared key would merge the two people
                if key not in shared:
                    union(first_by_key[key], i)
            else:
                first_by_key[key] = i
        self._link_aliases(first_by_key, union)
        self._link_acronyms(doc, mentions, keys, first_by_key, union)
        self._link_names(mentions, keys, first_by_key, union, find, shared)
        self._link_outlets(mentions, keys, union)

        clusters: dict[int, list[int]] = {}
        for i in range(len(mentions)):
            clusters.setdefault(find(i), []).append(i)
        entities: list[Entity] = []
        index = [-1] * len(doc)
        for n, (_, members) in enumerate(sorted(clusters.items())):
            spans = [mentions[i][0] for i in members]
            etypes = [mentions[i][1] for i in members]
            vocabulary = [mentions[i][1] for i in members
                          if mentions[i][0].label_ in VOCABULARY_LABELS and not evidence[i]]
            weights = [EVIDENCE_WEIGHT if evidence[i] else 1 for i in members]
            if "person" in (evidence[i] for i in members):
                # "Nurlan Abish, 41, was arrested ... Abish": a surname read as a group is the person's
                vocabulary = [t for t in vocabulary if t != "group"]
            etype = self._vote(etypes, weights, vocabulary)
            entity = Entity(id=f"E{n + 1}", type=etype, name=self._name(spans, etype),
                            mentions=[Mention(s.start, s.end, s.start_char, s.end_char, s.text)
                                      for s in spans],
                            gender=self._gender(spans))
            entities.append(entity)
            for s in spans:
                for t in range(s.start, s.end):
                    index[t] = n
        _case_party(doc, entities, index)  # first: a caption may show that a name is a person's
        _repeated_names(doc, entities, index)
        _bare_surnames(doc, entities, index, self.given, self.titles)
        self._narrator(doc, entities, index)
        doc._.entities = entities
        doc._.token_entity = index
        return doc

    def _key(self, ent, etype: str) -> str:
        words = norm(ent.text).split()
        if etype == "group":
            # "ethnic Kazakhs", "Kazakhs" and "Kazakh" are one group
            words = [w for w in words if w != "ethnic"] or words
            if words and words[-1].endswith("s") and len(words[-1]) > 3:
                words[-1] = words[-1][:-1]
        if etype == "person":
            while len(words) > 1 and words[0] in self.titles:
                words = words[1:]
            if len(words) > 1 and " ".join(words[:2]) in self.titles:
                words = words[2:] or words
        return " ".join(words)

    def _link_aliases(self, first_by_key, union) -> None:
        for a, b in self.alias_pairs:
            if a in first_by_key and b in first_by_key:
                union(first_by_key[a], first_by_key[b])

    def _link_acronyms(self, doc: Doc, mentions, keys, first_by_key, union) -> None:
        long_by_initials: dict[str, int] = {}
        for i, (ent, _) in enumerate(mentions):
            if len(ent) > 1:
                long_by_initials.setdefault(_initials(ent.text), i)
            # "Radio Free Asia (RFA)": the bracketed form names the entity before it
            nxt = ent.end
            if nxt + 2 < len(doc) + 1 and nxt < len(doc) and doc[nxt].text == "(":
                close = next((k for k in range(nxt + 1, min(nxt + 5, len(doc))) if doc[k].text == ")"), None)
                if close is not None:
                    inner = norm(doc[nxt + 1: close].text)
                    # "ASTANA (TCA)" is a dateline, not a name and its acronym: types must agree
                    if inner in first_by_key and mentions[first_by_key[inner]][1] == mentions[i][1]:
                        union(i, first_by_key[inner])
        for i, (ent, _) in enumerate(mentions):
            acr = _acronym(ent.text)
            if acr and acr in long_by_initials and long_by_initials[acr] != i:
                union(long_by_initials[acr], i)

    def _retype_full_names(self, mentions, keys) -> None:
        """A full name the NER mistyped (as a place, a body or a facility) whose surname a person
        goes by elsewhere is a person's name ("Nyasha Chidzikwa" as a place)."""
        surnames = {keys[i].split()[-1] for i, (_, t) in enumerate(mentions) if t == "person" and keys[i]}
        for i, (ent, t) in enumerate(mentions):
            if (t in ("place", "organization", "facility") and 2 <= len(ent) <= 3 and keys[i]
                    and keys[i].split()[-1] in surnames and not self._body_or_site(ent)
                    and all(tok.pos_ == "PROPN" and tok.is_title for tok in ent)):
                mentions[i] = (ent, "person")
                keys[i] = self._key(ent, "person")  # "Ms X" read as a body is X

    def _body_or_site(self, ent) -> bool:
        return ent[-1].text in self.org_heads or ent[-1].text in self.media_heads

    def _full_names(self, mentions, keys) -> list[tuple[int, list[str]]]:
        return [(i, keys[i].split()) for i, (_, t) in enumerate(mentions) if t == "person" and len(keys[i].split()) > 1]

    def _holders(self, word: str, full) -> list[int]:
        """Mentions of the full names a one-word name is the surname of (or the family name
        written first), first mention of each distinct name only."""
        out, seen = [], set()
        for j, fw in full:
            if fw[-1] == word or (fw[0] == word and word in self.family_first):
                key = " ".join(fw)
                if key not in seen:
                    seen.add(key)
                    out.append(j)
        return out

    def _shared_names(self, mentions, keys) -> set[str]:
        """One-word keys that are the surname of two or more different people named in full."""
        full = self._full_names(mentions, keys)
        words = {keys[i] for i in range(len(mentions)) if keys[i] and " " not in keys[i]}
        return {w for w in words if len(self._holders(w, full)) > 1}

    def _link_names(self, mentions, keys, first_by_key, union, find, shared) -> None:
        """Surnames join the full name; a longer place name joins its first word."""
        persons = [(i, keys[i].split()) for i, (_, t) in enumerate(mentions) if t == "person"]
        full = [(i, w) for i, w in persons if len(w) > 1]
        for i, words in persons:
            if len(words) == 1 and words[0] in shared:
                continue
            candidates = [j for j, fw in full if j != i and (
                (len(words) == 1 and (fw[-1] == words[0] or (fw[0] == words[0] and words[0] in self.family_first)))
                or (len(words) > 1 and fw[0] == words[0] and fw[-1] == words[-1]
                    and len(fw) > len(words)))]
            if not candidates and len(words) == 1 and not self._titled(mentions[i][0]):
                # "his wife Tharshini ... Tharshini Sivalingam said": a given name alone joins the
                # one full name it opens
                opening = [j for j, fw in full if fw[0] == words[0] and j != i]
                if len({keys[j] for j in opening}) == 1:
                    candidates = opening
            if candidates:
                # the nearest full name before the mention, else the first after it
                before = [j for j in candidates if j < i]
                union(before[-1] if before else candidates[0], i)
        self._link_shared_surnames(mentions, keys, union, find, shared, full)
        for i, (ent, t) in enumerate(mentions):
            # a surname the NER mistyped ("Dewey's remarks" as ORG) is still the person's
            if (t != "person" and len(ent) == 1 and ent[0].is_title and keys[i] not in shared
                    and not self._group_word(ent) and t != "media"):
                match = [j for j, fw in full
                         if fw[-1] == keys[i] or (fw[0] == keys[i] and keys[i] in self.family_first)]
                if match:
                    union(match[0], i)
        for wanted in ("place", "group", "facility"):
            # "Xinjiang Province" joins "Xinjiang"; "Rohingya Muslims" joins "Rohingya"
            single = {keys[i]: i for i, (_, t) in enumerate(mentions) if t == wanted and (
                " " not in keys[i] or (wanted == "place" and len(keys[i].split()) == 2))}
            for i, (ent, t) in enumerate(mentions):
                words = keys[i].split()
                if t != wanted or len(words) < 2 or ent[0].pos_ != "PROPN":
                    continue
                # "Nam Dinh province" joins "Nam Dinh" as "Xinjiang Province" joins "Xinjiang"
                shorter = [" ".join(words[:k]) for k in range(1, len(words))]
                found = next((single[w] for w in shorter if w in single), None)
                if found is not None:
                    union(found, i)
        bodies = [(i, keys[i].split()) for i, (_, t) in enumerate(mentions)
                  if t in ("organization", "facility") and " " in keys[i]]
        for i, (ent, t) in enumerate(mentions):
            if t not in ("organization", "facility"):
                continue
            words = keys[i].split()
            # "the Court" / "the Supreme Court" after "the U.S. Supreme Court": the nearest longer
            # name of a body that ends with (or contains) the short one
            match = [j for j, bw in bodies if j < i and len(bw) > len(words) and mentions[j][1] == t and (
                bw[-len(words):] == words or (len(words) == 1 and words[0] in bw and words[0] not in FUNCTION_WORDS)
                or _contains(bw, words))]
            if match:
                union(match[-1], i)

    def _titled(self, ent) -> str | None:
        """The gender a title right before a mention gives ("Mr X": "m"), "-" for an ungendered
        title, None without one."""
        doc = ent.doc
        if ent.start == 0:
            return None
        return self.titles.get(doc[ent.start - 1].text.casefold())

    def _group_word(self, ent) -> bool:
        """"Baloch activists": a group the vocabulary names, which a surname may share."""
        return ent.label_ == "GROUP" and (ent.text in self.groups or ent.text + "s" in self.groups)

    def _link_shared_surnames(self, mentions, keys, union, find, shared, full) -> None:
        """A surname two people named in full share ("Kumaran Sivalingam", "Tharshini Sivalingam"),
        used alone or as the family's plural ("the Sivalingams"): the holder its title's gender
        fits; else the holder who already goes by the bare surname; else the most recent holder
        named before it (the first named after it when none is before)."""
        owner: dict[str, int] = {}
        for i, (ent, t) in enumerate(mentions):
            word = keys[i]
            plural = False
            if not word or " " in word or self._group_word(ent) or t == "media":
                continue
            if word not in shared:
                if (len(ent) == 1 and ent[0].is_title and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"
                        and word.endswith("s") and self._holders(word[:-1], full)):
                    word, plural = word[:-1], True  # "the Sivalingams": the family, through its named member
                else:
                    continue
            elif t != "person" and not (len(ent) == 1 and ent[0].is_title):
                continue
            holders = self._holders(word, full)
            if not holders:
                continue
            gender = self._titled(ent)
            if gender in ("f", "m"):
                fitting = [j for j in holders if self._gender(
                    [mentions[k][0] for k in range(len(mentions)) if find(k) == find(j)]) == gender]
                holders = fitting or holders
            if word in owner and any(find(owner[word]) == find(j) for j in holders):
                chosen = owner[word]
            else:
                before = [j for j in holders if j < i]
                chosen = before[-1] if before else holders[0]
            owner.setdefault(word, chosen)
            if plural or t != "person":
                mentions[i] = (ent, "person")
            union(chosen, i)

    def _link_outlets(self, mentions, keys, union) -> None:
        """"He told the Herald" after "The Clydeside Herald": the last word (or words) of an
        outlet's name after "the" is that outlet, whatever the NER made of it."""
        outlets = [(j, keys[j].split()) for j, (_, t) in enumerate(mentions) if t == "media" and " " in keys[j]]
        if not outlets:
            return
        for i, (ent, t) in enumerate(mentions):
            words = keys[i].split()
            if t == "media" or not words or ent.start == 0 or ent.doc[ent.start - 1].lower_ != "the":
                continue
            match = [j for j, ow in outlets if len(ow) > len(words) and ow[-len(words):] == words]
            if match:
                mentions[i] = (ent, "media")
                union(match[0], i)

    def _vote(self, etypes: list[str], weights: list[int], vocabulary: list[str]) -> str:
        for t in TYPE_PRIORITY:
            if t in vocabulary:
                return t
        counts: Counter[str] = Counter()
        for t, w in zip(etypes, weights):
            counts[t] += w
        # on a tie a place wins: the small model calls places organisations more often than
        # the reverse ("officials in X", "X-based")
        return max(counts, key=lambda t: (counts[t], t == "person", t == "place", t == "organization"))

    def _evidence(self, ent) -> str | None:
        """The type a mention's own context gives it, or None. An age in apposition ("X, 34,"),
        a title before it, the subject of what only happens to people ("X was arrested", "X
        fled"), the possessor of a kinship noun ("X's wife") or an apposition naming a kind of
        person ("X, a blogger") make a person; the bare object of a place preposition ("a
        shelter in X", "near X", "in Y and X") a place; "held at X" a facility. The NER's label
        is one vote; this evidence is EVIDENCE_WEIGHT votes in the entity's type."""
        doc, root = ent.doc, ent.root
        if _age_apposition(ent):
            return "person"
        if (ent.start > 0 and doc[ent.start - 1].text.casefold() in self.titles and ent[0].is_title
                and ent[-1].text not in self.org_heads):
            return "person"
        if (ent.start > 0 and doc[ent.start - 1].is_lower and doc[ent.start - 1].lower_ in self.person_nouns
                and all(t.is_title for t in ent) and ent[-1].text not in self.org_heads):
            return "person"  # "ministry spokesman X": a role noun right before a name
        if root.dep_ == "nsubjpass" and root.head.lemma_ in self.passive_person_verbs:
            return "person"
        if root.dep_ == "nsubj" and root.head.lemma_ in self.active_person_verbs:
            return "person"
        if root.dep_ == "poss" and root.head.lower_ in self.nouns:
            return "person"
        if root.dep_ == "attr" and root.head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lower_ == "name" for c in root.head.children):
            return "person"  # "My name is X"
        if self._described_as_person(ent):
            return "person"
        if self._bare_place_object(ent):
            return "place"
        if (root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.lemma_ in self.detention_verbs
                and len(ent) <= 3 and not any(c.dep_ == "det" for c in root.children)):
            return "facility"  # "held at X"
        return None

    def _described_as_person(self, ent) -> bool:
        """"X, a blogger", "a union organiser, X", "X, a 34-year-old": an apposition that names
        a kind of person (or an age)."""
        root = ent.root
        related = [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
        if root.dep_ == "appos" and root.head.i < ent.start:
            related.append(root.head)
        for noun in related:
            if noun.tag_ in ("NN", "JJ") and noun.lower_ in self.person_nouns:
                return True
            words = [t.lower_ for t in noun.subtree]
            if "year" in words and "old" in words:
                return True
        return False

    def _bare_place_object(self, ent) -> bool:
        """"a shelter in X", "around Y and X", "an organiser from X": a short capitalised name
        without an article as the object of a place preposition."""
        if len(ent) > 3 or not all(t.is_title and t.is_alpha for t in ent) or ent[-1].text in self.org_heads:
            return False
        doc, first = ent.doc, ent.root
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        prep = first.head
        # "X, a union organiser from Y": where a described person comes from is a place
        origin = prep.lower_ == "from" and prep.head.dep_ == "appos" and prep.head.pos_ == "NOUN"
        if first.dep_ != "pobj" or not (prep.lower_ in self.place_preps or origin):
            return False
        # "in the Ministry" is a body: a place name takes no article
        determined = any(c.dep_ in ("det", "poss") for t in (first, ent.root) for c in t.children)
        return not determined and not (ent.start > 0 and doc[ent.start - 1].tag_ in ("DT", "PRP$"))

    def _name(self, spans, etype: str) -> str:
        def rank(span):
            text = span.text
            shouting = text.isupper() and len(text) > 4
            return (not shouting, len(text))
        best = max(spans, key=rank)
        shouted = max((s for s in spans if not rank(s)[0]), key=len, default=None)
        if shouted is not None and len(shouted) > len(best) and etype != "person":
            # "THE CLYDESIDE HERALD" on the masthead, "the Herald" in the prose
            words = [t.text for t in shouted]
            if words[0].casefold() == "the":
                words = words[1:]
            return " ".join(w.title() for w in words)
        if etype == "place" and len(best) > 1 and best[-1].is_lower:
            # "the Xinjiang region" is Xinjiang: a generic noun is no part of the proper name
            return best[:-1].text
        return best.text

    def _gender(self, spans) -> str | None:
        for s in spans:
            for t in s.doc[max(0, s.start - 2): s.start + 1]:
                g = self.titles.get(t.text.casefold())
                if g in ("f", "m"):
                    return g
        for s in spans:
            g = self._noun_gender(s)
            if g:
                return g
        names = [s.text.split() for s in spans if s.text[:1].isupper()]
        for words in names:
            if len(words) > 1 and words[0].casefold() in self.given:
                return self.given[words[0].casefold()]
        for words in names:
            if len(words) == 1 and words[0].casefold() in self.given:
                return self.given[words[0].casefold()]
        found = {g for words in names for w in words for g in [self._ending_gender(w)] if g}
        return found.pop() if len(found) == 1 else None

    def _noun_gender(self, span) -> str | None:
        """A gendered noun the name stands beside: "his wife Amina X", "X, a Kazakh woman",
        "X is a mother of three"."""
        doc, root = span.doc, span.root
        related = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            related.append(root.head)
        if span.start > 0 and doc[span.start - 1].pos_ == "NOUN":
            related.append(doc[span.start - 1])
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
            related.extend(c for c in root.head.children if c.dep_ == "attr")
        for t in related:
            if t.tag_ in ("NN", "NNP") and t.lower_ in self.nouns:
                return self.nouns[t.lower_]
        return None

    def _ending_gender(self, word: str) -> str | None:
        low = word.casefold()
        for ending, g in self.endings:
            if len(low) > len(ending) + 2 and low.endswith(ending):
                return g
        return None

    def _generic(self, name: str) -> bool:
        """"WITNESS", "an anonymous survivor": a heading's placeholder, not a name."""
        return all(w in self.not_names for w in re.findall(r"\w+", name.casefold()))

    def _narrator(self, doc: Doc, entities: list[Entity], index: list[int]) -> None:
        """The witness a heading ("Testimony of X", "Witness: X", a pseudonym) or a signature names
        is an entity, and the first person of the prose outside quotations is that entity."""
        text = doc_text(doc)
        found = sorted((m for p in self.headings for m in p.finditer(text, 0, HEADING_CHARS)
                        if not self._generic(m.group("name"))), key=lambda m: m.start())
        body_start, body_end = 0, len(text)
        if found:
            match = found[0]
            body_start = match.end()
        else:
            tail = max(0, len(text) - SIGNATURE_CHARS)
            found = [m for p in self.signatures for m in p.finditer(text, tail) if not self._generic(m.group("name"))]
            if not found:
                return
            match = found[-1]
            body_end = match.start()
        span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        while span is not None and len(span) and not span[0].is_alpha:
            span = span[1:]
        while span is not None and len(span) and not span[-1].is_alpha:
            span = span[:-1]
        if span is None or not len(span) or not any(t.is_title or t.is_upper for t in span):
            return
        n = next((index[t.i] for t in span if index[t.i] >= 0), -1)
        if n < 0:
            n = _new_person(span, entities, index)
        elif entities[n].type in ("place", "facility"):
            entities[n].type = "person"  # a heading names a person, whatever the NER made of it
        pronouns = FIRST_SINGULAR | (FIRST_PLURAL if entities[n].type != "person" else set())
        quoted = _quoted(text)
        first = None
        for t in doc:
            if (t.idx < body_start or t.idx >= body_end or t.lower_ not in pronouns or t.pos_ != "PRON"
                    or index[t.i] >= 0 or any(a <= t.idx < b for a, b in quoted)):
                continue
            entities[n].mentions.append(Mention(t.i, t.i + 1, t.idx, t.idx + len(t), t.text, pronoun=True))
            # "my mother said": a possessive names the narrator but does not stand for the
            # phrase it opens, so it stays out of the index the speaker and participant rules read
            if t.tag_ != "PRP$":
                index[t.i] = n
            first = t.i if first is None else first
        if first is not None:
            doc.user_data[NARRATOR_KEY] = (n, first)


def _quoted(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes taken in pairs)."""
    ranges = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”", text)]
    ranges += [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', text)]
    return ranges


ORDINALS = {"first", "second", "third", "fourth", "fifth"}  # "the second appellant"
CAPTION_CHARS = 600  # a case caption ("AB (Eritrea) v Secretary of State") opens the document


def _case_party(doc: Doc, entities, index) -> None:
    """"the appellant" in a decision: the party a caption line ("Appellant: X") or a bracket
    ("X (the appellant)") gives that role, else the person its "A v B" caption names first;
    "the second appellant" the one a caption line "X ........ SECOND APPELLANT" names."""
    roles = _party_roles()
    by_role, by_ordinal = _named_parties(doc, roles, entities, index)
    party = _caption_party(doc, entities)
    for t in (doc[i] for i in tokens_among(doc, roles)):
        if index[t.i] >= 0 or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            continue
        ordinal = next((c.lower_ for c in t.children if c.lower_ in ORDINALS), None)
        if ordinal is not None:
            n = by_ordinal.get((t.lower_, ordinal))
        elif any(role == t.lower_ for role, _ in by_ordinal):
            continue  # "the appellant" where the caption names two: which one is not said
        else:
            n = by_role.get(t.lower_, party)
        if n is None:
            continue
        index[t.i] = n
        entities[n].mentions.append(Mention(t.i, t.i + 1, t.idx, t.idx + len(t), t.text))


@lru_cache(maxsize=1)
def _party_roles() -> frozenset[str]:
    return frozenset(vocab.words("party_roles.txt"))


def _named_parties(doc: Doc, roles: frozenset[str], entities, index: list[int]):
    """Role -> entity index, from "Defendant: X" opening a line and "X (the defendant)"; and
    (role, ordinal) -> entity index from caption lines "X ........ FIRST APPELLANT"."""
    found: dict[str, int] = {}
    by_ordinal: dict[tuple[str, str], int] = {}
    plurals = frozenset(r + "s" for r in roles)
    for t in (doc[i] for i in tokens_among(doc, roles | plurals)):
        role = t.lower_.rstrip("s") if t.lower_.rstrip("s") in roles else t.lower_
        if role not in roles:
            continue
        after = [u for u in doc[t.i + 1: t.i + 6] if not u.is_space and u.text not in ("*", "_")]
        line_start = t.i == 0 or "\n" in doc[t.i - 1].text or doc[t.i - 1].text in ("*", "_", "#")
        if line_start and len(after) > 1 and after[0].text == ":" and (
                after[1].is_title or (after[1].is_upper and after[1].is_alpha)):
            found.setdefault(role, _name_at(doc, after[1].i, entities, index))
        elif (t.i >= 3 and doc[t.i - 1].lower_ == "the" and doc[t.i - 2].text == "("
              and index[t.i - 3] >= 0 and t.i + 1 < len(doc) and doc[t.i + 1].text == ")"):
            found.setdefault(role, index[t.i - 3])
        elif (t.is_title or t.is_upper) and t.i >= 2 and "\n" in doc[t.i - 1].text and (
                t.i + 1 == len(doc) or doc[t.i + 1].is_space) and _line_party(doc, t.i - 1, index, entities) is not None:
            # "MURUGAN THANGARAJAH / Appellant": the role alone under the party's name
            found.setdefault(role, _line_party(doc, t.i - 1, index, entities))
        elif t.is_upper and t.i >= 2 and doc[t.i - 1].lower_ in ORDINALS and all(c == "." for c in doc[t.i - 2].text):
            # "RONALD KASOZI MUTEBI ........ FIRST APPELLANT": the party the line opens with
            line = t.i - 2
            while line > 0 and "\n" not in doc[line - 1].text:
                line -= 1
            if index[line] >= 0 and entities[index[line]].type == "person":
                by_ordinal.setdefault((role, doc[t.i - 1].lower_), index[line])
    return found, by_ordinal


def _line_party(doc: Doc, newline: int, index: list[int], entities) -> int | None:
    """The person whose name fills the line that ends at token `newline`."""
    start = newline
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    n = index[start] if start < newline else -1
    return n if n >= 0 and entities[n].type == "person" else None


def _name_at(doc: Doc, i: int, entities, index: list[int]) -> int:
    """The entity a caption's name starting at token i is; a person made for it when the NER
    missed it (the caption says it is a party)."""
    if index[i] >= 0:
        if entities[index[i]].type in ("place", "facility"):
            entities[index[i]].type = "person"  # a caption names a party, whatever the NER made of it
        return index[i]
    end = i
    while end < len(doc) and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha and end - i < 4:
        end += 1
    return _new_person(doc[i:end], entities, index)


def _contains(longer: list[str], words: list[str]) -> bool:
    """"Working Group" inside "United Nations Working Group on Enforced ...": two or more
    words of the shorter name in a row in the longer one."""
    n = len(words)
    return n > 1 and any(longer[k:k + n] == words for k in range(len(longer) - n + 1))


def _age_apposition(ent) -> bool:
    """"Yonas, 24, said": a small number set off by commas right after the name is an age."""
    doc, i = ent.doc, ent.end
    return (i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].is_digit and len(doc[i + 1]) <= 3
            and 0 < int(doc[i + 1].text) < 120 and doc[i + 2].text in (",", ")"))


def _new_person(span, entities: list[Entity], index: list[int]) -> int:
    """A person for a name the NER missed, or the person it names already ("Defendants: X"
    heading a summary that later names X in its prose)."""
    key = norm(span.text)
    same = next((n for n, e in enumerate(entities) if e.type == "person" and norm(e.name) == key), None)
    if same is None:
        # "My name is X" read as a body: the heading that names X as a person decides
        same = next((n for n, e in enumerate(entities)
                     if e.type in ("organization", "place", "facility") and norm(e.name) == key), None)
        if same is not None:
            entities[same].type = "person"
    if same is not None:
        entities[same].mentions.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text))
        for t in span:
            index[t.i] = same
        return same
    n = len(entities)
    entities.append(Entity(id=f"E{n + 1}", type="person", name=span.text,
                           mentions=[Mention(span.start, span.end, span.start_char, span.end_char, span.text)]))
    for t in span:
        index[t.i] = n
    return n


def _caption_party(doc: Doc, entities) -> int | None:
    opening = doc.char_span(0, min(CAPTION_CHARS, len(doc_text(doc))), alignment_mode="contract")
    caption = next((t for t in opening or () if t.lower_ in ("v", "v.", "vs", "vs.")), None)
    if caption is None:
        return None
    line_start = doc_text(doc).rfind("\n", 0, caption.idx) + 1
    return next((n for n, e in enumerate(entities) if e.type == "person"
                 and any(line_start <= m.start_char and m.end_char <= caption.idx for m in e.mentions)), None)


def _repeated_names(doc: Doc, entities: list[Entity], index: list[int]) -> None:
    """A person's full name the NER found once is that person wherever else it is written."""
    text = doc_text(doc)
    for n, ent in enumerate(entities):
        if ent.type != "person" or " " not in ent.name:
            continue
        start = text.find(ent.name)
        while start >= 0:
            span = doc.char_span(start, start + len(ent.name))
            if span is not None and all(index[t.i] < 0 for t in span):
                ent.mentions.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text))
                for t in span:
                    index[t.i] = n
            start = text.find(ent.name, start + len(ent.name))


def _bare_surnames(doc: Doc, entities: list[Entity], index: list[int], given: dict[str, str],
                   titles: dict[str, str]) -> None:
    """A surname the NER missed ("Sauytbay testified") is still a mention of the full name; after
    another given name ("Leyla Kavandi" when Dariush Kavandi is named) it is another person's."""
    holders: dict[str, list[int]] = {}
    for n, ent in enumerate(entities):
        words = ent.name.split()
        if ent.type == "person" and len(words) > 1 and words[-1][:1].isupper():
            holders.setdefault(words[-1], []).append(n)
    if not holders:
        return
    for token in (doc[i] for i in tokens_among(doc, frozenset(holders))):
        found = holders.get(token.text)
        if not found or index[token.i] >= 0 or token.pos_ != "PROPN":
            continue
        prev = doc[token.i - 1] if token.i > 0 else None
        if (prev is not None and prev.is_title and prev.is_alpha and prev.pos_ == "PROPN"
                and prev.text.casefold() not in titles
                and all(prev.text != entities[n].name.split()[0] for n in found)
                and (not prev.is_sent_start or prev.text.casefold() in given or index[prev.i] >= 0
                     or any(e.type == "person" and e.name == prev.text for e in entities))):
            _family_member(doc[prev.i: token.i + 1], entities, index)
            continue
        # the holder who already goes by the bare surname, else the first named
        n = max(found, key=lambda k: (sum(m.text == token.text for m in entities[k].mentions), -k))
        entities[n].mentions.append(Mention(token.i, token.i + 1, token.idx,
                                            token.idx + len(token), token.text))
        index[token.i] = n


def _family_member(span, entities: list[Entity], index: list[int]) -> None:
    """"Leyla Kavandi said": the person the given name alone named ("his wife Leyla"), now with
    the full name, or a new person."""
    first = span[0]
    n = index[first.i]
    if n < 0:
        n = next((k for k, e in enumerate(entities) if e.type == "person" and e.name == first.text), -1)
    if n < 0 or entities[n].type != "person":
        _new_person(span, entities, index)
        return
    entities[n].mentions = [m for m in entities[n].mentions if not (m.start == first.i and m.end == first.i + 1)]
    entities[n].mentions.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text))
    if " " not in entities[n].name:
        entities[n].name = span.text
    for t in span:
        index[t.i] = n


def resolve_pronoun(token: Token) -> Entity | None:
    """The person a he/she (or a case form) points to: the recent subject when it fits, else
    the nearest preceding person of that gender (or of unknown gender), or None. None as well
    when an unnamed person of that gender comes first ("my brother ... he"), and never the
    narrator of a first-person account, who is "I" in it.

    The pronoun becomes a mention of the entity it resolves to, and informs its gender.
    """
    low = token.lower_
    if low not in MALE | FEMALE:
        return None  # "they" is never one person, "anyone" nobody in particular
    doc = token.doc
    want = "f" if low in FEMALE else "m"
    subject = _recent_subject(token, want)
    if subject is UNNAMED:
        return None
    if subject is not None:
        return _add_pronoun(subject, token, want)
    index = doc._.token_entity or []
    narrator, first_person = doc.user_data.get(NARRATOR_KEY, (-1, len(doc)))
    nouns = _gendered_nouns()
    fallback = None
    for i in range(token.i - 1, max(-1, token.i - PRONOUN_WINDOW), -1):
        n = index[i] if i < len(index) else -1
        if n < 0:
            if fallback is None and _unnamed_person(doc[i], nouns, index) == want:
                return None
            continue
        ent = doc._.entities[n]
        if ent.type != "person" or (n == narrator and token.i > first_person):
            continue
        if ent.gender == want:
            return _add_pronoun(ent, token, want)
        if ent.gender is None and fallback is None:
            fallback = ent
    # the nearest person of unknown gender is a guess: it does not fix that person's gender
    return _add_pronoun(fallback, token, None) if fallback else None


UNNAMED = object()  # the antecedent is a person the document does not name


@lru_cache(maxsize=1)
def _gendered_nouns() -> dict[str, str]:
    return {n.casefold(): g for n, g in vocab.table("gendered_nouns.tsv", header=False)}


def _unnamed_person(token: Token, nouns: dict[str, str], index: list[int]) -> str | None:
    """The gender of "my brother", "a woman" standing alone as a participant; None when the
    noun is only a description of a named person ("his wife, Amina X", "X, a mother")."""
    if token.tag_ != "NN" or token.lower_ not in nouns or token.dep_ not in PARTICIPANT_DEPS:
        return None
    if token.dep_ == "appos" or any(c.dep_ in ("appos", "compound") and index[c.i] >= 0 for c in token.children):
        return None
    if token.i + 1 < len(index) and index[token.i + 1] >= 0:
        return None  # "brother Ivan"
    return nouns[token.lower_]


def _recent_subject(pronoun: Token, gender: str):
    """The person the discourse is about: the subject of the pronoun's sentence so far, else of
    the sentence before ("X, director of Y, called ... . She said"), when it is a person of a
    fitting gender; UNNAMED when it is an unnamed person of that gender ("My brother stayed.
    He is a vet"). None when that subject is something else ("his client ... she"), so that
    the nearest-person rule decides."""
    doc = pronoun.doc
    sent = pronoun.sent
    sentences = [sent] + ([doc[sent.start - 1].sent] if sent.start > 0 else [])
    index = doc._.token_entity or []
    for n, sentence in enumerate(sentences):
        verbs = [sentence.root] + list(sentence.root.conjuncts)
        subjects = sorted((c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
                           and (n > 0 or c.i < pronoun.i)), key=lambda c: c.i)
        if not subjects:
            continue
        subject = subjects[0]
        if subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "them"):
            continue  # "investigators went through his phone": a plural is never he or she
        if subject.lower_ in FIRST_SINGULAR | FIRST_PLURAL:
            return None  # the narrator speaks of someone else
        entity = _entity_at(doc, subject.i)
        if entity is None:
            appos = next((c for c in subject.children if c.dep_ == "appos"), None)
            entity = _entity_at(doc, appos.i) if appos is not None else None
        if entity is None and _unnamed_person(subject, _gendered_nouns(), index) == gender:
            return UNNAMED
        if entity is not None and entity.type == "person" and entity.gender in (gender, None):
            return entity
        return None
    return None


def _entity_at(doc: Doc, i: int) -> Entity | None:
    index = doc._.token_entity or []
    return doc._.entities[index[i]] if i < len(index) and index[i] >= 0 else None


def _add_pronoun(ent: Entity, token: Token, gender: str | None) -> Entity:
    if not any(m.start == token.i for m in ent.mentions):
        ent.mentions.append(Mention(token.i, token.i + 1, token.idx, token.idx + len(token),
                                    token.text, pronoun=True))
    ent.gender = ent.gender or gender
    return ent

