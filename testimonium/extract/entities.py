"""Entity components: vocabulary entities before the statistical NER, taxonomy fixes after it.

Labels after these components: PERSON, ORG, MEDIA, GPE, LOC, FACILITY, GROUP (see
data/entity_types.tsv for their taxonomy types); NORP is left only on nationality adjectives
that are not group mentions ("a Chinese national"), which are not entities.
"""

from __future__ import annotations

import re

from babel import Locale
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import vocab
from .attrs import doc_text, tokens_among
from .markup import EMPHASIS_KEY

ENTITY_LABELS = set(vocab.entity_types())
# a line opening with a word in capitals, as every dateline ("HARARE, March 12 -") does
DATELINE_OPENING_RE = re.compile(r"^[ \t]*[A-Z]{3}", re.MULTILINE)
STATEMENT_WORDS = {"witness", "statement", "testimony", "declaration", "affidavit", "account", "deposition"}
NUMBER_ABBREVIATIONS = frozenset({"no", "no."})  # "Detention Centre No. 2"
MARKS = ("*", "_", "**", "__")  # Markdown emphasis, when it is left in the text
GENERIC_SHOUTED_HEADS = {"News", "Press", "Wire", "Radio", "Daily", "Review"}  # too common in section lines
NAME_JOINERS = {"of", "for", "on", "and", "the", "'", "’"}  # lower-case words inside a long name


def _plural_groups() -> set[str]:
    return set(vocab.words("groups.txt"))


def _singular_groups() -> set[str]:
    """Adjectival/singular forms of group nouns ("Uyghur" for "Uyghurs")."""
    out = set()
    for g in vocab.words("groups.txt"):
        if g.endswith("s") and " " not in g:
            out.add(g[:-1])
    return out


@Language.factory("testimonium_vocab_entities", default_config={
    "media_file": "media.txt", "groups_file": "groups.txt"})
def make_vocab_entities(nlp: Language, name: str, media_file: str, groups_file: str):
    return VocabEntities(nlp, media_file, groups_file)


class VocabEntities:
    """Media outlets and group nouns from the vocabularies, set before NER so it builds around them."""

    def __init__(self, nlp: Language, media_file: str, groups_file: str) -> None:
        self.matcher = PhraseMatcher(nlp.vocab)
        self.matcher.add("MEDIA", list(nlp.tokenizer.pipe(vocab.words(media_file))))
        self.matcher.add("GROUP", list(nlp.tokenizer.pipe(vocab.words(groups_file))))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for label, start, end in self.matcher(doc):
            if start > 0 and doc[start - 1].lower_ == "ethnic":
                start -= 1  # "ethnic Kazakhs" is the group's fuller form
            spans.append(Span(doc, start, end, label=label))
        spans = [s for s in spans if not _inside_name(s)]
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


