"""Entity types and boundaries decided by context: what a name does in its sentence, the words
around it and the other mentions of the same thing."""


def types_of(extract, text):
    return {e["name"]: e["type"] for e in extract(text).entities}


def test_an_age_in_apposition_makes_a_person(extract):
    found = types_of(extract, "Dilnoza, 35, said her husband had been taken away at night.")
    assert found.get("Dilnoza") == "person"


def test_an_age_outvotes_a_surname_read_as_a_group(extract):
    text = ("Nurlan Abish, 41, was arrested on 2 May in the capital. Officials said Abish had "
            "insulted the state. Abish denies it.")
    persons = [e for e in extract(text).entities if e["type"] == "person"]
    assert [p["name"] for p in persons] == ["Nurlan Abish"]
    assert not [e for e in extract(text).entities if e["type"] == "group"]


def test_a_caption_party_is_a_person_and_its_name_recurs_in_the_prose(extract):
    text = ("Defendants: Aibol Serikov and Dana Asylova\n\n1. Charges\n\nAibol Serikov, a student, "
            "and Dana Asylova, a nurse, were charged in May. Serikov denied it.")
    serikov = [e for e in extract(text).entities if e["name"] == "Aibol Serikov"]
    assert [e["type"] for e in serikov] == ["person"]
    assert [m["text"] for m in serikov[0]["mentions"]].count("Aibol Serikov") == 2


def test_what_only_happens_to_people_makes_a_person(extract):
    found = types_of(extract, "Officers questioned Aizada. Aizada was interrogated for six hours.")
    assert found == {"Aizada": "person"}


def test_the_possessor_of_a_kinship_noun_is_a_person(extract):
    found = types_of(extract, "Aidana's husband was not allowed to visit.")
    assert found == {"Aidana": "person"}


def test_an_apposition_naming_a_kind_of_person_and_where_they_come_from(extract):
    found = types_of(extract, "The case of Ramiro Diaz, a union organiser from Carupano, drew protests.")
    assert found == {"Ramiro Diaz": "person", "Carupano": "place"}


def test_a_capitalised_word_the_parser_read_as_a_verb_opens_the_name(extract):
    found = types_of(extract, "Another activist, Do Minh Khoa, disappeared on Sunday.")
    assert found == {"Do Minh Khoa": "person"}


def test_the_bare_object_of_a_place_preposition_is_a_place(extract):
    found = types_of(extract, "The farmers came from villages around Khovd and Bulgan, where water is scarce.")
    assert found["Khovd"] == "place"
    assert found["Bulgan"] == "place"


def test_a_place_noun_after_a_name_belongs_to_the_place_mention(extract):
    result = extract("Protests spread across the Selenge region last spring.")
    places = [e for e in result.entities if e["type"] == "place"]
    assert [m["text"] for p in places for m in p["mentions"]] == ["Selenge region"]
    # the generic noun is no part of the proper name the entity goes by
    assert [p["name"] for p in places] == ["Selenge"]


def test_a_province_mention_joins_the_shorter_name(extract):
    text = ("He was arrested in Bayan Ulgii province in March. Herders in Bayan Ulgii said "
            "the land had been fenced off.")
    places = [e for e in extract(text).entities if e["type"] == "place"]
    assert len(places) == 1
    assert {m["text"] for m in places[0]["mentions"]} >= {"Bayan Ulgii province", "Bayan Ulgii"}


def test_a_numbered_facility_keeps_its_number_and_head(extract):
    found = types_of(extract, "He has been kept at the Tuul No. 2 Detention Centre since May.")
    assert found.get("Tuul No. 2 Detention Centre") == "facility"


def test_a_court_is_an_organisation_and_keeps_its_seat(extract):
    found = types_of(extract, "The verdict was read out.\nThe Zhambyl Regional Court of Taraz upheld it.")
    assert found == {"Zhambyl Regional Court of Taraz": "organization"}


def test_a_regional_adjective_before_a_ministry_is_the_body_not_a_person(extract):
    found = types_of(extract, "A spokesman for the Bavarian justice ministry declined to comment.")
    assert found.get("Bavarian justice ministry") == "organization"
    assert "person" not in found.values()


def test_an_acronym_before_a_lower_case_office_names_the_office(extract):
    found = types_of(extract, "The UN human rights office said it had asked for access.")
    assert found.get("UN human rights office") == "organization"


def test_a_heading_field_names_a_person(extract):
    found = types_of(extract, "Interviewer: Sarnai Dorj (NRG)\nLanguage: Mongolian\n\nThe statement follows.")
    assert found.get("Sarnai Dorj") == "person"


def test_a_name_introduced_by_an_organisation_noun_is_an_organisation(extract):
    found = types_of(extract, "Press freedom group Free Voices Asia condemned the raid.")
    assert found == {"Free Voices Asia": "organization"}


def test_a_bare_name_after_held_at_is_the_facility_named_elsewhere(extract):
    text = ("She was held at Tsagaan for three weeks, she said. The Tsagaan holding centre is run "
            "by the army.")
    facilities = [e for e in extract(text).entities if e["type"] == "facility"]
    assert [f["name"] for f in facilities] == ["Tsagaan holding centre"]
    assert {m["text"] for m in facilities[0]["mentions"]} >= {"Tsagaan"}


def test_a_body_name_runs_through_on_and_its_short_form_joins_it(extract):
    text = ("The Central Asian Working Group on Torture met in Manila. The Working Group said "
            "it was concerned.")
    orgs = [e for e in extract(text).entities if e["type"] == "organization"]
    assert [o["name"] for o in orgs] == ["Central Asian Working Group on Torture"]
    assert "Working Group" in {m["text"] for m in orgs[0]["mentions"]}


def test_a_date_after_a_body_is_not_part_of_its_name(extract):
    found = types_of(extract, "The appeal failed. The Supreme Court on Monday upheld the sentence.")
    assert found.get("Supreme Court") == "organization"
