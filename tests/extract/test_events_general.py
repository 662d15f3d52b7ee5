"""Event detection by lemma across verbs, nominalisations and multiword forms, first-person accounts
whose narrator a header names, court parties named by their role, and dates held to their clause."""

import pytest


def _events(extract, text, published=None):
    result = extract(text, published)
    names = {e["id"]: e["name"] for e in result.entities}
    return result, names


def _who(event, names):
    return sorted(names[i] for i in event["patient"] + event["agent"] if i in names)  # named ones only


@pytest.mark.parametrize("text, etype", [
    ("Police picked up Tomas Lind outside the bakery.", "arrest"),
    ("Tomas Lind was picked up by police outside the bakery.", "arrest"),
    ("Tomas Lind was taken into custody by border guards.", "arrest"),
    ("Tomas Lind has been held incommunicado since March.", "detention"),
    ("Tomas Lind went missing after leaving the clinic.", "disappearance"),
    ("Tomas Lind was forcibly disappeared in 2019.", "disappearance"),
    ("Tomas Lind was subjected to electric shocks during questioning.", "ill_treatment"),
    ("Tomas Lind was made to work in a brick kiln.", "forced_labor"),
    ("The farm owner confiscated the passports of Tomas Lind and his brother.", "forced_labor"),
    ("Tomas Lind was separated from her two sons at the checkpoint.", "family_separation"),
    ("The phone of Tomas Lind was monitored for a year.", "surveillance"),
    ("Tomas Lind was sent back to Belarus.", "deportation"),
    ("Tomas Lind crossed into Lithuania on foot.", "border_crossing"),
    ("Prosecutors charged Tomas Lind with espionage.", "charge"),
    ("Tomas Lind appeared in court on Monday.", "trial"),
    ("Tomas Lind was cleared of all charges.", "verdict"),
    ("Tomas Lind was jailed for six years.", "sentence"),
    ("Tomas Lind was handed a two-year suspended term.", "sentence"),
    ("Tomas Lind lodged an appeal against the ruling.", "appeal"),
    ("Tomas Lind sought refuge in Norway.", "asylum"),
    ("Tomas Lind told the court he had been threatened.", "testimony"),
    ("Tomas Lind was released on bail.", "release"),
])
def test_each_type_in_common_words(extract, text, etype):
    result, names = _events(extract, text)
    found = [e for e in result.events if e["type"] == etype]
    assert found and "Tomas Lind" in _who(found[0], names), result.events


def test_jailed_for_a_term_is_a_sentence_not_only_a_detention(extract):
    result, _ = _events(extract, "Tomas Lind was jailed for six years.")
    assert [e["type"] for e in result.events] == ["sentence"]


def test_a_held_hearing_or_a_released_report_is_no_detention_or_release(extract):
    result, _ = _events(extract, "The hearing in the case of Tomas Lind was held on 3 May.")
    assert "detention" not in {e["type"] for e in result.events}
    result, _ = _events(extract, "The Helsinki Monitor released a report on Tomas Lind.")
    assert "release" not in {e["type"] for e in result.events}


def test_a_deadline_to_appeal_is_the_holders_planned_appeal(extract):
    result, names = _events(extract, "Tomas Lind has 30 days to appeal.")
    (event,) = [e for e in result.events if e["type"] == "appeal"]
    assert _who(event, names) == ["Tomas Lind"]
    assert event["modality"] == "planned"


WITNESS = ("Witness statement of Maria Keller\n"
           "Witness: Maria Keller\n\n"
           "1. On 2 March 2020 I was arrested at my flat by three officers.\n"
           "2. They took me away and we were held in a basement. I was beaten on the first night.\n"
           "3. In June 2021 I fled to Austria with my daughter.\n")


def test_a_witness_header_makes_the_narrator_the_participant(extract):
    result, names = _events(extract, WITNESS, "2022-01-10")
    kinds = {e["type"]: e for e in result.events}
    for etype in ("arrest", "detention", "ill_treatment", "border_crossing"):
        assert _who(kinds[etype], names) == ["Maria Keller"], etype
    assert kinds["arrest"]["date"] == "2020-03-02"
    assert kinds["border_crossing"]["date"] == "2021-06"
    assert kinds["ill_treatment"]["date"] is None  # its sentence gives no date


