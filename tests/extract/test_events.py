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
