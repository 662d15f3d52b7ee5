import pytest

from testimonium.connect.aliases import find_alias_statements


def pairs(text):
    out = []
    for s in find_alias_statements(text):
        # Offsets point at the names themselves.
        assert text[s.first_start:s.first_end] == s.first
        assert text[s.second_start:s.second_end] == s.second
        out.append((s.first, s.second, s.kind))
    return out


@pytest.mark.parametrize("text, expected", [
    ("The driver, Timur Oralov, also known as Timka Oral, was stopped.", ("Timur Oralov", "Timka Oral")),
    ("Residents of Zharkent (also spelled Jarkent) said the road was shut.", ("Zharkent", "Jarkent")),
    ("Her brother, Nurlan Bekov, whose name can also be Anglicized as Nurlan Beck, wrote.",
     ("Nurlan Bekov", "Nurlan Beck")),
    ("His advocate, Aidos Serikuly, whose name can also be spelled Serikov, appealed.", ("Aidos Serikuly", "Serikov")),
    ("The camp survivor Aliya Kenzhe, née Aliya Tursyn, gave evidence.", ("Aliya Kenzhe", "Aliya Tursyn")),
    ("The Steppe Herald, formerly Prairie Daily, printed it.", ("Steppe Herald", "Prairie Daily")),
    ("On stage Dimash, better known as Dimash Kudaibergen, sang.", ("Dimash", "Dimash Kudaibergen")),
    ("He told Radio Free Europe/Radio Liberty (RFE/RL) on Monday.", ("Radio Free Europe/Radio Liberty", "RFE/RL")),
])
def test_cue_and_bracket_statements(text, expected):
    found = pairs(text)
    assert [f[:2] for f in found] == [expected]


def test_other_script_in_brackets_is_a_transliteration():
    text = "Accused: OMAROVA Gulnar (Гульнар Омарова), born 1980."
    assert pairs(text) == [("OMAROVA Gulnar", "Гульнар Омарова", "script")]


def test_abbreviation_is_cut_to_the_long_form_it_abbreviates():
    text = "On Monday Open Steppe Rights Initiative (OSRI) said so."
    assert pairs(text) == [("Open Steppe Rights Initiative", "OSRI", "abbreviation")]


@pytest.mark.parametrize("text", [
    "ALMATY (SWS) — The court sat again.",
    "Observer: D. Seilova (OSRI). Notes follow.",
    "A sentence of six (6) months was handed down.",
    "The hearing (which was closed) ended early.",
    "she was born in Tekes and moved later.",
    "Abzal Kuspanov, also known as the defender, spoke.",
])
def test_no_statement(text):
    assert pairs(text) == []


def test_statements_come_in_text_order_with_offsets():
    text = ("Gaukhar Bekova, née Omarova, chairs the group. "
            "Its lawyer Quspan, also known as Abzal Kuspanov, filed the appeal.")
    found = find_alias_statements(text)
    assert [(s.first, s.second) for s in found] == [("Gaukhar Bekova", "Omarova"), ("Quspan", "Abzal Kuspanov")]
    assert found[1].first_start == text.index("Quspan")
