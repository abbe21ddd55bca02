from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.ingest.language import (
    ENGLISH_WORDS,
    LANGUAGE_CHARS,
    english_words,
    infer_language,
)

ENGLISH = (
    "The minister said on Monday that the border was closed to traffic, and that the army "
    "had been sent to the capital in the early hours of the morning. He is expected to speak "
    "again at noon, with the president and the mayor, from the palace."
)
GERMAN = (
    "Der Minister sagte am Montag, die Grenze sei für den Verkehr geschlossen und die Armee "
    "sei in den frühen Morgenstunden in die Hauptstadt geschickt worden. Er soll mittags "
    "erneut sprechen, zusammen mit dem Präsidenten und dem Bürgermeister."
)


#: Every byte that is not a lower-case ASCII letter as a space.
_LETTERS_ONLY = bytes(c if 0x61 <= c <= 0x7A else 0x20 for c in range(256))


def _split_count(text: str) -> tuple[int, int]:
    """The counts by splitting the opening into words, as the definition reads: lower-cased,
    read as ASCII, its runs of letters."""
    words = text[:LANGUAGE_CHARS].lower().encode("ascii", "replace").translate(_LETTERS_ONLY)
    known = {w.encode("ascii") for w in ENGLISH_WORDS}
    split = words.split()
    return len(split), sum(w in known for w in split)


def test_english_news_is_english_and_says_why():
    found = infer_language(ENGLISH)
    assert found is not None and found.value == "en"
    assert "English function words make up" in found.basis


def test_german_news_and_short_texts_have_no_language():
    assert infer_language(GERMAN) is None
    assert infer_language("The cat and the dog.") is None  # too few words to tell
    assert infer_language("") is None


def test_words_that_only_begin_or_contain_a_function_word_are_not_one():
    assert english_words("there often another android thee ofa isthe") == (7, 0)
    assert english_words("The\tTHE\nthe, the-the") == (5, 5)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("theofandisawbfrmhvTHEOFAB \n\t.,’'-éİ\u212aẞ東0\ud800")),
        max_size=LANGUAGE_CHARS + 50,
    )
)
def test_counts_are_those_of_splitting_the_opening_into_words(text):
    assert english_words(text) == _split_count(text)


def test_only_the_opening_is_read():
    assert english_words("x " * LANGUAGE_CHARS + "the " * 50) == (LANGUAGE_CHARS // 2, 0)


def test_only_two_characters_beyond_ascii_lower_case_to_an_ascii_letter():
    """The count lower-cases ASCII letters itself and lower-cases the opening first only
    when it holds one of these two: true of every character of this Python's Unicode."""
    from newsweave.ingest.language import _LOWER_TO_ASCII

    found = set()
    for code in range(0x80, 0x110000):
        if any("a" <= c <= "z" for c in chr(code).lower()):
            found.add(chr(code))
    assert found == set(_LOWER_TO_ASCII)
