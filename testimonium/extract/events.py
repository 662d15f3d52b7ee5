"""Events: taxonomy-typed things that happened to people, from a trigger vocabulary and the parse.

Triggers (verbs, nominalisations and phrases such as "deny ... asylum") come from
data/event_triggers.tsv. Participants are entity ids from the trigger's arguments (subject,
object, "by" agent, "to" recipient, "of"/possessive for nouns, "in/at/to" places), pronouns,
relative pronouns and appositions resolved ("X, an ethnic Kazakh who fled": X fled); an event
noun takes its participants from the verb that carries it (data/light_verbs.tsv: "was given a
suspended sentence"). A refused or negated deportation is a refused extradition
(data/refusals.tsv). The date is one the parse attaches to the trigger or its clause, else the
nearest one in the sentence that no other event's clause holds; an event inside a claim's
content is `alleged` and points to the claim; "would/will/plans to" make it `planned`; an event a
claim denies, or that happened to "nobody", is none. A court's "dismissed/allowed the appeal" decides
the document's matter (data/event_rulings.tsv), and in a case about one appellant an asylum decision
or appeal that names nobody is the appellant's. Mentions of one occurrence are merged.

A header that names a witness ("Witness: X", "Witness statement of X", "my name is X") makes X the
"I" and "we" of the account, and one that names a party ("Defendant: X", "the accused X") makes X
"the defendant" (data/event_header_roles.tsv). A verb whose object or passive subject is an
occasion or a record ("the hearing was held", "released a report") is no event
(data/event_occasions.txt); "police detained him on 6 February" is an arrest as well as a
detention (data/event_implied.tsv); "... and charged a week later" does not share its conjunct's
date (data/event_time_shifts.txt).

"His family does not know where he is" is a disappearance dated from his latest arrest or detention
(data/event_whereabouts.txt); "Date of judgment: ..." in a header dates the undated verdicts and
sentences, "Date of statement: ..." the witness's testimony (data/event_header_dates.tsv); "dismissed
his appeal" records his appeal as well (data/event_ruled_appeals.txt). What a witness states in their
own statement is actual, not alleged, and "Helen said she was taken" is about Helen.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .attrs import doc_text, entity_of, tokens_among
from .coref import resolve_pronoun
from .transcripts import narrator
from .records import Event, Unnamed
from .syntax import (RELATIVE_PRONOUNS, appositive_person, best_entity, noun_phrase, relative_antecedent,
                     subject_of)

# the most words a "..." in a trigger pattern stands for
GAP = 4
# trigger rows of this type are a court's decision on an appeal or claim (data/event_rulings.tsv)
RULING = "ruling"
PLACE_PREPS = {"in", "at", "to", "into", "from", "inside"}
PLACE_TYPES = ("place", "facility")
PEOPLE_TYPES = ("person", "group", "organization")
RECIPIENT_TYPES = ("person", "group")
SPEAKER_NOUN_TYPES = {"testimony", "appeal", "asylum"}
NARRATOR_PRONOUNS = {"i", "me", "my", "we", "us", "our"}
FIRST_PERSON = {"i", "we", "they", "me", "us", "my", "our"}
VERBS = ("VERB", "AUX")
NOUNS = ("NOUN", "PROPN")
# "sentenced for crossing the border", "charged with entering illegally": the gerund's doer is
# the person the governing clause is about
GERUND_PREPS = {"for", "with", "of"}
# "during the trial, X testified", "was sentenced after a trial": an event noun that is the setting
# of what its clause's subject does or undergoes
SETTING_PREPS = {"during", "at", "throughout", "after", "following", "before"}
# "a week after his arrest", "before being charged": an event at another time than its clause
TIME_OFFSETS = {"after", "before", "since", "following", "until", "prior"}
# "Helen said she was held": a speaker reporting on a "he" or "she" reports on themself
PRONOUN_GENDERS = {"he": "m", "she": "f"}
# "nobody was arrested", "no journalist had been detained": a subject that denies the event
NEGATIVE_SUBJECTS = {"nobody", "none", "noone"}
# "denied that anyone had been held": indefinite pronouns stand for nobody in particular
INDEFINITE_PRONOUNS = {"anyone", "anybody", "someone", "somebody", "everyone", "everybody", "nobody", "none",
                       "anything", "something", "everything", "nothing"}
# "she said we were held": the speaker undergoes the event only when it happens to "I" or "we"
SPEAKER_PATIENTS = {"i", "we", "me", "us"}
# "Nineteen of those held", "dozens were detained": words that count people without naming them
COUNTING_WORDS = {"dozens", "hundreds", "thousands", "several", "many", "some", "others", "most", "all", "both",
                  "scores", "few"}
# "Most fled", "others escaped": a share of people too vague to be a record unless counted ("Four others")
VAGUE_QUANTIFIERS = {"most", "others", "some", "many", "all", "both", "few", "several"}
# "people are held without trial": on their own, people in general
GENERIC_PEOPLE = {"people", "person", "individual", "man", "woman", "child"}
# nouns that stand for a body of people in the singular: "police detained", "the family applied"
COLLECTIVE_NOUNS = {"police", "family", "militia", "security", "household", "authority"}
# "the protesters", "my eldest son": left out of an unnamed participant's phrase
LEADING_DETERMINERS = {"the", "a", "an", "my", "his", "her", "their", "our", "your", "its", "these", "those", "this",
                       "that"}
ENTITY_ID = re.compile(r"E\d+")
WHERE = frozenset({"where"})
ENTITY_CACHE_KEY = "testimonium_event_entities"  # doc.user_data: token index -> entity (or None)
# doc.user_data: (start, text, end) of each unnamed group events have named so far, for "they"
GROUPS_KEY = "testimonium_event_groups"
PLURAL_PRONOUNS = {"they", "them", "their"}
# a blank line, or a numbered paragraph of a statement ("2. They took me away"), starts an episode
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*\d{1,3}[.)][ \t])")
NARRATIVE_REACH = 2000  # characters back to look for the episode's start
# "Statement of X", "WITNESS STATEMENT", "Testimony of X" opening a document
STATEMENT_HEADING_RE = re.compile(r"^[ \t]*(?:witness[ \t]+)?(statement|testimony|declaration|affidavit)\b",
                                  re.IGNORECASE | re.MULTILINE)
PROSE_LINE_RE = re.compile(r"^[^\n]{120,}$", re.MULTILINE)  # the account itself: a long line of prose
SPEAKER_REACH = 200  # characters between an unnamed speaker's words and the cue
GROUP_REACH = 600  # characters: a plural pronoun further on than this stands for someone else
# a witness's or defendant's header ("Witness: X", "Defendant: X") opens the document
HEADER_CHARS = 1500
# doc.user_data keys: the person a header names as the narrator and as the court's party
NARRATOR_KEY = "testimonium_event_narrator"
PARTY_KEY = "testimonium_event_party"
# a "where he is" clause under a negated word of knowing (data/event_whereabouts.txt)
WHEREABOUTS_ROW = {"pattern": "where", "type": "disappearance", "outcome": "", "when": "", "subject": "patient"}
# the appeal a ruling on it records (data/event_ruled_appeals.txt)
APPEAL_ROW = {"pattern": "appeal", "type": "appeal", "outcome": "", "when": "", "subject": ""}
# events that take a person away: a disappearance by unknown whereabouts dates from the latest one
TAKING_TYPES = {"arrest", "detention", "disappearance"}
# labels by which a header names a narrator or a party; their last words stand for the party in prose
HEADER_ROLES_FILE = "event_header_roles.tsv"
UNNAMED_HEADS_FILE = "event_unnamed_heads.txt"


@Language.factory("testimonium_events", default_config={
    "triggers_file": "event_triggers.tsv", "types_file": "event_types.tsv",
    "modality_file": "modality.tsv", "people_file": "quantity_nouns.txt",
    "refusals_file": "refusals.tsv", "refusal_verbs_file": "refusal_verbs.txt",
    "light_verbs_file": "light_verbs.tsv", "anaphors_file": "event_anaphors.tsv",
    "rulings_file": "event_rulings.tsv", "party_roles_file": "party_roles.txt",
    "header_roles_file": HEADER_ROLES_FILE, "occasions_file": "event_occasions.txt",
    "implied_file": "event_implied.tsv", "whereabouts_file": "event_whereabouts.txt",
    "header_dates_file": "event_header_dates.tsv", "ruled_appeals_file": "event_ruled_appeals.txt",
    "decision_verbs_file": "event_decision_verbs.txt", "unnamed_heads_file": UNNAMED_HEADS_FILE})
def make_events(nlp: Language, name: str, triggers_file: str, types_file: str, modality_file: str,
                people_file: str, refusals_file: str, refusal_verbs_file: str, light_verbs_file: str,
                anaphors_file: str, rulings_file: str, party_roles_file: str, header_roles_file: str,
                occasions_file: str, implied_file: str, whereabouts_file: str, header_dates_file: str,
                ruled_appeals_file: str, decision_verbs_file: str, unnamed_heads_file: str):
    return EventFinder(nlp, triggers_file, types_file, modality_file, people_file, refusals_file,
                       refusal_verbs_file, light_verbs_file, anaphors_file, rulings_file, party_roles_file,
                       header_roles_file, occasions_file, implied_file, whereabouts_file, header_dates_file,
                       ruled_appeals_file, decision_verbs_file, unnamed_heads_file)


class EventFinder:
    def __init__(self, nlp: Language, triggers_file: str, types_file: str, modality_file: str,
                 people_file: str, refusals_file: str, refusal_verbs_file: str, light_verbs_file: str,
                 anaphors_file: str, rulings_file: str, party_roles_file: str,
                 header_roles_file: str = HEADER_ROLES_FILE,
                 occasions_file: str = "event_occasions.txt", implied_file: str = "event_implied.tsv",
                 whereabouts_file: str = "event_whereabouts.txt",
                 header_dates_file: str = "event_header_dates.tsv",
                 ruled_appeals_file: str = "event_ruled_appeals.txt",
                 decision_verbs_file: str = "event_decision_verbs.txt",
                 unnamed_heads_file: str = UNNAMED_HEADS_FILE) -> None:
        self.rows = list(vocab.table(triggers_file))
        # A pattern is runs of lemmas with gaps ("deny ... asylum"). One PhraseMatcher finds every run;
        # the gaps are joined over the (few) runs found: a token Matcher with hundreds of gapped
        # patterns spends most of the component's time keeping partial matches alive.
        self.segments = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.by_first: dict[str, list[tuple[int, list[str]]]] = {}
        self.literal: list[int] = []
        for n, row in enumerate(self.rows):
            runs = [run.strip() for run in row["pattern"].split("...")]
            self.by_first.setdefault(runs[0], []).append((n, runs))
            self.literal.append(sum(len(run.split()) for run in runs))
            for run in runs:
                self._add_segment(nlp, run)
        self.subject_role = {row["type"]: row["subject"] for row in vocab.table(types_file)}
        self.party_role = {row["type"]: row["party"] for row in vocab.table(types_file) if row["party"]}
        self.owner_types = {row["type"] for row in vocab.table(types_file) if row["object_owner"] == "yes"}
        self.rulings = {(r["ruling"], r["matter"]): (r["type"], r["outcome"]) for r in vocab.table(rulings_file)}
        self.party_roles = set(vocab.words(party_roles_file))
        self.occasions = set(vocab.words(occasions_file))
        self.implied = {(r["lemma"], r["type"]): (r["implied"], set(r["unless"].split("|")))
                        for r in vocab.table(implied_file)}
        self.knowing = set(vocab.words(whereabouts_file))
        self.ruled_appeals = set(vocab.words(ruled_appeals_file))
        self.decision_verbs = set(vocab.words(decision_verbs_file))
        header_dates = vocab.table(header_dates_file)
        self.header_dates = {r["label"].lower(): (set(r["types"].split("|")), r["narrator"] == "yes") for r in header_dates}
        self.header_date_line = re.compile(r"^[ \t]*(?P<label>" + "|".join(
            re.escape(r["label"]).replace(r"\ ", r"\s+") for r in header_dates) + r")[ \t]*(?::|\s+on\b)[^\n]*",
            re.IGNORECASE | re.MULTILINE)
        self.headers = {role: _header_pattern(vocab.table(header_roles_file), role) for role in ("narrator", "party")}
        self.header_roles_file = header_roles_file
        self.party_nouns = _party_nouns(header_roles_file)
        modality = vocab.table(modality_file)
        self.planned_aux = {r["word"] for r in modality if r["kind"] == "aux"}
        self.planned_governors = {r["word"] for r in modality if r["kind"] == "governor"}
        self.conditions = {r["word"] for r in modality if r["kind"] == "condition"}
        self.planned_nouns = {r["word"] for r in modality if r["kind"] == "noun"}
        self.people = set(vocab.words(people_file))
        self.unnamed_heads = _people_heads(unnamed_heads_file)
        self.refusals = {(r["type"], r["outcome"]): (r["refused_type"], r["refused_outcome"])
                         for r in vocab.table(refusals_file)}
        self.refusal_verbs = set(vocab.words(refusal_verbs_file))
        self.light_verbs = {r["lemma"]: r["subject"] for r in vocab.table(light_verbs_file)}
        self.anaphors = {r["lemma"]: set(r["outcomes"].split("|")) for r in vocab.table(anaphors_file)}
        for lemma in self.anaphors:
            self._add_segment(nlp, lemma)

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        found = self._segments_found(doc)
        triggers = self._triggers(doc, found)
        dates = _DateAttachments(doc, triggers)
        matters = {row["type"] for row, _, _ in triggers}
        # entity ids, not entities: user_data travels with the Doc between processes
        told_by = next((e for e in (narrator(doc), self._header_person(doc, "narrator"))
                        if e is not None and not _is_role_word(e, self.header_roles_file)), None)
        doc.user_data[NARRATOR_KEY] = told_by.id if told_by else None
        party = self._case_party(doc) or self._header_person(doc, "party") or self._role_noun_party(doc)
        doc.user_data[PARTY_KEY] = party.id if party else None
        doc.user_data.pop(ENTITY_CACHE_KEY, None)  # "I" and "the defendant" stand for someone from here on
        unknown = self._unknown_whereabouts(doc)
        heads = {_head(doc[start:end]).i for _, start, end in triggers}
        # "... where he is": no trigger word, the clause itself is the disappearance
        triggers = sorted(triggers + [(WHEREABOUTS_ROW, i, i + 1) for i in unknown - heads], key=lambda m: m[1])
        for row, start, end in triggers:
            if _head(doc[start:end]).i in unknown:
                row = WHEREABOUTS_ROW  # "no word about where he is being held": not a detention
            if row["type"] == RULING:
                appealed = doc[end - 1]
                if appealed.lemma_ in self.ruled_appeals:
                    # "the court dismissed his appeal on 9 October": he appealed, decided that day
                    appeal = self._event(doc, APPEAL_ROW, appealed.i, appealed.i + 1, dates, party)
                    events += [appeal] if appeal is not None else []
                # "dismissed the appeal" decides the matter the document is about: in an asylum case, asylum
                decided = next((self.rulings[(row["outcome"], m)] for m in sorted(matters)
                                if (row["outcome"], m) in self.rulings), None)
                if decided is None:
                    continue
                row = {**row, "type": decided[0], "outcome": decided[1]}
            event = self._event(doc, row, start, end, dates, party)
            if event is not None:
                events.append(event)
                events += self._implied(doc[event.token], event)
        self._date_by_anaphor(doc, events, {i for _, start, end in triggers for i in range(start, end)}, found)
        _date_by_taking(events, unknown)
        self._date_by_decision(doc, events)
        self._date_by_header(doc, events, told_by)
        _date_by_judgment(doc, events)
        _date_by_narrative(doc, events, told_by)
        _statement_as_testimony(doc, events, told_by)
        events = _merge(events, doc, self.light_verbs)
        for n, event in enumerate(events):
            event.id = f"V{n + 1}"
        doc._.events = events
        return doc

    def _date_by_header(self, doc: Doc, events: list[Event], told_by) -> None:
        """"Date of judgment: 18 September 2024": the undated verdict and sentence the document
        records; "Date of statement: 2 May 2023": the witness's testimony, which the document is."""
        for m in self.header_date_line.finditer(doc_text(doc)[:HEADER_CHARS]):
            date = next((d for d in doc._.dates or () if m.end("label") <= d.start < m.end()), None)
            if date is None:
                continue
            types, narrated = self.header_dates[" ".join(m.group("label").lower().split())]
            for event in events:
                if event.type in types and event.date is None and event.modality != "planned":
                    event.date = date.value
            if narrated and told_by is not None and not any(
                    e.type in types and told_by.id in e.agent for e in events):
                label = doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
                events.append(Event(id="", type=sorted(types)[0], outcome=None, modality="actual",
                                    trigger_start=label.start_char, trigger_end=label.end_char,
                                    trigger_text=label.text, agent=[told_by.id], date=date.value,
                                    token=label.start))

    def _date_by_decision(self, doc: Doc, events: list[Event]) -> None:
        """"... after the High Court rejected the request. On Monday the High Court ruled that ...":
        a dated clause in which a body states its decision dates that body's undated decision."""
        for date in doc._.dates or ():
            verb = doc[date.token_start:date.token_end].root
            for _ in range(3):
                if verb.head is verb or verb.pos_ in VERBS:
                    break
                verb = verb.head
            if verb.lemma_ not in self.decision_verbs or verb.pos_ not in VERBS:
                continue
            deciders = {e.id for c in verb.children if c.dep_ == "nsubj"
                        for e in [_entity(c)] if e is not None}
            for event in events:
                if (event.date is None and event.outcome and event.modality == "actual"
                        and event.token < verb.i and deciders & set(event.agent)):
                    event.date = date.value

    def _unknown_whereabouts(self, doc: Doc) -> set[int]:
        """Verbs of "where he is (held)" clauses that a negated word of knowing governs: "his family
        does not know where he is", "has not been able to learn where he is held"."""
        found = set()
        for where in (doc[i] for i in tokens_among(doc, WHERE)):
            if where.dep_ != "advmod" or where.head.pos_ not in VERBS:
                continue
            clause = where.head
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.pos_ not in ("PRON", "PROPN") or subject.lower_ in ("it", "they", "this"):
                continue  # "where the camp is": a place, not a person, is unknown
            token, knowing = clause, None
            for _ in range(4):
                if token.head.i == token.i:
                    break
                token = token.head
                if token.lemma_ in self.knowing:
                    knowing = token
                    break
            if knowing is not None and _negated(knowing):
                found.add(clause.i)
        return found

    def _date_by_anaphor(self, doc: Doc, events: list[Event], trigger_tokens: set[int], found) -> None:
        """"... refused her asylum. The refusal, dated 5 October 2018, ...": the date of an
        anaphoric noun goes to the undated event it points back to."""
        for i in sorted({start for lemma in self.anaphors for start, _ in found.get(lemma, ())}):
            token = doc[i]
            outcomes = self.anaphors.get(token.lemma_)
            if (outcomes is None or token.pos_ != "NOUN" or token.i in trigger_tokens
                    or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)):
                continue
            left, right = token.left_edge.i, token.right_edge.i
            date = next((d for d in doc._.dates or () if left <= d.token_start <= right), None)
            antecedent = next((e for e in reversed(events) if e.token < token.i and e.outcome in outcomes), None)
            if date is not None and antecedent is not None and antecedent.date is None:
                antecedent.date = date.value

    def _add_segment(self, nlp: Language, run: str) -> None:
        if run not in self.segments:
            words = run.split()
            self.segments.add(run, [Doc(nlp.vocab, words=words, lemmas=words)])

    def _segments_found(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for key, start, end in self.segments(doc):
            found.setdefault(doc.vocab.strings[key], []).append((start, end))
        return found

    def _matches(self, doc: Doc, found) -> list[tuple[int, int, int]]:
        """(row, start, end) for every way a pattern matches, a gap being up to GAP words, no punctuation
        but the hyphens of compounds ("a six-month term")."""
        out = []
        for first, spans in found.items():
            for n, runs in self.by_first.get(first, ()):
                ends = list(spans)
                for run in runs[1:]:
                    ends = [(start, e) for start, end in ends for s, e in found.get(run, ())
                            if end <= s <= end + GAP and not any(t.is_punct and t.tag_ != "HYPH" for t in doc[end:s])]
                out += [(n, start, end) for start, end in ends]
        return out

    def _triggers(self, doc: Doc, found):
        """Matches, longest first, one per trigger token and none inside a longer match."""
        # of two matches over the same words, the one that names more of them wins: "taken away
        # from" is "take ... away from", not "take ... from"
        matches = sorted(self._matches(doc, found), key=lambda m: (-(m[2] - m[1]), -self.literal[m[0]], m[1], m[0]))
        taken: list[tuple[int, int]] = []
        out = []
        for n, start, end in matches:
            if any(s <= start < e or s < end <= e for s, e in taken):
                continue
            row = self.rows[n]
            if not self._allowed(doc[start:end], row["when"]):
                continue
            taken.append((start, end))
            out.append((row, start, end))
        return sorted(out, key=lambda m: m[1])

    def _allowed(self, span, when: str) -> bool:
        token = _head(span)
        if token.pos_ in VERBS and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_ in self.occasions
                                       and c not in span for c in token.children):
            return False  # "the hearing was held", "released a report": a thing, not a person, undergoes it
        conditions = {c.strip() for c in when.split(",") if c.strip()}
        if "verb" in conditions and token.pos_ not in VERBS:
            return False
        if "noun" in conditions and token.pos_ not in NOUNS:
            return False
        if "passive" in conditions and not _is_passive(token):
            return False
        if "direct" in conditions and not (span[-1].head.i == token.i and span[-1].dep_ in ("dobj", "dative", "iobj")):
            return False  # "told the court", not "told reporters outside the court"
        if "intransitive" in conditions and any(c.dep_ == "dobj" for c in token.children):
            return False  # "crossed again" is a crossing, "crossed the street" is not
        if "object" in conditions and not any(
                c.dep_ in ("dobj", "nsubjpass") and (e := _entity(c)) is not None and e.type in RECIPIENT_TYPES
                for c in token.children):
            return False  # "held him" is a detention, "held his passport" is not
        for wanted in ("place", "facility"):
            if wanted in conditions and not _has_argument(span, wanted):
                return False
        # "detention center", "asylum officer": a kind of thing, not an event
        return not (len(span) == 1 and token.pos_ in NOUNS and token.dep_ == "compound")

    def _case_party(self, doc: Doc):
        """The party a court text calls "the appellant" (coref makes those words its mentions)."""
        return next((e for e in doc._.entities or () if e.type == "person"
                     and any(m.text.lower() in self.party_roles for m in e.mentions)), None)

    def _implied(self, trigger: Token, event: Event) -> list[Event]:
        """"Police detained him on 6 February": the arrest the detention began with."""
        implied = self.implied.get((trigger.lemma_, event.type))
        if implied is None or trigger.pos_ not in VERBS or any(
                c.dep_ == "prep" and c.lower_ in implied[1] for c in trigger.children):
            return []
        finite = trigger.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP")
                                              for c in trigger.children)
        if not finite:
            return []  # "reported to be detained", "relatives detained in camps": a state, not a taking
        return [replace(event, type=implied[0], outcome=None, agent=list(event.agent),
                        patient=list(event.patient), place=list(event.place))]

    def _header_person(self, doc: Doc, role: str):
        """The person a header line names in a role ("Witness: X", "Statement of X", "Defendant: X")."""
        for m in self.headers[role].finditer(doc_text(doc)[:HEADER_CHARS]):
            span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
            person = next((e for t in span or () for e in [entity_of(t)]
                           if e is not None and e.type == "person" and not _is_role_word(e, self.header_roles_file)), None)
            if person is not None:
                return person
        return None

    def _role_noun_party(self, doc: Doc):
        """"the accused Erlan Bekov", "defendant Erlan Bekov": the person a role noun introduces."""
        for i in tokens_among(doc, self.party_nouns):
            if i + 1 < len(doc):
                entity = entity_of(doc[i + 1])
                if entity is not None and entity.type == "person":
                    return entity
        return None

    def _event(self, doc: Doc, row: dict[str, str], start: int, end: int, dates, party=None) -> Event | None:
        trigger = _head(doc[start:end])
        etype, outcome = row["type"], row["outcome"]
        if _nobody(trigger):
            return None
        if not any(t.dep_ == "neg" for t in doc[start:end]) and self._refused(trigger):
            # a negation inside the pattern ("has not been heard from") is part of what it means
            if (etype, outcome) not in self.refusals:
                return None  # "was not arrested": no event
            etype, outcome = self.refusals[(etype, outcome)]
        agents, patients, places = self._participants(doc[start:end], etype, row.get("subject"))
        unnamed = self._unnamed(doc[start:end], etype, row.get("subject"), bool(agents), bool(patients))
        undergoing = {u.text for u in unnamed if u.role == "patient"}
        unnamed = [u for u in unnamed if u.role == "patient" or u.text not in undergoing]  # one role each
        unnamed_patients = any(u.role == "patient" for u in unnamed)
        if "person" in row["when"] and not (patients or unnamed_patients):
            return None  # "handed over the files", "returned home": nobody is handed over or returned
        if "patient" in row["when"] and not (patients or unnamed_patients) and not self._people_argument(trigger):
            return None
        claim = _claim_of(doc, trigger.i)
        conjunct = trigger
        while claim is None and conjunct.dep_ == "conj" and conjunct.head.i < conjunct.i:
            # "He said agents arrested him, held him and beat him": the whole list is what he said
            conjunct = conjunct.head
            claim = _claim_of(doc, conjunct.i)
        if claim is not None and claim.stance == "deny":
            # "the embassy denied that Beijing had sought his return": the speaker says it did not happen
            return None
        if claim is not None and claim.speaker and not (agents or patients) and _first_person(trigger, etype):
            # "He said they would appeal", "... to appear before you and testify": the speaker
            role = self.subject_role.get(etype, "agent")
            speaker = _by_id(doc, claim.speaker)
            if _is_role_word(speaker, self.header_roles_file):
                speaker = _by_id(doc, doc.user_data.get(NARRATOR_KEY)) or speaker  # "STATEMENT OF WITNESS"
            (patients if role == "patient" else agents).append(speaker)
        role = self.party_role.get(etype)
        own_side = patients if role == "patient" else agents
        if (party is not None and role and not own_side and party not in agents + patients
                and not _doer_named_above(trigger)):
            # "The respondent refused the claim", "Permission to appeal was granted": in a case about
            # one appellant, a decision on nobody's claim or an appeal by nobody is theirs
            own_side.append(party)
        if not (agents or patients or unnamed):
            return None  # an event with nobody in it ("the detention rate") is no record
        if claim is not None and self._own_account(doc, claim):
            claim = None  # the witness's statement is the document: what it states is actual
        modality = "planned" if self._planned(trigger) else ("alleged" if claim and etype != "testimony" else "actual")
        span = doc[start:end] if end - start <= 3 else doc[start:start + 1]
        return Event(id="", type=etype, outcome=outcome or None, modality=modality,
                     trigger_start=span.start_char, trigger_end=span.end_char, trigger_text=span.text,
                     agent=_ids(agents) + [u.id for u in unnamed if u.role == "agent"],
                     patient=_ids(patients) + [u.id for u in unnamed if u.role == "patient"], place=_ids(places),
                     date=dates.of(trigger, start, end), claim=claim.id if claim else None, token=trigger.i,
                     unnamed=unnamed)

    def _own_account(self, doc: Doc, claim) -> bool:
        """"I state that I was arrested" in a witness statement: the narrator's own words."""
        narrator_id = doc.user_data.get(NARRATOR_KEY)
        speaker = _by_id(doc, claim.speaker)
        return narrator_id is not None and (claim.speaker == narrator_id
                                            or _is_role_word(speaker, self.header_roles_file))

    def _refused(self, trigger: Token) -> bool:
        """Negated, or governed by a refusal: "did not order her expulsion", "declined to hand her over"."""
        infinitive = next((t for t in (trigger, trigger.head) if t.pos_ in VERBS
                           and any(c.tag_ == "TO" for c in t.children)), None)
        if infinitive is not None and infinitive.dep_ in ("relcl", "acl"):
            # "refused at the time to order her deportation": the parser hung the infinitive on the
            # adverbial between the refusal and it
            noun = infinitive.head
            governor = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
            if (noun.dep_ in ("pobj", "npadvmod") and governor.lemma_ in self.refusal_verbs
                    and not any(c.dep_ == "xcomp" for c in governor.children)):
                return True
        token = trigger
        for _ in range(4):
            if any(c.dep_ == "neg" for c in token.children):
                return True
            if token is not trigger and token.lemma_ in self.refusal_verbs:
                return True
            if token.dep_ not in ("xcomp", "dobj") or token.head is token:
                return False
            token = token.head
        return False

    def _participants(self, match, etype: str, subject_role: str | None = None):
        agents, patients, places = [], [], []
        subject_role = subject_role or self.subject_role.get(etype)
        trigger = _head(match)
        own = set(match)
        if trigger.dep_ == "conj" and trigger.pos_ == trigger.head.pos_ == "NOUN":
            own.add(trigger.head)  # "persecutions and killings of X": X is shared
        doer_nouns = etype in ("testimony", "appeal")
        for token in sorted(own, key=lambda t: t.i):
            verbal = token.pos_ in ("VERB", "AUX")
            for child in token.children:
                dep, low = child.dep_, child.lower_
                if dep in ("prep", "agent") and low == "by":
                    agents += _phrase_entities(child, PEOPLE_TYPES + ("place",))
                elif dep in ("prep", "dative") and low in PLACE_PREPS:
                    places += [e for e in _entities_under(child) if e.type in PLACE_TYPES]
                    if low == "to":  # "granted asylum to X", "the refusal of asylum to X"
                        patients += _phrase_entities(child, RECIPIENT_TYPES)
                elif dep == "prep" and low == "of" and not verbal:
                    # "the appeal of Ivan Petrov" but not "a petition for review of the Board's decision"
                    (agents if doer_nouns else patients).extend(
                        _phrase_entities(child, RECIPIENT_TYPES if doer_nouns else PEOPLE_TYPES))
                elif dep == "prep" and low == "against" and not verbal:
                    patients += _phrase_entities(child, PEOPLE_TYPES)  # "charges against X"
                elif dep == "poss" and not verbal:
                    found = _entity(child)
                    if found:
                        (agents if doer_nouns else patients).append(found)
                elif dep in ("compound", "amod", "npadvmod") and not verbal:
                    agents += [e for e in _entities_under(child) if e.type in ("organization", "person")]
                elif dep in ("dobj", "dative") and verbal:
                    patients += _phrase_entities(child, PEOPLE_TYPES)
                    places += [e for e in _entities_under(child) if e.type in PLACE_TYPES]
                elif dep == "nsubjpass" or (dep == "nsubj" and token.pos_ in ("ADJ", "VERB") and token.i != trigger.i):
                    # "was arrested", "found X guilty", "let X go"
                    patients += _phrase_entities(child, PEOPLE_TYPES)
        if trigger.dep_ == "acomp" and not patients:
            # "he had been ill-treated", "she remains missing": the parser makes the word a complement
            # of the verb whose subject it is about
            found = [e for c in trigger.head.children if c.dep_ == "nsubj"
                     for e in _phrase_entities(c, PEOPLE_TYPES)]
            passive = trigger.tag_ == "VBN"
            (patients if passive or subject_role == "patient" else agents).extend(found)
        if trigger.pos_ in VERBS:
            subject = _object_controller(trigger)
            if subject is None and not _is_passive(trigger):
                subject = subject_of(trigger) or _deadline_holder(trigger)
            elif subject is None and not patients and trigger.dep_ in ("acl", "amod") and trigger.tag_ == "VBN":
                # "ordered Ivan Petrov released", "people held in camps": the noun it describes
                patients += _phrase_entities(trigger.head, PEOPLE_TYPES)
                member = _member_of(trigger.head)
                if not patients and member is not None:
                    patients += _phrase_entities(member, PEOPLE_TYPES)
            elif subject is None and not patients and not self._people_argument(trigger) and not any(
                    c.dep_ == "nsubjpass" and not c.is_alpha for c in trigger.children):
                # (a subject the parser made of Markdown emphasis, "**3,000 people**", is no one else's)
                # "He was arrested and sentenced": the shared subject; "RSRM believes that 3,000 people
                # were held": the people, whom no entity names, not the believer
                subject = subject_of(trigger)
                if subject is not None:
                    patients += _phrase_entities(subject, PEOPLE_TYPES)
                subject = None
            if subject is not None:
                found = _phrase_entities(subject, PEOPLE_TYPES + ("place",))
                role = "patient" if (subject_role == "patient" and not patients) else "agent"
                (patients if role == "patient" else agents).extend(found)
            if not patients and etype in self.owner_types:
                # "photographed our faces", "the phone of X was monitored": whose things they are
                patients += [e for token in match for c in token.children if c.dep_ in ("dobj", "nsubjpass")
                             for e in _owners(c) if e.type in RECIPIENT_TYPES]
            if not patients:
                # "giving her a suspended sentence": the recipient of the governing verb
                patients += [e for c in trigger.head.children if c.dep_ in ("dative", "iobj")
                             for e in _phrase_entities(c, PEOPLE_TYPES)]
            if not (agents or patients):
                found = _gerund_doer(trigger)
                (patients if subject_role == "patient" else agents).extend(found)
        else:
            self._carrier_participants(trigger, agents, patients)
        # "grant Lena Orlova refugee status" read as one compound: nobody is both sides of an event
        return [a for a in _unique(agents) if a not in patients], _unique(patients), _unique(places)

    def _carrier_participants(self, noun: Token, agents: list, patients: list) -> None:
        """"was given a suspended sentence", "gave her a sentence", "he was in custody": the
        participants of an event noun from the verb that carries it."""
        for clause in noun.children:
            # "the torture Sun endured", "the sentence the court imposed": a clause on the noun carries
            # it (the parser also reads the subject as an apposition with the verb hanging from it)
            if (clause.dep_ == "relcl" and clause.lemma_ in self.light_verbs
                    and not any(c.dep_ == "mark" for c in clause.children)):  # "after the hearing that he was ...": misparsed
                role, subjects = self.light_verbs[clause.lemma_], [c for c in clause.children if c.dep_ == "nsubj"]
            elif clause.dep_ == "appos":
                verb = next((c for c in clause.children if c.dep_ == "acl" and c.lemma_ in self.light_verbs), None)
                if verb is None:
                    continue
                role, subjects = self.light_verbs[verb.lemma_], [clause]
            else:
                continue
            for subject in subjects:
                (patients if role == "patient" else agents).extend(_phrase_entities(subject, PEOPLE_TYPES))
        if agents or patients:
            return
        head = noun.head
        governor = head.head if head.dep_ == "prep" else head
        role = self.light_verbs.get(governor.lemma_)
        for c in governor.children:
            if c is noun or c is head:
                continue
            if (c.dep_ in ("dative", "iobj") or (role and c.dep_ == "dobj")) and not patients:
                # "gave her a sentence", "placed him under house arrest"
                patients += _phrase_entities(c, PEOPLE_TYPES)
            elif role and c.dep_ == "prep" and c.lower_ in ("to", "against") and not patients:
                # "handed a sentence to X", "charges were brought against X"
                patients += _phrase_entities(c, RECIPIENT_TYPES)
            elif role and c.dep_ == "nsubjpass" and not patients:
                patients += _phrase_entities(c, PEOPLE_TYPES)
            elif role and c.dep_ == "nsubj":
                (patients if role == "patient" else agents).extend(_phrase_entities(c, PEOPLE_TYPES))
        if (not (agents or patients) and head.dep_ == "prep" and head.lower_ in SETTING_PREPS and governor.pos_ in VERBS
                and (head.lower_ not in TIME_OFFSETS or _is_passive(governor))):
            # "was sentenced after a trial" but not "his wife told reporters after the hearing"
            # "During the trial in Zharkent, Sauytbay testified": who takes part in the setting
            subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                patients += _phrase_entities(subject, ("person",))
            if not patients:
                # "At a remand hearing, the court gave police 14 days to question Ivan Petrov": the
                # person the clause is about when its subject is nobody named
                outside = range(noun.left_edge.i, noun.right_edge.i + 1)
                patients += [e for t in governor.subtree if t.i not in outside
                             for e in [entity_of(t)] if e is not None and e.type == "person"][:1]
        if role and not patients and governor.dep_ == "conj":
            # "crossed into Kazakhstan and was given a suspended sentence": the shared subject
            subject = subject_of(governor)
            if subject is not None:
                passive = _is_passive(governor)
                (patients if passive or role == "patient" else agents).extend(_phrase_entities(subject, PEOPLE_TYPES))

    def _unnamed(self, match, etype: str, subject_role: str | None, has_agent: bool, has_patient: bool) -> list[Unnamed]:
        """Participants that no entity names, for the roles the entities left empty: "police detained
        23 people", "Nineteen of those held were released", "the protesters' arrest"."""
        if has_agent and has_patient:
            return []
        subject_role = subject_role or self.subject_role.get(etype)
        doer_nouns = etype in ("testimony", "appeal")
        trigger = _head(match)
        found: list[tuple[str, Token]] = []
        for token in match:
            verbal = token.pos_ in VERBS
            for child in token.children:
                dep, low = child.dep_, child.lower_
                if dep == "agent" or (dep == "prep" and low == "by"):
                    found += [("agent", c) for c in child.children if c.dep_ == "pobj"]
                elif dep == "prep" and low in ("of", "against") and not verbal:
                    role = "agent" if doer_nouns and low == "of" else "patient"
                    found += [(role, c) for c in child.children if c.dep_ == "pobj"]
                elif dep in ("poss", "compound") and not verbal:
                    found.append(("agent" if doer_nouns else "patient", child))
                elif dep in ("dobj", "nsubjpass") and verbal:
                    found.append(("patient", child))
                elif dep == "nsubj" and verbal:
                    found.append(("patient" if subject_role == "patient" or _is_passive(token) else "agent", child))
                elif dep == "csubj" and verbal:
                    # "eleven people arrested in February will stand trial": the subject's own subject
                    found += [("patient" if subject_role == "patient" else "agent", c)
                              for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        if trigger.pos_ in VERBS:
            if trigger.dep_ in ("acl", "amod") and trigger.tag_ == "VBN":
                found.append(("patient", trigger.head))  # "people held in camps", "those detained"
            elif not any(role != "patient" or tok.dep_ == "nsubjpass" for role, tok in found):
                # "were arrested and held", "... and were released": the subject it shares
                subject = subject_of(trigger)
                if subject is not None:
                    passive = _is_passive(trigger)
                    found.append(("patient" if passive or subject_role == "patient" else "agent", subject))
        else:
            head = trigger.head
            governor = head.head if head.dep_ == "prep" else head
            setting = head.dep_ == "prep" and head.lower_ in SETTING_PREPS | TIME_OFFSETS
            if (governor is not trigger and governor.lemma_ in self.light_verbs and not setting
                    and trigger.dep_ in ("dobj", "pobj", "attr")):
                # "23 people were taken into custody", "the journalists face trial"
                for c in governor.children:
                    if c.dep_ == "nsubjpass":
                        found.append(("patient", c))
                    elif c.dep_ == "nsubj":
                        role = self.light_verbs.get(governor.lemma_) or subject_role
                        found.append(("patient" if role == "patient" else "agent", c))
        out: list[Unnamed] = []
        for role, token in found:
            if (role == "agent" and has_agent) or (role == "patient" and has_patient):
                continue
            if token.lower_ in PLURAL_PRONOUNS | {"we", "us", "our"} and _entity(token) is None:
                # "Several former detainees told GLPFW that they were beaten": the speakers; "The
                # family applied for asylum ... Their first claim was turned down": the group a
                # plural pronoun just before stood for
                group = self._speaking_group(token) or (_recent_group(token) if token.lower_ in PLURAL_PRONOUNS else None)
                if group is not None and not any(u.start == group.start for u in out):
                    out.append(Unnamed(role, group.text, group.start, group.end))
                continue
            span = self._people_phrase(token)
            if span is not None and not any(u.start == span.start_char for u in out):
                out.append(Unnamed(role, span.text, span.start_char, span.end_char))
        subjects = {token.idx for _, token in found if token.dep_ in ("nsubj", "nsubjpass")}
        groups = match.doc.user_data.setdefault(GROUPS_KEY, [])
        groups.extend((u.start, u.text, u.end) for u in out
                      if any(u.start <= i < u.end for i in subjects))  # a subject is what "they" goes on about
        return out

    def _speaking_group(self, pronoun: Token) -> Unnamed | None:
        """The unnamed speakers of the claim the pronoun is in, when it is about themselves."""
        doc = pronoun.doc
        claim = _claim_of(doc, pronoun.i)
        if claim is None or claim.speaker is not None or not claim.speaker_text:
            return None
        words = claim.speaker_text.split()
        counted = words and (words[0].casefold() in COUNTING_WORDS or words[0].replace(",", "").isdigit())
        if not words or not (counted or words[-1].casefold().removesuffix("s") in self.unnamed_heads):
            return None  # "Several of those arrested", "Former detainees": people, not a body
        at = doc_text(doc).rfind(claim.speaker_text, max(0, claim.cue_start - SPEAKER_REACH), claim.cue_end)
        if at < 0:
            at = doc_text(doc).find(claim.speaker_text, claim.cue_end, claim.cue_end + SPEAKER_REACH)
        if at < 0:
            return None
        return Unnamed("patient", claim.speaker_text, at, at + len(claim.speaker_text))

    def _people_phrase(self, head: Token):
        """The words naming a group of people no entity names: "at least 40 journalists", "my eldest
        son", "Nineteen of those held"; None for things, pronouns and named entities."""
        if head.pos_ == "PRON" or _entity(head) is not None or head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            return None
        if any(c.dep_ == "appos" and _entity(c) is not None for c in head.children):
            return None  # "His wife, Maria Lopez,": a named person
        counted = head.like_num or head.lower_ in COUNTING_WORDS
        if head.lemma_.lower() not in self.unnamed_heads and head.lower_ not in self.unnamed_heads and not counted:
            return None
        of = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        if counted and of is None and head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None  # a bare number is people only as a clause's subject or object: "Nineteen were freed"
        if counted and of is not None and not (of.pos_ == "PRON" or of.lemma_.lower() in self.unnamed_heads):
            return None  # "hundreds of complaints": things counted, not people
        modifiers = [c for c in head.children if c.dep_ in ("nummod", "amod", "det", "poss", "compound", "quantmod")
                     or (c.dep_ == "prep" and c.lower_ == "of")]
        if not modifiers and (head.lower_ in VAGUE_QUANTIFIERS or head.lemma_.lower() in GENERIC_PEOPLE):
            return None  # "people are held without trial", "Most fled": people in general, no record
        if not (counted or head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in COLLECTIVE_NOUNS
                or any(c.dep_ == "nummod" for c in head.children)
                or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)):
            # "A Vietnamese blogger appeared in court": one person, whom the next paragraph names
            return None
        keep = [head]
        for child in head.children:
            if child.dep_ in ("relcl", "acl", "punct", "appos", "cc") or (child.dep_ == "prep" and not (
                    child.lower_ == "of" and counted)):
                continue
            if child.dep_ == "conj" and child.lemma_.lower() not in self.unnamed_heads:
                continue
            if child.dep_ in ("det", "poss") and child.i == head.left_edge.i and child.lower_ in LEADING_DETERMINERS:
                continue  # "my eldest son", "the protesters": the people, not the determiner
            keep.extend(child.subtree)
        keep = sorted(keep, key=lambda t: t.i)
        start, end = keep[0].i, keep[-1].i + 1
        doc = head.doc
        while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in LEADING_DETERMINERS):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        span = doc[start:end]
        if not span or any(entity_of(t) is not None for t in span) or "\n" in span.text:
            return None
        return span

    def _people_argument(self, trigger: Token) -> bool:
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass") and (child.lemma_ in self.people or child.like_num):
                return True
        return False

    def _planned(self, trigger: Token) -> bool:
        """"would appeal", "plans to appeal", "feared being sent back", "if she was deported", "an order
        to deport him", "Sending her back would ...": announced, intended, feared or conditional."""
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if trigger is not verb and trigger.dep_ in ("nsubj", "nsubjpass"):
            return False  # "her testimony could support ...": the modal is the verb's, not the event's
        # "Sending her back would ...", but not "people arrested in May will ..." (a participle)
        carriers = [verb, verb.head] if verb.dep_ in ("csubj", "csubjpass") and verb.tag_ != "VBN" else [verb]
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in self.planned_aux for v in carriers for c in v.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in self.conditions for c in verb.children):
            return True
        if verb.dep_ in ("acl", "relcl") and any(c.tag_ == "TO" for c in verb.children) and (
                verb.head.lemma_ in self.planned_nouns or verb.head.head.lemma_ in self.planned_governors):
            return True  # "an order to deport him", "has 30 days to appeal"
        if _imperative(verb):
            return True  # "Grant her refugee status": what a statement asks for
        if _subjunctive(verb):
            return True  # "orders that she be released": what a court directs, not yet done
        return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in self.planned_governors


