"""Claims: who said what, to whom, reported by whom, from the parse and quotation marks.

Constructions: "X said (that) Y", "X told Z that Y" (told_to Z), "Y, X said", "Y, she said, Z",
"according to X, Y", participles that inherit their subject ("..., holding that Y"), passive
accusations ("X was accused of Y by Z"), denials ("X denied Y", "X rejects that description":
stance deny), "X described Y as Z", quotes running over several sentences, "it said" / "they
said" continuing the body or group that spoke last, and sentence-final outlet reports ("Y,
RFE/RL reported.", also after "X has said Y"), which put the outlet in `reported_by` of the
claims inside Y. Transcripts and prepared statements are handled
by `transcripts.py`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import attrs, vocab  # noqa: F401 - attrs registers the Doc extensions written here
from .attrs import doc_text, entity_of, tokens_among
from .coref import resolve_pronoun
from .records import Claim
from .syntax import appositive_person, best_entity, noun_phrase, subject_of
from .transcripts import transcript_claims

ACCORDING = frozenset({"according"})
OPEN_QUOTES = {'"', "“", "‘", "«", "``"}
CLOSE_QUOTES = {'"', "”", "’", "»", "''"}
QUOTE_CHARS = set('"“”«»')
UNRESOLVED_PRONOUNS = {"i", "we", "you", "it", "they", "he", "she", "this", "that", "one", "someone"}
# "The ministry said ... . It said that ...": pronouns that continue the previous speaker, when
# that speaker is a body or a group rather than a person
CONTINUING_PRONOUNS = {"it": ("organization", "media", "place"), "they": ("organization", "media", "group")}
# "could not find out where she was": an indirect question is not a proposition (except after
# verbs of asking, whose content is the question)
WH_WORDS = {"where", "whether", "if", "how", "why", "what", "when", "who", "which", "whom"}
QUESTION_CUES = {"ask", "question", "wonder", "inquire", "enquire"}
# "Reuters reported, citing two officials": the participle names the report's source
SOURCING_PARTICIPLES = {"cite", "quote"}
SPEAKER_SENTENCE_WINDOW = 2
MAX_QUOTE_SENTENCES = 6


@Language.factory("testimonium_claims", default_config={
    "cues_file": "cues.tsv", "statement_nouns_file": "statement_nouns.txt"})
def make_claims(nlp: Language, name: str, cues_file: str, statement_nouns_file: str):
    return ClaimFinder(cues_file, statement_nouns_file)


class ClaimFinder:
    def __init__(self, cues_file: str, statement_nouns_file: str) -> None:
        self.cues = {row["lemma"]: row for row in vocab.table(cues_file)}
        self.cue_lemmas = frozenset(self.cues)
        self.statement_nouns = set(vocab.words(statement_nouns_file))

    def __call__(self, doc: Doc) -> Doc:
        claims: list[Claim] = []
        cues = set(tokens_among(doc, self.cue_lemmas, "LEMMA"))
        for i in sorted(cues | set(tokens_among(doc, ACCORDING))):
            token = doc[i]
            if i in cues and token.lemma_ in self.cues and token.pos_ == "VERB":
                claims.extend(self._verb_claims(token))
            elif token.lower_ == "according":
                sent = token.sent
                if i + 1 < sent.end and doc[i + 1].lower_ == "to":
                    claim = self._according_to(token, sent)
                    if claim:
                        claims.append(claim)
        media = {e.id for e in doc._.entities or () if e.type == "media"}
        claims = _outlet_reports(doc, _continuing_speakers(doc, _dedupe(claims)), media)
        claims.extend(transcript_claims(doc, claims))
        claims.sort(key=lambda c: (c.start, c.cue_start))
        for n, claim in enumerate(claims):
            claim.id = f"C{n + 1}"
        doc._.claims = claims
        return doc

    # -- "X said that Y" and friends -------------------------------------------------------

    def _verb_claims(self, cue: Token) -> list[Claim]:
        row = self.cues[cue.lemma_]
        doc = cue.doc
        if _controlled_infinitive(cue) or (cue.tag_ == "VBG" and cue.lemma_ in SOURCING_PARTICIPLES):
            return []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
        agent = _agent_phrase(cue) if passive else None
        content = self._content(cue, row)
        if content is None and passive and agent is not None and row["content"] == "any":
            content = _passive_content(cue, agent)
        if content is None:
            content = _trailing_content(cue)
        if content is None:
            return []
        addressee = None
        if row["addressee"] == "yes":
            addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
            if addressee is not None and addressee.dep_ == "dative" and addressee.lower_ == "to":
                addressee = next((c for c in addressee.children if c.dep_ == "pobj"), None)
        if agent is not None:
            speakers = [_speaker_from_phrase(agent)]
        else:
            subject = subject_of(cue, reporting=True)
            if subject is None:
                return []
            speakers = _speakers(subject)
        told_to = None
        if addressee is not None:
            told_to = entity_of(addressee) or best_entity(noun_phrase(addressee), addressee)
        out = []
        for speaker_entity, phrase in speakers:
            pronoun = phrase.text.lower()
            if speaker_entity is None and pronoun in UNRESOLVED_PRONOUNS and pronoun not in CONTINUING_PRONOUNS:
                continue
            out.append(_make_claim(doc, speaker_entity, phrase, cue.text, (cue.idx, cue.idx + len(cue)),
                                   content, row["stance"], told_to, _claim_date(cue, content)))
        return out

    def _content(self, cue: Token, row: dict[str, str]) -> Span | None:
        doc = cue.doc
        ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
        ccomp = ccomps[0] if ccomps else None
        if len(ccomps) > 1 and ccomps[0].i < cue.i < ccomps[-1].i and _after_comma(cue):
            # "... a third country from where, his lawyer says, he could be sent on": the words
            # after the parenthetical cue are the report; what comes before is the narrative
            ccomp = ccomps[-1]
        if ccomp is not None and ccomp.pos_ in ("ADJ", "NOUN") and not any(c.dep_ == "mark" for c in ccomp.children):
            return None  # "found her guilty", "declared him a suspect": a finding about someone, not a report
        opening = ccomp.left_edge.i if ccomp is not None else 0
        if (ccomp is not None and doc[opening].lower_ in WH_WORDS and cue.lemma_ not in QUESTION_CUES
                and not (opening > 0 and doc[opening - 1].text in OPEN_QUOTES)):
            return None  # "told him where to go", but not a quotation opening '"If he is sent back, ...
        if ccomp is not None:
            end = ccomp.right_edge.i + 1
            for t in ccomp.subtree:
                # "denied that X, saying Y": the participle is a second statement, not part of X
                if (t.tag_ == "VBG" and t.dep_ == "advcl" and t.lemma_ in self.cues and t.i > ccomp.i
                        and doc[t.i - 1].text == ","):
                    end = min(end, t.i - 1)
                # "accepted that X but rejected Y": a reporting verb joined to the reported clause
                if (t.dep_ == "conj" and t.head.i == ccomp.i and t.lemma_ in self.cues and t.pos_ == "VERB"
                        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)):
                    cc = next((c for c in t.head.children if c.dep_ == "cc" and c.i < t.i), None)
                    end = min(end, cc.i if cc is not None and cc.i > ccomp.i else t.i)
            span = _strip(doc[ccomp.left_edge.i: end])
            return _extend_quote(_quote_start(_surrounding_quotes(span))) if span is not None else None
        if cue.dep_ == "parataxis":
            # "That, she said, gave her access ...": the clause around the parenthetical cue
            head = cue.head
            tokens = [t for t in head.subtree if not (cue.left_edge.i <= t.i <= cue.right_edge.i)]
            if tokens:
                return _strip(doc[tokens[0].i: tokens[-1].i + 1])
        if row["content"] not in ("any", "statement", "as"):
            return None
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is None and row["stance"] == "deny":
            # "has denied committing genocide", "rejected having any role": what they deny doing
            doing = next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"), None)
            if doing is not None:
                return _strip(doc[doing.left_edge.i: doing.right_edge.i + 1])
        if obj is None:
            prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("on", "about")), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            return None
        if row["content"] == "statement" and obj.lemma_.lower() not in self.statement_nouns:
            return None
        if row["content"] == "as":
            # "described the facilities as prisons": the object and what it is said to be
            as_phrase = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            if as_phrase is None:
                return None
            return _strip(doc[obj.left_edge.i: as_phrase.right_edge.i + 1])
        end = obj.right_edge.i
        for sibling in cue.rights:
            if sibling.i <= obj.i or sibling.is_punct:
                continue
            if sibling.dep_ == "conj" and sibling.pos_ in ("VERB", "AUX"):
                break  # "rejects that description and refers to ...": a second statement
            if sibling.dep_ in ("advcl", "xcomp", "prep", "conj", "dep") and not self._yields_claim(sibling):
                end = max(end, sibling.right_edge.i)
            else:
                break
        return _strip(doc[obj.left_edge.i: end + 1])

    def _yields_claim(self, token: Token) -> bool:
        row = self.cues.get(token.lemma_)
        return bool(row) and (row["content"] != "clause" or any(c.dep_ == "ccomp" for c in token.children))

    # -- "according to X, Y" ----------------------------------------------------------------

    def _according_to(self, according: Token, sent: Span) -> Claim | None:
        doc = according.doc
        to = doc[according.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        phrase_start, phrase_end = according.i, pobj.right_edge.i + 1
        before = _strip(doc[sent.start: phrase_start]) if phrase_start > sent.start else None
        after = _strip(doc[phrase_end: sent.end]) if phrase_end < sent.end else None
        content = max((s for s in (before, after) if s is not None), key=len, default=None)
        if content is None:
            return None
        entity, phrase = _speaker_from_phrase(doc[pobj.left_edge.i: pobj.right_edge.i + 1])
        cue_span = doc[according.i: according.i + 2]
        return _make_claim(doc, entity, phrase, cue_span.text, (cue_span.start_char, cue_span.end_char),
                           content, "assert", None, None)


# -- speakers --------------------------------------------------------------------------------

def _speakers(subject: Token) -> list[tuple[object, Span]]:
    """One (entity, phrase) per conjoined speaker: "X and Y reported" gives two."""
    heads = [subject] + [t for t in subject.conjuncts if t.i > subject.i]
    siblings = [c for c in subject.head.children if c.dep_ == "nsubj" and c is not subject]
    out = []
    if len(heads) > 1:
        for head in heads:
            entity = entity_of(head) or _pronoun_entity(head)
            if entity is not None:
                out.append((entity, noun_phrase(head, conjuncts=False)))
        if out:
            return out
    phrase = noun_phrase(subject)
    for other in siblings:  # "Sauytbay's lawyer Abzal Kuspanov": two nsubj from one phrase
        phrase = subject.doc[min(phrase.start, other.left_edge.i): max(phrase.end, other.i + 1)]
    # "said Yerlan Dosov, a farmer who said ...": the relative clause's speaker is the person
    entity = appositive_person(subject) or entity_of(subject) or _pronoun_entity(subject)
    if entity is None or entity.type not in ("person",):
        best = best_entity(_without_possessors(phrase, subject), subject)
        entity = best or entity
    return [(entity, phrase)]


def _without_possessors(phrase: Span, subject: Token) -> list[Token]:
    """The phrase less its possessors: in "Sauytbay's lawyer said" the lawyer speaks, not Sauytbay."""
    owned = {t.i for child in subject.children if child.dep_ == "poss" for t in child.subtree}
    return [t for t in phrase if t.i not in owned]


def _continuing_speakers(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """"It said" / "they said": the body or group that spoke last, within a sentence or two;
    claims whose pronoun speaker has no such antecedent are dropped."""
    entities = {e.id: e for e in doc._.entities or ()}
    out = []
    for claim in sorted(claims, key=lambda c: c.cue_start):
        types = CONTINUING_PRONOUNS.get(claim.speaker_text.lower()) if claim.speaker is None else None
        if types is None:
            out.append(claim)
            continue
        sentence = doc.char_span(claim.cue_start, claim.cue_end, alignment_mode="expand").sent
        earliest = sentence.start
        for _ in range(SPEAKER_SENTENCE_WINDOW - 1):
            earliest = doc[earliest - 1].sent.start if earliest > 0 else earliest
        previous = next((c for c in reversed(out) if c.cue_start < claim.cue_start
                         and c.speaker_text.lower() not in UNRESOLVED_PRONOUNS), None)
        if previous is None or doc.char_span(previous.cue_start, previous.cue_end,
                                             alignment_mode="expand").start < earliest:
            continue
        entity = entities.get(previous.speaker) if previous.speaker else None
        if entity is not None and entity.type not in types:
            continue
        if entity is None and claim.speaker_text.lower() == "it":
            continue  # an unnamed singular speaker ("a spokesperson") is a person
        claim.speaker = previous.speaker
        if entity is None:
            claim.speaker_text = previous.speaker_text  # the phrase is all there is to name them
        out.append(claim)
    return out


def _after_comma(cue: Token) -> bool:
    """", his lawyer says,": the cue and its subject follow a comma."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    first = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
    return first > 0 and cue.doc[first - 1].text == ","


