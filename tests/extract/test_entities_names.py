"""Outlets, places, posts and people that share a surname: typing and coreference through the
public extraction, on short documents written for these tests."""

import hashlib

from testimonium.model import Document


def by_name(result):
    return {e["name"]: e for e in result.entities}


def mention_texts(entity):
    return [m["text"] for m in entity["mentions"]]


def test_a_masthead_in_capitals_is_the_outlet_and_its_last_word_refers_to_it(extract):
    text = ("THE NORTHGATE COURIER\nMonday 3 March 2025\n\nFamily loses appeal\n\nBy Ellen Ward\n\n"
            "The lawyer, Samuel Reyes, told the Courier that the hearing had been unfair.")
    result = extract(text)
    media = [e for e in result.entities if e["type"] == "media"]
    assert len(media) == 1
    assert "Courier" in mention_texts(media[0])
    assert media[0]["name"] == "Northgate Courier"
    # the short form is the outlet, never a person or a second body
    assert not [e for e in result.entities if e["name"] in ("Courier", "NORTHGATE") and e["type"] != "media"]


def test_a_wire_dateline_gives_the_place_and_the_outlet_in_brackets(extract):
    text = ("NAIROBI, May 4 (Rift Valley Press) - Police arrested two activists outside parliament, "
            "their lawyer said. She told Rift Valley Press that both had been beaten.")
    found = by_name(extract(text))
    assert found["Rift Valley Press"]["type"] == "media"
    assert mention_texts(found["Rift Valley Press"]).count("Rift Valley Press") == 2
    places = [e for e in found.values() if e["type"] == "place"]
    assert any("NAIROBI" in mention_texts(p) for p in places)


def test_names_ending_in_an_outlet_word_are_media(extract):
    text = ("The arrest followed a complaint from the governor, the state-run Lakeside News Agency "
            "reported. The Eastport Mirror said it stood by its reporting.")
    found = by_name(extract(text))
    assert found["Lakeside News Agency"]["type"] == "media"
    assert any(e["type"] == "media" and "Eastport Mirror" in e["name"] for e in found.values())


def test_an_outlet_word_inside_a_longer_name_makes_no_outlet(extract):
    result = extract("The Harbour Press Freedom Network said the reporter had been detained.")
    assert not [e for e in result.entities if e["type"] == "media"]


def test_two_people_sharing_a_surname_stay_two(extract):
    text = ("Dariush Kavandi, 47, his wife Leyla and their son were told to leave the country. "
            "Mr Kavandi said he had been beaten in custody. Leyla Kavandi said she could not sleep. "
            "\"We only want to be safe,\" Mr Kavandi said. Neighbours said the Kavandis were well liked.")
    result = extract(text)
    persons = {e["name"]: e for e in result.entities if e["type"] == "person"}
    assert "Dariush Kavandi" in persons and "Leyla Kavandi" in persons
    assert "Leyla Kavandi" not in mention_texts(persons["Dariush Kavandi"])
    assert "Dariush Kavandi" not in mention_texts(persons["Leyla Kavandi"])
    # a given name alone joins the one full name it opens; "Mr" goes to the man
    assert "Leyla" in mention_texts(persons["Leyla Kavandi"])
    assert mention_texts(persons["Dariush Kavandi"]).count("Kavandi") == 2
    # the family's plural is a mention of a person, not an entity of its own
    assert not [e for e in result.entities if e["name"] == "Kavandis"]
    assert any("Kavandis" in mention_texts(p) for p in persons.values())


def test_a_bare_surname_stays_with_the_person_it_has_named_so_far(extract):
    text = ("Tomas Varga, 29, was arrested in March. Varga appeared in court on Monday. "
            "His mother, Ilona Varga, said she had not seen him. Varga faces ten years in prison.")
    persons = {e["name"]: e for e in extract(text).entities if e["type"] == "person"}
    assert mention_texts(persons["Tomas Varga"]).count("Varga") == 2
    assert "Varga" not in mention_texts(persons["Ilona Varga"])


def test_known_cities_are_places_whatever_the_ner_says(extract):
    text = ("The family had lived in Nairobi's Eastleigh for six years before they were deported "
            "to Mogadishu. A Kampala magistrate refused bail.")
    found = by_name(extract(text))
    assert found["Nairobi"]["type"] == "place"
    assert found["Eastleigh"]["type"] == "place"
    assert found["Mogadishu"]["type"] == "place"
    assert found["Kampala"]["type"] == "place"


def test_a_name_followed_by_a_comma_and_a_country_is_a_place(extract):
    text = "Recorded by the Delta Rights Project, Nong Khai, Thailand, 3 May 2024."
    found = by_name(extract(text))
    assert found["Nong Khai"]["type"] == "place"


