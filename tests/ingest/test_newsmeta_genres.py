"""Metadata of documents that are not news stories: witness statements, court documents,
UN and government briefings, NGO statements and interview transcripts."""


import pytest

from testimonium.ingest import newsmeta

# Witness statements ------------------------------------------------------------------------


def test_witness_statement_under_an_organisation_letterhead():
    text = (
        "NORTHERN PLAINS LEGAL DOCUMENTATION PROJECT\n"
        "WITNESS STATEMENT\n\n"
        "Witness: Tamar Okonjo\n"
        "Place of statement: Lodwar, Kenya\n"
        "Date of statement: 4 June 2024\n"
        "Interviewer: Piet Halvorsen (NPLDP)\n\n"
        "1. My name is Tamar Okonjo. I was a nurse at the district clinic until last year.\n\n"
        "2. In March soldiers came to the clinic and took two of my colleagues away.\n\n"
        "Signed: Tamar Okonjo\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "WITNESS STATEMENT"
    assert meta.author == "Tamar Okonjo"  # the witness, not the interviewer
    assert meta.outlet == "Northern Plains Legal Documentation Project"
    assert meta.dateline == "Lodwar"
    assert meta.published == "2024-06-04"


def test_statement_of_a_named_witness_given_to_an_organisation():
    text = (
        "Statement of Ilse Varanova\n"
        "Given to the Danube Refugee Support Initiative, Ruse, Bulgaria, 11 January 2025\n\n"
        "My name is Ilse Varanova. I left my town in November after the police searched our flat.\n\n"
        "I crossed the river at night with my cousin and we were stopped by a patrol.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Statement of Ilse Varanova"
    assert meta.author == "Ilse Varanova"
    assert meta.dateline == "Ruse"
    assert meta.outlet == "Danube Refugee Support Initiative"


def test_taken_by_label_names_the_recording_body_and_place():
    text = (
        "WITNESS STATEMENT\n\n"
        "Taken by: Harbour Asylum Clinic, Piraeus, Greece\n"
        "Witness: Yonas Berhane\n\n"
        "I am 29 years old. I was held for six months in a shipping container near the coast.\n"
    )
    meta = newsmeta.extract(text)
    assert (meta.title, meta.author) == ("WITNESS STATEMENT", "Yonas Berhane")
    assert (meta.outlet, meta.dateline) == ("Harbour Asylum Clinic", "Piraeus")


@pytest.mark.parametrize(
    "ending",
    [
        "I confirm that this statement is true.\n\nSigned: Rafael Quintero Solis\n",
        "I confirm that this statement is true.\n\nSIGNED: RAFAEL QUINTERO SOLIS (witness)\n",
        "I confirm that this statement is true.\n\nRafael Quintero Solis\n3 March 2025\n",
    ],
)
def test_statement_signed_at_the_end_names_its_author(ending):
    text = (
        "WITNESS STATEMENT\n\n"
        "I was detained for eleven days at the border post and questioned every night.\n\n"
        "They took my phone and my passport and never gave them back to me.\n\n" + ending
    )
    assert newsmeta.extract(text).author == "Rafael Quintero Solis"


def test_signature_of_an_organisation_is_no_author():
    text = (
        "Open letter on the detention of journalists\n\n"
        "We call on the authorities to release every journalist held for their work.\n\n"
        "They must be allowed to return to their families without delay or conditions.\n\n"
        "Signed: Kestrel Rights Watch\n"
    )
    assert newsmeta.extract(text).author is None


def test_a_place_line_alone_is_no_signature():
    text = (
        "Notes from the hearing\n\n"
        "The hearing was adjourned until next month at the request of the defence.\n\n"
        "The defendant remains in custody pending the next session of the court.\n\n"
        "Monday\n3 March 2025\n"
    )
    assert newsmeta.extract(text).author is None


# Court documents ---------------------------------------------------------------------------


def test_case_heading_in_the_court_letterhead_is_the_title_and_the_court_the_outlet():
    text = (
        "THE REPUBLIC OF VELDIA\n"
        "IN THE HIGH COURT OF VELDIA AT MARISK\n"
        "Civil Appeal No. 0077 of 2023\n\n"
        "ANNA BELTRAN ........................................ APPELLANT\n"
        "VERSUS\n"
        "ATTORNEY GENERAL .................................... RESPONDENT\n\n"
        "SUMMARY OF JUDGMENT\n"
        "Delivered on 2 May 2024\n\n"
        "Coram: Justice Ola Brandt, J; Justice Emil Sorsa, J\n\n"
        "1. The appellant was detained for three days without charge in 2021.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Civil Appeal No. 0077 of 2023"
    assert meta.outlet == "High Court of Veldia"
    assert meta.author is None  # a panel is not an author


def test_court_caption_lines_are_never_the_title():
    text = (
        "IN THE HIGH COURT OF VELDIA AT MARISK\n\n"
        "ANNA BELTRAN ........................................ APPELLANT\n"
        "VERSUS\n"
        "ATTORNEY GENERAL .................................... RESPONDENT\n\n"
        "JUDGMENT\n\n"
        "Delivered by Lady Justice Miriam Achola\n\n"
        "1. This appeal concerns the refusal of bail to a journalist held since March.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "JUDGMENT"
    assert meta.outlet == "High Court of Veldia"
    assert meta.author == "Miriam Achola"


def test_court_letterhead_over_its_case_number():
    text = (
        "LEFT BANK DISTRICT COURT OF MARISK\n"
        "Criminal Case No. 2-118/23\n\n"
        "SUMMARY OF JUDGMENT\n\n"
        "Presiding judge: Judge Ivo Renner\n\n"
        "The court found the defendant guilty of organising an unlawful assembly.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Criminal Case No. 2-118/23"
    assert meta.outlet == "Left Bank District Court of Marisk"
    assert meta.author is None


@pytest.mark.parametrize(
    ("signature", "author"),
    [("OKELLO, J.", "Okello"), ("Justice Ruth Namusoke Okello, JA", "Ruth Namusoke Okello")],
)
def test_judge_signature_line_names_the_author(signature, author):
    text = (
        "IN THE HIGH COURT OF VELDIA AT MARISK\n\n"
        "Miscellaneous Application No. 14 of 2022\n\n"
        "RULING\n\n"
        f"{signature}\n\n"
        "The applicant seeks release on bail pending the hearing of her appeal against conviction.\n"
    )
    assert newsmeta.extract(text).author == author


def test_two_judges_signing_name_no_single_author():
    text = (
        "Criminal Appeal No. 3 of 2021\n\n"
        "The appeal is dismissed and the conviction upheld by the full bench of this court.\n\n"
        "Dated this 3rd day of May 2022.\n\n"
        "OKELLO, J.\n"
        "MWANGI, J.\n"
    )
    assert newsmeta.extract(text).author is None


def test_delivered_by_the_court_is_no_author():
    text = (
        "Criminal Appeal No. 3 of 2021\n\n"
        "Judgment delivered by the Court\n\n"
        "The appeal is dismissed and the conviction upheld by the full bench of this court.\n"
    )
    assert newsmeta.extract(text).author is None


# UN and government briefings ----------------------------------------------------------------


def test_un_briefing_notes_take_the_subject_as_title_and_the_spokesperson_as_author():
    text = (
        "UNITED NATIONS\n"
        "Office for the Coordination of Refugee Protection\n\n"
        "PRESS BRIEFING NOTES\n\n"
        "Geneva, 12 March 2025\n\n"
        "Spokesperson: Inés Caldera Ruiz\n"
        "Subject: Veldia - mass arrests after border protests\n\n"
        "We are deeply concerned by reports that more than 200 people were arrested last week.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Veldia - mass arrests after border protests"
    assert meta.author == "Inés Caldera Ruiz"
    assert meta.outlet == "Office for the Coordination of Refugee Protection"
    assert meta.dateline == "Geneva"


def test_all_caps_institution_line_is_a_masthead_not_the_title():
    text = (
        "UNITED NATIONS\n\n"
        "Experts alarmed by disappearances of activists in Veldia\n\n"
        "Geneva, 3 April 2025 - Independent experts today expressed alarm at reports of disappearances.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Experts alarmed by disappearances of activists in Veldia"
    assert meta.outlet == "United Nations"
    assert meta.dateline == "Geneva"


def test_ministry_masthead_with_a_named_speaker():
    text = (
        "MINISTRY OF JUSTICE\n\n"
        "Statement on the transfer of foreign detainees\n\n"
        "Speaker: Adel Farouk Nasser\n"
        "Date: 8 May 2024\n\n"
        "The ministry confirms that four foreign nationals were transferred on Monday to their home country.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Statement on the transfer of foreign detainees"
    assert meta.outlet == "Ministry of Justice"
    assert meta.author == "Adel Farouk Nasser"


def test_briefing_notes_by_a_spokesperson():
    text = (
        "Veldia: rights office concerned at closure of independent newspapers\n\n"
        "Briefing notes by Jonas Ekberg\n\n"
        "We are concerned at the closure of three independent newspapers in Veldia this week.\n"
    )
    assert newsmeta.extract(text).author == "Jonas Ekberg"


# NGO statements ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("masthead", "outlet"),
    [
        ("**Lakeshore Rights Collective** | Public statement | 4 September 2026", "Lakeshore Rights Collective"),
        ("**Amani Legal Aid (ALA)** | Public statement | 4 September 2026", "Amani Legal Aid"),
        ("*Friends of the Steppe Commons · Research report · March 2025*", "Friends of the Steppe Commons"),
    ],
)
def test_ngo_named_beside_the_document_type_is_the_outlet(masthead, outlet):
    text = (
        "# Veldia: Free the detained lawyers now\n\n"
        f"{masthead}\n\n"
        "The authorities must release the six lawyers detained since January, the group said today.\n"
    )
    meta = newsmeta.extract(text, markdown=True)
    assert meta.title == "Veldia: Free the detained lawyers now"
    assert meta.outlet == outlet


def test_a_two_word_name_beside_a_document_type_is_not_taken_for_an_outlet():
    text = (
        "# Why I am leaving the commission\n\n"
        "**Maria Holt** | Public statement | 4 September 2026\n\n"
        "I have decided to leave the commission after six years of work on the detention files.\n"
    )
    assert newsmeta.extract(text, markdown=True).outlet is None


# Interview transcripts ----------------------------------------------------------------------


def test_interview_transcript_heading_and_interviewer():
    text = (
        "Interview with a former detainee from the northern camps\n"
        "Interviewed by Lucia Ferreira, 3 May 2024\n\n"
        "Q: When were you arrested?\n"
        "A: In the spring of 2019, at my workplace.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Interview with a former detainee from the northern camps"
    assert meta.author == "Lucia Ferreira"


def test_transcript_opening_with_a_question_has_no_title():
    text = "Q: When were you arrested?\nA: In the spring of 2019.\nQ: Where were you held?\nA: In the city jail.\n"
    assert newsmeta.extract(text).title is None


def test_witness_outranks_the_interviewer():
    text = (
        "Testimony\n\n"
        "Witness: Arman Dzhaksybekov\n"
        "Interviewed by Lucia Ferreira\n\n"
        "I was arrested at the market in May and held in a cell with twenty other men.\n"
    )
    assert newsmeta.extract(text).author == "Arman Dzhaksybekov"


# Hostile input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "IN THE " * 20000,
        "Signed: " + "A " * 20000,
        "\n".join(["Delivered by " + "Justice " * 40] * 500),
        "\n".join(["Given to the " + "Aa, " * 60] * 500),
        "\n".join(["X " * 40 + ", J."] * 500),
        "COURT\nCriminal Appeal No. " + "1" * 50000,
        "UNITED NATIONS\n" + "WITNESS STATEMENT " * 5000,
        "**A B C** | " + "Public statement | " * 5000,
        "." * 200000,
    ],
)
def test_genre_patterns_give_bounded_fields_on_hostile_input(text):
    # every pattern looks at a few short lines with bounded quantifiers: a hostile header can
    # neither stall the reader nor make a field of a whole line of junk
    for meta in (newsmeta.extract(text), newsmeta.extract(text, markdown=True)):
        for value in (meta.title, meta.outlet, meta.author, meta.dateline):
            assert value is None or len(value) <= 301  # titles are cut at 300 characters and an ellipsis


def test_bold_markdown_labels_and_qualified_labels():
    text = ("# Nicaragua: detentions continue\n\n"
            "**Spokesperson for the UN High Commissioner for Human Rights:** Ines Solberg\n"
            "**Location:** Geneva\n**Date:** 10 February 2026\n\n"
            "We are deeply concerned by a fresh wave of arbitrary arrests in the country this month.\n")
    meta = newsmeta.extract(text, markdown=True)
    assert (meta.author, meta.dateline, meta.published) == ("Ines Solberg", "Geneva", "2026-02-10")


def test_place_and_date_label_gives_the_dateline():
    text = ("WITNESS STATEMENT OF KARIM NASSER\n\nWitness: Karim Nasser\n"
            "Place and date: Gaziantep, Türkiye, 3 September 2025\n\n"
            "I was arrested at a checkpoint in 2013 and taken to a prison near the capital.\n")
    assert newsmeta.extract(text).dateline == "Gaziantep"


def test_a_place_alone_on_its_line_is_a_web_dateline():
    text = ("Serbian court clears extradition of activist\nBELGRADE,\n"
            "The Higher Court in Belgrade ruled on Wednesday that the activist can be extradited.\n")
    assert newsmeta.extract(text, has_title=True).dateline == "Belgrade"


def test_a_release_dated_at_a_place_over_its_headline():
    text = ("REPUBLIC OF ARCADIA\nMINISTRY OF THE INTERIOR\nPress Office\n\nPRESS RELEASE\nNo. 14/2024\n"
            "Port Amara, 7 May 2024\n\nMinistry rejects torture allegations and announces trial date\n\n"
            "The Ministry of the Interior categorically rejects the allegations published by foreign organisations.\n")
    meta = newsmeta.extract(text)
    assert (meta.title, meta.outlet, meta.dateline, meta.published) == (
        "Ministry rejects torture allegations and announces trial date", "Ministry of the Interior",
        "Port Amara", "2024-05-07")


def test_a_masthead_in_capitals_over_a_date_and_a_standfirst_before_the_byline():
    text = ("THE EVENING LANTERN\nSaturday 3 May 2025\n\nA family's long wait ends in refusal\n\n"
            "The Haddads fled Aleppo in 2016. This week the asylum office said no.\n\n"
            "By Sara Lind, Social Affairs Correspondent\n\n"
            "OSLO — For nine years the Haddad family has lived in a small flat on the edge of the city.\n")
    meta = newsmeta.extract(text)
    assert (meta.title, meta.outlet, meta.author, meta.dateline) == (
        "A family's long wait ends in refusal", "The Evening Lantern", "Sara Lind", "Oslo")