def _header_pattern(rows, role: str) -> re.Pattern:
    """One expression for a role's header labels: "Witness: X", "Statement of X", "I, X," opening a
    line (after a paragraph number, if any), "my name is X" anywhere."""
    forms = {"label": r"[ \t]*[:\-\u2013\u2014][ \t]*", "of": r"\s+(?:of|by)\s+", "is": r"\s+", "comma": r"[ \t]*,[ \t]*"}
    line, anywhere = [], []
    for r in rows:
        if r["role"] == role:
            label = re.escape(r["label"]).replace(r"\ ", r"\s+")
            (anywhere if r["form"] == "is" else line).append(label + forms[r["form"]])
    heads = [r"^[ \t]*(?:\d+\.?[ \t]*)?(?:" + "|".join(line) + ")"] if line else []
    heads += [r"\b(?:" + "|".join(anywhere) + ")"] if anywhere else []
    return re.compile("(?:" + "|".join(heads) + r")(?P<name>[^\n]{1,80})", re.IGNORECASE | re.MULTILINE)


def _negated(word: Token) -> bool:
    """"does not know", "has not been able to learn", "received no word", "nobody will tell us"."""
    token = word
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "dobj") and _negative_phrase(c)) for c in token.children):
            return True
        if token is not word and token.pos_ not in VERBS + ("ADJ",):
            return False
        if _negative_phrase(token) or token.head.i == token.i:
            return _negative_phrase(token)
        token = token.head
    return False


