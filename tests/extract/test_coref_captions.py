"""Court captions: "the second appellant" is the party the caption line gives that role, and a
caption party written SURNAME Given is a person."""

CAPTION = ("IN THE HIGH COURT AT MOMBASA\n"
           "Criminal Appeal No. 41 of 2023\n\n"
           "AMINA WANJIRU OTIENO ........................ FIRST APPELLANT\n"
           "JOSEPH KAMAU NJOROGE ........................ SECOND APPELLANT\n"
           "VERSUS\n"
           "REPUBLIC ........................................ RESPONDENT\n\n"
           "1. The first appellant was sentenced to three years in prison. The second appellant was "
           "acquitted and released on 2 May 2024.\n")


def test_ordinal_roles_are_the_caption_parties(extract):
    result = extract(CAPTION, "2024-05-10")
    names = {e["id"]: e["name"] for e in result.entities}
    who = {e["type"]: sorted(names[i] for i in e["patient"] + e["agent"] if i in names) for e in result.events}
    assert who["sentence"] == ["AMINA WANJIRU OTIENO"]
    assert who["release"] == ["JOSEPH KAMAU NJOROGE"]


def test_a_party_line_in_surname_first_capitals_is_a_person(extract):
    text = ("Parties to the proceedings:\n"
            "Defendant: NURLANOV Timur, citizen of the Kyrgyz Republic.\n\n"
            "The defendant is found guilty of the offence charged.\n")
    result = extract(text, "2021-05-20")
    people = [e for e in result.entities if e["type"] == "person"]
    assert [p["name"] for p in people] == ["NURLANOV Timur"]
    assert "defendant" in [m["text"] for m in people[0]["mentions"]]


def test_a_role_alone_under_a_name_in_capitals_makes_the_party(extract):
    text = ("THE COURT OF APPEAL\n\nBETWEEN\nDARIUS OKONKWO\nAppellant\nAND\nTHE MINISTER FOR JUSTICE\nRespondent\n\n"
            "1. The appellant applied for international protection in March 2021. The appellant was refused "
            "asylum in August 2022.\n")
    result = extract(text, "2024-11-22")
    people = [e for e in result.entities if e["type"] == "person"]
    assert [p["name"] for p in people] == ["DARIUS OKONKWO"]
    asylum = {e["outcome"]: e for e in result.events if e["type"] == "asylum"}
    assert asylum["denied"]["patient"] + asylum["denied"]["agent"] == [people[0]["id"]]


def test_a_statement_heading_in_capitals_names_the_witness(extract):
    text = ("WITNESS STATEMENT OF KARIM NASSER JABER\n\nWitness: Karim Nasser Jaber\n\n"
            "I was born in Daraya and worked as an electrician. In August 2012 I was arrested at a checkpoint.\n")
    result = extract(text, "2025-09-03")
    assert [e["name"] for e in result.entities if e["type"] == "person"] == ["Karim Nasser Jaber"]
    assert not [e for e in result.entities if e["name"].startswith("WITNESS")]