def _inside_name(span: Span) -> bool:
    """A vocabulary word that is only part of a longer proper name ("AP Stylebook", "Han Dynasty")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if span.label_ == "MEDIA":
        return bool(after is not None and after.is_title and after.pos_ == "PROPN")
    return bool((after is not None and after.pos_ == "PROPN" and after.is_title)
                or (before is not None and before.pos_ == "PROPN" and before.is_title
                    and not before.is_sent_start and before.lower_ != "ethnic"))


@Language.factory("testimonium_entities", default_config={
    "facilities_file": "facilities.txt", "facility_heads_file": "facility_heads.txt",
    "group_heads_file": "group_heads.txt", "group_nouns_file": "group_nouns.txt",
    "stoplist_file": "nouns_not_entities.txt", "noise_file": "name_noise.txt",
    "place_suffixes_file": "place_suffixes.txt", "law_heads_file": "law_heads.txt",
    "titles_file": "titles.tsv"})
def make_entities(nlp: Language, name: str, facilities_file: str, facility_heads_file: str,
                  group_heads_file: str, group_nouns_file: str, stoplist_file: str, noise_file: str,
                  place_suffixes_file: str, law_heads_file: str, titles_file: str):
    return EntityFixer(nlp, facilities_file=facilities_file, facility_heads_file=facility_heads_file,
                       group_heads_file=group_heads_file, group_nouns_file=group_nouns_file,
                       stoplist_file=stoplist_file, noise_file=noise_file,
                       place_suffixes_file=place_suffixes_file, law_heads_file=law_heads_file,
                       titles_file=titles_file)


class EntityFixer:
    """After NER: groups are never places, outlets are media, typed facilities, no junk."""

    def __init__(self, nlp: Language, *, facilities_file: str, facility_heads_file: str,
                 group_heads_file: str, group_nouns_file: str, stoplist_file: str, noise_file: str,
                 place_suffixes_file: str, law_heads_file: str, titles_file: str) -> None:
        self.facilities = Matcher(nlp.vocab)
        facility_words = set()
        for phrase in vocab.words(facilities_file):
            toks = [t.lower_ for t in nlp.make_doc(phrase)]
            pattern = [{"LOWER": t} for t in toks[:-1]] + [{"LEMMA": toks[-1]}]
            self.facilities.add("FACILITY", [pattern])
            facility_words.add(toks[-1])
        # the matchers run only on documents that hold a word their patterns end in (or "No.")
        self.facility_words = frozenset(facility_words)
        self.numbered_facilities = Matcher(nlp.vocab)
        self.datelines = Matcher(nlp.vocab)
        dash = {"ORTH": {"IN": ["—", "–", "-", "--"]}}
        place = {"IS_UPPER": True, "IS_ALPHA": True, "LENGTH": {">=": 3}, "OP": "+"}
        outlet = [{"ORTH": "("}, {"IS_ASCII": True, "IS_SPACE": False, "OP": "+"}, {"ORTH": ")"}]
        # "HARARE, March 12 (Agency) -": a date (or a country) between the place and the outlet
        dated = [{"ORTH": ","}, {"IS_SPACE": False, "ORTH": {"NOT_IN": ["(", ")", "-", "—", "–"]}, "OP": "{1,5}"}]
        self.datelines.add("DATELINE", [
            [place, *outlet, dash], [place, dash], [place, *dated, *outlet, dash], [place, *dated, dash]])
        self.facility_heads = set(vocab.words(facility_heads_file))
        # "the Tuul No. 2 Detention Centre": a numbered facility the NER often misses whole
        self.numbered_facilities.add("NUMBERED_FACILITY", [[
            {"IS_TITLE": True, "IS_ALPHA": True, "OP": "+"}, {"LOWER": {"IN": ["no", "no."]}},
            {"ORTH": ".", "OP": "?"}, {"LIKE_NUM": True}, {"IS_TITLE": True, "OP": "*"},
            {"ORTH": {"IN": sorted(self.facility_heads)}}], [
            # "Penal Colony No. 17", "Detention Centre No. 1": the head before the number
            {"IS_TITLE": True, "IS_ALPHA": True, "OP": "*"}, {"ORTH": {"IN": sorted(self.facility_heads)}},
            {"LOWER": {"IN": ["no", "no."]}}, {"ORTH": ".", "OP": "?"}, {"LIKE_NUM": True}]], greedy="LONGEST")
        self.group_heads = {w.lower() for w in vocab.words(group_heads_file)}
        self.group_nouns = {w.lower() for w in vocab.words(group_nouns_file)}
        self.stoplist = {w.casefold() for w in vocab.words(stoplist_file)}
        self.noise = set(vocab.words(noise_file))
        self.place_suffixes = set(vocab.words(place_suffixes_file))
        self.law_heads = set(vocab.words(law_heads_file))
        self.title_words = {w.casefold() for t, _ in vocab.table(titles_file, header=False) for w in t.split()}
        self.plural_groups = _plural_groups()
        self.singular_groups = _singular_groups()
        self.media_heads = set(vocab.words("media_heads.txt"))
        self.media_head_words = frozenset(w.lower() for w in self.media_heads if " " not in w)
        self.force_heads = set(vocab.words("force_heads.txt"))
        self.locative_preps = set(vocab.words("locative_preps.txt"))
        self.facility_nouns = {w.lower() for w in self.facility_heads}
        context = vocab.table("media_context.tsv", header=False)
        self.media_after = {w for side, w in context if side == "after"}
        self.media_before = {w for side, w in context if side == "before"}
        self.media_intros = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.media_intros.add("INTRO", list(nlp.tokenizer.pipe(sorted(self.media_before))))
        self.org_heads = set(vocab.words("organization_heads.txt"))
        self.org_head_words = frozenset(w.lower() for w in self.org_heads)
        self.place_cues_after = set(vocab.words("place_cues_after.txt"))
        self.place_nouns_of = set(vocab.words("place_nouns_of.txt"))
        self.given_names = {n.casefold() for n, _ in vocab.table("given_names.tsv", header=False)}
        self.given_name_words = frozenset(self.given_names)
        self.family_first = {w.casefold() for w in vocab.words("family_names_first.txt")}
        self.place_suffix_nouns = set(vocab.words("place_suffix_nouns.txt"))
        self.organization_nouns = set(vocab.words("organization_nouns.txt"))
        self.person_fields = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.person_fields.add("FIELD", list(nlp.tokenizer.pipe(vocab.words("person_fields.txt"))))
        self.organization_intros = frozenset(w.lower() for w in vocab.words("organization_intros.txt"))
        self.party_roles = frozenset(vocab.words("party_roles.txt"))
        # CLDR's regions with a letter code, less the bodies it also lists ("United Nations")
        self.countries = {name for code, name in Locale("en").territories.items()
                          if code.isalpha() and not set(name.split()) & self.org_heads}
        self.name_stops = (self.facility_heads | self.media_heads | self.place_suffixes | self.law_heads
                           | self.force_heads | set(vocab.words("group_heads.txt")))
        self.role_heads = set(vocab.words("entity_role_heads.txt"))
        # a city that is also a given name ("Sofia") is left to the NER and the context
        self.cities = {c for c in vocab.words("places_cities.txt") if c.casefold() not in self.given_names}
        self.city_matcher = PhraseMatcher(nlp.vocab)
        self.city_matcher.add("CITY", list(nlp.tokenizer.pipe(sorted(self.cities))))

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for ent in doc.ents:
            for part in _split(ent):
                fixed = self._fix(part)
                if fixed is not None and fixed.label_ == "ORG":
                    fixed = self._hyphened_prefix(self._completed_name(fixed))
                    if self._post(fixed):
                        continue
                if fixed is not None and fixed.label_ == "ORG" and fixed[-1].text in self.org_heads:
                    fixed = Span(doc, fixed.start, _of_seat(doc, fixed.end), label="ORG")
                if fixed is not None:
                    spans.append(fixed)
        spans.extend(self._typed_facilities(doc))
        spans = self._emphasised_names(doc, spans)
        spans.extend(self._headed_organizations(doc, spans))
        spans.extend(self._field_persons(doc, spans))
        spans = self._captioned_parties(doc, spans)
        spans = self._introduced_organizations(doc, spans)
        spans = self._headed_media(doc, spans)
        spans = self._introduced_media(doc, spans)
        spans = self._datelines(doc, spans)
        spans.extend(self._gazetteer_places(doc, spans))
        spans.extend(self._given_name_persons(doc, spans))
        spans = self._possessed_places(doc, spans)
        doc.ents = filter_spans(spans)
        return doc

    def _fix(self, ent: Span) -> Span | None:
        label = ent.label_
        ent = self._trim(ent)
        if ent is None:
            return None
        ent = _numbered(ent)
        if label == "PERSON":
            ent = self._whole_name(ent)
        if (label in ("WORK_OF_ART", "PERSON", "GPE") and ent.start > 0 and ent[0].is_title
                and ent.doc[ent.start - 1].lower_ in self.organization_intros):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "press freedom group X"
        if (label == "ORG" and len(ent) == 1 and ent[0].is_upper) or label == "NORP":
            body = self._modified_body(ent, lowercase_between=True)
            if body is not None:
                return body  # "the UN human rights office", "the Kazakh foreign ministry"
        place = (self._place_suffix_noun(ent)
                 if label in ("PERSON", "ORG", "FAC", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART") else None)
        if place is not None:
            return place
        if label in ("PERSON", "ORG", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "LOC") and ent.text in self.cities and (
                label != "ORG" or ent.root.dep_ not in ("nsubj", "nsubjpass", "poss")):
            return Span(ent.doc, ent.start, ent.end, label="GPE")  # a known city, not its government acting
        if label in ("PERSON", "ORG", "FAC") and self._before_country(ent):
            return Span(ent.doc, ent.start, ent.end, label="GPE")  # "Udon Thani, Thailand"
        if label == "PERSON" and len(ent) == 1:
            body = self._modified_body(ent)
            if body is not None:
                return body
            if ent[0].tag_ == "JJ":
                return None  # "Azerbaijani" read as a name: an adjective, never a person
        if label == "WORK_OF_ART" and self._person_name(ent):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")  # a name after a quotation
        if label not in ENTITY_LABELS and label != "NORP":
            return ent if label else None
        text = ent.text
        if text.casefold() in self.stoplist or not any(c.isalpha() for c in text):
            return None
        if all(t.text.casefold() in self.title_words or not t.is_alpha for t in ent):
            return None  # "Circuit Judges": a title without its name
        last = ent[-1].text
        if label in ("ORG", "PERSON", "GPE", "LOC", "FAC") and (facility := self._facility_of(ent)) is not None:
            return facility
        if label == "ORG" and text in self.countries and ent.root.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return Span(ent.doc, ent.start, ent.end, label="GPE")  # a country, not its government acting
        if label in ("ORG", "FAC", "GPE", "LOC") and (self._person_name(ent) or self._shouted_person_name(ent)):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")  # "Sun Renze" as an organisation
        if (label in ("ORG", "PERSON", "FAC") and ent.end + 1 < len(ent.doc) and ent.doc[ent.end].text == "-"
                and ent.doc[ent.end + 1].lower_ in self.place_cues_after):
            return Span(ent.doc, ent.start, ent.end, label="GPE")  # "an Almaty-based group"
        if label in ("ORG", "PERSON", "FAC") and self._of_place_noun(ent):
            return Span(ent.doc, ent.start, ent.end, label="GPE")  # "the island of X"
        if label in ("FAC", "GPE", "LOC") and len(ent) > 1 and last in self.org_heads:
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "the Open Steppe Rights Initiative"
        if label in ("ORG", "GPE", "PERSON", "NORP") and _court_initials(ent):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")  # "MK (Sudan)": an anonymised party
        if label in ("GPE", "LOC", "PERSON", "ORG", "NORP") and text in self.plural_groups:
            return Span(ent.doc, ent.start, ent.end, label="GROUP")
        if label in ("GPE", "NORP") and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in self.force_heads:
            return Span(ent.doc, ent.start, ent.end + 1, label="ORG")  # "the Myanmar military"
        if label == "NORP" or (text in self.singular_groups and label in ("GPE", "PERSON", "ORG")):
            return self._group_or_adjective(ent)
        if label in ("ORG", "PERSON") and len(ent) > 1 and last in self.law_heads:
            return None
        if label == "ORG" and self._post(ent):
            return None
        if label in ("PERSON", "ORG", "FAC") and len(ent) > 1 and last in self.place_suffixes:
            return Span(ent.doc, ent.start, ent.end, label="GPE")
        if label in ("ORG", "PERSON", "WORK_OF_ART") and len(ent) > 1 and (
                last in self.media_heads or ent[-2:].text in self.media_heads):  # "X Wire Service"
            return Span(ent.doc, ent.start, ent.end, label="MEDIA")  # "The Harbour Chronicle"
        if label == "ORG" and all(t.is_lower for t in ent if t.is_alpha):
            return None  # "the navy", "police": a common noun, not a name
        if label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and self._named_facility(ent) is not None:
            return self._named_facility(ent)
        if (label == "PERSON" and len(ent) <= 2 and ent.root.dep_ == "pobj"
                and ent.root.head.lower_ in self.locative_preps):
            return Span(ent.doc, ent.start, ent.end, label="GPE")  # "a village near Xville"
        if label in ("PERSON", "ORG") and len(ent) <= 2 and _route_or_proximity(ent):
            return Span(ent.doc, ent.start, ent.end, label="GPE")  # "flew from X to Minsk", "close to X"
        if label == "ORG" and self._is_media(ent):
            return Span(ent.doc, ent.start, ent.end, label="MEDIA")
        if label in ("ORG", "FAC", "GPE", "PERSON") and last in self.facility_heads and len(ent) > 1:
            return Span(ent.doc, ent.start, ent.end, label="FACILITY")
        if label == "PERSON" and len(ent) == 1 and not ent[0].is_title and not ent[0].is_upper:
            return None
        return ent

    def _hyphened_prefix(self, ent: Span) -> Span:
        """"the First-tier Tribunal": a capitalised hyphened compound just before a body's name
        (which the NER leaves out, reading "First" as an ordinal) is part of it; "an X-based
        group" is not (X is where it is)."""
        doc, start = ent.doc, ent.start
        if (start >= 3 and doc[start - 2].text == "-" and doc[start - 3].is_title and doc[start - 1].is_alpha
                and doc[start - 1].lower_ not in self.place_cues_after
                and not doc[start - 3].whitespace_ and not doc[start - 2].whitespace_ and ent[0].is_title):
            return Span(doc, start - 3, ent.end, label=ent.label_)
        return ent

    def _post(self, ent: Span) -> bool:
        """"Home Secretary", "Social Affairs Reporter": an office or a byline role, not a body
        ("the Office of the Prime Minister" has a body's word in it)."""
        return len(ent) > 1 and ent[-1].text in self.role_heads and not any(
            t.lower_ in ("of", "for") or t.text in self.org_heads or t.lower_ in self.organization_nouns
            for t in ent[:-1])

    def _place_suffix_noun(self, ent: Span) -> Span | None:
        """"the Ganja region", "the Red River delta": the lower-case place noun the name
        modifies belongs to the place's name."""
        doc = ent.doc
        if ent.end >= len(doc) or not ent[-1].is_title:
            return None
        after = doc[ent.end]
        if (after.is_lower and after.lower_ in self.place_suffix_nouns and ent.root.head.i == after.i
                and after.dep_ not in ("compound", "amod", "nmod")):
            return Span(doc, ent.start, ent.end + 1, label="GPE")
        return None

    def _modified_body(self, ent: Span, lowercase_between: bool = False) -> Span | None:
        """"the Saxon interior ministry": a capitalised word modifying an official body's noun
        (through lower-case words only) is a region's adjective, and the phrase is the body."""
        doc, root = ent.doc, ent.root
        if root.dep_ not in ("compound", "amod", "nmod") or root.head.i < ent.end or root.head.i - ent.end > 3:
            return None
        if lowercase_between and root.head.i == ent.end:
            return None  # "UN officials" are people of the UN, not another body
        head = root.head
        if head.lower_ not in self.organization_nouns or not all(t.is_lower for t in doc[ent.end: head.i + 1]):
            return None
        return Span(doc, ent.start, head.i + 1, label="ORG")

    def _whole_name(self, ent: Span) -> Span:
        """", Do Van Hieu,": a capitalised word inside a sentence just before a person's name
        (and after punctuation) that the parser took for a verb is the name's first part."""
        doc = ent.doc
        if ent.start < 2:
            return ent
        before = doc[ent.start - 1]
        if (before.is_title and before.is_alpha and not before.is_sent_start and not before.ent_type_
                and before.pos_ not in ("NOUN", "ADJ", "DET", "PRON")
                and before.text.casefold() not in self.title_words and doc[ent.start - 2].is_punct
                and doc[ent.start - 2].text not in ('"', "“", "'", "‘", "(")):
            return Span(doc, ent.start - 1, ent.end, label=ent.label_)
        return ent

    def _field_persons(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Interviewer: X", "Spokesperson: X" opening a line: the name is a person's, which the
        NER often misses in a heading."""
        taken = {t for s in spans for t in range(s.start, s.end)}
        found = []
        for _, start, end in self.person_fields(doc):
            opens_line = start == 0 or "\n" in doc[start - 1].text
            if not opens_line or end + 1 >= len(doc) or doc[end].text != ":":
                continue
            i = name_start = end + 1
            while i < len(doc) and i - name_start < 4 and doc[i].is_title and doc[i].is_alpha:
                i += 1
            if i - name_start >= 2 and not any(t in taken for t in range(name_start, i)):
                found.append(Span(doc, name_start, i, label="PERSON"))
        return found

    def _person_name(self, ent: Span) -> bool:
        """Two or three capitalised words opening with a known given name (or a family name
        written first) and without an organisation, place or facility word: a person."""
        if not 2 <= len(ent) <= 3 or not all(t.is_alpha and t.is_title for t in ent):
            return False
        if any(t.text in self.name_stops or t.lower_ in self.facility_nouns for t in ent):
            return False
        first = ent[0].lower_
        return first in self.given_names or first in self.family_first

    def _completed_name(self, ent: Span) -> Span:
        """"the Commission on Human | and Peoples' Rights", "the Office of the United Nations |
        High Commissioner": the NER stopped at "and" or before the noun the last word modifies;
        the name runs on through that noun's phrase while it stays capitalised."""
        doc, last = ent.doc, ent[-1]
        head = last.head
        if head.i < ent.end or head.i - ent.end > 4 or last.text in self.name_stops:
            return ent
        end = ent.end
        while end <= min(head.right_edge.i, ent.end + 8) and (
                doc[end].is_title or doc[end].lower_ in NAME_JOINERS):
            end += 1
        if end <= head.i:
            return ent
        if end < len(doc) and doc[end].is_title:
            return ent  # "Tribunal Judge Pell": the words run on into a person's title and name
        if last.text in self.org_heads and not any(t.lower_ in NAME_JOINERS for t in doc[ent.end:end]):
            return ent  # "the Supreme Court | Sharon Swingle": a whole body's name, then a neighbour's
        while end > ent.end and doc[end - 1].lower_ in NAME_JOINERS:
            end -= 1
        return Span(doc, ent.start, end, label=ent.label_)

    def _captioned_parties(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"JANE DOE ........ FIRST APPELLANT": a case caption line giving a party's role after
        dot leaders names a person with two or more words in capitals (a one-word party such
        as a state is left to the NER)."""
        found = []
        roles = tokens_among(doc, self.party_roles | frozenset(r + "s" for r in self.party_roles))
        for token in (doc[i] for i in roles):
            line = _line_alone(doc, token)
            if line is not None:
                # "BETWEEN / MURUGAN THANGARAJAH / Appellant / AND ...": the role alone on the
                # line under the party's name in capitals
                start, end = line
                if (2 <= end - start <= 4 and all(t.is_upper and t.is_alpha for t in doc[start:end])
                        and not any(t.text.title() in self.name_stops or t.text.title() in self.org_heads
                                    for t in doc[start:end])):
                    found.append(Span(doc, start, end, label="PERSON"))
                continue
            if not token.is_upper:
                continue
            i = token.i - 1
            while i >= 0 and doc[i].is_upper and doc[i].is_alpha and token.i - i <= 2:
                i -= 1  # "SECOND APPELLANT": an ordinal or qualifier before the role
            if i < 0 or not all(c == "." for c in doc[i].text):
                continue
            end = i
            while end > 0 and all(c == "." for c in doc[end - 1].text):
                end -= 1
            start = end
            while start > 0 and doc[start - 1].is_upper and doc[start - 1].is_alpha and end - start < 4:
                start -= 1
            opens_line = start == 0 or "\n" in doc[start - 1].text
            if opens_line and end - start >= 2 and not any(t.text.title() in self.name_stops for t in doc[start:end]):
                found.append(Span(doc, start, end, label="PERSON"))
        if not found:
            return spans
        taken = {t for f in found for t in range(f.start, f.end)}
        return [s for s in spans if not any(t in taken for t in range(s.start, s.end))] + found

    def _shouted_person_name(self, ent: Span) -> bool:
        """"JANE DOE" in a case caption: a name in capitals reads as a person's as it would in
        title case (the NER calls most capitalised lines organisations)."""
        if not 2 <= len(ent) <= 3 or not all(t.is_upper and t.is_alpha for t in ent):
            return False
        if any(t.text.title() in self.name_stops for t in ent):
            return False
        first = ent[0].lower_
        return first in self.given_names or first in self.family_first

    def _facility_of(self, ent: Span) -> Span | None:
        """"the central prison of X", "a remand prison at Y": a lower-case facility noun with
        the place it stands in is the facility's name, not a person or an organisation."""
        doc = ent.doc
        if ent.start < 2 or doc[ent.start - 1].lower_ not in ("of", "at"):
            return None
        noun = doc[ent.start - 2]
        # "the camps of X" are a region's many sites, not one named facility
        if not noun.is_lower or noun.tag_ != "NN" or noun.lower_ not in self.facility_nouns:
            return None
        start = noun.i
        while start > 0 and doc[start - 1].is_lower and doc[start - 1].dep_ in ("amod", "compound", "nmod") \
                and doc[start - 1].head.i == noun.i:
            start -= 1  # "remand prison", "central prison"
        return Span(doc, start, ent.end, label="FACILITY")

    def _of_place_noun(self, ent: Span) -> bool:
        doc = ent.doc
        return (ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].is_lower
                and doc[ent.start - 2].lower_ in self.place_nouns_of)

    def _headed_organizations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"the Border Witness Collective": capitalised words after "the" ending in an
        organisation word, which the NER did not see."""
        taken = {t for s in spans for t in range(s.start, s.end)}
        found = []
        for head in (doc[i] for i in tokens_among(doc, self.org_head_words)):
            if head.text not in self.org_heads or head.i in taken:
                continue
            start = head.i
            while (start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha and head.i - start < 5
                   and doc[start - 1].lower_ != "the"):  # a sentence's "The" opens no name
                start -= 1
            end = _of_seat(doc, head.i + 1)
            if start < head.i and start > 0 and doc[start - 1].lower_ == "the" and not any(
                    t in taken for t in range(start, head.i + 1)):
                found.append(Span(doc, start, end, label="ORG"))
        return found

    def _emphasised_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"**Dawit Gebremedhin**, editor of ...": Markdown emphasis hides a name from the NER;
        a person's name when it reads as one or a description or an age follows it after a
        comma. A group word the vocabulary found inside it ("**X Baloch**") is the surname. The
        marks are tokens in plain text, or blanked out before the parse with the emphasised
        stretches left in the Doc's user data (extract.markup)."""
        runs = []
        i = 0
        while i < len(doc):
            if doc[i].text not in MARKS:
                i += 1
                continue
            start = i
            while start < len(doc) and doc[start].text in MARKS:
                start += 1
            end = start
            while end < len(doc) and end - start < 4 and doc[end].is_alpha and doc[end].is_title:
                end += 1
            if end < len(doc) and doc[end].text in MARKS and end > start:
                runs.append((start, end))
            i = max(end, i + 1)
        for char_start, char_end in doc.user_data.get(EMPHASIS_KEY) or ():
            span = doc.char_span(char_start, char_end, alignment_mode="contract")
            if span is not None and 0 < len(span) <= 4 and all(t.is_alpha and t.is_title for t in span):
                runs.append((span.start, span.end))
        found = []
        for start, end in runs:
            inside = [s for s in spans if s.start < end and start < s.end]
            # a one-word place or group the NER made of part of it ("Shahzain" | "Baloch") yields;
            # a longer name that crosses the marks or sits inside them does not
            if any(s.start < start or s.end > end or (len(s) > 1 and s.label_ != "PERSON") for s in inside):
                continue
            name = Span(doc, start, end, label="PERSON")
            after = end
            while after < len(doc) and (doc[after].text in MARKS or doc[after].text == "," or doc[after].is_space):
                after += 1
            comma = "," in (t.text for t in doc[end:after])
            described = after < len(doc) and (
                (after > end + 1 and doc[after].pos_ == "NOUN" and doc[after].is_lower)
                or (comma and doc[after].is_lower and doc[after].is_alpha)  # "**X**, a teacher"
                or (comma and doc[after].is_digit and len(doc[after]) <= 3))  # "**X**, 23,"
            if self._person_name(name) or (2 <= len(name) <= 3 and described
                                           and not any(t.text in self.name_stops for t in name)):
                found.append(name)
        if not found:
            return spans
        covered = {t for f in found for t in range(f.start, f.end)}
        return [s for s in spans if not any(t in covered for t in range(s.start, s.end))] + found

    def _trim(self, ent: Span) -> Span | None:
        """Drop a leading article or list marker, boilerplate words and a trailing possessive;
        a name ends at a line break and before a bracket it does not close."""
        doc = ent.doc
        start, end = ent.start, ent.end
        broken = next((t.i for t in ent if t.i > start and "\n" in t.text_with_ws), None)
        if broken is not None:
            end = broken + 1 if not doc[broken].is_space else broken  # "Ingrid Solvang\n  Location"
        heading = next((t.i for t in doc[start:min(end, start + 4)] if t.lower_ in ("of", "by")
                        and all(w.lower_ in STATEMENT_WORDS for w in doc[start:t.i])), None)
        if heading is not None and end - heading > 2:
            # "WITNESS STATEMENT OF OMAR KHALIL JABER": the heading names the witness
            return Span(doc, heading + 1, end, label="PERSON")
        opening = next((t.i for t in doc[start:end] if t.text == "("), None)
        if opening is not None and opening > start and not any(t.text == ")" for t in doc[opening:end]):
            end = opening  # "Levant Accountability Project (LAP": the acronym is its own mention
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                               or doc[start].text in self.noise
                               or (len(doc[start]) <= 2 and doc[start].text.endswith(".")
                                   and doc[start].is_lower)):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].lower_ in ("'s", "’s") or doc[end - 1].text in self.noise
                               or (ent.label_ in ENTITY_LABELS and doc[end - 1].is_lower  # "Court of"
                                   and doc[end - 1].is_stop and not doc[end - 1].like_num)):
            end -= 1
        while (ent.label_ == "PERSON" and end - start > 1 and doc[start].text.casefold().rstrip(".") in self.title_words
               and doc[start + 1].is_title):
            start += 1  # "Spokesperson Habib Ben Salah", "Judge Aoife Brennan": the name, not the office
        if start >= end:
            return None
        return Span(doc, start, end, label=ent.label_)

    def _group_or_adjective(self, ent: Span) -> Span:
        """"Uyghurs", "ethnic Kazakh", "Afghan citizens" are groups; "a Chinese national" is not."""
        doc, root = ent.doc, ent.root
        start = ent.start
        if start > 0 and doc[start - 1].lower_ == "ethnic":
            return Span(doc, start - 1, start + 1 if ent[0].text in self.singular_groups else ent.end,
                        label="GROUP")
        if root.dep_ in ("amod", "compound", "nmod") and root.head.i >= ent.end:
            head = root.head
            if head.lemma_.lower() in self.group_nouns and head.i == ent.end:
                return Span(doc, start, head.i + 1, label="GROUP")  # "Buddhist nationalists"
            if head.lemma_.lower() in self.group_heads or head.lower_ in self.group_heads:
                return Span(doc, start, ent.end, label="GROUP")
            return Span(doc, start, ent.end, label="NORP")
        if root.tag_ == "NNP" and ent.text not in self.singular_groups and (
                ent.text.endswith(("stan", "land", "ia")) or not ent.text.endswith(("ese", "ish", "an", "i"))):
            return Span(doc, start, ent.end, label="GPE")  # a country the NER called NORP
        if root.tag_ in ("NNPS", "NNS") or root.pos_ in ("NOUN", "PROPN") or ent.text in self.plural_groups:
            return Span(doc, start, ent.end, label="GROUP")
        return Span(doc, start, ent.end, label="NORP")

    def _introduced_media(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"the news site Nova Strana", "the weekly *Morning Ledger*": the capitalised name after
        an outlet noun is an outlet, whatever the NER made of it."""
        found = []
        for _, start, end in self.media_intros(doc):
            i = end
            while i < len(doc) and (doc[i].text in ("*", "_", '"', "“", "‘", "'") or doc[i].is_space):
                i += 1  # marks, or the spaces blanked Markdown left
            name_start = i
            while i < len(doc) and i - name_start < 5 and (
                    ((doc[i].is_title or doc[i].is_upper) and doc[i].is_alpha)
                    or (doc[i].text == "-" and i > name_start and i + 1 < len(doc) and doc[i + 1].is_title)):
                i += 1  # "Ala-Too Voice": a hyphen joins the name's words
            if i > name_start and not (i - name_start == 1 and doc[name_start].is_sent_start):
                found.append(Span(doc, name_start, i, label="MEDIA"))
        if not found:
            return spans
        taken = {t for s in found for t in range(s.start, s.end)}
        return [s for s in spans if not any(t in taken for t in range(s.start, s.end))] + found

    def _introduced_organizations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"press freedom group Free Voices Asia": two or more capitalised words right after a
        lower-case organisation noun are the organisation's name, whatever the NER made of them
        (a person, an outlet, a group or a facility found there is left alone)."""
        found = []
        for token in (doc[i] for i in tokens_among(doc, self.organization_intros)):
            if not token.is_lower:
                continue
            i = start = token.i + 1
            while i < len(doc) and i - start < 5 and (doc[i].is_title or doc[i].is_upper) and doc[i].is_alpha:
                i += 1
            if i - start >= 2:
                found.append(Span(doc, start, i, label="ORG"))
        if not found:
            return spans
        kept = ("PERSON", "MEDIA", "GROUP", "FACILITY")
        found = [f for f in found if not any(s.label_ in kept and s.start < f.end and f.start < s.end for s in spans)]
        taken = {t for f in found for t in range(f.start, f.end)}
        return [s for s in spans if not any(t in taken for t in range(s.start, s.end))] + found

    def _named_facility(self, ent: Span) -> Span | None:
        """"the Xville prison", "Y camp": a name followed by a lower-case facility noun."""
        doc = ent.doc
        if ent.end >= len(doc) or not ent[-1].is_title:
            return None
        after = doc[ent.end]
        if after.is_lower and after.lower_ in self.facility_nouns:
            return Span(doc, ent.start, ent.end + 1, label="FACILITY")
        return None

    def _is_media(self, ent: Span) -> bool:
        doc = ent.doc
        after = " ".join(t.lower_ for t in doc[ent.end: ent.end + 2]) + " "
        before = " " + " ".join(t.lower_ for t in doc[max(0, ent.start - 2): ent.start])
        return (any(after.startswith(w + " ") for w in self.media_after)
                or any(before.endswith(" " + w) for w in self.media_before))

    def _typed_facilities(self, doc: Doc) -> list[Span]:
        out = []
        matches = self.facilities(doc) if tokens_among(doc, self.facility_words, "LEMMA") else []
        if tokens_among(doc, NUMBER_ABBREVIATIONS):
            matches = sorted(matches + self.numbered_facilities(doc), key=lambda m: (m[1], m[2]))
        for _, start, end in matches:
            while doc[start].lower_ == "the":
                start += 1
            # a proper-noun or plain adjective modifier belongs to the facility:
            # "Xinjiang internment camps", "a massive internment camp" (not "the largest")
            while start > 0 and (not doc[start - 1].is_punct or doc[start - 1].text == "-") and (
                    (doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "nmod"))
                    or doc[start - 1].tag_ == "JJ"):
                start -= 1
            out.append(Span(doc, start, end, label="FACILITY"))
        return out

    def _datelines(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"ASTANA (TCA) —", "HARARE, March 12 (Agency) -" opening a line: a place, and the
        outlet in brackets (the date between them is left to the date component)."""
        if not DATELINE_OPENING_RE.search(doc_text(doc)):
            return spans  # no line opens with a word in capitals: the matcher would find nothing
        out = list(spans)
        seen = set()
        for _, start, end in self.datelines(doc):
            if (start > 0 and "\n" not in doc[start - 1].text) or start in seen:
                continue
            seen.add(start)
            place_end = start
            while place_end < end and doc[place_end].is_upper and doc[place_end].is_alpha:
                place_end += 1
            found = [Span(doc, start, place_end, label="GPE")]
            opening = next((i for i in range(place_end, end) if doc[i].text == "("), None)
            closing = next((i for i in range(end - 1, place_end, -1) if doc[i].text == ")"), None)
            if opening is not None and closing is not None and closing - opening > 1:
                found.append(Span(doc, opening + 1, closing, label="MEDIA"))
            out = [s for s in out if not any(s.start < f.end and f.start < s.end for f in found)] + found
        return out

    def _before_country(self, ent: Span) -> bool:
        """"Udon Thani, Thailand": a short name followed by a comma and a country that closes
        the phrase is a place in that country (a person's name reads as one and is left alone)."""
        doc, i = ent.doc, ent.end
        if (len(ent) > 3 or i + 1 >= len(doc) or doc[i].text != "," or not all(t.is_title for t in ent)
                or ent[-1].text in self.name_stops or self._person_name(ent)):
            return False
        for k in (3, 2, 1):
            j = i + 1 + k
            if j <= len(doc) and doc[i + 1: j].text in self.countries and (
                    j == len(doc) or doc[j].is_punct or doc[j].is_space):
                return True
        return False

    def _headed_media(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"the Clydeside Herald", a masthead line "THE CLYDESIDE HERALD": capitalised words ending
        in an outlet word are an outlet, whatever the NER made of them (a name in capitals only as
        a line of its own, so that a shouted headline's words are not taken for one)."""
        found = []
        for head in (doc[i] for i in tokens_among(doc, self.media_head_words)):
            if not head.is_alpha or not (head.is_title or head.is_upper):
                continue
            word = head.text.title() if head.is_upper and len(head) > 2 else head.text
            if word not in self.media_heads:
                continue
            shouted = head.is_upper and len(head) > 2
            nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
            if nxt is not None and nxt.is_alpha and (nxt.is_upper if shouted else nxt.is_title):
                continue  # "Lantern Press Freedom Network": the name runs on past the outlet word
            start = head.i
            while (start > 0 and head.i - start < 4 and doc[start - 1].is_alpha and not doc[start].is_sent_start
                   and not doc[start - 1].is_stop and doc[start - 1].ent_type_ not in ("DATE", "TIME")
                   and (doc[start - 1].is_upper if shouted else doc[start - 1].is_title)):
                start -= 1
            # the NER's own name ending at the outlet word knows where the name starts
            start = max([start] + [s.start for s in spans if s.end == head.i + 1 and s.start <= head.i])
            words = [t.text.title() if shouted else t.text for t in doc[start: head.i]]
            if not any(w not in self.media_heads and w not in ("News", "Press") for w in words):
                continue  # "News Agency" alone, or one word: no name in it
            if any(w.casefold() in self.title_words for w in words):
                continue
            if not shouted and not any(t.pos_ == "PROPN" for t in doc[start: head.i]):
                continue  # "Breaking News", "Latest News": no proper name before the outlet word
            if shouted and word in GENERIC_SHOUTED_HEADS:
                continue  # "LATEST NEWS" as a page's section line
            if shouted:
                first = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
                opens = first == 0 or "\n" in doc[first - 1].text
                closes = head.i + 1 == len(doc) or "\n" in doc[head.i + 1].text
                if not (opens and closes):
                    continue
            span = Span(doc, start, head.i + 1, label="MEDIA")
            overlapping = [s for s in spans if s.start < span.end and span.start < s.end]
            if any(s.start < span.start or s.end > span.end or (s.label_ == "PERSON" and len(s) > 1)
                   for s in overlapping):
                continue  # part of a longer name, or a person's name before an outlet word
            found.append(span)
        if not found:
            return spans
        taken = {t for f in found for t in range(f.start, f.end)}
        return [s for s in spans if not any(t in taken for t in range(s.start, s.end))] + found

    def _given_name_persons(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Karim was arrested at his home": a known given name standing alone as a proper noun that
        the NER left unlabelled is a person (data/given_names.tsv)."""
        taken = {t for s in spans for t in range(s.start, s.end)}
        found = []
        for i in tokens_among(doc, self.given_name_words):
            token = doc[i]
            if (i in taken or not token.is_title or token.pos_ != "PROPN" or token.ent_type_
                    or (i + 1 < len(doc) and _name_word(doc[i + 1]))
                    or (i > 0 and _name_word(doc[i - 1]) and not doc[i - 1].is_sent_start)):
                continue  # part of a longer name ("SAUYTBAY Sayragul") the NER had its own view of
            found.append(Span(doc, i, i + 1, label="PERSON"))
        return found

    def _gazetteer_places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A known city the NER did not label ("a flight to Colombo"), unless it is part of a
        longer capitalised name ("Kabul University", "Greater London")."""
        taken = {t for s in spans for t in range(s.start, s.end)}
        found = []
        for _, start, end in self.city_matcher(doc):
            if any(t in taken for t in range(start, end)):
                continue
            before = doc[start - 1] if start > 0 else None
            after = doc[end] if end < len(doc) else None
            if after is not None and (after.is_title or after.is_upper) and after.is_alpha:
                continue
            if before is not None and before.is_title and before.is_alpha and not doc[start].is_sent_start:
                continue
            found.append(Span(doc, start, end, label="GPE"))
        return found

    def _possessed_places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Glasgow's Govanhill": a short capitalised name possessed by a known city is a district
        of it, whether the NER missed it or took it for a person or a body (a body's, a post's or
        a site's word after the possessive keeps it what it is)."""
        out = list(spans)
        for s in spans:
            city = s.text in self.cities
            if s.label_ != "GPE" or not (city or s.text in self.countries) or s.end + 1 >= len(doc):
                continue
            if doc[s.end].lower_ not in ("'s", "’s"):
                continue
            start = end = s.end + 1
            while end < len(doc) and end - start < 2 and doc[end].is_title and doc[end].is_alpha:
                end += 1
            if end == start or (end < len(doc) and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha):
                continue
            overlapping = [o for o in out if o.start < end and start < o.end]
            if any((o.start, o.end) != (start, end) or o.label_ not in ("ORG", "PERSON", "FAC") for o in overlapping):
                continue
            if not city and (overlapping or doc[end - 1].text not in self.place_suffixes):
                continue  # "Eritrea's Western Lowlands", but never "Kenya's Ruto"
            if any((t.text in self.name_stops and t.text not in self.place_suffixes) or t.text in self.org_heads
                   or t.text in self.role_heads or t.text.casefold() in self.title_words or t.lower_ in self.organization_nouns
                   or t.lower_ in self.facility_nouns for t in doc[start:end]):
                continue
            out = [o for o in out if o not in overlapping] + [Span(doc, start, end, label="GPE")]
        return out


def _route_or_proximity(ent: Span) -> bool:
    """"from X to <place>" and "close to X": X is a place."""
    doc, root = ent.doc, ent.root
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "from" and ent.end + 1 < len(doc) and doc[ent.end].lower_ == "to" \
            and doc[ent.end + 1].ent_type_ in ("GPE", "LOC"):
        return True
    return prep.lower_ == "to" and prep.head.lower_ in ("close", "next")


def _of_seat(doc: Doc, end: int) -> int:
    """The end of a body's name after its head word: "the Pervomaisky District Court of Bishkek",
    "the Working Group on Arbitrary Detention" run through the capitalised words after "of",
    "on" or "for" (the NER often stops at the head); "the Court on Monday" does not."""

    def name_word(i: int) -> bool:
        return doc[i].is_title and doc[i].is_alpha and doc[i].ent_type_ not in ("DATE", "TIME")

    if end + 1 < len(doc) and doc[end].lower_ in ("of", "on", "for") and name_word(end + 1):
        start = end
        end += 2
        while end < len(doc) and end - start < 6 and (name_word(end) or (
                doc[end].lower_ in ("and", "or") and end + 1 < len(doc) and name_word(end + 1))):
            end += 1
    return end


def _numbered(ent: Span) -> Span:
    """"Nam Dinh No. 2 Detention Centre": the NER stops at "No."; the number and the capitalised
    words after it are part of the name."""
    doc = ent.doc
    i = ent.end
    if ent[-1].lower_ not in ("no", "no.") or i >= len(doc):
        return ent
    if doc[i].text == "." and ent[-1].lower_ == "no":
        i += 1
    if i >= len(doc) or not doc[i].like_num:
        return ent
    i += 1
    while i < len(doc) and i - ent.end < 6 and doc[i].is_title and doc[i].is_alpha:
        i += 1
    return Span(doc, ent.start, i, label=ent.label_)


def _court_initials(ent: Span) -> bool:
    """A party anonymised by initials and nationality, as courts write them: "AB (Eritrea)"."""
    doc = ent.doc
    return (len(ent) == 1 and ent[0].is_upper and ent[0].is_alpha and len(ent[0]) <= 3
            and ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 1].is_title
            and doc[ent.end + 2].text == ")")


def _split(ent: Span) -> list[Span]:
    """Parts of an entity that runs across a line-break sentence start or a case name's "v."."""
    doc = ent.doc
    cuts = [i for i in range(ent.start + 1, ent.end)
            if doc[i].is_sent_start or doc[i].lower_ in ("v.", "v", "vs.", "vs")]
    if not cuts:
        return [ent]
    parts, start = [], ent.start
    for cut in cuts:
        if cut > start:
            parts.append(Span(doc, start, cut, label=ent.label_))
        start = cut + (0 if doc[cut].is_sent_start and not doc[cut].is_space and doc[cut].lower_ not in ("v.", "v", "vs.", "vs") else 1)
    if start < ent.end:
        parts.append(Span(doc, start, ent.end, label=ent.label_))
    return parts


def _name_word(token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper) and token.pos_ == "PROPN"


def _line_alone(doc: Doc, token) -> tuple[int, int] | None:
    """(start, end) of the words on the line above, when the token stands alone on its line."""
    i = token.i
    if i < 2 or "\n" not in doc[i - 1].text or (i + 1 < len(doc) and "\n" not in doc[i + 1].text_with_ws
                                                and not doc[i + 1].is_space):
        return None
    end = i - 1
    start = end
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    return start, end