def _negative_phrase(token: Token) -> bool:
    """"nobody", "no one", "no word"."""
    return token.lower_ in NEGATIVE_SUBJECTS or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _date_by_taking(events: list[Event], unknown: set[int]) -> None:
    """"X was taken away on 3 January. His wife has not been able to learn where he is held": a
    disappearance by unknown whereabouts dates from the person's latest taking before it."""
    for n, event in enumerate(events):
        if event.token not in unknown or event.date:
            continue
        taken = next((e for e in reversed(events[:n]) if e.type in TAKING_TYPES and e.date
                      and set(e.patient) & set(event.patient)), None)
        if taken is not None:
            event.date = taken.date


def _first_person(trigger: Token, etype: str) -> bool:
    if trigger.pos_ not in VERBS:
        # "our appeal", "my asylum claim"; a bare "the trial" in a speaker's words is someone else's
        return etype in SPEAKER_NOUN_TYPES
    if _object_controller(trigger) is not None or any(
            c.dep_ == "prep" and c.lower_ == "on" for c in trigger.head.children if trigger.dep_ == "xcomp"):
        return False  # "called on the authorities to release them": the authorities would act
    passive_subject = next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
    if passive_subject is None and trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "amod"):
        passive_subject = trigger.head  # "detainees released in recent weeks": the detainees
    if passive_subject is not None:
        return passive_subject.lower_ in SPEAKER_PATIENTS
    subject = subject_of(trigger)
    return subject is None or subject.lower_ in FIRST_PERSON


