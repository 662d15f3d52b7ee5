"""Event constructions beyond the first vocabulary: court decisions, active and negated forms,
nouns carried by clauses, and the words each taxonomy type is commonly reported in."""

import pytest


def _events(extract, text, published=None):
    result = extract(text, published)
    names = {e["id"]: e["name"] for e in result.entities}
    return result, names


def _who(event, names):
    return sorted(names[i] for i in event["patient"] + event["agent"] if i in names)  # named ones only


CASE = ("Jonas Berg v Secretary of State for the Home Department\n\n"
        "The appellant, Jonas Berg, is a national of Eritrea. He claimed asylum on 2 March 2020. "
        "The Home Office refused the claim on 4 May 2021. In a decision dated 9 June 2022, the regional "
        "court dismissed the appeal. Permission to appeal was granted later that year.\n\n"
        "Held, allowing the appeal: the decision is set aside.")


def test_court_decisions_on_an_appeal_decide_the_asylum_claim_of_the_appellant(extract):
    result, names = _events(extract, CASE, "2023-01-10")
    asylum = sorted((e["outcome"], e["date"] or "") for e in result.events if e["type"] == "asylum")
    assert asylum == [("applied", "2020-03-02"), ("denied", "2021-05-04"), ("denied", "2022-06-09"),
                      ("granted", "")]
    for event in result.events:
        assert "Jonas Berg" in _who(event, names), event
    assert "appeal" in {e["type"] for e in result.events}


def test_a_dismissed_appeal_without_an_asylum_matter_decides_nothing_but_records_the_appeal(extract):
    result, _ = _events(extract, "The regional court dismissed the appeal of Ivan Petrov on 3 May.", "2021-06")
    assert [(e["type"], e["date"]) for e in result.events] == [("appeal", "2021-05-03")]


@pytest.mark.parametrize("text, etype", [
    ("Agents of the security service held Omar Haddad for three weeks.", "detention"),
    ("Omar Haddad was taken into custody at the airport.", "arrest"),
    ("Omar Haddad was persecuted by the local police for years.", "ill_treatment"),
    ("Omar Haddad was shot dead at a checkpoint.", "death"),
    ("Omar Haddad defected to South Korea.", "border_crossing"),
    ("Omar Haddad escaped from Syria in a lorry.", "border_crossing"),
    ("Omar Haddad was forced to study the party's speeches every evening.", "indoctrination"),
    ("The guards searched the phone of Omar Haddad.", "surveillance"),
    ("A court in Lyon condemned Omar Haddad to ten years.", "sentence"),
    ("The judge gave Omar Haddad six months.", "sentence"),
    ("Omar Haddad will stand trial in Lyon.", "trial"),
    ("Omar Haddad challenged the deportation order in court.", "appeal"),
    ("Guards drove Omar Haddad back to the border fence.", "deportation"),
    ("Omar Haddad received refugee status in Canada.", "asylum"),
])
def test_common_ways_of_reporting_each_type(extract, text, etype):
    result, names = _events(extract, text)
    found = [e for e in result.events if e["type"] == etype]
    assert found and "Omar Haddad" in _who(found[0], names), result.events


def test_a_crossing_without_an_object_is_a_border_crossing_and_a_street_is_not(extract):
    result, names = _events(extract, "On 21 October Omar Haddad crossed again, alone.", "2021-11")
    (event,) = result.events
    assert (event["type"], event["date"], _who(event, names)) == ("border_crossing", "2021-10-21", ["Omar Haddad"])
    result, _ = _events(extract, "Omar Haddad crossed the street to the bakery.")
    assert result.events == []


def test_ill_treated_is_carried_by_its_verb(extract):
    result, names = _events(extract, "Omar Haddad said he had been ill-treated by the guards in Aleppo.")
    (event,) = [e for e in result.events if e["type"] == "ill_treatment"]
    assert [names[i] for i in event["patient"]] == ["Omar Haddad"]
    assert event["modality"] == "alleged"


def test_an_event_noun_takes_the_subject_of_the_clause_on_it(extract):
    result, names = _events(extract, "Doctors documented the torture Omar Haddad endured in prison.")
    (event,) = [e for e in result.events if e["type"] == "ill_treatment"]
    assert names[event["patient"][0]] == "Omar Haddad"


def test_a_trial_before_a_sentence_is_the_sentenced_persons(extract):
    result, names = _events(extract, "Omar Haddad was sentenced to ten years after a trial that lasted an hour.")
    (trial,) = [e for e in result.events if e["type"] == "trial"]
    assert _who(trial, names) == ["Omar Haddad"]


@pytest.mark.parametrize("text", [
    "The ministry said no journalist had been detained.",
    "Nobody was arrested at the rally in Tunis.",
    "A police spokesman in Tunis denied that anyone had been held.",
    "The embassy denied that Tunisia had sought the extradition of Omar Haddad.",
    "The police denied holding Omar Haddad.",
    "Police held the passport of Omar Haddad for a month.",
    "Officers seized the phone of Omar Haddad at the border.",
])
def test_denied_and_negated_events_are_not_reported_as_events(extract, text):
    result, _ = _events(extract, text)
    assert result.events == [], result.events


def test_a_petition_of_a_decision_making_body_is_not_its_appeal(extract):
    text = "The court granted a petition for review of the Board of Immigration Appeals' decision."
    result, _ = _events(extract, text)
    assert result.events == []


