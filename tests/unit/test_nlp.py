import pytest

from newsweave.nlp import mend_lemma, parse


@pytest.mark.parametrize(
    ("word", "lemma", "mended"),
    [
        ("rated", "rat", "rate"),
        ("dining", "din", "dine"),
        ("Fined", "fin", "fine"),
        ("hopped", "hop", "hop"),
        ("visited", "visit", "visit"),
        ("fixed", "fix", "fix"),
        ("rowed", "row", "row"),
        ("helped", "help", "help"),
        ("rained", "rain", "rain"),
    ],
)
def test_mend_lemma(word, lemma, mended):
    assert mend_lemma(word, lemma) == mended


def test_the_pipeline_mends_verbs_cut_one_letter_short():
    doc = parse("The agency rated the bonds and fined the bank; the minister hopped off.")
    assert {t.text: t.lemma_ for t in doc if t.pos_ == "VERB"} == {
        "rated": "rate",
        "fined": "fine",
        "hopped": "hop",
    }


def test_a_title_before_a_name_is_one_token_and_ends_no_sentence():
    doc = parse(
        "The gunman killed Sgt. Hoyt Teasley and Capt. Ann Lee. Lt. Col. Bo Ray spoke.\n"
        "He was made Sgt.\nPolice said so."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "The gunman killed Sgt. Hoyt Teasley and Capt. Ann Lee.",
        "Lt. Col. Bo Ray spoke.",
        "He was made Sgt.",
        "Police said so.",
    ]
    assert {"Sgt.", "Capt.", "Lt.", "Col."} <= {t.text for t in doc}
