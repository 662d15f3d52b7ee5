"""Entity types and boundaries from a name's own words and the words right around it: role
nouns, outlet and facility heads, long official names, case captions, countries, headings."""
from spacy.tokens import Span


def types_of(extract, text):
    return {e["name"]: e["type"] for e in extract(text).entities}


def test_a_role_noun_before_a_name_makes_a_person(extract):
    # the small NER reads this name as an organisation's
    text = "Government spokesperson Marko Radović said the protesters had been released."
    assert types_of(extract, text).get("Marko Radović") == "person"


def test_a_name_ending_in_an_outlet_word_is_media(extract):
    text = 'The mayor declined to comment, a spokesman told The Lakeshore Ledger on Monday.'
    found = types_of(extract, text)
    assert "media" in {t for n, t in found.items() if "Lakeshore Ledger" in n}


def test_a_two_word_outlet_head_makes_media(extract):
    text = 'Residents of the valley told the Danube Wire Service that nobody had been warned.'
    found = types_of(extract, text)
    assert found.get("Danube Wire Service") == "media"


def test_a_name_ending_in_a_facility_word_is_a_facility(extract):
    # the small NER reads "Kato Prison" as a person's name
    text = ("They were held on remand at Kato Prison for some four months before bail. One was "
            "questioned at Tellingham Central Police Station.")
    found = types_of(extract, text)
    assert found.get("Kato Prison") == "facility"
    assert found.get("Tellingham Central Police Station") == "facility"


def test_a_facility_noun_with_its_place_is_one_facility(extract):
    text = "Most of the detainees are at the central prison of Velmora, far from their families."
    found = types_of(extract, text)
    assert found.get("central prison of Velmora") == "facility"
    assert "Velmora" not in found


def test_camps_of_a_region_leave_the_region_a_place(extract):
    text = "Thousands still live in the crowded camps of Rivenhall, according to the agency."
    found = types_of(extract, text)
    assert not any(t == "facility" and "camps" in n for n, t in found.items())


def test_a_long_official_name_runs_past_and_and_of(extract):
    text = ("The group asked the Regional Commission on Land and Water Rights to investigate. "
            "The Office of the United Nations High Commissioner for Human Rights said nothing.")
    names = {e["name"] for e in extract(text).entities if e["type"] == "organization"}
    assert "Regional Commission on Land and Water Rights" in names
    assert "Office of the United Nations High Commissioner for Human Rights" in names


def test_a_body_name_does_not_swallow_the_person_after_it(extract):
    text = ("On remand from the Supreme Court Sharon Whitlock, Attorney, argued the cause for the "
            "appellants.")
    names = {e["name"] for e in extract(text).entities if e["type"] == "organization"}
    assert not any("Whitlock" in n for n in names)


def test_caption_parties_in_capitals_are_persons(extract):
    text = ("Criminal Appeal No. 14 of 2025\n\n"
            "DAVID OKELLO MUSOKE ............................ FIRST APPELLANT\n"
            "GRACE ATIENO ................................... SECOND APPELLANT\n"
            "VERSUS\n"
            "KENYA .......................................... RESPONDENT\n\n"
            "The appellants were convicted of unlawful assembly.")
    found = {e["name"].title(): e["type"] for e in extract(text).entities}
    assert found.get("David Okello Musoke") == "person"
    assert found.get("Grace Atieno") == "person"


def test_a_country_as_a_destination_is_a_place(extract):
    text = "I am afraid that if I am sent back to Moldova I will be arrested at the airport."
    assert types_of(extract, text).get("Moldova") == "place"


def test_the_united_nations_stays_an_organisation(extract):
    text = "The activists wrote to the United Nations in March asking for an inquiry."
    assert types_of(extract, text).get("United Nations") == "organization"


def test_a_latin_bench_word_and_a_heading_are_not_organisations(extract):
    text = ("WITNESS STATEMENT\n\nCoram: Justice Helen Marsh, Justice Peter Lind\n\n"
            "I was arrested in the spring and held for a week.")
    names = {e["name"] for e in extract(text).entities}
    assert "Coram" not in names and "WITNESS STATEMENT" not in names


def test_a_known_given_name_in_capitals_is_a_person_not_an_organisation(nlp):
    fixer = nlp.get_pipe("testimonium_entities")
    doc = nlp("MARY WANJIKU was named in the order.")
    fixed = fixer._fix(Span(doc, 0, 2, label="ORG"))
    assert fixed is not None and fixed.label_ == "PERSON"
    doc = nlp("NORTHERN DISTRICT was named in the order.")
    fixed = fixer._fix(Span(doc, 0, 2, label="ORG"))
    assert fixed is None or fixed.label_ != "PERSON"