def _head(span) -> Token:
    """The word that carries the match: "treated" in "ill-treated", "return" in "forcibly return",
    "arrest" in "house arrest"."""
    first = span[0]
    if len(span) == 1 or (first.pos_ in NOUNS and first.dep_ == "compound" and first.head in span):
        return span.root if len(span) > 1 else first
    last = span.root
    if first.pos_ in NOUNS and last.pos_ in VERBS and last.is_ancestor(first):
        # "asylum was refused", "their claim was turned down", "hundreds of families have been
        # separated": the verb says what happened to what the noun names
        return last
    if first.pos_ in VERBS + NOUNS:
        return first
    root = span.root
    return root if root.pos_ in VERBS + NOUNS else first


def _imperative(verb: Token) -> bool:
    if verb.dep_ == "conj":
        verb = verb.head
    return (verb.dep_ == "ROOT" and verb.tag_ == "VB"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children))


def _subjunctive(verb: Token) -> bool:
    """"that she be released": a bare "be" with no modal, no "to" and no tense of its own."""
    children = list(verb.children)
    return (any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in children)
            and not any(c.dep_ == "aux" or c.tag_ == "TO" for c in children))


def _nobody(trigger: Token) -> bool:
    """"No journalist had been detained", "nobody was in custody", "there are no disappeared
    persons": it happened to no one."""
    if trigger.dep_ in ("amod", "acl") and _negative_phrase(trigger.head):
        return True
    verb = trigger if trigger.pos_ in VERBS else trigger.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and (
        c.lower_ in NEGATIVE_SUBJECTS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in verb.children)


