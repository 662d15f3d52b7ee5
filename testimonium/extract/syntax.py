"""Parse helpers shared by the claim and event components."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .attrs import entity_of

SUBJECT_DEPS = ("nsubj", "csubj")
INHERIT_THROUGH = ("advcl", "conj", "xcomp", "pcomp", "prep", "relcl", "acl", "ccomp")
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
ANIMATE_TYPES = ("person", "group", "organization", "media")
RELATIVE_REACH = 8  # tokens back from "who" to look for the person it stands for
ENTITY_PREFERENCE = ("person", "media", "organization", "group", "place", "facility")


def subject_of(cue: Token, reporting: bool = False) -> Token | None:
    """The cue's subject, or the subject it inherits ("..., claiming that" / "and testified")."""
    token = cue
    if not reporting:
        pass
    elif cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue.head.dep_ == "ccomp" and cue.head.head.i != cue.head.i:
        # "X denied that Y were Z, saying ...": the parser hung the participle in the reported
        # clause, but it is X who says it
        token = cue.head.head
    elif (cue.dep_ == "conj" and cue.head.dep_ == "ccomp" and cue.head.head.i != cue.head.i
          and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)
          and any(c.dep_ == "ccomp" or c.dep_ == "dobj" for c in cue.children)
          and cue.head.head.pos_ == "VERB" and cue.head.head.i < cue.head.i):
        # "She accepted that he had attended protests but rejected his account": the parser
        # joined the second reporting verb to the reported clause; it shares the first one's subject
        token = cue.head.head
    for _ in range(5):
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None and token is not cue:
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return relative_antecedent(subject, token.head)
            return subject
        if token.dep_ == "acl" and token.tag_ in ("VBD", "VBZ", "VBP", "VBG") and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "the Project reported on ...", "officials saying that ..."
        if token.dep_ not in INHERIT_THROUGH or token.head is token:
            return None
        token = token.head
    return None


def relative_antecedent(pronoun: Token, noun: Token) -> Token:
    """What a relative clause hangs from; "who" is a person or a body, so "a farmer from the
    valley who said" and "22 Uighurs from the Xinjiang region who were captured" (the parser
    attaching the clause to the place) are about the farmer and the Uighurs."""
    if pronoun.lower_ not in ("who", "whom", "whose"):
        return noun

    def animate(token: Token) -> bool:
        entity = appositive_person(token) or entity_of(token)
        return entity is not None and entity.type in ANIMATE_TYPES

    candidate = noun
    for _ in range(2):
        if animate(candidate):
            return candidate
        if candidate.dep_ != "pobj" or candidate.head.dep_ != "prep":
            break
        candidate = candidate.head.head
    if animate(candidate):
        return candidate
    # the clause hung from a place the parser attached elsewhere: the nearest person or group
    for i in range(pronoun.i - 1, max(pronoun.sent.start, pronoun.i - RELATIVE_REACH) - 1, -1):
        if animate(pronoun.doc[i]):
            return pronoun.doc[i]
    return noun


def appositive_person(token: Token):
    """"Sauytbay, an ethnic Kazakh (woman) from China": the person an apposition stands for."""
    if token.dep_ != "appos":
        return None
    head = entity_of(token.head)
    return head if head is not None and head.type == "person" else None


def noun_phrase(head: Token, conjuncts: bool = True) -> Span:
    """The head's noun phrase without relative clauses or trailing clauses."""
    keep = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "punct", "cc") or (not conjuncts and child.dep_ == "conj"):
            continue
        keep.extend(child.subtree)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = head.doc
    # a phrase the parser ran across punctuation starts after it: "... Region, RFE/RL reported"
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].is_punct and doc[i].text not in ("/", "-", ".", "’", "'", "&") or doc[i].is_space:
            start = i + 1
            break
    return doc[start:end]


def best_entity(span: Span, head: Token):
    found = []
    for t in span:
        ent = entity_of(t)
        if ent is not None and ent not in (f[1] for f in found):
            found.append((t, ent))
    if not found:
        return None
    # the entity on the phrase's head first, then by type preference, then nearest the head
    def rank(pair):
        t, ent = pair
        pref = ENTITY_PREFERENCE.index(ent.type) if ent.type in ENTITY_PREFERENCE else 9
        return (t.i != head.i, pref, abs(t.i - head.i))
    return min(found, key=rank)[1]
