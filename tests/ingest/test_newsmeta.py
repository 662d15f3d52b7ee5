import pytest

from testimonium.ingest import newsmeta
from testimonium.ingest.newsmeta import parse_byline, parse_dateline


@pytest.mark.parametrize(
    ("line", "place", "outlet"),
    [
        ("ASTANA (TCA) — Police detained four volunteers on Friday.", "Astana", "TCA"),
        ("ALMATY, Kazakhstan (AP) — Relatives gathered outside the court.", "Almaty", "AP"),
        ("BEIJING, Oct. 9 (Reuters) - The ministry declined to comment.", "Beijing", "Reuters"),
        ("GENEVA — The committee asked for an inquiry.", "Geneva", None),
        ("GENEVA—The committee asked for an inquiry.", "Geneva", None),
        ("NEW YORK (AP) -- A judge postponed the hearing.", "New York", "AP"),
        ("BISHKEK – Lawyers were denied access twice.", "Bishkek", None),
        ("TASHKENT, 14 May 2023 (UzDaily) – Two bloggers were fined.", "Tashkent", "UzDaily"),
        ("NUR-SULTAN, Kazakhstan – Officials did not respond.", "Nur-Sultan", None),
        ("ST. PETERSBURG (Reuters) - A court in the city ruled.", "St. Petersburg", "Reuters"),
    ],
)
def test_datelines(line, place, outlet):
    dateline = parse_dateline(line)
    assert (dateline.place, dateline.outlet) == (place, outlet)


@pytest.mark.parametrize(
    "line",
    [
        "Astana (TCA) — police detained four volunteers.",  # city not in capitals
        "The MINISTRY said — nothing at all.",  # starts with an ordinary word
        "BREAKING — Police raid an office in the capital.",  # a label, not a place
        "NATO — the alliance said on Monday.",  # an acronym, not a place
        "KAZAKHSTAN — ELECTIONS 2024",  # an all-caps headline, no body text
        "ALMATY - Kazakhstan",  # too little after the dash
        "ALMATY-based lawyers said the case was closed.",  # hyphenated word, no dash
        "Police said on Monday that three people were held.",
        "",
    ],
)
def test_not_datelines(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Aruzhan Sadykova", "Aruzhan Sadykova"),
        ("By Aruzhan Sadykova and Timur Bekov", "Aruzhan Sadykova and Timur Bekov"),
        ("By Aruzhan Sadykova, Reuters", "Aruzhan Sadykova"),
        ("By Ana Lima, Timur Bekov and Jo Park", "Ana Lima, Timur Bekov and Jo Park"),
        ("BY ARUZHAN SADYKOVA", "Aruzhan Sadykova"),
        ("by Maria de la Cruz", "Maria de la Cruz"),
        ("By Pieter van Dijk | 5 March 2024", "Pieter van Dijk"),
        ("*By Aruzhan Sadykova*", "Aruzhan Sadykova"),
        ("Written by Aruzhan Sadykova", "Aruzhan Sadykova"),
        ("Reported by Timur Bekov", "Timur Bekov"),
        ("By Ana Lima in Bishkek", "Ana Lima"),
        ("By Ana Lima and Jo Park, Staff Writers", "Ana Lima and Jo Park"),
    ],
)
def test_bylines(line, author):
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, the detainees had been moved.",
        "By the end of the year the law had changed.",
        "By Reuters",
        "By 2024 most cases were closed.",
        "Bystanders filmed the arrest.",
        "Written by the committee in 2019",
    ],
)
def test_not_bylines(line):
    assert parse_byline(line) is None


def test_extract_reads_title_byline_and_dateline():
    text = (
        "Volunteers detained after flood relief drive\n"
        "By Aruzhan Sadykova and Timur Bekov\n"
        "5 March 2024\n"
        "\n"
        "ASTANA (TCA) — Police detained four volunteers who were handing out food, "
        "their families said.\n"
    )
    assert newsmeta.extract(text) == newsmeta.NewsMeta(
        title="Volunteers detained after flood relief drive",
        author="Aruzhan Sadykova and Timur Bekov",
        outlet="TCA",
        dateline="Astana",
        published="2024-03-05",
    )


def test_extract_ignores_a_dateline_after_the_first_body_paragraph():
    text = (
        "Annual review\n\n"
        "This review covers the detention of activists across the region during the year.\n\n"
        "ALMATY (AP) — A later paragraph that happens to look like a dateline.\n"
    )
    meta = newsmeta.extract(text)
    assert (meta.dateline, meta.outlet) == (None, None)


def test_extract_without_news_features():
    meta = newsmeta.extract("  \nJust a note\nwith two lines\n")
    assert meta == newsmeta.NewsMeta(title="Just a note")


def test_markdown_title_comes_from_the_first_level_one_heading():
    text = "Draft, do not circulate\n\n# Arrests in the capital\n\nBody.\n"
    assert newsmeta.extract(text, markdown=True).title == "Arrests in the capital"
    assert newsmeta.extract("Plain first line\nmore\n", markdown=True).title == "Plain first line"


def test_very_long_first_line_is_cut_for_the_title():
    title = newsmeta.extract("word " * 200).title
    assert len(title) <= 301 and title.endswith("…")


# -- authors named outside a byline ------------------------------------------------------------

def test_statement_header_names_its_speaker_without_the_office():
    assert newsmeta.parse_statement_header("Statement of Deputy Minister Aliya K. Omarova") == "Aliya K. Omarova"
    assert newsmeta.parse_statement_header("Prepared Testimony by Professor Rustam Ilyasov, Almaty") == "Rustam Ilyasov"
    assert newsmeta.parse_statement_header("Statement of the Committee on Refugees") is None
    assert newsmeta.parse_statement_header("Testimony of witnesses was heard on Monday") is None


def test_statement_header_found_below_page_navigation():
    text = "Embassy news\n\nHome\nPress\nVisas\nContact\nEvents\nArchive\nSearch\nMenu\n\n" \
        "Remarks by Ambassador Dana Serikova\n\nThank you for coming today to hear about the refugees.\n"
    assert newsmeta.extract(text).author == "Dana Serikova"


def test_opinion_author_takes_the_full_name_from_the_panel():
    text = ("Before: Maria L. Fuentes and Peter Hall, Circuit Judges. Opinion by Judge Fuentes. "
            "The petitioner sought asylum.")
    assert newsmeta.opinion_author(text) == "Maria L. Fuentes"
    assert newsmeta.opinion_author("Opinion by Judge Okafor. The panel denied review.") == "Okafor"
    assert newsmeta.opinion_author("The judge gave her opinion in court.") is None


def test_signoff_on_the_last_line_is_the_author():
    story = "Court refuses deportation\n\nFirst paragraph of the story.\n\nSecond paragraph.\n\nAsel Nurlanova\n"
    assert newsmeta.extract(story).author == "Asel Nurlanova"


def test_a_last_line_that_is_a_sentence_or_a_label_is_not_a_signoff():
    lines = ["Title", "Body one.", "Body two.", "The hearing ends."]
    assert newsmeta.signoff_author(lines) is None
    assert newsmeta.signoff_author(["Title", "Body one.", "Body two.", "END OF REPORT"]) is None
    assert newsmeta.signoff_author(["Title", "Body.", "More.", "Contact us for details"]) is None
    assert newsmeta.signoff_author(["Title", "Asel Nurlanova"]) is None  # too short to have a body