def _controlled_infinitive(cue: Token) -> bool:
    """"requires agencies to report on X": an obligation put on someone, not a report."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return False
    return cue.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "dobj" for c in cue.head.children)


def _pronoun_entity(token: Token):
    return resolve_pronoun(token) if token.pos_ == "PRON" else None


def _speaker_from_phrase(span: Span) -> tuple[object, Span]:
    return best_entity(span, span.root), span


def _agent_phrase(cue: Token) -> Span | None:
    """"... was accused of Y by Z": Z (the parser may attach "by" anywhere under the cue)."""
    agents = [t for t in cue.subtree if t.lower_ == "by" and t.dep_ in ("agent", "prep")
              and any(c.dep_ == "pobj" for c in t.children)]
    if not agents:
        return None
    by = agents[-1]
    sent_end = cue.sent.end
    end = by.i + 1
    while end < sent_end and not (cue.doc[end].is_punct and cue.doc[end].text in ".;"):
        end += 1
    return cue.doc[by.i + 1: end]


def _trailing_content(cue: Token) -> Span | None:
    """"Y, the Associated Press reported.": the parser hung the cue under Y; Y is the content."""
    sent = cue.sent
    if any(not t.is_punct and not t.is_space for t in cue.doc[cue.i + 1: sent.end]):
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    comma = subject.left_edge.i - 1
    if comma <= sent.start or cue.doc[comma].text != ",":
        return None
    return _strip(cue.doc[sent.start: comma])


def _passive_content(cue: Token, agent: Span) -> Span | None:
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    return _strip(cue.doc[subject.left_edge.i: agent.start - 1])


# -- content ---------------------------------------------------------------------------------

def _strip(span: Span) -> Span | None:
    """Drop a leading "that"/punctuation and trailing punctuation (but keep a closing quote)."""
    doc = span.doc
    start, end = _past_dateline(doc, span.start, span.end), span.end
    while start < end and ((doc[start].lower_ == "that" and doc[start].dep_ == "mark")
                           or doc[start].text in (",", ":", "—", "–", "-") or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in CLOSE_QUOTES:
        end -= 1
    while end > start and doc[end - 1].text in CLOSE_QUOTES and not _has_open_quote(doc[start:end - 1]):
        end -= 1
        while end > start and doc[end - 1].is_punct and doc[end - 1].text not in CLOSE_QUOTES:
            end -= 1
    if start >= end or not any(t.is_alpha for t in doc[start:end]):
        return None
    return doc[start:end]


DASHES = ("—", "–", "-", "--")
DATELINE_TOKENS = 10


def _past_dateline(doc: Doc, start: int, end: int) -> int:
    """Where content starts after a news dateline the parser left in the lead's first sentence:
    "ALMATY (SWS) — Y", "(IVC) — Y", "GENEVA — Y"."""
    for dash in range(start, min(end, start + DATELINE_TOKENS)):
        if doc[dash].text not in DASHES:
            continue
        before = [t for t in doc[start:dash] if not t.is_space]
        inside_brackets = False
        for token in before:
            if token.text == "(":
                inside_brackets = True
            elif token.text == ")":
                inside_brackets = False
            elif not inside_brackets and token.is_alpha and not token.is_upper:
                return start  # lower-case words before the dash: prose, not a dateline
        return dash + 1 if before else start
    return start


def _surrounding_quotes(span: Span) -> Span:
    """“We were never told why,” he said: the quote marks around the clause belong to it."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].text not in OPEN_QUOTES or _has_open_quote(span):
        return span
    for i in range(span.end, min(span.end + 3, len(doc))):
        if doc[i].text in CLOSE_QUOTES:
            return doc[span.start - 1: i + 1]
        if not doc[i].is_punct:
            break
    # the quote runs on past the clause: keep its opening mark so that it can be followed
    return doc[span.start - 1: span.end]


