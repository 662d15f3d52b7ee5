"""Events: taxonomy-typed things that happened to people, from a trigger vocabulary and the parse.

Triggers (verbs, nominalisations and phrases such as "deny ... asylum") come from
data/event_triggers.tsv. Participants are entity ids from the trigger's arguments (subject,
object, "by" agent, "of"/possessive for nouns, "in/at/to" places), pronouns resolved. The date is
the nearest date in the sentence; an event inside a claim's content is `alleged` and points to
the claim; "would/will/plans to" make it `planned`. Mentions of one occurrence are merged.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .attrs import entity_of
from .coref import resolve_pronoun
from .records import Event
from .syntax import best_entity, noun_phrase, subject_of

PLACE_PREPS = {"in", "at", "to", "into", "from", "inside"}
PLACE_TYPES = ("place", "facility")
PEOPLE_TYPES = ("person", "group", "organization")
STATE_VERBS = {"be", "remain", "stay", "die", "spend", "keep", "face", "undergo", "suffer", "endure"}
FIRST_PERSON = {"i", "we", "they", "me", "us", "my", "our"}


@Language.factory("testimonium_events", default_config={
    "triggers_file": "event_triggers.tsv", "types_file": "event_types.tsv",
    "modality_file": "modality.tsv", "people_file": "quantity_nouns.txt"})
def make_events(nlp: Language, name: str, triggers_file: str, types_file: str, modality_file: str,
                people_file: str):
    return EventFinder(nlp, triggers_file, types_file, modality_file, people_file)


class EventFinder:
    def __init__(self, nlp: Language, triggers_file: str, types_file: str, modality_file: str,
                 people_file: str) -> None:
        self.rows = list(vocab.table(triggers_file))
        self.matcher = Matcher(nlp.vocab)
        for n, row in enumerate(self.rows):
            pattern = []
            for word in row["pattern"].split():
                if word == "...":
                    pattern.append({"IS_PUNCT": False, "OP": "{0,4}"})
                else:
                    # plain equality: set predicates run in Python and dominate the run time
                    pattern.append({"LEMMA": word})
            self.matcher.add(str(n), [pattern])
        self.subject_role = {row["type"]: row["subject"] for row in vocab.table(types_file)}
        modality = vocab.table(modality_file)
        self.planned_aux = {r["word"] for r in modality if r["kind"] == "aux"}
        self.planned_governors = {r["word"] for r in modality if r["kind"] == "governor"}
        self.people = set(vocab.words(people_file))

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        for row, start, end in self._triggers(doc):
            event = self._event(doc, row, start, end)
            if event is not None:
                events.append(event)
        events = _merge(events)
        for n, event in enumerate(events):
            event.id = f"V{n + 1}"
        doc._.events = events
        return doc

    def _triggers(self, doc: Doc):
        """Matches, longest first, one per trigger token and none inside a longer match."""
        matches = sorted(self.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
        taken: list[tuple[int, int]] = []
        out = []
        for match_id, start, end in matches:
            if any(s <= start < e or s < end <= e for s, e in taken):
                continue
            row = self.rows[int(doc.vocab.strings[match_id])]
            if not self._allowed(doc[start], row["when"]):
                continue
            taken.append((start, end))
            out.append((row, start, end))
        return sorted(out, key=lambda m: m[1])

    @staticmethod
    def _allowed(token: Token, when: str) -> bool:
        conditions = {c.strip() for c in when.split(",") if c.strip()}
        if "verb" in conditions and token.pos_ not in ("VERB", "AUX"):
            return False
        if "noun" in conditions and token.pos_ not in ("NOUN", "PROPN"):
            return False
        if "passive" in conditions and not _is_passive(token):
            return False
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "compound":
            return False  # "detention center", "asylum officer": a kind of thing, not an event
        return not any(c.dep_ == "neg" for c in token.children)

    def _event(self, doc: Doc, row: dict[str, str], start: int, end: int) -> Event | None:
        trigger = doc[start]
        last = doc[end - 1]
        etype = row["type"]
        agents, patients, places = self._participants(trigger, last, etype)
        if "patient" in row["when"] and not patients and not self._people_argument(trigger):
            return None
        claim = _claim_of(doc, trigger.i)
        if claim is not None and claim.speaker and not (agents or patients) and _first_person(trigger):
            # "He said they would appeal", "... to appear before you and testify": the speaker
            role = self.subject_role.get(etype, "agent")
            (patients if role == "patient" else agents).append(_by_id(doc, claim.speaker))
        if not (agents or patients):
            return None  # an event with nobody in it ("the detention rate") is no record
        modality = "planned" if self._planned(trigger) else ("alleged" if claim and etype != "testimony" else "actual")
        span = doc[start:end] if end - start <= 3 else doc[start:start + 1]
        return Event(id="", type=etype, outcome=row["outcome"] or None, modality=modality,
                     trigger_start=span.start_char, trigger_end=span.end_char, trigger_text=span.text,
                     agent=_ids(agents), patient=_ids(patients), place=_ids(places),
                     date=_date(doc, trigger), claim=claim.id if claim else None, token=trigger.i)

    def _participants(self, trigger: Token, last: Token, etype: str):
        agents, patients, places = [], [], []
        own = {trigger, last}
        if trigger.dep_ == "conj" and trigger.pos_ == trigger.head.pos_ == "NOUN":
            own.add(trigger.head)  # "persecutions and killings of X": X is shared
        doer_nouns = etype in ("testimony", "appeal")
        for token in sorted(own, key=lambda t: t.i):
            verbal = token.pos_ in ("VERB", "AUX")
            for child in token.children:
                dep, low = child.dep_, child.lower_
                if dep in ("prep", "agent") and low == "by":
                    agents += _phrase_entities(child, PEOPLE_TYPES + ("place",))
                elif dep == "prep" and low in PLACE_PREPS:
                    places += [e for e in _entities_under(child) if e.type in PLACE_TYPES]
                elif dep == "prep" and low == "of" and not verbal:
                    (agents if doer_nouns else patients).extend(_phrase_entities(child, PEOPLE_TYPES))
                elif dep == "poss" and not verbal:
                    found = _entity(child)
                    if found:
                        (agents if doer_nouns else patients).append(found)
                elif dep in ("compound", "amod", "npadvmod") and not verbal:
                    agents += [e for e in _entities_under(child) if e.type in ("organization", "person")]
                elif dep in ("dobj", "dative") and verbal:
                    patients += _phrase_entities(child, PEOPLE_TYPES)
                    places += [e for e in _entities_under(child) if e.type in PLACE_TYPES]
                elif dep == "nsubjpass":
                    patients += _phrase_entities(child, PEOPLE_TYPES)
        if trigger.pos_ in ("VERB", "AUX"):
            subject = _object_controller(trigger)
            if subject is None and not _is_passive(trigger):
                subject = subject_of(trigger)
            elif subject is None and not patients:
                subject = subject_of(trigger)  # "He was arrested and sentenced": shared subject
                if subject is not None:
                    patients += _phrase_entities(subject, PEOPLE_TYPES)
                subject = None
            if subject is not None:
                found = _phrase_entities(subject, PEOPLE_TYPES + ("place",))
                role = "patient" if (self.subject_role.get(etype) == "patient" and not patients) else "agent"
                (patients if role == "patient" else agents).extend(found)
            if not patients:
                # "giving her a suspended sentence": the recipient of the governing verb
                patients += [e for c in trigger.head.children if c.dep_ in ("dative", "iobj")
                             for e in _phrase_entities(c, PEOPLE_TYPES)]
        else:
            head = trigger.head
            governor = head.head if head.dep_ == "prep" else head
            for c in governor.children:
                if c.dep_ in ("dative", "iobj") and not patients:
                    patients += _phrase_entities(c, PEOPLE_TYPES)
                elif c.dep_ in ("nsubj", "nsubjpass") and not patients and governor.lemma_ in STATE_VERBS:
                    patients += _phrase_entities(c, PEOPLE_TYPES)  # "he was in custody"
        return _unique(agents), _unique(patients), _unique(places)

    def _people_argument(self, trigger: Token) -> bool:
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass") and (child.lemma_ in self.people or child.like_num):
                return True
        return False

    def _planned(self, trigger: Token) -> bool:
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if any(c.dep_ == "aux" and c.lower_ in self.planned_aux for c in verb.children):
            return True
        return verb.dep_ == "xcomp" and verb.head.lemma_ in self.planned_governors


def _first_person(trigger: Token) -> bool:
    subject = subject_of(trigger) if trigger.pos_ in ("VERB", "AUX") else None
    return subject is None or subject.lower_ in FIRST_PERSON


def _by_id(doc: Doc, entity_id: str):
    return next(e for e in doc._.entities if e.id == entity_id)


def _is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    if token.tag_ == "VBN" and token.dep_ in ("acl", "amod"):
        return True
    # "was arrested in 2017 and sentenced": the conjunct shares the passive
    return (token.dep_ == "conj" and token.tag_ == "VBN" and _is_passive(token.head)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))


def _phrase_entities(token: Token, types) -> list:
    """The entity a noun phrase names (with its conjuncts), pronouns resolved."""
    if token.dep_ in ("prep", "agent"):
        token = next((c for c in token.children if c.dep_ == "pobj"), None)
        if token is None:
            return []
    found = []
    for head in [token] + [t for t in token.conjuncts if t.i > token.i]:
        entity = _entity(head) or best_entity(noun_phrase(head, conjuncts=False), head)
        if entity is not None and entity.type in types and entity not in found:
            found.append(entity)
    return found


def _object_controller(trigger: Token) -> Token | None:
    """"forced a million Rohingya to flee": the object of the governing verb does the fleeing."""
    if trigger.dep_ != "xcomp":
        return None
    return next((c for c in trigger.head.children if c.dep_ == "dobj"), None)


def _entity(token: Token):
    entity = entity_of(token)
    if entity is None and token.pos_ == "PRON":
        entity = resolve_pronoun(token)
    return entity


def _entities_under(token: Token, phrase: bool = False) -> list:
    """Entities in the token's subtree (its noun phrase only, when `phrase`), pronouns resolved."""
    span = noun_phrase(token) if phrase else token.doc[token.left_edge.i: token.right_edge.i + 1]
    found = []
    for t in span:
        entity = _entity(t)
        if entity is not None and entity not in found:
            found.append(entity)
    if phrase and len(found) > 1:
        best = best_entity(span, token)
        found.sort(key=lambda e: e is not best)
    return found


