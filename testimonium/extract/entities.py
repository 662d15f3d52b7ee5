"""Entity components: vocabulary entities before the statistical NER, taxonomy fixes after it.

Labels after these components: PERSON, ORG, MEDIA, GPE, LOC, FACILITY, GROUP (see
data/entity_types.tsv for their taxonomy types); NORP is left only on nationality adjectives
that are not group mentions ("a Chinese national"), which are not entities.
"""

from __future__ import annotations

from babel import Locale
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import vocab

ENTITY_LABELS = set(vocab.entity_types())
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
        for phrase in vocab.words(facilities_file):
            toks = [t.lower_ for t in nlp.make_doc(phrase)]
            pattern = [{"LOWER": t} for t in toks[:-1]] + [{"LEMMA": toks[-1]}]
            self.facilities.add("FACILITY", [pattern])
        self.datelines = Matcher(nlp.vocab)
        dash = {"ORTH": {"IN": ["—", "–", "-", "--"]}}
        self.datelines.add("DATELINE", [
            [{"IS_UPPER": True, "IS_ALPHA": True, "LENGTH": {">=": 3}, "OP": "+"},
             {"ORTH": "("}, {"IS_ASCII": True, "OP": "+"}, {"ORTH": ")"}, dash],
            [{"IS_UPPER": True, "IS_ALPHA": True, "LENGTH": {">=": 3}, "OP": "+"}, dash]])
        self.facility_heads = set(vocab.words(facility_heads_file))
        # "the Tuul No. 2 Detention Centre": a numbered facility the NER often misses whole
        self.facilities.add("NUMBERED_FACILITY", [[
            {"IS_TITLE": True, "IS_ALPHA": True, "OP": "+"}, {"LOWER": {"IN": ["no", "no."]}},
            {"ORTH": ".", "OP": "?"}, {"LIKE_NUM": True}, {"IS_TITLE": True, "OP": "*"},
            {"ORTH": {"IN": sorted(self.facility_heads)}}]], greedy="LONGEST")
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
        self.force_heads = set(vocab.words("force_heads.txt"))
        self.locative_preps = set(vocab.words("locative_preps.txt"))
        self.facility_nouns = {w.lower() for w in self.facility_heads}
        context = vocab.table("media_context.tsv", header=False)
        self.media_after = {w for side, w in context if side == "after"}
        self.media_before = {w for side, w in context if side == "before"}
        self.media_intros = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.media_intros.add("INTRO", list(nlp.tokenizer.pipe(sorted(self.media_before))))
        self.org_heads = set(vocab.words("organization_heads.txt"))
        self.place_cues_after = set(vocab.words("place_cues_after.txt"))
        self.place_nouns_of = set(vocab.words("place_nouns_of.txt"))
        self.given_names = {n.casefold() for n, _ in vocab.table("given_names.tsv", header=False)}
        self.family_first = {w.casefold() for w in vocab.words("family_names_first.txt")}
        self.place_suffix_nouns = set(vocab.words("place_suffix_nouns.txt"))
        self.organization_nouns = set(vocab.words("organization_nouns.txt"))
        self.person_fields = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.person_fields.add("FIELD", list(nlp.tokenizer.pipe(vocab.words("person_fields.txt"))))
        self.organization_intros = {w.lower() for w in vocab.words("organization_intros.txt")}
        self.party_roles = set(vocab.words("party_roles.txt"))
        # CLDR's regions with a letter code, less the bodies it also lists ("United Nations")
        self.countries = {name for code, name in Locale("en").territories.items()
                          if code.isalpha() and not set(name.split()) & self.org_heads}
        self.name_stops = (self.facility_heads | self.media_heads | self.place_suffixes | self.law_heads
                           | self.force_heads | set(vocab.words("group_heads.txt")))

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for ent in doc.ents:
            for part in _split(ent):
                fixed = self._fix(part)
                if fixed is not None and fixed.label_ == "ORG":
                    fixed = self._completed_name(fixed)
                if fixed is not None and fixed.label_ == "ORG" and fixed[-1].text in self.org_heads:
                    fixed = Span(doc, fixed.start, _of_seat(doc, fixed.end), label="ORG")
                if fixed is not None:
                    spans.append(fixed)
        spans.extend(self._typed_facilities(doc))
        spans.extend(self._emphasised_names(doc, spans))
        spans.extend(self._headed_organizations(doc, spans))
        spans.extend(self._field_persons(doc, spans))
        spans = self._captioned_parties(doc, spans)
        spans = self._introduced_organizations(doc, spans)
        spans = self._introduced_media(doc, spans)
        spans = self._datelines(doc, spans)
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
        place = self._place_suffix_noun(ent) if label in ("PERSON", "ORG", "FAC", "GPE", "LOC", "NORP") else None
        if place is not None:
            return place
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
        for token in doc:
            if token.lower_ not in self.party_roles or not token.is_upper:
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
        for head in doc:
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
        a person's name when it reads as one or a lower-case description follows it."""
        taken = {t for s in spans for t in range(s.start, s.end)}
        found = []
        i = 0
        while i < len(doc):
            if doc[i].text not in ("*", "_", "**", "__"):
                i += 1
                continue
            start = i
            while start < len(doc) and doc[start].text in ("*", "_", "**", "__"):
                start += 1
            end = start
            while end < len(doc) and end - start < 4 and doc[end].is_alpha and doc[end].is_title:
                end += 1
            closes = end < len(doc) and doc[end].text in ("*", "_", "**", "__")
            if closes and end > start and not any(t in taken for t in range(start, end)):
                name = Span(doc, start, end, label="PERSON")
                after = end
                while after < len(doc) and doc[after].text in ("*", "_", "**", "__", ","):
                    after += 1
                described = (after > end + 1 and after < len(doc) and doc[after].pos_ == "NOUN"
                             and doc[after].is_lower)
                if self._person_name(name) or (2 <= len(name) <= 3 and described
                                               and not any(t.text in self.name_stops for t in name)):
                    found.append(name)
            i = max(end, i + 1)
        return found

    def _trim(self, ent: Span) -> Span | None:
        """Drop a leading article or list marker, boilerplate words and a trailing possessive."""
        doc = ent.doc
        start, end = ent.start, ent.end
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
            while i < len(doc) and doc[i].text in ("*", "_", '"', "“", "‘", "'"):
                i += 1
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
        for token in doc:
            if not token.is_lower or token.lower_ not in self.organization_intros:
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
        for _, start, end in self.facilities(doc):
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
        """"ASTANA (TCA) —" opening a line: a place, and the outlet in brackets."""
        out = list(spans)
        for _, start, end in self.datelines(doc):
            if start > 0 and "\n" not in doc[start - 1].text:
                continue
            place_end = start
            while place_end < end and doc[place_end].is_upper and doc[place_end].is_alpha:
                place_end += 1
            out = [s for s in out if s.end <= start or s.start >= end]
            out.append(Span(doc, start, place_end, label="GPE"))
            if doc[place_end].text == "(" and end - place_end > 3:
                out.append(Span(doc, place_end + 1, end - 2, label="MEDIA"))
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