def _quote_start(span: Span) -> Span:
    """“S1. S2,” she said: a quote that closes after the content but opened sentences before it
    starts at its opening mark."""
    doc = span.doc
    if _has_open_quote(span) or span.start == 0 or doc[span.start - 1].text in OPEN_QUOTES:
        return span
    closes = next((i for i in range(span.end, min(span.end + 3, len(doc)))
                   if doc[i].text in CLOSE_QUOTES and not doc[i - 1].whitespace_ and not doc[i - 1].is_space), None)
    if closes is None:
        return span
    limit = span.sent.start
    for _ in range(MAX_QUOTE_SENTENCES):
        if limit == 0:
            break
        limit = doc[limit - 1].sent.start
    for i in range(span.start - 1, limit - 1, -1):
        text = doc[i].text
        if text in ("”", "»"):
            return span
        if text in ("“", "«") or (text in ('"', "``") and not doc[i].whitespace_ and i + 1 < len(doc)
                                   and not doc[i + 1].is_punct and not doc[i + 1].is_space
                                   and (i == 0 or doc[i - 1].whitespace_ or doc[i - 1].is_space)):
            return doc[i: span.end]
        if text == '"':
            return span  # a closing straight quote: another quotation
    return span


def _has_open_quote(span: Span) -> bool:
    depth = 0
    for t in span:
        if t.text in ("“", "«"):
            depth += 1
        elif t.text in ("”", "»"):
            depth -= 1
        elif t.text in ('"', "``", "''"):
            depth = 1 - depth if depth in (0, 1) else depth
    return depth > 0


