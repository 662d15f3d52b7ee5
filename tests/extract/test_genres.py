"""Constructions of other genres: witness accounts, court summaries, NGO and UN briefings."""

import pytest


def run(extract, text, published=None):
    result = extract(text, published)
    names = {e["id"]: e["name"] for e in result.entities}
    return result, names


def entity_types(result):
    return {e["name"]: e["type"] for e in result.entities}


# -- claims ------------------------------------------------------------------------------------

def test_a_recorded_witness_account_is_narrative_not_claims(extract):
    text = ("Testimony of Olek Varga, 34, from Lviv — recorded by the Refugee Voices Project in Vienna\n\n"
            "I left my town on 3 May with my cousin and two neighbours after the shelling began. "
            "We walked for three days through the forest before we reached the river crossing.\n\n"
            "Soldiers stopped us at a checkpoint near the bridge and took our papers from us.\n")
    result, _ = run(extract, text, "2022-06-01")
    assert result.claims == []


def test_the_narrators_i_and_we_are_the_witness_in_events(extract):
    text = ("Testimony of Olek Varga, recorded by the Refugee Voices Project in Vienna\n\n"
            "I left my town in May with my cousin after the shelling began and the schools closed. "
            "In June guards arrested me at the station and I was held for nine days in a cellar.\n")
    result, names = run(extract, text, "2022-07-01")
    patients = {e["type"]: [names[i] for i in e["patient"]] for e in result.events}
    assert patients.get("arrest") == ["Olek Varga"]
    assert patients.get("detention") == ["Olek Varga"]


def test_claiming_asylum_is_an_application_not_a_statement(extract):
    result, _ = run(extract, "Jonas Brandt arrived in Denmark by ferry and claimed asylum the same day.")
    assert result.claims == []
    assert [(e["type"], e["outcome"]) for e in result.events] == [("asylum", "applied")]


def test_citing_a_source_is_no_claim_of_the_source(extract):
    text = ("Six students were detained after the march, the Associated Press reported, "
            "citing three witnesses.")
    result, _ = run(extract, text)
    assert all("witnesses" != c["content"].split()[-1] for c in result.claims)
    assert not any(c["content"].startswith("three witnesses") for c in result.claims)


def test_an_indirect_question_is_not_a_claim(extract):
    text = "For a week her parents could not find out where she was being held."
    result, _ = run(extract, text)
    assert result.claims == []


def test_a_participle_after_a_reported_clause_belongs_to_the_speaker(extract):
    text = ("The Interior Ministry denied that the protesters were mistreated, saying they had been "
            "treated in accordance with the law.")
    result, _ = run(extract, text)
    assert result.claims
    assert all(c["speaker_text"].endswith("Interior Ministry") for c in result.claims)


# -- entities ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, etype", [
    ("Her account was first published by The Riverside Chronicle last spring.", "Riverside Chronicle", "media"),
    ("The activists were held in the Santa Ines prison for a month.", "Santa Ines prison", "facility"),
    ("The Laotian military has denied the reports of forced evictions.", "Laotian military", "organization"),
])
def test_names_typed_by_their_head_word(extract, text, name, etype):
    result, _ = run(extract, text)
    types = entity_types(result)
    found = {n: t for n, t in types.items() if name in n or n in name}
    assert etype in found.values(), types


def test_a_lower_case_body_is_not_a_named_organisation(extract):
    result, _ = run(extract, "The boats were escorted by the navy to the island.")
    assert "navy" not in entity_types(result)


def test_initials_with_a_nationality_are_an_anonymised_person(extract):
    text = "The appellant, JT (Eritrea), arrived in the United Kingdom in 2019. JT (Eritrea) appealed."
    result, _ = run(extract, text)
    assert entity_types(result).get("JT") == "person"


def test_a_name_after_near_is_a_place(extract):
    result, _ = run(extract, "A patrol found them in the woods near Kleinwald and drove them to the border.")
    assert entity_types(result).get("Kleinwald") in ("place", None)
    assert entity_types(result).get("Kleinwald") != "person"


# -- events ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, etype", [
    ("Armed men abducted Pavel Orlov outside his office in March.", "arrest"),
    ("Border guards pushed Amir Haddad back across the fence.", "deportation"),
    ("The guards kept Amir Haddad in a metal container for three days.", "detention"),
    ("Police photographed Amir Haddad and took his fingerprints.", "surveillance"),
    ("Amir Haddad was tried in a closed court in Minsk.", "trial"),
    ("Officers kicked Amir Haddad when he fell.", "ill_treatment"),
])
def test_more_event_words(extract, text, etype):
    result, names = run(extract, text)
    kinds = {e["type"]: [names[i] for i in e["patient"]] for e in result.events}
    assert "Amir Haddad" in kinds.get(etype, []) or "Pavel Orlov" in kinds.get(etype, []), kinds


# -- quantities --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words, value, approximate", [
    ("Guards crowded between 60 and 70 other prisoners into the hall.", "between 60 and 70 other prisoners", 60, True),
    ("The convoy carried between 2,000 and 2,500 people to the coast.", "between 2,000 and 2,500 people", 2000, True),
    ("Seven of them were never charged.", "Seven of them", 7, False),
    ("The soldiers locked about 20 of us in a barn.", "about 20 of us", 20, True),
    ("Her husband and their three daughters were turned back at the airport.", "three daughters", 3, False),
    ("Four reporters were questioned overnight.", "Four reporters", 4, False),
])
def test_ranges_pronoun_counts_and_relatives(extract, text, words, value, approximate):
    result, _ = run(extract, text)
    found = {q["text"]: q for q in result.quantities}
    assert words in found, found
    assert found[words]["value"] == value
    assert found[words]["approximate"] is approximate


