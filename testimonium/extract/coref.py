"""In-document coreference: mentions of one real thing become one Entity.

"Sauytbay" and "Ms Sauytbay" join "Sayragul Sauytbay"; "RFA" joins "Radio Free Asia (RFA)";
"UN" joins "United Nations" (initials or the alias vocabulary); "Xinjiang Province" joins
"Xinjiang"; a full name the NER mistyped as a place joins the person its surname names.
Pronouns are resolved on demand by `resolve_pronoun`, for the claim and event components (the
subject of the sentence so far or of the one before first, then the nearest person of the
right gender), and then become mentions of the entity they point to.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .records import Entity, Mention

TYPE_PRIORITY = ("media", "group", "facility")  # vocabulary decisions beat NER votes
FUNCTION_WORDS = {"of", "for", "the", "and", "on", "in", "to", "de", "&"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PRONOUN_WINDOW = 400  # tokens back to look for a pronoun's antecedent


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

    def __call__(self, doc: Doc) -> Doc:
        mentions = [(ent, self.types[ent.label_]) for ent in doc.ents if ent.label_ in self.types]
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

        first_by_key: dict[str, int] = {}
        for i, key in enumerate(keys):
            if key in first_by_key:
                union(first_by_key[key], i)
            else:
                first_by_key[key] = i
        self._link_aliases(first_by_key, union)
        self._link_acronyms(doc, mentions, keys, first_by_key, union)
        self._link_names(mentions, keys, first_by_key, union)

        clusters: dict[int, list[int]] = {}
        for i in range(len(mentions)):
            clusters.setdefault(find(i), []).append(i)
        entities: list[Entity] = []
        index = [-1] * len(doc)
        for n, (_, members) in enumerate(sorted(clusters.items())):
            spans = [mentions[i][0] for i in members]
            etypes = [mentions[i][1] for i in members]
            entity = Entity(id=f"E{n + 1}", type=self._vote(etypes), name=self._name(spans),
                            mentions=[Mention(s.start, s.end, s.start_char, s.end_char, s.text)
                                      for s in spans],
                            gender=self._gender(spans))
            entities.append(entity)
            for s in spans:
                for t in range(s.start, s.end):
                    index[t] = n
        _bare_surnames(doc, entities, index)
        _case_party(doc, entities, index)
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

    def _link_names(self, mentions, keys, first_by_key, union) -> None:
        """Surnames join the full name; a longer place name joins its first word."""
        persons = [(i, keys[i].split()) for i, (_, t) in enumerate(mentions) if t == "person"]
        full = [(i, w) for i, w in persons if len(w) > 1]
        for i, words in persons:
            candidates = [j for j, fw in full if j != i and (
                (len(words) == 1 and fw[-1] == words[0])
                or (len(words) > 1 and fw[0] == words[0] and fw[-1] == words[-1]
                    and len(fw) > len(words)))]
            if candidates:
                # the nearest full name before the mention, else the first after it
                before = [j for j in candidates if j < i]
                union(before[-1] if before else candidates[0], i)
        full_persons = [(j, fw) for j, fw in full]
        surnames = {w[-1]: i for i, w in persons}
        for i, (ent, t) in enumerate(mentions):
            # a surname the NER mistyped ("Dewey's remarks" as ORG) is still the person's
            if t != "person" and len(ent) == 1 and ent[0].is_title:
                match = [j for j, fw in full_persons if fw[-1] == keys[i]]
                if match:
                    union(match[0], i)
            # a full name the NER mistyped (as a place or a facility) whose surname is
            # used for a person elsewhere is that person
            elif (t in ("place", "organization", "facility") and 2 <= len(ent) <= 3 and keys[i].split()[-1] in surnames
                  and all(tok.pos_ == "PROPN" and tok.is_title for tok in ent)):
                mentions[i] = (ent, "person")
                union(surnames[keys[i].split()[-1]], i)
        for wanted in ("place", "group"):
            # "Xinjiang Province" joins "Xinjiang"; "Rohingya Muslims" joins "Rohingya"
            single = {keys[i]: i for i, (_, t) in enumerate(mentions) if t == wanted and " " not in keys[i]}
            for i, (ent, t) in enumerate(mentions):
                words = keys[i].split()
                if t == wanted and len(words) > 1 and words[0] in single and ent[0].pos_ == "PROPN":
                    union(single[words[0]], i)
        bodies = [(i, keys[i].split()) for i, (_, t) in enumerate(mentions)
                  if t in ("organization", "facility") and " " in keys[i]]
        for i, (ent, t) in enumerate(mentions):
            if t not in ("organization", "facility"):
                continue
            words = keys[i].split()
            # "the Court" / "the Supreme Court" after "the U.S. Supreme Court": the nearest longer
            # name of a body that ends with (or contains) the short one
            match = [j for j, bw in bodies if j < i and len(bw) > len(words) and (
                bw[-len(words):] == words or (len(words) == 1 and words[0] in bw and words[0] not in FUNCTION_WORDS))]
            if match:
                union(match[-1], i)

    def _vote(self, etypes: list[str]) -> str:
        for t in TYPE_PRIORITY:
            if t in etypes:
                return t
        counts = Counter(etypes)
        return max(counts, key=lambda t: (counts[t], t == "person", t == "organization"))

    def _name(self, spans) -> str:
        def rank(span):
            text = span.text
            shouting = text.isupper() and len(text) > 4
            return (not shouting, len(text))
        return max(spans, key=rank).text

    def _gender(self, spans) -> str | None:
        for s in spans:
            for t in s.doc[max(0, s.start - 2): s.start + 1]:
                g = self.titles.get(t.text.casefold())
                if g in ("f", "m"):
                    return g
        return None


CAPTION_CHARS = 600  # a case caption ("AB (Eritrea) v Secretary of State") opens the document


def _case_party(doc: Doc, entities, index) -> None:
    """"the appellant" in a decision whose caption names a person first: that person."""
    opening = doc.char_span(0, min(CAPTION_CHARS, len(doc.text)), alignment_mode="contract")
    caption = next((t for t in opening or () if t.lower_ in ("v", "v.", "vs", "vs.")), None)
    if caption is None:
        return
    line_start = doc.text.rfind("\n", 0, caption.idx) + 1
    party = next((n for n, e in enumerate(entities) if e.type == "person"
                  and any(line_start <= m.start_char and m.end_char <= caption.idx for m in e.mentions)), None)
    if party is None:
        return
    roles = set(vocab.words("party_roles.txt"))
    for t in doc:
        if t.lower_ in roles and index[t.i] < 0 and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            index[t.i] = party
            entities[party].mentions.append(Mention(t.i, t.i + 1, t.idx, t.idx + len(t), t.text))


def _bare_surnames(doc: Doc, entities: list[Entity], index: list[int]) -> None:
    """A surname the NER missed ("Sauytbay testified") is still a mention of the full name."""
    surnames: dict[str, int] = {}
    for n, ent in enumerate(entities):
        words = ent.name.split()
        if ent.type == "person" and len(words) > 1 and words[-1][:1].isupper():
            surnames.setdefault(words[-1], n)
    if not surnames:
        return
    for token in doc:
        n = surnames.get(token.text)
        if n is not None and index[token.i] < 0 and token.pos_ == "PROPN":
            entities[n].mentions.append(Mention(token.i, token.i + 1, token.idx,
                                                token.idx + len(token), token.text))
            index[token.i] = n


def resolve_pronoun(token: Token) -> Entity | None:
    """The person a he/she (or a case form) points to: the recent subject when it fits, else
    the nearest preceding person of that gender (or of unknown gender), or None.

    The pronoun becomes a mention of the entity it resolves to, and informs its gender.
    """
    low = token.lower_
    if low not in MALE | FEMALE:
        return None
    doc = token.doc
    want = "f" if low in FEMALE else "m"
    subject = _recent_subject(token, want)
    if subject is not None:
        return _add_pronoun(subject, token, want)
    index = doc._.token_entity or []
    fallback = None
    for i in range(token.i - 1, max(-1, token.i - PRONOUN_WINDOW), -1):
        n = index[i] if i < len(index) else -1
        if n < 0:
            continue
        ent = doc._.entities[n]
        if ent.type != "person":
            continue
        if ent.gender == want:
            return _add_pronoun(ent, token, want)
        if ent.gender is None and fallback is None:
            fallback = ent
    # the nearest person of unknown gender is a guess: it does not fix that person's gender
    return _add_pronoun(fallback, token, None) if fallback else None


def _recent_subject(pronoun: Token, gender: str) -> Entity | None:
    """The person the discourse is about: the subject of the pronoun's sentence so far, else of
    the sentence before ("X, director of Y, called ... . She said"), when it is a person of a
    fitting gender. None when that subject is something else ("his client ... she"), so that
    the nearest-person rule decides."""
    doc = pronoun.doc
    sent = pronoun.sent
    sentences = [sent] + ([doc[sent.start - 1].sent] if sent.start > 0 else [])
    for n, sentence in enumerate(sentences):
        verbs = [sentence.root] + list(sentence.root.conjuncts)
        subjects = sorted((c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
                           and (n > 0 or c.i < pronoun.i)), key=lambda c: c.i)
        if not subjects:
            continue
        subject = subjects[0]
        entity = _entity_at(doc, subject.i)
        if entity is None:
            appos = next((c for c in subject.children if c.dep_ == "appos"), None)
            entity = _entity_at(doc, appos.i) if appos is not None else None
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