def _extend_quote(span: Span) -> Span:
    """A quote opened in the content and closed sentences later belongs to it."""
    if not _has_open_quote(span):
        return span
    doc = span.doc
    limit = span.sent.end
    for _ in range(MAX_QUOTE_SENTENCES):
        if limit >= len(doc):
            break
        limit = doc[limit].sent.end
    for i in range(span.end, limit):
        if doc[i].text in ("”", "»", '"', "''"):
            return doc[span.start: i + 1]
    return span


def _kind(content: Span) -> str:
    text = content.text
    quoted = inside = 0
    depth = False
    for ch in text:
        if ch in "“«":
            depth = True
        elif ch in "”»":
            depth = False
        elif ch == '"':
            depth = not depth
        elif not ch.isspace():
            inside += 1
            quoted += depth
    if inside and quoted >= 0.9 * inside and text.lstrip()[:1] in QUOTE_CHARS:
        return "direct"
    return "mixed" if quoted else "indirect"


def _claim_date(cue: Token, content: Span) -> str | None:
    """A date attached to the cue itself ("said in August that ..."), not one inside the content."""
    for date in cue.doc._.dates or ():
        if content.start <= date.token_start < content.end:
            continue
        token = cue.doc[date.token_start]
        head = token
        for _ in range(4):
            if head.head is head:
                break
            head = head.head
            if head is cue:
                return date.value
            if head.dep_ not in ("prep", "pobj", "npadvmod", "compound", "nummod"):
                break
    return None


