"""Turning what people type into engine queries: words only ever reach an engine quoted."""

import pytest

from testimonium.search.query import MAX_TERMS, Term, parse, to_fts5, to_tsquery


def test_words_phrases_prefixes_alternatives_and_exclusions():
    parsed = parse('asylum "study centre" deten* Almaty OR Astana -"was released" -deported')

    assert parsed.groups == (
        (Term(("asylum",)),), (Term(("study", "centre")),), (Term(("deten",), prefix=True),),
        (Term(("Almaty",)), Term(("Astana",))),
    )
    assert parsed.excluded == (Term(("was", "released")), Term(("deported",)))
    assert to_fts5(parsed) == (
        '(("asylum") AND ("study centre") AND ("deten"*) AND ("Almaty" OR "Astana"))'
        ' NOT ("was released" OR "deported")'
    )
    assert to_tsquery(parsed) == (
        "((asylum)) & ((study <-> centre)) & ((deten:*)) & ((Almaty) | (Astana))"
        " & !(was <-> released) & !(deported)"
    )


@pytest.mark.parametrize("text", ["", "   ", '"', '""', "*", "-", "OR", "OR OR", "(); --", "_"])
def test_nothing_to_search_for(text: str):
    assert not parse(text)


def test_punctuation_splits_words_as_the_engines_do():
    assert parse("al-Jazeera's U.N. 'NEAR(x'").groups == (
        (Term(("al", "Jazeera", "s")),), (Term(("U", "N")),), (Term(("NEAR", "x")),),
    )
    assert to_fts5(parse('x"; DROP TABLE documents; --')) == '("x") AND ("DROP") AND ("TABLE") AND ("documents")'


def test_length_is_bounded():
    assert len(parse(" ".join(f"w{n}" for n in range(100))).groups) == MAX_TERMS
