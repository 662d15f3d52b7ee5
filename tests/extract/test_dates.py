import pytest

from testimonium.extract.dates import parse_anchor

from .conftest import make_document


def dates_of(extract, text, published=None):
    return [(d["text"], d["value"], d["granularity"]) for d in extract(text, published).dates]


@pytest.mark.parametrize("text, published, expected", [
    ("The hearing took place on March 4, 2021.", None, ("March 4, 2021", "2021-03-04", "day")),
    ("He was released in August.", "2019-11", ("August", "2019-08", "month")),
    ("He was released in December.", "2019-11", ("December", "2018-12", "month")),
    ("She arrived on October 5.", "2018-10-20", ("October 5", "2018-10-05", "day")),
    ("She arrived on October 5.", None, ("October 5", "--10-05", "unknown-year")),
    ("Persecution goes back to the 1960s.", None, ("the 1960s", "196", "decade")),
    ("The camp opened in 2015.", None, ("2015", "2015", "year")),
    ("The crackdown began in late 2012.", None, ("late 2012", "2012", "year")),
    ("Protests spread in the spring of 2009.", None, ("the spring of 2009", "2009-SP", "season")),
    ("Officials met last week.", "2010-01-14", ("last week", "2010-W01", "week")),
    ("Arrests rose during the year.", "2023", ("the year", "2023", "year")),
    ("Infobox date: 2016-10-09", None, ("2016-10-09", "2016-10-09", "day")),
    ("It lasted from November 2011 until later.", None, ("November 2011", "2011-11", "month")),
])
def test_date_values_keep_the_texts_precision(extract, text, published, expected):
    assert expected in dates_of(extract, text, published)


def test_durations_ages_and_case_numbers_are_not_dates(extract):
    text = "He served nine years, aged 64, in case No. 08-5424; 2,500 people and 1500 refugees fled."
    assert dates_of(extract, text, "2020") == []


def test_may_the_verb_is_not_a_month(extract):
    assert dates_of(extract, "Officials may release him soon.", "2020-06") == []


def test_relative_dates_need_an_anchor(extract):
    assert dates_of(extract, "He was released in August and arrested last week.") == [
        ("August", "--08", "unknown-year")]


def test_document_published_is_the_fallback_anchor(extractor):
    document = make_document("He was released in August.", published="2017-09")
    dates = extractor.extract(document).dates
    assert dates[0]["value"] == "2017-08"


def test_parse_anchor():
    assert parse_anchor("2018-10") == (2018, 10, None)
    assert parse_anchor("") is None
    assert parse_anchor(None) is None
