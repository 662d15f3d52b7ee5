def quantities_of(extract, text):
    return [(q["text"], q["value"], q["approximate"]) for q in extract(text).quantities]


def test_counts_of_people_with_approximation(extract):
    found = quantities_of(extract, "Police detained more than 2,500 Kazakhs and 40 activists.")
    assert ("more than 2,500 Kazakhs", 2500, True) in found
    assert ("40 activists", 40, False) in found


def test_estimated_millions(extract):
    found = quantities_of(extract, "An estimated 1 million people were held in the camps.")
    assert found and found[0][1] == 1000000 and found[0][2] is True


def test_ages_years_and_durations_are_not_counts(extract):
    text = "The imam, age 82, was sentenced in 2019 to nine years and paid 3,000 dollars."
    assert quantities_of(extract, text) == []


def test_counted_noun_is_recorded(extract):
    (q,) = extract("Seventeen petitioners received offers of resettlement.").quantities
    assert q["value"] == 17 and q["of"] == "petitioners"


def test_counts_the_ner_missed_and_numbers_that_are_no_counts(extract):
    text = ("Last week two families wrote eleven letters to the ministry.\n"
            "1. One of the camps opened before six in the morning.\n")
    quantities = [(q["text"], q["value"]) for q in extract(text, "2020-05-05").quantities]
    assert quantities == [("two families", 2), ("eleven letters", 11)]
