import pytest

from testimonium.ingest import newsmeta
from testimonium.ingest.newsmeta import Dateline, parse_byline, parse_dateline


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
    assert parse_dateline(line) == Dateline(place=place, outlet=outlet)


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
        "Written by Aruzhan Sadykova",
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