def _make_claim(doc: Doc, entity, phrase: Span, cue_text: str, cue_chars: tuple[int, int], content: Span,
                stance: str, told_to, date: str | None) -> Claim:
    while len(phrase) > 1 and (phrase[0].is_punct or phrase[0].is_space):
        phrase = phrase[1:]  # "- Lisouski said": a list item's dash is no part of the speaker
    return Claim(id="", speaker=entity.id if entity is not None else None, speaker_text=phrase.text,
                 cue=cue_text, content=content.text, start=content.start_char, end=content.end_char,
                 kind=_kind(content), stance=stance, told_to=told_to.id if told_to is not None else None,
                 date=date, cue_start=cue_chars[0], cue_end=cue_chars[1],
                 token_start=content.start, token_end=content.end)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple] = set()
    out = []
    for c in claims:
        key = (c.speaker or c.speaker_text, c.start, c.end)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _outlet_reports(doc: Doc, claims: list[Claim], media: set[str]) -> list[Claim]:
    """"Y, RFE/RL reported.": the outlet carries the claims inside Y, or is itself the source."""
    out = []
    for outer in claims:
        if outer.cue_start < outer.end or outer.speaker not in media:
            out.append(outer)
            continue
        inner = [c for c in claims if c is not outer and outer.start <= c.cue_start < outer.end]
        # "X has said Y, RFE/RL reported.": the parser ran X's content on over the report
        around = [c for c in claims if c is not outer and c.cue_end <= outer.start
                  and c.start <= outer.start and outer.cue_start < c.end]
        for c in around:
            c.end, c.token_end = outer.end, outer.token_end
            c.content = doc_text(doc)[c.start:c.end]
            c.kind = _kind(doc[c.token_start:c.token_end])
        inner += around
        if not inner:
            out.append(outer)
            continue
        for c in inner:
            if outer.speaker not in c.reported_by:
                c.reported_by.append(outer.speaker)
    for c in out:
        if not c.reported_by and c.speaker in media and c.cue_start > c.end:
            c.reported_by.append(c.speaker)
    return out
