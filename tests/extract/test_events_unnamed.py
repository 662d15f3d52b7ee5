"""Participants no entity names: counted and plural groups of people ("23 people", "the
protesters", "Nineteen of those held"), kept as their words with offsets, never single people a
later paragraph names, and never things."""

import pytest


def _unnamed(event):
    return [(u["role"], u["text"]) for u in event["unnamed"]]


@pytest.mark.parametrize("text, etype, role, phrase", [
    ("Riot police detained 23 people outside the ministry on Monday.", "detention", "patient", "23 people"),
    ("At least 40 journalists were arrested in the capital last year.", "arrest", "patient", "At least 40 journalists"),
    ("The protesters were released without charge the next morning.", "release", "patient", "protesters"),
    ("Nineteen of those held were freed on bail on Friday.", "release", "patient", "Nineteen of those held"),
    ("Soldiers and gendarmes beat the villagers with rifle butts.", "ill_treatment", "patient", "villagers"),
    ("Former detainees described being beaten with cables.", "ill_treatment", "patient", "Former detainees"),
    ("Guards forced about 40 other men to pick cotton for weeks.", "forced_labor", "patient", "about 40 other men"),
    ("My eldest son and I crossed the river into Thailand at night.", "border_crossing", "patient", "eldest son"),
])
def test_a_group_no_entity_names_is_a_participant(extract, text, etype, role, phrase):
    result = extract(text, "2025-06-12")
    events = [e for e in result.events if e["type"] == etype]
    assert events, [e["type"] for e in result.events]
    found = [u for e in events for u in _unnamed(e)]
    assert (role, phrase) in found
    event = next(e for e in events if (role, phrase) in _unnamed(e))
    assert phrase in event[role]  # the phrase stands in the role list, as speaker_text does
    unnamed = next(u for u in event["unnamed"] if u["text"] == phrase)
    assert text[unnamed["start"]:unnamed["end"]] == phrase


def test_named_people_are_entities_not_phrases(extract):
    result = extract("Police arrested Tomas Lind and 14 other activists on Monday.", "2025-06-12")
    names = {e["id"]: e["name"] for e in result.entities}
    (arrest,) = [e for e in result.events if e["type"] == "arrest"]
    assert "Tomas Lind" in [names.get(p) for p in arrest["patient"]]


def test_one_unnamed_person_is_not_a_participant(extract):
    # the lead's "a blogger" is the man the next paragraph names: no separate record for him
    text = ("A blogger who wrote about land seizures appeared in court on Thursday.\n\n"
            "Tran Van Binh, 41, was arrested in January.")
    result = extract(text, "2025-03-14")
    assert not any(u["text"].endswith("blogger") for e in result.events for u in e["unnamed"])


def test_things_are_not_participants(extract):
    result = extract("Border officials detained 300 cattle and the files of the herders.", "2025-03-14")
    (detention,) = [e for e in result.events if e["type"] == "detention"]
    assert [u["text"] for u in detention["unnamed"]] == ["Border officials"]  # the doers, not the cattle


def test_different_groups_are_different_events(extract):
    text = ("Police detained 23 protesters on Wednesday. "
            "Separately, officers detained two journalists who were filming the march.")
    result = extract(text, "2025-06-12")
    detentions = [e for e in result.events if e["type"] == "detention"]
    phrases = sorted(u["text"] for e in detentions for u in e["unnamed"] if u["role"] == "patient")
    assert phrases == ["23 protesters", "two journalists"]
    assert len(detentions) == 2


def test_their_is_the_group_just_named(extract):
    text = ("The family applied for asylum shortly after arriving in 2018. "
            "Their first claim was turned down in 2021, and a fresh claim was refused in March.")
    result = extract(text, "2026-06-16")
    asylum = {(e["outcome"], e["date"]): [u["text"] for u in e["unnamed"]] for e in result.events
              if e["type"] == "asylum"}
    assert asylum.get(("applied", "2018")) == ["family"]
    assert asylum.get(("denied", "2021")) == ["family"]


def test_their_far_from_any_group_is_nobody(extract):
    text = ("The family applied for asylum in 2018. " + "The town has a market and a school. " * 20 +
            "Their claim was turned down in 2021.")
    result = extract(text, "2026-06-16")
    assert not [e for e in result.events if e["type"] == "asylum" and e["outcome"] == "denied"]


