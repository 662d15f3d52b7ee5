"""Disappearances told by what nobody knows, negations that are the event itself, a witness's own
statements, speakers reporting on themselves, group membership, roles a trigger gives its
subject, header dates, and the words that must not make an event."""


def _named(extract, text, published="2025-06-01"):
    result = extract(text, published)
    names = {e["id"]: e["name"] for e in result.entities}
    return [(e["type"], e["date"], e["modality"], sorted(names[i] for i in e["patient"] + e["agent"] if i in names))
            for e in result.events]


def _of_type(events, etype):
    return [e for e in events if e[0] == etype]


def test_a_family_that_does_not_know_where_he_is_reports_a_disappearance(extract):
    events = _named(extract, "Tomas Lind was taken from his flat by police on 2 March. "
                             "His family does not know where he is.")
    gone = _of_type(events, "disappearance")
    assert gone and gone[0][3] == ["Tomas Lind"]
    assert gone[0][1] == "2025-03-02"  # dated from his taking


def test_no_word_about_where_he_is_held_is_a_disappearance_not_a_detention(extract):
    events = _named(extract, "Tomas Lind was arrested on 2 March. "
                             "His lawyer has received no word about where he is being held.")
    assert _of_type(events, "disappearance")
    assert not _of_type(events, "detention")


def test_learning_where_someone_is_is_no_disappearance(extract):
    events = _named(extract, "Tomas Lind was arrested on 2 March. His sister learned where he was a day later.")
    assert not _of_type(events, "disappearance")


def test_not_heard_from_is_a_disappearance_despite_the_negation(extract):
    events = _named(extract, "Tomas Lind has not been heard from since the raid.")
    assert _of_type(events, "disappearance") and _of_type(events, "disappearance")[0][3] == ["Tomas Lind"]


def test_no_disappeared_persons_is_a_denial_not_an_event(extract):
    events = _named(extract, "The ministry stated that there are no disappeared persons in the country.")
    assert not _of_type(events, "disappearance")


def test_a_witness_stating_her_own_arrest_is_actual(extract):
    text = ("Statement of Zarina Akhmetova\n\n"
            "1. I state that I was arrested by the police on 12 March 2021.\n\n"
            "2. I say that the guards beat me every night.\n")
    events = _named(extract, text)
    assert _of_type(events, "arrest") and _of_type(events, "ill_treatment")
    assert {e[2] for e in events if e[0] in ("arrest", "ill_treatment")} == {"actual"}


def test_someone_elses_report_stays_alleged(extract):
    events = _named(extract, "Maria Lopez said the guards had beaten Tomas Lind.")
    assert _of_type(events, "ill_treatment")[0][2] == "alleged"


def test_a_speaker_saying_she_was_taken_means_herself(extract):
    events = _named(extract, "Guards raided a house in Kassala. Maria Lopez said she was taken away in May 2024.")
    arrest = _of_type(events, "arrest")
    assert arrest and arrest[0][3] == ["Maria Lopez"] and arrest[0][1] == "2024-05"


def test_among_those_arrested_makes_the_subject_a_patient(extract):
    events = _named(extract, "Tomas Lind was among those arrested at the march on 4 May.")
    arrest = _of_type(events, "arrest")
    assert arrest and arrest[0][3] == ["Tomas Lind"] and arrest[0][1] == "2025-05-04"


def test_one_of_the_people_detained_makes_the_subject_a_patient(extract):
    events = _named(extract, "Tomas Lind is one of the men detained last week.")
    assert _of_type(events, "detention")[0][3] == ["Tomas Lind"]


def test_a_believer_is_not_the_unnamed_people_held(extract):
    events = _named(extract, "Amnesty Watch believes that an estimated 2,000 people were held during 2024.")
    assert not any("Amnesty Watch" in e[3] for e in events)


def test_a_guilty_plea_is_not_merged_into_anothers_conviction(extract):
    events = _named(extract, "The court found Tomas Lind guilty. "
                             "A co-accused, Maria Lopez, had pleaded guilty in a separate case in June.")
    verdicts = _of_type(events, "verdict")
    assert sorted(tuple(v[3]) for v in verdicts) == [("Maria Lopez",), ("Tomas Lind",)]
    assert {v[1] for v in verdicts if v[3] == ["Tomas Lind"]} == {None}


def test_telling_reporters_outside_the_court_is_no_testimony(extract):
    events = _named(extract, "Maria Lopez told reporters outside the court that the case was political.")
    assert not _of_type(events, "testimony")
    events = _named(extract, "Maria Lopez told the court that the case was political.")
    assert _of_type(events, "testimony")


def test_speaking_after_a_hearing_is_no_trial_of_the_speaker(extract):
    events = _named(extract, "His wife, Maria Lopez, told reporters after the hearing that he was thin.")
    assert not any("Maria Lopez" in e[3] for e in _of_type(events, "trial"))


def test_judgment_date_in_a_header_dates_the_undated_verdict_and_sentence(extract):
    text = ("REGIONAL COURT OF ODESSA\nDate of judgment: 4 April 2024\n\n"
            "The court found Tomas Lind guilty of fraud. Tomas Lind was sentenced to three years.\n")
    events = _named(extract, text)
    assert {e[1] for e in events if e[0] in ("verdict", "sentence")} == {"2024-04-04"}


def test_the_date_of_a_witness_statement_is_the_witness_testimony(extract):
    text = ("WITNESS STATEMENT\nWitness: Zarina Akhmetova\nDate of statement: 9 June 2023\n\n"
            "1. My name is Zarina Akhmetova. I was arrested in Almaty in 2021.\n")
    testimony = _of_type(_named(extract, text), "testimony")
    assert testimony and testimony[0][1] == "2023-06-09" and testimony[0][3] == ["Zarina Akhmetova"]


def test_a_dismissed_appeal_is_also_the_appellants_appeal_dated_by_the_ruling(extract):
    text = ("Tomas Lind applied for asylum in 2022. The migration office rejected his application in May 2023. "
            "The regional court dismissed his appeal on 9 October 2024.")
    appeals = _of_type(_named(extract, text), "appeal")
    assert appeals and appeals[0][1] == "2024-10-09" and appeals[0][3] == ["Tomas Lind"]


def test_a_request_by_the_other_side_to_appeal_is_not_the_partys_appeal(extract):
    text = ("Appellant: Tomas Lind\n\nThe appellant appealed. Any application by the respondent for "
            "permission to appeal must be made no later than 17 November 2023.\n")
    appeals = _of_type(_named(extract, text), "appeal")
    assert [a[1] for a in appeals if "Tomas Lind" in a[3]] == [None]


def test_emphasis_marks_around_the_unnamed_people_held_do_not_make_the_believer_held(extract):
    events = _named(extract, "Amnesty Watch believes that **an estimated 2,000 people** were held during 2024.")
    assert not any("Amnesty Watch" in e[3] for e in events)