def _unique(entities) -> list:
    out = []
    for e in entities:
        if e not in out:
            out.append(e)
    return out


def _ids(entities) -> list[str]:
    return [e.id for e in entities]


def _claim_of(doc: Doc, i: int):
    for claim in doc._.claims or ():
        if claim.token_start <= i < claim.token_end:
            return claim
    return None


def _date(doc: Doc, trigger: Token) -> str | None:
    """The date nearest the trigger within its sentence."""
    sent = trigger.sent
    best = None
    for date in doc._.dates or ():
        if sent.start <= date.token_start < sent.end:
            distance = min(abs(date.token_start - trigger.i), abs(date.token_end - 1 - trigger.i))
            if best is None or distance < best[0]:
                best = (distance, date.value)
    return best[1] if best else None


def _conflict(a: list[str], b: list[str]) -> bool:
    return bool(a and b and not set(a) & set(b))


def _merge(events: list[Event]) -> list[Event]:
    """One event per occurrence: a mention that adds nothing new or fits a previous one joins it."""
    out: list[Event] = []
    for event in events:
        for prev in out:
            if (prev.type, prev.outcome) != (event.type, event.outcome):
                continue
            if prev.date and event.date and prev.date != event.date:
                continue
            if _conflict(prev.patient, event.patient) or _conflict(prev.agent, event.agent):
                continue
            for field in ("agent", "patient", "place"):
                merged = getattr(prev, field)
                merged += [x for x in getattr(event, field) if x not in merged]
            prev.date = prev.date or event.date
            if prev.modality != "actual" and event.modality == "actual":
                prev.modality, prev.claim = "actual", None
            break
        else:
            out.append(event)
    return out
