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