def test_a_trailing_participle_is_not_part_of_the_denied_clause(extract):
    text = ("The Defence Ministry denied that the villagers had been forced out, describing the "
            "reports as propaganda.")
    result, _ = run(extract, text)
    denial = [c for c in result.claims if c["stance"] == "deny"]
    assert denial and denial[0]["content"] == "the villagers had been forced out"


def test_a_parenthetical_cue_reports_the_words_after_it(extract):
    text = ("The ruling leaves him at risk of being flown to a third country from where, his brother "
            "says, he could be sent on to Iran.")
    result, _ = run(extract, text)
    (claim,) = result.claims
    assert claim["content"].startswith("he could be sent on to Iran")


def test_calling_on_others_to_act_does_not_make_the_speaker_the_agent(extract):
    text = ("Maria Lopez, a spokesperson for the Office, said the detainees were held without charge. "
            "She called on the authorities to release them immediately.")
    result, names = run(extract, text)
    for event in result.events:
        assert "Maria Lopez" not in [names[i] for i in event["agent"]], event


@pytest.mark.parametrize("text, name", [
    ("The news site Nova Strana reported the arrests on Friday.", "Nova Strana"),
    ("- **Olga Petrova**, editor of the weekly *Morning Ledger*, was arrested on 5 May.", "Morning Ledger"),
    ("She presented the evening news on the online channel Rift Voice until March.", "Rift Voice"),
])
def test_a_name_introduced_by_an_outlet_noun_is_media(extract, text, name):
    result, _ = run(extract, text)
    assert entity_types(result).get(name) == "media", entity_types(result)


@pytest.mark.parametrize("text, etype, outcome", [
    ("Moscow first asked for Ilya Sorokin's extradition in 2020.", "extradition", "requested"),
    ("Lev Adamov said he would take the case to the Supreme Court.", "appeal", None),
    ("Anna Belova was later moved to Butyrka prison in the capital.", "detention", None),
])
def test_requests_appeals_and_transfers(extract, text, etype, outcome):
    result, _ = run(extract, text)
    assert (etype, outcome) in {(e["type"], e["outcome"]) for e in result.events}, result.events


def test_a_quote_of_several_sentences_before_its_cue_is_one_claim(extract):
    text = ("“Every bus was inspected before it left. Nobody was hurt,” Pavel Orlov, a regional police "
            "chief, told reporters at the depot.")
    result, _ = run(extract, text)
    (claim,) = result.claims
    assert claim["content"].startswith("“Every bus was inspected")
    assert "Nobody was hurt" in claim["content"]


def test_a_second_reporting_verb_shares_the_first_ones_speaker(extract):
    text = ("The minister accepted that Omar Ali had attended the rally but rejected his account of "
            "the beating as exaggerated.")
    result, _ = run(extract, text)
    assert result.claims
    assert all(c["speaker_text"] == "The minister" for c in result.claims), result.claims
    assert any(c["content"] == "Omar Ali had attended the rally" for c in result.claims)


def test_the_appellant_is_the_person_named_in_the_case_caption(extract):
    text = ("JT (Eritrea) v Secretary of State for the Home Department\n\n"
            "The appellant arrived in the United Kingdom in March 2020 and claimed asylum the same week. "
            "He said that soldiers had detained him in Asmara in 2018.")
    result, names = run(extract, text, "2023-01-01")
    asylum = [e for e in result.events if e["type"] == "asylum"]
    assert asylum and [names[i] for i in asylum[0]["patient"] + asylum[0]["agent"]] == ["JT"]
    said = [c for c in result.claims if c["content"].startswith("soldiers had detained")]
    assert said and names.get(said[0]["speaker"]) == "JT"


def test_a_guessed_pronoun_does_not_fix_a_persons_gender(extract):
    text = ("JT (Eritrea) v Secretary of State for the Home Department\n\n"
            "The Secretary of State refused the claim in 2021. She said that the account was vague.\n\n"
            "The appellant, JT, is a national of Eritrea. He arrived in the United Kingdom in 2020 and "
            "claimed asylum the same week.")
    result, names = run(extract, text, "2023-01-01")
    asylum = [e for e in result.events if e["type"] == "asylum" and e["outcome"] == "applied"]
    assert asylum and "JT" in [names[i] for i in asylum[0]["patient"] + asylum[0]["agent"]], result.events


@pytest.mark.parametrize("text, name", [
    ("I flew from Vestra to Minsk on 3 May with my cousin.", "Vestra"),
    ("We slept in a barn; I think it was close to Ostrova.", "Ostrova"),
])
def test_route_and_proximity_names_are_places(extract, text, name):
    result, _ = run(extract, text)
    assert entity_types(result).get(name) == "place", entity_types(result)


def test_a_language_is_not_a_place(extract):
    result, _ = run(extract, "The interview was conducted in Pashto through an interpreter in Kabul.")
    assert "Pashto" not in entity_types(result)
