def claims_of(extract, text, published=None):
    result = extract(text, published)
    names = {e["id"]: e["name"] for e in result.entities}
    return result, names


def test_indirect_speech_with_addressee(extract):
    text = "The lawyer Daniyar Omarov told the Reuters news agency that the ruling was expected."
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert names[claim["speaker"]] == "Daniyar Omarov"
    assert names[claim["told_to"]] == "Reuters"
    assert claim["content"] == "the ruling was expected"
    assert claim["kind"] == "indirect"
    assert text[claim["start"]:claim["end"]] == claim["content"]


def test_pronoun_speaker_resolves_to_the_person(extract):
    text = "Gulnara Bekova was detained in March. She said the guards had beaten her."
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert names[claim["speaker"]] == "Gulnara Bekova"
    assert claim["content"].startswith("the guards had beaten her")


def test_according_to(extract):
    text = "According to Amnesty International, at least 40 people were detained."
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert names[claim["speaker"]] == "Amnesty International"
    assert claim["cue"] == "According to"
    assert claim["content"] == "at least 40 people were detained"


def test_denial_has_deny_stance_but_denied_asylum_is_no_claim(extract):
    text = ("Turkey denied asylum to the two brothers in June. "
            "The government has denied the allegations.")
    result, _ = claims_of(extract, text)
    (claim,) = result.claims
    assert claim["stance"] == "deny"
    assert claim["content"] == "the allegations"


def test_direct_and_mixed_quotes(extract):
    text = ('“We were never told why,” Rustam Aliyev said. '
            'Aliyev said the guards had been “very cruel” to the prisoners.')
    result, _ = claims_of(extract, text)
    kinds = sorted(c["kind"] for c in result.claims)
    assert kinds == ["direct", "mixed"]


def test_multi_sentence_quote(extract):
    text = ('Aigerim Sadykova said: “They took my passport. Then they took my son. '
            'Nobody explained anything.” The police did not comment.')
    result, _ = claims_of(extract, text)
    (claim,) = result.claims
    assert claim["content"].endswith("Nobody explained anything.”")


def test_sentence_final_outlet_report_is_the_reporting_chain(extract):
    text = "Uzbekistan has extradited a blogger to Turkmenistan, Reuters reported."
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert names[claim["speaker"]] == "Reuters"
    assert [names[i] for i in claim["reported_by"]] == ["Reuters"]


def test_named_speaker_inside_outlet_report(extract):
    text = "Police chief Ivan Petrov said the men had confessed, the Associated Press reported."
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert names[claim["speaker"]] == "Ivan Petrov"
    assert [names[i] for i in claim["reported_by"]] == ["Associated Press"]


def test_participle_inherits_the_speaker_and_claim_date(extract):
    text = ("The Supreme Court rejected the petition in May 2019, holding that the law "
            "was constitutional.")
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert names[claim["speaker"]] == "The Supreme Court" or claim["speaker_text"].endswith("Supreme Court")
    assert claim["content"] == "the law was constitutional"


def test_prepared_statement_sentences_are_the_speakers_claims(extract):
    text = ("Statement of Senator Jane Whitfield\n\n"
            "Thank you for inviting me to speak about this important matter today.\n\n"
            "The situation in the camps has deteriorated sharply over the past year. "
            "Families have no way to learn where their relatives are held.\n")
    result, names = claims_of(extract, text)
    contents = [c["content"] for c in result.claims if names.get(c["speaker"]) == "Jane Whitfield"]
    assert contents == ["The situation in the camps has deteriorated sharply over the past year",
                        "Families have no way to learn where their relatives are held"]


def test_a_relative_clause_speaker_is_the_person_in_apposition(extract):
    text = ("“The guards took everything,” said Ivan Petrov, a farmer from the valley who said "
            "he had walked for two days.")
    result, names = claims_of(extract, text)
    walked = [c for c in result.claims if c["content"].startswith("he had walked")]
    assert [names[c["speaker"]] for c in walked] == ["Ivan Petrov"]


def test_a_pronoun_speaker_is_the_subject_of_the_sentence_before(extract):
    text = ("Maria Ivanova met Anna Petrova in Vienna. Anna Petrova, head of the Helsinki Group, "
            "called the ruling a disgrace. She said that the group would appeal.")
    result, names = claims_of(extract, text)
    (claim,) = [c for c in result.claims if c["content"].startswith("the group would appeal")]
    assert names[claim["speaker"]] == "Anna Petrova"