def _by_id(doc: Doc, entity_id: str | None):
    return next((e for e in doc._.entities or () if e.id == entity_id), None) if entity_id else None


def _is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children) and any(
            c.dep_ == "nsubj" for c in token.children):
        return True  # "Journalist arrested in Harare", "eleven people arrested in February will ...": a participle
    if token.tag_ == "VBN" and token.dep_ in ("acl", "amod"):
        return True
    # "was arrested in 2017 and sentenced": the conjunct shares the passive
    return (token.dep_ == "conj" and token.tag_ == "VBN" and _is_passive(token.head)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))


def _has_argument(span, wanted: str) -> bool:
    """An entity of type `wanted` as the object of the match or after its preposition."""
    for token in span:
        for child in token.children:
            if child.dep_ == "dobj":
                head = child
            elif child.dep_ in ("prep", "dative") and child.lower_ in PLACE_PREPS:
                head = next((c for c in child.children if c.dep_ == "pobj"), None)
            else:
                continue
            entity = entity_of(head) if head is not None else None
            if entity is not None and entity.type == wanted:
                return True
    return False


def _doer_named_above(trigger: Token) -> bool:
    """"an application by the respondent for permission to appeal": a request the trigger belongs
    to names who makes it, so the appeal is not the case's party's by default."""
    token = trigger
    for _ in range(6):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in VERBS:
            return False
        if token.pos_ in NOUNS and any(c.dep_ == "prep" and c.lower_ == "by" for c in token.children):
            return True
    return False


