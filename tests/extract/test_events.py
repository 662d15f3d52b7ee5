import pytest


def events_of(extract, text, published=None):
    result = extract(text, published)
    names = {e["id"]: e["name"] for e in result.entities}
    return result, names


def test_asylum_denial_with_patient_agent_and_date(extract):
    text = "Maria Santos was denied asylum by Norway on March 3."
    result, names = events_of(extract, text, "2021-05")
    (event,) = [e for e in result.events if e["type"] == "asylum"]
    assert event["outcome"] == "denied"
    assert event["modality"] == "actual"
    assert event["date"] == "2021-03-03"
    assert [names[i] for i in event["patient"]] == ["Maria Santos"]
    assert [names[i] for i in event["agent"]] == ["Norway"]
    assert text[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]


def test_event_inside_a_claim_is_alleged_and_points_to_it(extract):
    text = "Amnesty International said that Rashid Karimov was arrested in Tashkent."
    result, names = events_of(extract, text)
    (event,) = result.events
    assert event["type"] == "arrest"
    assert event["modality"] == "alleged"
    assert event["claim"] == result.claims[0]["id"]
    assert [names[i] for i in event["place"]] == ["Tashkent"]


def test_planned_appeal_takes_the_speaker(extract):
    text = "The lawyer John Carter spoke to reporters on Monday. He said they would appeal the ruling."
    result, names = events_of(extract, text)
    (event,) = [e for e in result.events if e["type"] == "appeal"]
    assert event["modality"] == "planned"
    assert [names[i] for i in event["agent"]] == ["John Carter"]


def test_flight_across_a_border_and_release(extract):
    text = "Nurlan Abenov fled Kyrgyzstan in May. A judge later freed him from prison."
    result, names = events_of(extract, text, "2020-09")
    kinds = {e["type"]: e for e in result.events}
    assert [names[i] for i in kinds["border_crossing"]["patient"]] == ["Nurlan Abenov"]
    assert kinds["border_crossing"]["date"] == "2020-05"
    assert [names[i] for i in kinds["release"]["patient"]] == ["Nurlan Abenov"]


def test_mentions_of_one_occurrence_merge_and_kinds_of_things_are_not_events(extract):
    text = ("Georgia denied asylum to a journalist. Aliya Nurova, the journalist, was denied "
            "asylum on June 2. She met an asylum officer at the detention center.")
    result, _ = events_of(extract, text, "2022-07")
    assert [(e["type"], e["outcome"]) for e in result.events] == [("asylum", "denied")]


def _kinds(result, names):
    return {(e["type"], e["outcome"]): (sorted(names[i] for i in e["patient"] + e["agent"]), e["date"])
            for e in result.events}


def test_refused_or_negated_return_is_a_refused_extradition(extract):
    text = ("A court in Osh on Friday fined Ivan Petrov, a Russian journalist, and refused to send him "
            "back to Russia. Another judge did not order the expulsion of Maria Ivanova.")
    result, names = events_of(extract, text, "2020-03-09")
    refused = [e for e in result.events if (e["type"], e["outcome"]) == ("extradition", "refused")]
    assert [[names[i] for i in e["patient"]] for e in refused] == [["Ivan Petrov"], ["Maria Ivanova"]]
    assert refused[0]["date"] == "2020-03-06"
    assert not [e for e in result.events if e["type"] == "deportation"]


def test_a_relative_clause_and_an_apposition_stand_for_the_person(extract):
    text = ("The court heard Anna Petrova, an ethnic Uzbek teacher who fled Uzbekistan in May, "
            "and Oleg Sokolov, an ethnic Tajik whose trial opened this spring.")
    result, names = events_of(extract, text, "2021-06-10")
    kinds = _kinds(result, names)
    assert kinds[("border_crossing", None)] == (["Anna Petrova"], "2021-05")
    assert kinds[("trial", None)] == (["Oleg Sokolov"], "2021-SP")