def test_a_headline_count_and_the_lead_are_one_event(extract):
    text = "Police detain 23 at eviction protest\n\nPolice detained 23 people on Wednesday at the protest.\n"
    detentions = [e for e in extract(text, "2025-06-12").events if e["type"] == "detention"]
    assert len(detentions) == 1 and detentions[0]["date"] == "2025-06-11"


def test_counted_things_are_not_people(extract):
    result = extract("The commission has received hundreds of complaints this year.", "2025-06-12")
    assert not any(u["text"].startswith("hundreds") for e in result.events for u in e["unnamed"])


def test_a_demanded_release_is_planned(extract):
    text = "The group called on the authorities to release the journalists immediately."
    releases = [e for e in extract(text, "2025-06-12").events if e["type"] == "release"]
    assert releases and all(e["modality"] == "planned" for e in releases)


def test_they_in_what_unnamed_speakers_say_is_the_speakers(extract):
    text = "Several former detainees told the Lakes Rights Forum that they were beaten during interrogation."
    beatings = [e for e in extract(text, "2025-06-12").events if e["type"] == "ill_treatment"]
    assert beatings and [u["text"] for u in beatings[0]["unnamed"]] == ["Several former detainees"]
    assert beatings[0]["modality"] == "alleged"


def test_children_placed_in_care_are_a_family_separation(extract):
    result = extract("Her two sons were placed in state care after her arrest.", "2025-06-12")
    (separation,) = [e for e in result.events if e["type"] == "family_separation"]
    assert [u["text"] for u in separation["unnamed"]] == ["two sons"]


@pytest.mark.parametrize("text, etype, phrase", [
    ("Inmates are made to attend daily political classes and sing patriotic songs.", "indoctrination", "Inmates"),
    ("Hundreds of families have been separated at the border since January.", "family_separation",
     "Hundreds of families"),
    ("The government expelled 12 foreign observers last week.", "deportation", "12 foreign observers"),
    ("Several of those arrested told us they had been tortured in custody.", "ill_treatment",
     "Several of those arrested"),
])
def test_more_ways_groups_undergo_events(extract, text, etype, phrase):
    events = [e for e in extract(text, "2025-06-12").events if e["type"] == etype]
    assert events and events[0]["patient"] == [phrase] and events[0]["agent"] == []


def test_a_place_in_an_of_phrase_is_not_the_person(extract):
    text = "Amir, a national of Sri Lanka who arrived in March, applied for asylum in Ireland."
    result = extract(text, "2024-11-22")
    names = {e["id"]: e["name"] for e in result.entities}
    for event in result.events:
        assert "Sri Lanka" not in [names.get(i) for i in event["agent"] + event["patient"]]
    officers = extract("Agents of the Mukhabarat Directorate arrested Amir in Homs.", "2024-11-22")
    names = {e["id"]: e["name"] for e in officers.entities}
    (arrest,) = [e for e in officers.events if e["type"] == "arrest"]
    assert [names.get(i, i) for i in arrest["agent"]] == ["Mukhabarat Directorate"]


def test_people_arrested_earlier_will_stand_trial(extract):
    text = ("The ministry confirms that eleven people arrested in February will stand trial "
            "before the Court of First Instance on 4 June.")
    events = {e["type"]: e for e in extract(text, "2024-05-07").events}
    assert events["arrest"]["patient"] == ["eleven people"] and events["arrest"]["modality"] != "planned"
    assert events["trial"]["patient"] == ["eleven people"] and events["trial"]["date"] == "2024-06-04"
    assert events["trial"]["modality"] == "planned"


def test_a_report_list_of_findings(extract):
    text = ("Between October 2024 and January 2025 the monitors interviewed 23 former prisoners of "
            "Penal Colony No. 17 in Shklov.\n\n"
            "- Lisouski, who was released in December 2024, said he was denied medical care for a broken wrist.\n")
    result = extract(text, "2025-03-01")
    assert "Penal Colony No. 17" in [e["name"] for e in result.entities if e["type"] == "facility"]
    (claim,) = result.claims
    assert claim["speaker_text"] == "Lisouski"
    assert any(e["type"] == "ill_treatment" and e["modality"] == "alleged" for e in result.events)