def test_whose_things_are_searched_is_who_is_watched(extract):
    result, names = _events(extract, "Omar Haddad said the officers photographed his face and his passport.")
    (event,) = [e for e in result.events if e["type"] == "surveillance"]
    assert [names[i] for i in event["patient"]] == ["Omar Haddad"]


def test_a_verdict_without_an_outcome_joins_the_conviction(extract):
    text = "Omar Haddad was convicted of fraud in Lyon. His lawyer called the verdict unjust."
    result, names = _events(extract, text)
    assert [(e["type"], e["outcome"]) for e in result.events] == [("verdict", "convicted")]


def test_a_case_that_was_heard_is_a_trial_of_its_party(extract):
    result, names = _events(extract, "Omar Haddad's case was heard in Lyon on 4 June.", "2021-07")
    (event,) = result.events
    assert (event["type"], event["date"], _who(event, names)) == ("trial", "2021-06-04", ["Omar Haddad"])


def test_a_turned_down_application_in_an_asylum_story_is_a_denial(extract):
    text = ("Lena Orlova applied for asylum in Norway last year. The immigration directorate turned down "
            "her application on 3 May.")
    result, names = _events(extract, text, "2021-06-15")
    denied = [e for e in result.events if (e["type"], e["outcome"]) == ("asylum", "denied")]
    assert [(e["date"], [names[i] for i in e["patient"]]) for e in denied] == [("2021-05-03", ["Lena Orlova"])]


def test_placed_under_house_arrest_is_a_detention_of_the_object(extract):
    result, names = _events(extract, "The court placed Timur Bekov under house arrest on 2 May.", "2021-06-15")
    (event,) = result.events
    assert (event["type"], event["date"], _who(event, names)) == ("detention", "2021-05-02", ["Timur Bekov"])


def test_a_hearing_that_sets_the_scene_is_about_the_person_in_its_clause(extract):
    text = "At a remand hearing on 7 December, the court gave police ten more days to question Timur Bekov."
    result, names = _events(extract, text, "2021-12-15")
    (trial,) = [e for e in result.events if e["type"] == "trial"]
    assert (trial["date"], _who(trial, names)) == ("2021-12-07", ["Timur Bekov"])


@pytest.mark.parametrize("text", [
    "Norway denied the many claims that Lena Orlova made about asylum.",  # more than four words apart
    "Norway denied it; asylum was never discussed with Lena Orlova.",  # punctuation between
])
def test_the_words_of_a_pattern_stay_close_and_within_a_clause(extract, text):
    result, _ = _events(extract, text)
    assert not [e for e in result.events if e["type"] == "asylum"], result.events


@pytest.mark.parametrize("text, etype", [
    ("Lena Orlova feared being sent back to Belarus.", "deportation"),
    ("Lena Orlova could be sent back to Belarus at any moment.", "deportation"),
    ("Lena Orlova would face prison if she was deported to Belarus.", "deportation"),
    ("The court upheld an order to deport Lena Orlova.", "deportation"),
    ("Review the refusal and grant Lena Orlova refugee status.", "asylum"),
])
def test_feared_conditional_ordered_and_requested_events_are_planned(extract, text, etype):
    result, _ = _events(extract, text)
    (event,) = [e for e in result.events if e["type"] == etype]
    assert event["modality"] == "planned"


def test_a_modal_on_the_verb_an_event_noun_is_subject_of_is_not_the_events(extract):
    result, _ = _events(extract, "The testimony of Lena Orlova could support other claims.")
    (event,) = result.events
    assert (event["type"], event["modality"]) == ("testimony", "actual")


def test_a_list_of_what_a_speaker_said_is_alleged_throughout(extract):
    text = "Lena Orlova said that soldiers arrested her in Minsk, held her for a week and beat her."
    result, _ = _events(extract, text)
    assert {(e["type"], e["modality"]) for e in result.events} == {
        ("arrest", "alleged"), ("detention", "alleged"), ("ill_treatment", "alleged")}


def test_an_event_after_which_another_happened_does_not_take_its_date(extract):
    result, names = _events(extract, "Timur Bekov was deported on 2 June, a week after his arrest.", "2021-06-15")
    dates = {e["type"]: e["date"] for e in result.events}
    assert dates == {"deportation": "2021-06-02", "arrest": None}


def test_an_asylum_refusal_noun_takes_its_recipient(extract):
    result, names = _events(extract, "The refusal of asylum to Timur Bekov on 5 May drew criticism.", "2021-06-15")
    (event,) = result.events
    assert (event["outcome"], event["date"], _who(event, names)) == ("denied", "2021-05-05", ["Timur Bekov"])


def test_a_refusal_reaches_an_infinitive_the_parser_hung_on_an_adverbial(extract):
    text = "The court in Osh refused at the time to order the deportation of Timur Bekov."
    result, names = _events(extract, text)
    assert [(e["type"], e["outcome"], _who(e, names)) for e in result.events] == [
        ("extradition", "refused", ["Timur Bekov"])]
    result, _ = _events(extract, "The court rejected an objection by Timur Bekov against an order to deport him.")
    assert [(e["type"], e["modality"]) for e in result.events] == [("deportation", "planned")]