def test_an_event_noun_takes_its_participants_from_the_verb_that_carries_it(extract):
    text = ("Ruslan Davletov, a farmer who was given a three-year sentence in March for crossing "
            "the border illegally, remains in custody.")
    result, names = events_of(extract, text, "2021-06-10")
    kinds = _kinds(result, names)
    assert kinds[("sentence", None)] == (["Ruslan Davletov"], "2021-03")
    # the crossing is dated by nothing in the sentence: March belongs to the sentence
    assert kinds[("border_crossing", None)] == (["Ruslan Davletov"], None)
    assert kinds[("detention", None)][0] == ["Ruslan Davletov"]


def test_asylum_granted_to_a_recipient_and_its_negation(extract):
    text = "Norway granted asylum to Maria Ivanova. Finland did not grant asylum to Ivan Petrov."
    result, names = events_of(extract, text)
    kinds = {(e["type"], e["outcome"], names[e["patient"][0]]) for e in result.events}
    assert kinds == {("asylum", "granted", "Maria Ivanova"), ("asylum", "denied", "Ivan Petrov")}


@pytest.mark.parametrize("text, expected", [
    ("Aziz Khamidov was forced to teach in a camp.", "forced_labor"),
    ("Aziz Khamidov was made to work in a factory.", "forced_labor"),
    ("Aziz Khamidov entered Uzbekistan without papers.", "border_crossing"),
    ("Aziz Khamidov left Turkmenistan in a truck.", "border_crossing"),
    ("Aziz Khamidov was captured by the militia.", "arrest"),
    ("Aziz Khamidov was taken to a detention centre.", "detention"),
    ("The judge found Aziz Khamidov guilty of fraud.", "verdict"),
    ("Aziz Khamidov went missing after the protest.", "disappearance"),
])
def test_more_ways_of_saying_an_event(extract, text, expected):
    result, names = events_of(extract, text)
    assert [(e["type"], [names[i] for i in e["patient"] + e["agent"] if i in names][:1]) for e in result.events] == [
        (expected, ["Aziz Khamidov"])]


def test_leaving_a_building_is_no_border_crossing(extract):
    result, _ = events_of(extract, "Aziz Khamidov left the courthouse and was taken to hospital.")
    assert result.events == []


def test_an_anaphoric_refusal_dates_the_refusal_it_points_back_to(extract):
    text = ("Norway has refused to grant asylum to Maria Ivanova. The refusal, dated 2 March 2021, "
            "was made public on Monday.")
    result, names = events_of(extract, text, "2021-03-10")
    (event,) = result.events
    assert (event["type"], event["outcome"], event["date"]) == ("asylum", "denied", "2021-03-02")
    assert [names[i] for i in event["patient"]] == ["Maria Ivanova"]


def test_who_stands_for_the_people_before_it_not_a_place(extract):
    text = "Police questioned 40 Uyghurs from the Ili region who were arrested in Almaty."
    result, names = events_of(extract, text)
    (event,) = [e for e in result.events if e["type"] == "arrest"]
    assert [names[i] for i in event["patient"]] == ["Uyghurs"]


def test_an_event_noun_that_sets_the_scene_takes_the_clauses_subject(extract):
    text = "During the trial in Almaty, Ivan Petrov testified that he had been beaten."
    result, names = events_of(extract, text)
    (trial,) = [e for e in result.events if e["type"] == "trial"]
    assert [names[i] for i in trial["patient"]] == ["Ivan Petrov"]


def test_a_participle_describing_a_person_makes_them_the_patient(extract):
    result, names = events_of(extract, "A judge in Almaty ordered Ivan Petrov released on Monday.", "2020-03-11")
    (event,) = result.events
    assert (event["type"], [names[i] for i in event["patient"]], event["date"]) == (
        "release", ["Ivan Petrov"], "2020-03-09")


def test_handing_over_things_is_no_deportation(extract):
    result, _ = events_of(extract, "Kazakhstan handed over the files to China and returned home.")
    assert result.events == []
