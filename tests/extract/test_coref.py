"""Pronouns, narrators and court parties in coreference, and person typing of names."""

from testimonium.extract.coref import resolve_pronoun


def _persons(doc):
    return {e.name: e for e in doc._.entities if e.type == "person"}


def _resolve(doc, word, nth=0):
    tokens = [t for t in doc if t.text == word]
    entity = resolve_pronoun(tokens[nth])
    return entity.name if entity is not None else None


def test_gender_comes_from_given_names_titles_and_nouns(nlp):
    doc = nlp("Gulmira Tokayeva met Mr Berdibek Sarsenov in Taraz. Her husband, Askar Tokayev, waited outside.")
    persons = _persons(doc)
    assert persons["Gulmira Tokayeva"].gender == "f"
    assert persons["Berdibek Sarsenov"].gender == "m"
    assert persons["Askar Tokayev"].gender == "m"


def test_she_skips_the_nearer_man_for_the_woman(nlp):
    doc = nlp("Gulmira Tokayeva was stopped at the border. Officers questioned Askar Tokayev for an "
              "hour, and later she was released.")
    assert _resolve(doc, "she") == "Gulmira Tokayeva"


def test_a_plural_subject_passes_the_pronoun_to_the_sentence_before(nlp):
    doc = nlp("Omar Haddad was held at the airport after a flight from Amman. "
              "According to his lawyer, Yusuf Kamal, guards searched his bags for hours.")
    assert _resolve(doc, "his", nth=1) == "Omar Haddad"


def test_an_unnamed_relative_takes_the_pronoun(nlp):
    doc = nlp("Statement of Nurlan Abenov\n\nI left Ghulja in 2015 with Timur Ospanov. My brother "
              "stayed behind with our parents. He is a teacher.")
    assert _resolve(doc, "He") is None


def test_indefinite_and_plural_pronouns_never_resolve(nlp):
    doc = nlp("Nadia Karimova said that anyone could apply. They did not answer her.")
    assert _resolve(doc, "anyone") is None
    assert _resolve(doc, "They") is None


def test_first_person_belongs_to_the_narrator_outside_quotations(extract):
    text = ("Testimony of Nurlan Abenov\n\nI was taken from my home in Ghulja in May. A guard told "
            "me: \u201cI decide when you sleep.\u201d I was released in the autumn.")
    narrator = next(e for e in extract(text).entities if e["name"] == "Nurlan Abenov")
    first_person = [m for m in narrator["mentions"] if m.get("pronoun")]
    assert [m["text"] for m in first_person] == ["I", "my", "me", "I"]
    quote = text.index("\u201c")
    assert all(m["start"] < quote or m["start"] > text.index("\u201d") for m in first_person)


def test_a_witness_line_names_a_narrator_the_ner_missed(extract):
    text = "Witness: Qazybek\n\nWe crossed at night. I carried my daughter across the river."
    entities = extract(text).entities
    narrator = next(e for e in entities if e["name"] == "Qazybek")
    assert narrator["type"] == "person"
    assert "I" in [m["text"] for m in narrator["mentions"]]
    assert "We" not in [m["text"] for m in narrator["mentions"]]  # "we" is more than the witness


def test_a_pseudonym_in_the_heading_is_the_narrator(extract):
    text = ("Interview notes, witness B-7 (pseudonym \u201cAidos\u201d)\n\n"
            "I spent four months in the facility before they let me go.")
    narrator = next(e for e in extract(text).entities if e["name"] == "Aidos")
    assert {m["text"] for m in narrator["mentions"]} >= {"Aidos", "I", "me"}


def test_a_caption_line_names_the_defendant(extract):
    text = ("District Court of Shymkent\nDefendant: Aliya Zhunusova\n\n"
            "The court heard that the defendant crossed the border without papers.")
    party = next(e for e in extract(text).entities if e["name"] == "Aliya Zhunusova")
    assert "defendant" in [m["text"] for m in party["mentions"]]


def test_a_bracketed_role_names_the_appellant(extract):
    text = ("The tribunal heard Yonas Tesfaye (the appellant) and an officer of the ministry. "
            "It found that the appellant had been detained twice.")
    party = next(e for e in extract(text).entities if e["name"] == "Yonas Tesfaye")
    assert [m["text"] for m in party["mentions"]].count("appellant") == 2


def test_emphasised_names_are_people(extract):
    text = "Detained reporters:\n\n- **Meron Alemu**, a photographer, was held for a week."
    found = {e["name"]: e["type"] for e in extract(text).entities}
    assert found.get("Meron Alemu") == "person"


def test_a_family_name_first_is_a_person_and_joins_its_short_form(extract):
    text = "Local official Zhou Minghua denied the reports. Zhou said the centres were schools."
    persons = [e for e in extract(text).entities if e["type"] == "person"]
    assert [e["name"] for e in persons] == ["Zhou Minghua"]
    assert {m["text"] for m in persons[0]["mentions"]} >= {"Zhou"}


def test_a_placeholder_heading_gives_way_to_the_name_line(extract):
    text = ("DECLARATION OF WITNESS\n\nName: Farida Yusupova\n\n"
            "I worked as a nurse in Andijan until the police took my passport.")
    entities = extract(text).entities
    assert not [e for e in entities if e["name"].casefold() == "witness"]
    narrator = next(e for e in entities if e["name"] == "Farida Yusupova")
    assert "I" in [m["text"] for m in narrator["mentions"]]