def _member_of(group: Token) -> Token | None:
    """"X was among those arrested", "X is one of the people detained": X, one of the group."""
    prep = group.head
    if group.dep_ != "pobj" or prep.lower_ not in ("among", "of"):
        return None
    governor = prep.head
    if prep.lower_ == "of":
        if governor.lower_ != "one" and governor.pos_ != "NUM":
            return None
        governor = governor.head
    if governor.pos_ not in VERBS:
        return None
    return next((c for c in governor.children if c.dep_ == "nsubj"), None)


def _gerund_doer(trigger: Token) -> list:
    """"was given a sentence for crossing the border": who the governing clause is about."""
    if trigger.dep_ != "pcomp" or trigger.head.lower_ not in GERUND_PREPS:
        return []
    governor = trigger.head.head
    if governor.pos_ in NOUNS and governor.head.pos_ in VERBS:
        governor = governor.head  # "a sentence for crossing": the verb that carries the noun
    if governor.pos_ not in VERBS:
        return []
    for child in governor.children:
        if child.dep_ in ("nsubjpass", "dobj", "dative", "iobj"):
            found = _phrase_entities(child, RECIPIENT_TYPES)
            if found:
                return found
    return []


def _phrase_entities(token: Token, types) -> list:
    """The entity a noun phrase names (with its conjuncts), pronouns resolved."""
    if token.dep_ in ("prep", "agent", "dative") and token.pos_ == "ADP":
        token = next((c for c in token.children if c.dep_ == "pobj"), None)
        if token is None:
            return []
    found = []
    for head in [token] + [t for t in token.conjuncts if t.i > token.i]:
        entity = _entity(head)
        if entity is None or entity.type not in types:
            # "STOCKHOLM (SWS) — Sayragul Sauytbay, ...": a misparsed dateline heads the apposition
            entity = next((e for c in head.children if c.dep_ == "appos"
                           for e in [_entity(c)] if e is not None and e.type in types), None)
        if entity is None:
            phrase = noun_phrase(head, conjuncts=False)
            entity = best_entity(phrase, head)
            people_noun = head.pos_ == "NOUN" and head.lemma_.lower() in _people_heads() and entity_of(head) is None
            if (entity is not None and people_noun and entity.type in ("place", "person")
                    and not any(entity_of(t) is entity for t in head.doc[phrase.start: head.i + 1])):
                # "a national of Sri Lanka", "the wife of Ivan Petrov": someone the noun names,
                # not the place or person of its "of" phrase ("agents of the NISS" are the NISS's)
                entity = None
            elif entity is not None and people_noun and entity.type in ("group", "place") and head.tag_ == "NN":
                entity = None  # "a Belarusian activist": one person, not the Belarusians
        if entity is not None and entity.type in types and entity not in found:
            found.append(entity)
    return found