def test_my_name_is_names_the_narrator(extract):
    text = "My name is Maria Keller and I am a nurse. In 2018 I was detained for a month.\n"
    result, names = _events(extract, text, "2020-01-01")
    (event,) = [e for e in result.events if e["type"] == "detention"]
    assert _who(event, names) == ["Maria Keller"]


def test_without_a_named_narrator_i_is_nobody(extract):
    result, names = _events(extract, "On 2 March I was arrested at my flat by three officers.\n", "2021-01-01")
    assert all(_who(e, names) == [] for e in result.events)  # only the unnamed officers, not "I"


COURT = ("District Court of Brno\n"
         "Defendant: Peter Sandor\n"
         "Hearing of 14 September 2021\n\n"
         "The defendant was charged with smuggling. On 20 September 2021 the court found the "
         "defendant guilty and sentenced him to two years.\n")


def test_a_caption_party_takes_part_in_headings_and_role_nouns(extract):
    result, names = _events(extract, COURT, "2021-10-01")
    kinds = {e["type"]: e for e in result.events}
    assert (kinds["trial"]["date"], _who(kinds["trial"], names)) == ("2021-09-14", ["Peter Sandor"])
    assert _who(kinds["charge"], names) == ["Peter Sandor"]
    assert kinds["charge"]["date"] is None
    assert (kinds["verdict"]["outcome"], kinds["verdict"]["date"]) == ("convicted", "2021-09-20")
    assert _who(kinds["sentence"], names) == ["Peter Sandor"]


def test_the_accused_before_a_name_makes_that_person_the_party(extract):
    text = "The accused Peter Sandor denied the charge. On 3 May the defendant was convicted of smuggling.\n"
    result, names = _events(extract, text, "2021-06-01")
    (event,) = [e for e in result.events if e["type"] == "verdict"]
    assert _who(event, names) == ["Peter Sandor"]


def test_a_detention_at_a_point_in_time_is_also_an_arrest_but_a_stretch_is_not(extract):
    result, names = _events(extract, "Police detained Ivan Petrov at his flat on 6 February.", "2021-03-01")
    kinds = {e["type"]: e for e in result.events}
    assert set(kinds) == {"arrest", "detention"}
    assert kinds["arrest"]["date"] == "2021-02-06" and _who(kinds["arrest"], names) == ["Ivan Petrov"]
    result, _ = _events(extract, "Ivan Petrov was detained for three weeks.", "2021-03-01")
    assert [e["type"] for e in result.events] == ["detention"]


def test_an_event_said_to_come_later_does_not_share_its_conjuncts_date(extract):
    text = "Ivan Petrov was arrested on 3 May 2020 and charged with fraud two weeks later."
    result, _ = _events(extract, text, "2021-01-01")
    dates = {e["type"]: e["date"] for e in result.events}
    assert dates == {"arrest": "2020-05-03", "charge": None}


@pytest.mark.parametrize("text, etype", [
    ("Charges were brought against Ivan Petrov.", "charge"),
    ("Ivan Petrov's children were taken away from him.", "family_separation"),
    ("The court heard the case of Ivan Petrov on 2 June.", "trial"),
    ("The whereabouts of Ivan Petrov are not known.", "disappearance"),
])
def test_participants_through_carrier_verbs_and_the_more_specific_pattern(extract, text, etype):
    result, names = _events(extract, text)
    assert [e["type"] for e in result.events] == [etype]
    assert _who(result.events[0], names) == ["Ivan Petrov"]


@pytest.mark.parametrize("text", [
    "Ivan Petrov took his passport to the embassy.",
    "Ivan Petrov left the meeting early.",
    "Ivan Petrov picked up his children from school.",
    "Ivan Petrov charged his phone.",
])
def test_everyday_uses_of_trigger_words_are_no_events(extract, text):
    result, _ = _events(extract, text)
    assert result.events == []


def test_a_name_line_beats_a_heading_that_only_says_witness(extract):
    text = ("STATEMENT OF WITNESS\n\nName: Rustam Aliyev\n\n"
            "I, Rustam Aliyev, make this statement of my own free will and without any pressure.\n\n"
            "In June 2021 I was put on trial in Namangan for membership of a banned group. I appealed, "
            "but the appeal was rejected in September 2021. My phone was tapped after my release.\n")
    result, names = _events(extract, text, "2023-04-03")
    kinds = {e["type"]: e for e in result.events}
    for etype in ("trial", "appeal", "surveillance"):
        assert _who(kinds[etype], names) == ["Rustam Aliyev"], etype
    assert kinds["trial"]["date"] == "2021-06"