def test_a_name_before_a_province_noun_is_a_place(extract):
    found = by_name(extract("He wrote about maize diverted from farms in Kondoa province last year."))
    assert found["Kondoa"]["type"] == "place"


def test_a_heading_and_my_name_is_make_one_narrator(extract):
    text = ("Statement of Somchai Wongsakul\n\nMy name is Somchai Wongsakul. I am 45 years old. "
            "I was arrested in 2021.\n\nSigned: Somchai Wongsakul")
    named = [e for e in extract(text).entities if e["name"] == "Somchai Wongsakul"]
    assert [e["type"] for e in named] == ["person"]


def test_bold_names_in_a_markdown_list_are_persons(extract):
    text = ("## Cases\n\n- **Farid Qasemi**, 31, a shopkeeper in Herat, was detained on 2 May.\n"
            "- **Laleh Norouzi Tabrizi**, a nurse from Mashhad, was released without charge.\n"
            "- **Sahar Baloch**, 26, disappeared in June.\n")
    found = by_name(extract(text))
    for name in ("Farid Qasemi", "Laleh Norouzi Tabrizi", "Sahar Baloch"):
        assert found[name]["type"] == "person"


def test_posts_and_byline_roles_are_not_organisations(extract):
    text = ("By Anna Berg, Home Affairs Correspondent\n\nCampaigners asked the Foreign Secretary to "
            "halt the removal.")
    orgs = [e["name"] for e in extract(text).entities if e["type"] == "organization"]
    assert "Home Affairs Correspondent" not in orgs
    assert "Foreign Secretary" not in orgs


def test_an_ethnic_adjective_on_a_family_is_a_group_not_a_person(extract):
    found = by_name(extract("A Tamil family who fled in 2009 were refused asylum. Many Tamils live nearby."))
    assert found.get("Tamil", {}).get("type") in (None, "group")
    assert found["Tamils"]["type"] == "group"


def test_a_hyphened_word_before_a_body_is_part_of_its_name(extract):
    found = by_name(extract("Their lawyer lodged an appeal with the First-tier Tribunal on Monday."))
    assert found["First-tier Tribunal"]["type"] == "organization"


def markdown(text):
    data = text.encode()
    return Document(sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type="text/markdown",
                    text=text)


def test_bold_names_in_a_markdown_document_are_persons(extractor):
    text = ("# Cases\n\n- **Farid Qasemi**, 31, a shopkeeper in Herat, was detained on 2 May.\n"
            "- **Sahar Baloch**, 26, disappeared in June after Baloch activists were arrested.\n")
    found = {e["name"]: e["type"] for e in extractor.extract(markdown(text)).entities}
    assert found.get("Farid Qasemi") == "person"
    assert found.get("Sahar Baloch") == "person"
    assert found.get("Baloch") == "group"


def test_an_outlet_in_emphasis_after_an_outlet_noun_is_media_in_markdown(extractor):
    text = "- **Yonas Berhe**, a reporter for the news site *Horn Signal*, was detained in May.\n"
    found = {e["name"]: e["type"] for e in extractor.extract(markdown(text)).entities}
    assert found.get("Horn Signal") == "media"


def test_a_region_a_country_possesses_is_a_place(extract):
    found = by_name(extract("Arrests rose sharply in Namibia's Northern Highlands last year."))
    assert found["Northern Highlands"]["type"] == "place"


def test_an_office_before_a_name_is_not_part_of_it(extract):
    result = extract("Spokesperson Habib Ben Salah told reporters that the hearing would be public.")
    assert [e["name"] for e in result.entities if e["type"] == "person"] == ["Habib Ben Salah"]


def test_a_known_given_name_alone_is_a_person(extract):
    text = "Q: When was your client arrested?\nA: Sayragul was arrested at her home on 14 March. Her family did not know where she was."
    result = extract(text, "2023-09-28")
    people = [e for e in result.entities if e["type"] == "person"]
    assert [p["name"] for p in people] == ["Sayragul"]
    (arrest,) = [e for e in result.events if e["type"] == "arrest"]
    assert arrest["patient"] == [people[0]["id"]]


def test_a_name_ends_at_a_line_break_and_an_unclosed_bracket(extract):
    text = ("Statement taken by: Hana Sarraf, Levant Accountability Project (LAP)\n\n"
            "**Spokesperson:** Ingrid Solvang\n**Location:** Geneva\n\n"
            "Counsel for the appellant, Conor Hegarty BL, said he had been tried in absentia.")
    names = sorted(e["name"] for e in extract(text).entities)
    assert names == ["Conor Hegarty", "Geneva", "Hana Sarraf", "Ingrid Solvang", "Levant Accountability Project"]