@lru_cache(maxsize=None)
def _people_heads(name: str = UNNAMED_HEADS_FILE) -> frozenset[str]:
    """Nouns naming people (data/event_unnamed_heads.txt): "activists", "my eldest son"."""
    return frozenset(vocab.words(name))


def _deadline_holder(trigger: Token) -> Token | None:
    """"X has 30 days to appeal", "gave her a week to leave": who the time or chance is given to."""
    noun = trigger.head
    if trigger.dep_ not in ("acl", "relcl") or noun.dep_ != "dobj" or not any(c.tag_ == "TO" for c in trigger.children):
        return None
    governor = noun.head
    given = next((c for c in governor.children if c.dep_ in ("dative", "iobj", "nsubjpass")), None)
    return given or next((c for c in governor.children if c.dep_ == "nsubj"), None)


def _owners(thing: Token) -> list:
    """Whose thing it is: "his phone", "the passports of X and Y"."""
    found = []
    for c in thing.children:
        if c.dep_ == "poss":
            found += [e for e in [_entity(c)] if e is not None]
        elif c.dep_ == "prep" and c.lower_ == "of":
            found += _phrase_entities(c, RECIPIENT_TYPES)
    return found


def _object_controller(trigger: Token) -> Token | None:
    """"forced a million Rohingya to flee": the object of the governing verb does the fleeing."""
    if trigger.dep_ != "xcomp":
        return None
    obj = next((c for c in trigger.head.children if c.dep_ == "dobj"), None)
    if obj is None:
        # "called on the authorities to release them": the object of "on" is to act
        on = next((c for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "on"), None)
        obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    return obj


def _entity(token: Token):
    """The entity a token stands for, pronouns, relatives, appositions and role words resolved;
    asked many times per token, so remembered for the document."""
    cache = token.doc.user_data.setdefault(ENTITY_CACHE_KEY, {})
    if token.i not in cache:
        cache[token.i] = _resolve_entity(token)
    return cache[token.i]


def _resolve_entity(token: Token):
    if token.lower_ in INDEFINITE_PRONOUNS:
        return None
    if token.lower_ in RELATIVE_PRONOUNS | {"whose"}:
        antecedent = _antecedent(token)
        return _entity(antecedent) if antecedent is not None else None
    person = appositive_person(token)
    if person is not None:
        return person
    entity = entity_of(token)
    if entity is None and token.pos_ == "PRON":
        # resolve first: coref makes the pronoun a mention of what it resolves to
        entity = resolve_pronoun(token)
        entity = _reporting_self(token) or entity
    doc = token.doc
    if token.lower_ in NARRATOR_PRONOUNS and (entity is None or _is_role_word(entity)):
        # "I was held for five weeks" in a witness's own account, also when a heading such as
        # "STATEMENT OF WITNESS" made the label its speaker
        claim = _claim_of(doc, token.i)
        speaker = _by_id(doc, claim.speaker) if claim is not None else None
        if claim is None or (speaker is not None and _is_role_word(speaker)):
            entity = _by_id(doc, doc.user_data.get(NARRATOR_KEY)) or entity
    if (entity is None and token.lower_ in _party_nouns()
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)):
        entity = _by_id(doc, doc.user_data.get(PARTY_KEY))  # "the defendant pleaded not guilty": the case's party
    return entity


def _reporting_self(pronoun: Token):
    """"Helen said she was taken away": the subject of what a speaker reports is the speaker,
    unless the pronoun's gender is not theirs."""
    gender = PRONOUN_GENDERS.get(pronoun.lower_)
    verb = pronoun.head
    if gender is None or pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
        return None
    claim = _claim_of(pronoun.doc, pronoun.i)
    if claim is None or claim.cue_start != verb.head.idx or claim.kind != "indirect":
        return None
    speaker = _by_id(pronoun.doc, claim.speaker)
    if speaker is None or speaker.gender not in (None, gender) or speaker.type not in PEOPLE_TYPES:
        return None
    return speaker


def _is_role_word(entity, name: str = HEADER_ROLES_FILE) -> bool:
    """"WITNESS" in "STATEMENT OF WITNESS": a header label the NER took for a name."""
    return entity is not None and entity.name.lower() in _label_words(name)


@lru_cache(maxsize=None)
def _label_words(name: str) -> frozenset[str]:
    return frozenset(w for r in vocab.table(name) for w in r["label"].split())


@lru_cache(maxsize=None)
def _party_nouns(name: str = HEADER_ROLES_FILE) -> frozenset[str]:
    """"defendant", "accused": role nouns that stand for the party a court header names."""
    return frozenset(r["label"].split()[-1] for r in vocab.table(name) if r["role"] == "party")


def _antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for: "a woman who fled", "a woman whose trial"."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass", "dobj", "poss", "pobj"):
        return None
    token = pronoun
    for _ in range(3):
        if token.dep_ == "relcl":
            return relative_antecedent(pronoun, token.head)
        if token.head is token:
            return None
        token = token.head
    return None


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


def _clause_verb(token: Token) -> Token:
    for _ in range(8):
        if token.pos_ in VERBS or token.head is token:
            break
        token = token.head
    return token


