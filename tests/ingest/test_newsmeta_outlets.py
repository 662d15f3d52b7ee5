"""Where a document names its own outlet: mastheads, credits, copyright lines, bylines, datelines."""

import pytest

from testimonium.ingest import newsmeta


def test_masthead_block_names_the_outlet_and_is_not_the_title():
    text = (
        "THE NORTHERN LEDGER\n"
        "Independent reporting since 1998\n\n"
        "Families wait for word on detained fishermen\n\n"
        "By Ida Varga\n\n"
        "KIRKVALE — Relatives of nine fishermen said on Friday they had heard nothing.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Families wait for word on detained fishermen"
    assert meta.outlet == "The Northern Ledger"
    assert (meta.author, meta.dateline) == ("Ida Varga", "Kirkvale")


def test_state_letterhead_is_skipped_for_the_title_and_the_court_issues_the_document():
    text = (
        "REPUBLIC OF VELDIA\n"
        "HIGH COURT OF THE EASTERN PROVINCE\n"
        "Marisk, Eastern Province\n\n"
        "DECISION ON AN APPLICATION FOR BAIL\n\n"
        "Case No. 44-2021\n"
        "Date of decision: 9 March 2021\n\n"
        "The applicant asked to be released pending trial and the prosecution objected.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "DECISION ON AN APPLICATION FOR BAIL"
    # The state above the court is no outlet; the court whose own document this is, is.
    assert meta.outlet == "High Court of the Eastern Province" and meta.dateline is None
    assert meta.published == "2021-03-09"


def test_ministry_under_a_state_letterhead_is_the_publisher():
    text = (
        "REPUBLIC OF VELDIA\n"
        "MINISTRY OF FOREIGN AFFAIRS\n\n"
        "Statement on the situation at the northern border\n\n"
        "The ministry notes with concern the reports it received on Monday.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Statement on the situation at the northern border"
    assert meta.outlet == "Ministry of Foreign Affairs"


def test_a_title_case_headline_followed_by_the_story_is_not_a_letterhead():
    text = "Court Of Appeal Rules For Detained Poet\n\nThe court ruled on Monday that the detention was unlawful.\n"
    meta = newsmeta.extract(text)
    assert meta.title == "Court Of Appeal Rules For Detained Poet"
    assert meta.outlet is None


@pytest.mark.parametrize(
    ("tagline", "outlet"),
    [
        ("**Kestrel Rights Watch (KRW) — press statement**", "Kestrel Rights Watch"),
        ("*Harbour Refugee Council · Briefing note · 2 June 2022*", "Harbour Refugee Council"),
        ("Kestrel Rights Watch", "Kestrel Rights Watch"),
    ],
)
def test_tagline_under_the_heading_names_the_publisher(tagline, outlet):
    text = f"# Detainees moved without notice\n\n{tagline}\n\nFamilies learned of the transfer from a guard.\n"
    assert newsmeta.extract(text, markdown=True).outlet == outlet


def test_tagline_that_is_not_an_organisation_gives_no_outlet():
    text = "# Detainees moved without notice\n\n**Field notes — second visit**\n\nFamilies learned of it late.\n"
    assert newsmeta.extract(text, markdown=True).outlet is None


def test_republisher_wins_over_the_wire_in_the_dateline():
    text = (
        "Border post reopens after two weeks\n\n"
        "KORVAN (MW) — The crossing reopened on Monday after a two-week closure, Meadow Wire reported.\n\n"
        "Traders said queues stretched for kilometres.\n\n"
        "Officials gave no reason for the closure.\n\n"
        "This story was first distributed by Meadow Wire and is republished by The Valley Post with permission.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.outlet == "The Valley Post"
    assert meta.dateline == "Korvan"


def test_a_source_credit_alone_is_not_the_outlet():
    text = (
        "Border post reopens after two weeks\n\n"
        "The crossing reopened on Monday after a two-week closure, traders said.\n\n"
        "Queues stretched for kilometres.\n\n"
        "Officials gave no reason.\n\n"
        "This story was originally published by Meadow Wire.\n"
    )
    assert newsmeta.extract(text).outlet is None


def test_recording_organisation_of_a_testimony_is_the_outlet():
    text = (
        "Account of Witness 12, recorded by the Riverbank Testimony Project in Velsk, 4 May 2020\n\n"
        "I left my village in the spring because soldiers came to our street every night.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.outlet == "Riverbank Testimony Project"
    assert meta.dateline == "Velsk"


def test_recording_person_is_not_an_outlet():
    text = "Account of a witness, recorded by Jana Holm in Velsk\n\nI left my village in the spring.\n"
    assert newsmeta.extract(text).outlet is None


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("© 2021 Valley Evening Post. All rights reserved.", "Valley Evening Post"),
        ("Copyright © 2019-2021 The Harbour Chronicle (a fictional paper)", "The Harbour Chronicle"),
        ("(c) 2020 Meadow Wire", "Meadow Wire"),
    ],
)
def test_copyright_line_names_the_outlet(line, outlet):
    text = (
        "Police raid office of rights group\n\n"
        "The police searched the office on Wednesday and took computers away.\n\n"
        "A lawyer said the search was unlawful.\n\n"
        f"Staff were questioned for hours.\n\n{line}\n"
    )
    assert newsmeta.extract(text).outlet == outlet


def test_copyright_of_a_person_line_without_a_name_gives_nothing():
    assert newsmeta.copyright_holder("© all rights reserved") is None
    assert newsmeta.copyright_holder("Copyright law was amended in 2019.") is None


@pytest.mark.parametrize(
    ("byline", "author", "outlet", "published"),
    [
        ("By Ravi Menon | Coastline Daily | 3 May 2023", "Ravi Menon", "Coastline Daily", "2023-05-03"),
        ("By Ravi Menon, Reuters", "Ravi Menon", "Reuters", None),
        ("By AFP", None, "AFP", None),
        ("By the Associated Press", None, "Associated Press", None),
        ("By MW staff", None, "MW", None),
        ("By Ravi Menon, Staff Reporter", "Ravi Menon", None, None),
    ],
)
def test_byline_parts(byline, author, outlet, published):
    assert newsmeta.parse_byline_parts(byline) == newsmeta.Byline(author, outlet, published)


def test_agency_byline_is_the_outlet_not_the_author():
    text = "Floods displace thousands in river delta\n\nBy AFP\n\nDELTA CITY — Floods forced thousands from home, officials said.\n"
    meta = newsmeta.extract(text)
    assert (meta.author, meta.outlet, meta.dateline) == (None, "AFP", "Delta City")


def test_site_name_after_the_headline_is_the_outlet():
    meta = newsmeta.extract("Court rejects appeal by deported activist | The Riverside Herald\n\nThe court ruled.\n")
    assert meta.title == "Court rejects appeal by deported activist"
    assert meta.outlet == "The Riverside Herald"
    keep = newsmeta.extract("Deported — and then forgotten\n\nThe court ruled.\n")
    assert keep.title == "Deported — and then forgotten" and keep.outlet is None


@pytest.mark.parametrize(
    ("opening", "place", "outlet"),
    [
        ("(Reuters) - Two bloggers were released on bail on Tuesday.", None, "Reuters"),
        ("ASTANA. KAZINFORM – The government approved a new plan on Monday.", "Astana", "KAZINFORM"),
        ("GENEVA (12 May 2023) – UN experts said they were alarmed by the closures.", "Geneva", None),
    ],
)
def test_story_openings(opening, place, outlet):
    meta = newsmeta.extract(f"Headline of the story\n\n{opening}\n")
    assert (meta.dateline, meta.outlet) == (place, outlet)


def test_agency_on_the_last_line():
    text = "Port closed after protest\n\nThe port was closed on Monday.\n\nMore.\n\nEven more.\n\n(AFP)\n"
    assert newsmeta.extract(text).outlet == "AFP"


def test_labelled_source_and_issuing_body():
    text = "Report on the camps\n\nSource: Kestrel Rights Watch\nDate: 2 June 2022\n\nThe report covers the year.\n"
    meta = newsmeta.extract(text)
    assert (meta.outlet, meta.published) == ("Kestrel Rights Watch", "2022-06-02")
    issued = "Report on the camps\n\nPrepared by: Harbour Refugee Council\n\nThe report covers the year.\n"
    assert newsmeta.extract(issued).outlet == "Harbour Refugee Council"
    assert newsmeta.extract(issued).author is None


def test_statement_by_an_organisation_names_the_publisher_not_an_author():
    text = "Detentions must end\n\nJoint statement by Kestrel Rights Watch\n\nWe call for the release of all detainees.\n"
    meta = newsmeta.extract(text)
    assert (meta.author, meta.outlet) == (None, "Kestrel Rights Watch")


def test_page_outlet_prefers_a_declared_site_name_over_a_host_name():
    assert newsmeta.page_outlet("The Valley Post", "valleypost.example", "Headline") == "The Valley Post"
    title = "Floods displace thousands | The Valley Post"
    assert newsmeta.page_outlet("valleypost.example", "valleypost.example", title) == "The Valley Post"
    footer = "Floods displace thousands\nBody of the story.\n© 2022 Valley Evening Post\nPrivacy"
    assert newsmeta.page_outlet(None, "valleypost.example", "Floods displace thousands", footer) == "Valley Evening Post"
    assert newsmeta.page_outlet(None, None, "Floods displace thousands") is None


def test_publisher_and_date_line_is_no_dateline():
    text = "# Detentions continue\n\nKestrel Rights Watch, 8 October 2018\n\nThe group documented new cases.\n"
    meta = newsmeta.extract(text, markdown=True)
    assert (meta.outlet, meta.dateline, meta.published) == ("Kestrel Rights Watch", None, "2018-10-08")
    assert newsmeta.parse_dateline("Reuters, 8 October 2018") is None
