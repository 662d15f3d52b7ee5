"""Headlines behind page furniture, authors outside "By" bylines, datelines and header dates."""

import pytest

from testimonium.ingest import newsmeta


def test_title_skips_navigation_breadcrumbs_and_furniture():
    text = (
        "Skip to main content\nMenu\nHome\nNews\nWorld\nContact\n\n"
        "Home › World › Asia\n\n"
        "Journalist freed after six months in custody\n\n"
        "By Ravi Menon | Coastline Daily | 3 May 2023\n\n"
        "The journalist was released on bail on Tuesday, her lawyer said.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Journalist freed after six months in custody"
    assert (meta.author, meta.outlet, meta.published) == ("Ravi Menon", "Coastline Daily", "2023-05-03")


def test_title_skips_a_leading_date_and_section_label():
    text = "14 March 2024\n\nOPINION\n\nWhy the new law on foreign agents matters\n\nBy Jo Hart\n\nThe law will change a lot.\n"
    meta = newsmeta.extract(text)
    assert meta.title == "Why the new law on foreign agents matters"
    assert meta.published == "2024-03-14"


def test_title_below_an_institution_masthead_and_site_links():
    text = (
        "Consulate General of Veldia\n"
        "Port Ellis\n"
        "Welcome to our website. Here you find visa and travel information.\n\n"
        "Visas\nPassports\nEvents\n\n"
        "Remarks on the rights of detained nationals abroad\n\n"
        "Remarks by Consul General Hana Moreau at the Port Ellis Law School\n\n"
        "Thank you all for coming to hear about this difficult subject today.\n"
    )
    meta = newsmeta.extract(text)
    assert meta.title == "Remarks on the rights of detained nationals abroad"
    assert meta.author == "Hana Moreau"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("= Flood relief camps =", "Flood relief camps"),
        ("**Detainees moved without notice**", "Detainees moved without notice"),
    ],
)
def test_heading_markup_is_removed_from_the_title(first_line, title):
    assert newsmeta.extract(f"{first_line}\n\nBody text.\n").title == title


def test_email_header_block_in_plain_text():
    text = (
        "From: Lena Park <lena@example.org>\n"
        "Sent: Monday, 4 March 2024 10:12\n"
        "To: Desk <desk@example.org>\n"
        "Subject: Notes from the border visit\n\n"
        "Hi all,\n\nHere are my notes.\n"
    )
    meta = newsmeta.extract(text)
    assert (meta.title, meta.author, meta.published) == ("Notes from the border visit", "Lena Park", "2024-03-04")
    assert meta.outlet is None


def test_an_office_as_sender_is_not_an_author():
    text = "From: Press Office <press@example.org>\nSubject: Visit cancelled\n\nThe visit is off.\n"
    assert newsmeta.extract(text).author is None


@pytest.mark.parametrize(
    "header",
    [
        "Nora Lind, Staff Reporter",
        "Nora Lind | Senior Correspondent",
        "Nora Lind\nSenior Correspondent",
        "Nora Lind, Deputy Director",
    ],
)
def test_reporter_named_with_a_job_title(header):
    text = f"Police raid office of rights group\n\n{header}\n\nThe police searched the office on Wednesday.\n"
    assert newsmeta.extract(text).author == "Nora Lind"


@pytest.mark.parametrize(
    "header",
    ["Almaty, Kazakhstan", "Nora Lind, a volunteer who saw it", "Sayram Valley | Spring 2020"],
)
def test_lines_that_are_not_credits(header):
    assert newsmeta.parse_credit_line(header) is None


def test_reporting_credit_at_the_foot_of_a_wire_story():
    text = (
        "Court orders release of two bloggers\n\n"
        "VELGRAD (Reuters) - A court ordered the release of two bloggers on Tuesday, their lawyer said.\n\n"
        "The lawyer said they were held for weeks.\n\nMore of the story.\n\n"
        "(Reporting by Mira Kos in Velgrad and Ben Ott; Editing by Ann Lee)\n"
    )
    meta = newsmeta.extract(text)
    assert (meta.author, meta.outlet, meta.dateline) == ("Mira Kos and Ben Ott", "Reuters", "Velgrad")


def test_reporting_credit_needs_names():
    assert newsmeta.reporting_credit("(Reporting by our correspondents; Editing by the desk)") is None


def test_statement_header_as_a_markdown_heading_and_with_trailing_context():
    assert newsmeta.parse_statement_header("# Testimony of Dr. Omar Haddad") == "Omar Haddad"
    assert newsmeta.parse_statement_header("Remarks by Minister Ilse Varga at the donor conference") == "Ilse Varga"
    assert newsmeta.parse_statement_header("Testimony of Witness W-07") is None


@pytest.mark.parametrize(
    ("line", "place", "published"),
    [
        ("Almaty, 8 October 2018", "Almaty", "2018-10-08"),
        ("Northport, March 3, 2024 — The group said two men died in custody.", "Northport", "2024-03-03"),
        ("GENEVA, 17 February 2023", "Geneva", "2023-02-17"),
        ("TASHKENT, 14 May 2023 (UzDaily) – Two bloggers were fined.", "Tashkent", "2023-05-14"),
    ],
)
def test_place_and_date_lines(line, place, published):
    dateline = newsmeta.parse_dateline(line)
    assert (dateline.place, dateline.published) == (place, published)