def test_rejecting_a_description_is_a_denial_and_describing_as_is_a_claim(extract):
    text = ("The government rejects that description. Human Rights Watch described the camps "
            "as prisons.")
    result, names = claims_of(extract, text)
    assert [(c["stance"], c["content"]) for c in result.claims] == [
        ("deny", "that description"), ("assert", "the camps as prisons")]


def test_a_verdict_is_no_claim(extract):
    result, _ = claims_of(extract, "The judge found Ivan Petrov guilty of fraud.")
    assert result.claims == []


def test_an_outlet_report_after_a_named_speaker_is_the_reporting_chain(extract):
    text = "Ivan Petrov's lawyer has said the verdict will be appealed, Reuters reported."
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert claim["content"] == "the verdict will be appealed"
    assert [names[i] for i in claim["reported_by"]] == ["Reuters"]


def test_a_second_predicate_ends_the_denied_statement(extract):
    text = "The ministry denied the allegations and promised an inquiry."
    result, _ = claims_of(extract, text)
    assert [c["content"] for c in result.claims] == ["the allegations"]


def test_it_and_they_continue_a_body_or_group_that_spoke_last(extract):
    text = ("Amnesty International said the trial was unfair. It said that the verdict should be "
            "overturned. Members of the delegation told the committee that all was well. They said "
            "that the centres were schools.")
    result, names = claims_of(extract, text)
    speakers = [(names.get(c["speaker"]), c["speaker_text"]) for c in result.claims]
    assert speakers == [("Amnesty International", "Amnesty International"), ("Amnesty International", "It"),
                        (None, "Members of the delegation"), (None, "Members of the delegation")]


def test_it_does_not_continue_a_person(extract):
    result, _ = claims_of(extract, "Ivan Petrov said the trial was unfair. It said nothing new.")
    assert [c["content"] for c in result.claims] == ["the trial was unfair"]


def test_a_possessor_is_not_the_speaker(extract):
    text = ("Marat Ospanov was refused a visa in May. "
            "Ospanov's lawyer has said the decision will be challenged in court.")
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert claim["speaker"] is None or names[claim["speaker"]] != "Marat Ospanov"
    assert "lawyer" in claim["speaker_text"]
    assert claim["content"] == "the decision will be challenged in court"


def test_a_lead_dateline_is_not_part_of_the_content(extract):
    text = ("Court frees activist\n\n"
            "KOKSHETAU (NRW) — A district court has released the activist Dana Serikova on bail, "
            "the Northern Radio Wire reported.")
    result, _ = claims_of(extract, text)
    contents = [claim["content"] for claim in result.claims]
    assert "A district court has released the activist Dana Serikova on bail" in contents


def test_a_private_witness_statement_is_an_account_not_claims(extract):
    # an official's prepared statement is claims (above); a witness's own statement recounts
    text = ("Statement of Amara Diallo\n"
            "Given to the Sahel Rights Project, Dakar, 3 March 2025\n\n"
            "I am a market trader from Kidal and I have three children at home. "
            "On 4 January soldiers came to my shop and took me to the camp near the airport. "
            "I was held there for eleven days in a room with other women.\n")
    result, names = claims_of(extract, text)
    assert not [c for c in result.claims if names.get(c["speaker"]) == "Amara Diallo"]
    assert any(e["type"] == "detention" for e in result.events)


def test_denying_a_deed_or_a_suggestion_is_a_denial(extract):
    for text, content in [
        ("Myanmar's military has denied committing genocide.", "committing genocide"),
        ("The ministry rejected any suggestion that the case was linked to his writing.",
         "any suggestion that the case was linked to his writing"),
    ]:
        result, _ = claims_of(extract, text)
        assert [(c["content"], c["stance"]) for c in result.claims] == [(content, "deny")]
    result, _ = claims_of(extract, "Border guards denied the family entry.")
    assert result.claims == []  # refusing entry is no statement


def test_a_quoted_conditional_is_a_claim(extract):
    text = '"If he is sent back, he will be tortured," his lawyer, Vesna Petrovic, told the Danube Daily.'
    result, names = claims_of(extract, text)
    (claim,) = result.claims
    assert claim["content"].startswith('"If he is sent back') and names.get(claim["told_to"]) == "Danube Daily"