class _DateAttachments:
    """Which date belongs to which event: "was given a sentence on 1 August for crossing the
    border in April" dates the sentence and the crossing apart."""

    def __init__(self, doc: Doc, triggers) -> None:
        trigger_tokens = {i for _, start, end in triggers for i in range(start, end)}
        # a date on a trigger or on the clause of another event's trigger is not free to take
        self.held = trigger_tokens | {_clause_verb(doc[start]).i for _, start, _ in triggers}
        self.dates = []
        for date in doc._.dates or ():
            token = doc[date.token_start:date.token_end].root
            point = None
            for _ in range(8):
                if token.head is token:
                    break
                token = token.head
                if token.i in trigger_tokens or token.pos_ in VERBS:
                    point = token.i
                    break
            self.dates.append((date, point))

    def of(self, trigger: Token, start: int, end: int) -> str | None:
        sent = trigger.sent
        here = [(d, p) for d, p in self.dates if sent.start <= d.token_start < sent.end]
        direct = [d for d, p in here if p is not None and start <= p < end]
        if direct:
            return _nearest(direct, trigger)
        if _time_offset(trigger):
            return None
        verbs = set()
        verb = _clause_verb(trigger)
        for _ in range(4):
            verbs.add(verb.i)
            # "on Wednesday gave ... and refused to send her back", "In August, a court refused
            # ..., instead giving her a sentence": conjoined, controlled and adverbial clauses
            # share the date of the clause they hang from, unless it is another time ("after ...")
            if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head is verb or _time_offset(verb):
                break
            verb = verb.head
        shared = [d for d, p in here if p in verbs]
        if shared:
            return _nearest(shared, trigger)
        # "was detained and beaten by officers in Jaffna in 2017": a date closing the clause's last
        # conjunct dates the whole run of them, unless that one is another time ("... and charged later")
        own = _clause_verb(trigger)
        if not any(p == own.i for _, p in here):
            later = {c.i for c in own.conjuncts if c.i > own.i and c.pos_ in VERBS and not _time_offset(c)}
            run = [d for d, p in here if p in later and d.token_start > max(later, default=own.i)]
            if run:
                return _nearest(run, trigger)
        free = [d for d, p in here if p not in self.held]
        return _nearest(free, trigger) if free else None


def _time_offset(token: Token) -> bool:
    """"deported a week after his arrest", "fled before she was charged", "charged a week later": the
    event is at another time than the clause it hangs from."""
    if any(c.dep_ == "mark" and c.lower_ in TIME_OFFSETS for c in token.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in _time_shifts() for c in token.children):
        return True  # "... and charged two weeks later"
    for _ in range(3):
        if token.head is token or (token.pos_ in VERBS and token.dep_ not in ("pcomp", "pobj")):
            return False
        token = token.head
        if token.dep_ == "prep" and token.lower_ in TIME_OFFSETS:
            return True
    return False


@lru_cache(maxsize=None)
def _time_shifts() -> frozenset[str]:
    return frozenset(vocab.words("event_time_shifts.txt"))


def _nearest(dates, trigger: Token) -> str:
    return min(dates, key=lambda d: min(abs(d.token_start - trigger.i), abs(d.token_end - 1 - trigger.i))).value


def _date_by_judgment(doc: Doc, events: list[Event]) -> None:
    """"The judgment was announced on 1 August 2018": the date of the verdicts and sentences the
    document leaves undated (data/event_judgment_dates.txt)."""
    m = _judgment_date_re().search(doc_text(doc))
    if m is None:
        return
    date = next((d for d in doc._.dates or () if m.end() <= d.start <= m.end() + 2 and d.granularity == "day"), None)
    if date is None:
        return
    for event in events:
        if event.type in ("verdict", "sentence") and event.date is None and event.modality == "actual":
            event.date = date.value


@lru_cache(maxsize=1)
def _judgment_date_re() -> re.Pattern:
    phrases = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in vocab.words("event_judgment_dates.txt"))
    return re.compile(rf"\b(?:{phrases})\s+on\s+", re.IGNORECASE)


def _statement_as_testimony(doc: Doc, events: list[Event], told_by) -> None:
    """"Statement of X / Given to the Y Project, Udon Thani, 20 February 2026": a witness statement
    is the witness's testimony, given on the date its heading block gives."""
    if told_by is None or any(e.type == "testimony" and told_by.id in e.agent for e in events):
        return
    heading = STATEMENT_HEADING_RE.search(doc_text(doc)[:HEADER_CHARS])
    if heading is None:
        return
    prose = PROSE_LINE_RE.search(doc_text(doc), heading.end())
    block_end = prose.start() if prose else min(len(doc_text(doc)), HEADER_CHARS)
    date = next((d for d in doc._.dates or () if heading.start() <= d.start < block_end and d.granularity == "day"), None)
    if date is None:
        return
    label = doc.char_span(heading.start(1), heading.end(1), alignment_mode="expand")
    events.append(Event(id="", type="testimony", outcome=None, modality="actual", trigger_start=label.start_char,
                        trigger_end=label.end_char, trigger_text=label.text, agent=[told_by.id], date=date.value,
                        token=label.start))


def _date_by_narrative(doc: Doc, events: list[Event], told_by) -> None:
    """"On 2 November 2024 four policemen came to my house. They ... took me to the police
    station. I was held there for nine days": in a witness's own account, what happens to them
    later in the paragraph without a date of its own happens at the time the paragraph set."""
    if told_by is None:
        return
    text = doc_text(doc)
    for event in events:
        if event.date or event.modality != "actual" or told_by.id not in event.agent + event.patient:
            continue
        trigger = doc[event.token]
        window = text[max(0, trigger.idx - NARRATIVE_REACH):trigger.idx]
        breaks = list(PARAGRAPH_BREAK_RE.finditer(window))
        paragraph = trigger.idx - len(window) + (breaks[-1].end() if breaks else 0)
        earlier = [d for d in doc._.dates or () if paragraph <= d.start < trigger.sent.start_char
                   and d.granularity in ("day", "month")]
        if earlier and not _time_offset(trigger):
            event.date = earlier[-1].value


def _recent_group(pronoun: Token) -> Unnamed | None:
    """The last group of people an event named before the pronoun, not too far back."""
    groups = [g for g in pronoun.doc.user_data.get(GROUPS_KEY, ()) if g[2] <= pronoun.idx]
    if not groups:
        return None
    start, text, end = max(groups)
    if pronoun.idx - end > GROUP_REACH:
        return None
    return Unnamed("patient", text, start, end)


def _conflict(a: list[str], b: list[str]) -> bool:
    return bool(a and b and not set().union(*map(_participant_keys, a)) & set().union(*map(_participant_keys, b)))


def _participant_keys(participant: str) -> set[str]:
    """An entity id, or the count and head word of an unnamed participant's phrase: "at least 11
    journalists" may be "the journalists", and "23 people" the "23" of a headline."""
    if ENTITY_ID.fullmatch(participant):
        return {participant}
    words = participant.casefold().split()
    return {words[-1].removesuffix("s")} | {w for w in words if w.replace(",", "").isdigit()}


def _merge(events: list[Event], doc: Doc, light_verbs) -> list[Event]:
    """One event per occurrence: a mention that adds nothing new or fits a previous one joins it.
    The merged event keeps the trigger that names it: "sentence" rather than the "gave" of "gave
    a six-month suspended sentence"."""
    out: list[Event] = []
    for event in events:
        for prev in out:
            # "was convicted ... the verdict": a mention without an outcome joins one with it
            if prev.type != event.type or (prev.outcome and event.outcome and prev.outcome != event.outcome):
                continue
            if prev.date and event.date and prev.date != event.date:
                continue
            if _conflict(prev.patient, event.patient) or _conflict(prev.agent, event.agent):
                continue
            for field in ("agent", "patient", "place", "unnamed"):
                merged = getattr(prev, field)
                merged += [x for x in getattr(event, field) if x not in merged]
            # one role each: someone who undergoes the event is not also its doer
            prev.agent[:] = [x for x in prev.agent if x not in prev.patient]
            prev.unnamed[:] = [u for u in prev.unnamed if u.role == "patient" or u.text not in prev.patient]
            prev.date = prev.date or event.date
            prev.outcome = prev.outcome or event.outcome
            if (doc[prev.token].lemma_ in light_verbs and doc[event.token].pos_ in NOUNS
                    and doc[event.token].sent.start == doc[prev.token].sent.start):
                prev.trigger_start, prev.trigger_end = event.trigger_start, event.trigger_end
                prev.trigger_text, prev.token = event.trigger_text, event.token
            if prev.modality != "actual" and event.modality == "actual":
                prev.modality, prev.claim = "actual", None
            break
        else:
            out.append(event)
    return out
