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
    # "since" looks back even when the clause looks ahead
    ("Time spent in custody since January will count towards the term.", "2024-09-18", ("January", "2024-01", "month")),
    # a range's open end takes its year from the closing date
    ("She was held from February to July 2024.", "2025-06", ("February", "2024-02", "month")),
    ("He worked there from November to March 2024.", "2025-05-02", ("November", "2023-11", "month")),
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


@pytest.mark.parametrize("text, published, expected", [
    # a weekday is the last one on or before a reference day (2021-03-17 is a Wednesday) ...
    ("The minister resigned on Monday.", "2021-03-17", ("Monday", "2021-03-15", "day")),
    ("The minister resigned on Wednesday.", "2021-03-17", ("Wednesday", "2021-03-17", "day")),
    ("Police raided the office last Wednesday.", "2021-03-17", ("last Wednesday", "2021-03-10", "day")),
    ("The board has not yet reacted to Sunday's vote.", "2021-03-17", ("Sunday", "2021-03-14", "day")),
    # ... or the coming one when the clause looks ahead
    ("The tribunal will rule on Friday.", "2021-03-17", ("Friday", "2021-03-19", "day")),
    ("I am in Bishkek on Thursday.", "2021-03-17", ("Thursday", "2021-03-18", "day")),
    ("They meet again next Monday.", "2021-03-17", ("next Monday", "2021-03-22", "day")),
])
def test_weekdays_resolve_against_a_reference_day(extract, text, published, expected):
    assert expected in dates_of(extract, text, published)


def test_weekdays_need_a_reference_day_and_habits_are_not_dates(extract):
    assert dates_of(extract, "The minister resigned on Monday.", "2021-03") == []
    assert dates_of(extract, "The clinic opens Monday to Friday and closes every Sunday.", "2021-03-17") == []


@pytest.mark.parametrize("text, published, expected", [
    ("Strikes spread across the region this summer.", "2016-09-30", ("this summer", "2016-SU", "season")),
    ("Volunteers have collected names since the spring.", "2016-09-30", ("the spring", "2016-SP", "season")),
    ("He was released in the winter.", "2016-09-30", ("the winter", "2015-WI", "season")),
    ("The talks collapsed last autumn.", "2016-05-02", ("last autumn", "2015-FA", "season")),
])
def test_seasons_are_timex_seasons_of_the_right_year(extract, text, published, expected):
    assert expected in dates_of(extract, text, published)


def test_a_fall_that_is_no_season(extract):
    assert dates_of(extract, "Refugees arrived after the fall of the town.", "2016-09-30") == []


@pytest.mark.parametrize("text, published, expected", [
    ("Her visa was revoked in March last year.", "2020", ("March last year", "2019-03", "month")),
    ("The party was banned the year before.", "2020-06", ("the year before", "2019", "year")),
])
def test_relative_years(extract, text, published, expected):
    assert expected in dates_of(extract, text, published)


def test_the_year_before_an_event_is_not_relative_to_publication(extract):
    assert dates_of(extract, "It was banned the year before the election.", "2020-06") == []


def test_lists_and_ranges_of_days_give_each_day(extract):
    text = "The witnesses were heard on 3, 5 and 11 May 2017 and again from June 2 to 4."
    assert dates_of(extract, text, "2017-07-01") == [
        ("3", "2017-05-03", "day"), ("5", "2017-05-05", "day"), ("11 May 2017", "2017-05-11", "day"),
        ("June 2", "2017-06-02", "day"), ("4", "2017-06-04", "day")]


@pytest.mark.parametrize("text, published, expected", [
    # a deadline a fortnight ahead is this year's, not last year's
    ("Objections must be filed by 20 June.", "2017-06-05", ("20 June", "2017-06-20", "day")),
    ("Objections may be filed until 20 June.", "2017-06-05", ("20 June", "2017-06-20", "day")),
    # a past-tense clause looks back, however near the date ahead would be
    ("The camp was closed on 20 June.", "2017-06-05", ("20 June", "2016-06-20", "day")),
    # and without a tense the nearer date wins, with a bias for the past
    ("Protest, 2 June: hundreds march.", "2017-06-05", ("2 June", "2017-06-02", "day")),
])
def test_year_less_dates_take_the_year_the_clause_points_to(extract, text, published, expected):
    assert expected in dates_of(extract, text, published)


def _values(extract, text, published):
    return {d["text"]: d["value"] for d in extract(text, published).dates}


def test_a_witness_account_keeps_the_year_it_has_reached(extract):
    text = ("In September 2022 I joined a strike at the port. On 3 October police came to my house.\n\n"
            "I was held for a month. On 12 November I was brought before a judge.\n\n"
            "At the end of January I was released on bail.\n")
    values = _values(extract, text, "2025-02-10")
    assert values["3 October"] == "2022-10-03"
    assert values["12 November"] == "2022-11-12"
    assert values["January"] == "2023-01"  # the months wrapped round: the next year


def test_the_account_comes_back_to_the_time_of_writing(extract):
    text = ("In September 2022 I joined a strike at the port. On 3 October police came to my house.\n\n"
            "Earlier this year I was warned again. On 6 January I left the country.\n")
    assert _values(extract, text, "2025-02-10")["6 January"] == "2025-01-06"


def test_a_report_does_not_carry_a_background_year(extract):
    text = ("Two attempts, in November 2018 and August 2019, failed. "
            "The ministry said in March it would try again.\n")
    assert _values(extract, text, "2022-06-01")["March"] == "2022-03"


def test_until_looks_ahead_of_a_past_verb(extract):
    text = "The magistrate refused bail and remanded him in custody until 26 March.\n"
    assert _values(extract, text, "2026-03-12")["26 March"] == "2026-03-26"
