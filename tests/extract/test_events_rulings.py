"""Appeal-court decisions: undoing or changing a conviction or sentence, release orders, the
judgment's delivery date and a court's later-dated statement of its decision."""


def named(result, event, role):
    names = {e["id"]: e["name"] for e in result.entities}
    return [names[i] for i in event[role]]


def of_type(result, etype):
    return [e for e in result.events if e["type"] == etype]


def test_quashed_conviction_is_an_acquittal(extract):
    result = extract("The appeal judges quashed the conviction of Daniel Ochieng.")
    (verdict,) = of_type(result, "verdict")
    assert verdict["outcome"] == "acquitted"
    assert named(result, verdict, "patient") == ["Daniel Ochieng"]


def test_sentence_set_aside_is_no_new_sentence(extract):
    result = extract("The appeal judges quashed the conviction of Daniel Ochieng and set aside his sentence.")
    assert of_type(result, "sentence") == []
    assert [v["outcome"] for v in of_type(result, "verdict")] == ["acquitted"]


def test_a_reduced_term_is_a_sentence(extract):
    result = extract("The appeal judges reduced the sentence of Joseph Kamau to fourteen months.")
    (sentence,) = of_type(result, "sentence")
    assert named(result, sentence, "patient") == ["Joseph Kamau"]


def test_judgment_delivery_line_dates_undated_decisions(extract):
    text = ("SUMMARY OF JUDGMENT\nDelivered on 3 May 2024\n\n"
            "Joseph Kamau was convicted of fraud in 2021. The appeal judges reduced the sentence of "
            "Joseph Kamau to one year.")
    result = extract(text)
    (sentence,) = of_type(result, "sentence")
    assert sentence["date"] == "2024-05-03"
    (verdict,) = of_type(result, "verdict")
    assert verdict["date"] == "2021"  # dated in the text: the header does not override it


def test_without_delivery_line_the_decision_stays_undated(extract):
    result = extract("The appeal judges reduced the sentence of Joseph Kamau to one year.")
    (sentence,) = of_type(result, "sentence")
    assert sentence["date"] is None


def test_release_a_court_orders_is_planned(extract):
    result = extract("The judge orders that Daniel Ochieng be released at once.")
    (release,) = of_type(result, "release")
    assert release["modality"] == "planned"
    assert named(result, release, "patient") == ["Daniel Ochieng"]


def test_release_that_happened_is_actual(extract):
    result = extract("Daniel Ochieng was released on Friday.", "2024-03-10")
    (release,) = of_type(result, "release")
    assert release["modality"] == "actual"


def test_court_ruling_later_in_the_text_dates_its_decision(extract):
    text = ("The Supreme Court of Serbia rejected Turkey's extradition request for Mehmet Yilmaz. "
            "On Tuesday the Supreme Court of Serbia ruled that the charges were political.")
    result = extract(text, "2025-04-20")
    (refusal,) = [e for e in of_type(result, "extradition") if e["outcome"] == "refused"]
    assert refusal["date"] == "2025-04-15"


def test_another_body_ruling_does_not_date_the_decision(extract):
    text = ("The Supreme Court of Serbia rejected Turkey's extradition request for Mehmet Yilmaz. "
            "On Tuesday the Constitutional Court of Turkey ruled that the charges stood.")
    result = extract(text, "2025-04-20")
    (refusal,) = [e for e in of_type(result, "extradition") if e["outcome"] == "refused"]
    assert refusal["date"] is None


def test_struck_person_is_ill_treated(extract):
    result = extract("Police officers struck Grace Achieng with batons.")
    (event,) = of_type(result, "ill_treatment")
    assert named(result, event, "patient") == ["Grace Achieng"]


def test_striking_a_deal_is_no_ill_treatment(extract):
    result = extract("The government struck a deal with the union in March.")
    assert of_type(result, "ill_treatment") == []


def test_who_received_asylum_is_its_patient(extract):
    result = extract("Amira Haddad received asylum in Sweden.")
    (event,) = of_type(result, "asylum")
    assert event["outcome"] == "granted"
    assert named(result, event, "patient") == ["Amira Haddad"]


def test_release_a_court_orders_by_infinitive_is_planned(extract):
    result = extract("The judge ordered Daniel Ochieng to be released.")
    (release,) = of_type(result, "release")
    assert release["modality"] == "planned"
