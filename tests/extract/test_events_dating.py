"""Which date an event takes when the sentence gives one for a run of conjoined events."""


def _dated(extract, text, published="2025-06-01"):
    return {(e["type"], e["date"]) for e in extract(text, published).events}


def test_a_date_closing_a_run_of_conjoined_events_dates_them_all(extract):
    events = _dated(extract, "Omar Haddad says he was detained and beaten by soldiers in Aleppo in 2017.")
    assert {("detention", "2017"), ("ill_treatment", "2017")} <= events


def test_each_conjunct_keeps_its_own_date(extract):
    events = _dated(extract, "Omar Haddad was arrested in May 2019 and released in August 2019.")
    assert {("arrest", "2019-05"), ("release", "2019-08")} <= events


def test_a_later_conjunct_at_another_time_does_not_lend_its_date(extract):
    events = _dated(extract, "Omar Haddad was detained in Homs and charged with espionage two weeks later, on 3 March 2020.")
    assert ("detention", "2020-03-03") not in events


def test_a_witness_paragraph_keeps_the_time_it_set(extract):
    text = ("Statement of Karim Nasser\n\n"
            "2. On 14 May 2021 three men in plain clothes came to my shop. They put a hood over my head "
            "and drove me away. I was held in a cellar for a week.\n\n"
            "3. I was beaten every night.\n")
    events = _dated(extract, text, "2023-01-10")
    assert {("arrest", "2021-05-14"), ("detention", "2021-05-14")} <= events
    assert ("ill_treatment", None) in events  # the next paragraph is another episode


def test_a_witness_statement_is_their_testimony_on_the_date_it_was_given(extract):
    text = ("Statement of Karim Nasser\n"
            "Given to the Levant Documentation Centre, Gaziantep, Turkey, 3 March 2023\n\n"
            "My name is Karim Nasser. I am a baker from Idlib and I have four children. On 14 May 2021 "
            "three men in plain clothes came to my shop and drove me away in a white van.\n")
    result = extract(text, "2023-03-10")
    names = {e["id"]: e["name"] for e in result.entities}
    (testimony,) = [e for e in result.events if e["type"] == "testimony"]
    assert testimony["date"] == "2023-03-03" and [names[i] for i in testimony["agent"]] == ["Karim Nasser"]


def test_a_wire_dateline_is_neither_subject_nor_date_of_the_lead(extract):
    text = ("KAMPOT, June 12 (Gulf Wire) - Provincial police detained 23 people on Wednesday when "
            "residents blocked a road, a local rights group said.\n")
    result = extract(text, "2025-06-12")
    (detention,) = [e for e in result.events if e["type"] == "detention"]
    assert detention["date"] == "2025-06-11"
    assert detention["agent"] == ["Provincial police"]


def test_the_judgment_date_dates_the_undated_verdict_and_sentence(extract):
    text = ("Defendant: NURLANOV Timur\n\n"
            "Hearings: the case was heard on 3 and 9 May 2021. The judgment was announced on 14 May 2021.\n\n"
            "1. The defendant is found guilty of the offence charged.\n"
            "2. The defendant is sentenced to two years' deprivation of liberty.\n")
    events = _dated(extract, text, "2021-05-20")
    assert {("verdict", "2021-05-14"), ("sentence", "2021-05-14")} <= events