@pytest.mark.parametrize(
    "line",
    [
        "Monday, 8 October 2018",  # a weekday, not a place
        "Almaty, Kazakhstan",  # a place in ordinary case needs a date
        "Published, 8 October 2018",
        "The report, 8 October 2018",
    ],
)
def test_not_place_and_date_lines(line):
    assert newsmeta.parse_dateline(line) is None


def test_dateline_under_a_tagline_that_is_as_long_as_a_sentence():
    text = (
        "# Volunteers must be released\n\n"
        "**Harbour Refugee Council (HRC) — public statement on the arrests**\n"
        "Port Ellis, 8 October 2018\n\n"
        "The council is deeply concerned by the arrest of four volunteers on Friday.\n"
    )
    meta = newsmeta.extract(text, markdown=True)
    assert (meta.outlet, meta.dateline, meta.published) == ("Harbour Refugee Council", "Port Ellis", "2018-10-08")


def test_labelled_location_is_the_dateline():
    text = "Press briefing notes on detentions\n\nLocation: Geneva, Switzerland\nDate: 12 May 2023\n\nWe are concerned.\n"
    meta = newsmeta.extract(text)
    assert (meta.dateline, meta.published) == ("Geneva", "2023-05-12")


def test_recording_place_of_a_testimony_heading_is_the_dateline():
    text = "# Testimony of a former teacher, recorded in Velsk, 2 May 2020\n\nI taught for ten years.\n"
    assert newsmeta.extract(text, markdown=True).dateline == "Velsk"
    text = "# A testimony\n\nThe interview was recorded in a car.\n"
    assert newsmeta.extract(text, markdown=True).dateline is None


def test_publication_date_written_in_a_masthead_line():
    text = "# Silenced\n\n*Lantern Network · Briefing paper · Published 14 December 2021*\n\nSince the decree...\n"
    assert newsmeta.extract(text, markdown=True).published == "2021-12-14"


@pytest.mark.parametrize(
    ("opening", "place", "outlet"),
    [
        ("(Berlin) – The authorities have held twelve activists without lawyers.", "Berlin", None),
        ("(MW) - The authorities have held twelve activists.", None, "MW"),
        ("(Reuters) - Two bloggers were released on bail.", None, "Reuters"),
    ],
)
def test_bracketed_openings(opening, place, outlet):
    dateline = newsmeta.parse_dateline(opening)
    assert (dateline.place, dateline.outlet) == (place, outlet)


def test_bracketed_phrase_that_is_neither_place_nor_agency():
    assert newsmeta.parse_dateline("(in the words of one guard) - they were beaten every day.") is None


@pytest.mark.parametrize(
    ("line", "author", "outlet", "published"),
    [
        ("Posted on 5 April 2022 by Ana Lima", "Ana Lima", None, "2022-04-05"),
        ("By Gulnar Sabit for Meadow Wire", "Gulnar Sabit", "Meadow Wire", None),
        ("By Marta Kovac, Balkan Herald correspondent", "Marta Kovac", "Balkan Herald", None),
        ("By Marta Kovac | 2024.03.05", "Marta Kovac", None, "2024-03-05"),
    ],
)
def test_more_byline_forms(line, author, outlet, published):
    assert newsmeta.parse_byline_parts(line) == newsmeta.Byline(author, outlet, published)


def test_reporter_name_over_a_date_line():
    text = "Detainees tortured, group says\n\nMarta Kovac\nJune 3, 2024\n\nBELGRADE — A rights group said detainees were beaten.\n"
    meta = newsmeta.extract(text)
    assert (meta.author, meta.published, meta.dateline) == ("Marta Kovac", "2024-06-03", "Belgrade")
    placed = "Detainees tortured\n\nNote: see below\nMarta Kovac in Belgrade\nTue 3 Jun 2024 06.00 BST\n\nGuards beat them.\n"
    assert newsmeta.extract(placed).author == "Marta Kovac"


def test_letterhead_of_a_letter_names_the_sender_but_its_address_is_no_author():
    text = (
        "Kestrel Rights Watch\n350 Fifth Street\nPort Ellis\n\nMarch 3, 2024\n\nDear Minister,\n\n"
        "We write to express our concern about the detention of journalists.\n"
    )
    meta = newsmeta.extract(text)
    assert (meta.outlet, meta.author, meta.published) == ("Kestrel Rights Watch", None, "2024-03-03")


def test_title_skips_a_row_of_links_and_release_labels():
    blog = "Home | About | Contact\n\nWhy deportations must stop\n\nPosted on 5 April 2022 by Ana Lima\n\nThey went on.\n"
    assert newsmeta.extract(blog).title == "Why deportations must stop"
    release = (
        "PRESS RELEASE\n\nFor immediate release: 5 April 2022\n\nCouncil condemns deportations\n\n"
        "PORT ELLIS – The council today condemned the deportation of forty people.\n"
    )
    meta = newsmeta.extract(release)
    assert (meta.title, meta.published, meta.dateline) == ("Council condemns deportations", "2022-04-05", "Port Ellis")


def test_interviewing_organisation_and_place_of_a_witness_statement():
    text = (
        "# Witness statement: detention at the northern camp\n\n"
        "*Interview conducted by Harbour Refugee Council staff in Port Ellis on 12 March 2022.*\n\n"
        "I was taken from my home at night.\n"
    )
    meta = newsmeta.extract(text, markdown=True)
    assert (meta.outlet, meta.dateline) == ("Harbour Refugee Council", "Port Ellis")
