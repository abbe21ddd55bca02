"""Speech cues and the words naming the speaker (parsed with the real model)."""

from tests.unit.extract.test_quotes_entities import speakers


def test_cue_in_the_next_paragraph_is_not_the_quotes():
    result = speakers(
        "Mayor Anna Kowalska spoke to the council.\n\n"
        "“The bridge will be rebuilt. We have the money,”\n\n"
        "Kowalska said the vote would come later. Critics said nothing."
    )
    assert result[0][2] != "Critics"


def test_speaker_inside_another_quote_is_not_the_speaker():
    result = speakers(
        "“I respect Senator Olaf Berg,” Ruth Amsel said, “and I will vote for his bill.”"
    )
    assert [r[2] for r in result] == ["Ruth Amsel", "Ruth Amsel"]


def test_inverted_cue_takes_the_noun_phrase_after_it():
    result = speakers("“Nothing works in this town,” wrote a local teacher on her blog.")
    assert result[0][2:] == ("a local teacher", "wrote")


def test_colon_at_the_end_of_the_paragraph_introduces_the_quote():
    result = speakers(
        "The ministry of health responded in a statement:\n\n"
        "“All hospitals are open and staffed as usual this week.”"
    )
    assert result[0][2] == "The ministry of health"


def test_a_bare_name_with_a_colon_introduces_the_quote():
    result = speakers("Election analyst Maria Gomez: “Turnout in the north decided this race.”")
    assert result[0][2] == "Election analyst Maria Gomez"
    assert result[0][3] is None


def test_indirect_speech_before_gives_a_cueless_quote_its_speaker():
    result = speakers("Ruth Amsel said the budget would pass easily. “We have the votes for it.”")
    assert result[0][1:3] == ("Ruth Amsel", "Ruth Amsel")


def test_any_verb_governing_the_quote_is_its_cue():
    result = speakers("“France will always be France,” an angry minister retaliated.")
    assert result[0][2:] == ("an angry minister", "retaliated")


def test_owner_of_a_cue_noun_is_the_speaker():
    result = speakers(
        "Olaf Berg repeated his claim that the election was “stolen from the people.”"
    )
    assert result[0][2] in ("his", "Olaf Berg")
    assert result[0][1] == "Olaf Berg"


def test_following_sentence_reporting_its_own_clause_is_not_the_cue():
    result = speakers(
        "“It shows a lack of character,” the senator said. “It is the worst I have seen.” "
        "Ruth Amsel said the senator was wrong."
    )
    assert result[1][2] != "Ruth Amsel"


def test_a_participle_does_not_take_its_subject_from_inside_a_quote():
    result = speakers(
        "Ruth Amsel told reporters that Olaf Berg “had a crazy policy which was maniacal,” "
        "adding, “He lost every vote in the north.”"
    )
    assert result[0][2] == "Ruth Amsel"


def test_a_clause_ending_in_a_colon_gives_its_subject():
    result = speakers("Ruth Amsel resisted: “Governors cannot suspend the constitution at will.”")
    assert result[0][2] == "Ruth Amsel"


def test_a_dash_signature_on_the_next_line_names_the_speaker():
    result = speakers(
        "The week in words.\n\n“We will look into it, and we will do it soon.”\n\n"
        "— Ruth Amsel, minister of health\n\nOther news followed."
    )
    assert result[0][2] == "Ruth Amsel"


def test_a_dash_signature_on_the_same_line_names_the_speaker():
    result = speakers(
        "Voices of the week.\n\n“Nobody will be left behind in this city.”\u2015\u00a0Ruth Amsel.\n\n"
        "Other news followed."
    )
    assert result[0][2] == "Ruth Amsel"


def test_a_dash_inside_a_running_sentence_is_not_a_signature():
    result = speakers(
        "“We are ready” \u2013 a line Ruth Amsel repeated as she told reporters “We will win”."
    )
    assert all(r[2] != "a line Ruth Amsel" for r in result)


def test_the_verb_the_quote_hangs_from_beats_a_nearer_one():
    result = speakers("Olaf Berg said Ruth Amsel was “completely right” when she told the council.")
    assert result[0][2] == "Olaf Berg"
    result = speakers(
        "Olaf Berg insisted the deal was “dead”, a claim Ruth Amsel denied when she said so."
    )
    assert result[0][2] == "Olaf Berg"
