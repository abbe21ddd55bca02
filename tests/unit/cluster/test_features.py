import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import datelines
from newsweave.cluster.datelines import latest_written_day, written_date
from newsweave.cluster.features import SCALE, day_number
from newsweave.cluster.featurize import article_features, word_counts
from newsweave.cluster.minhash import text_bytes
from newsweave.cluster.names import capitalised_names
from newsweave.cluster.terms import background_idf, content_words, fold, term_id, words
from newsweave.model import Article

TEXT = (
    "Evo Morales flew to Mexico on Monday. Police said the former president of Bolivia "
    "left La Paz after weeks of protests."
)


def _article(text=TEXT, **meta):
    return Article(id=meta.pop("id", "a"), source="a", text=text, content_hash="h", **meta)


def test_folding_and_words():
    assert fold("Áñez’s") == "anez's"
    assert words("Añez, ANEZ and Anez") == ["anez", "anez", "and", "anez"]
    assert content_words(["the", "vote", "a", "said"]) == ["vote"]


def test_background_weights_favour_rare_words():
    assert background_idf("morales") > background_idf("earthquake") > background_idf("government")
    assert background_idf("the") == 0.0  # too common to say which story
    assert term_id("morales") == term_id("morales") != term_id("mexico")


def test_capitalised_names_skip_sentence_openers_and_calendar_words():
    names = capitalised_names(TEXT)
    assert names[:3] == ["evo", "morales", "mexico"]
    assert "monday" not in names and "police" not in names
    assert {"bolivia", "la", "paz"} <= set(names)


def test_features_are_unit_integer_vectors():
    f = article_features(_article(title="Morales leaves", published="2019-11-12T01:00:00Z"))
    for vector in (f.text, f.lead, f.names):
        assert np.all(np.diff(vector.terms) > 0)
        assert abs(float(vector.weights @ vector.weights) - SCALE * SCALE) < 0.001 * SCALE * SCALE
    assert f.day == day_number("2019-11-12") == f.written
    assert len(f.blocks) <= 16 and set(f.blocks) <= set(f.text.terms.tolist())


def test_features_depend_on_the_article_alone():
    a, b = article_features(_article()), article_features(_article())
    assert (a.text.terms == b.text.terms).all() and (a.minhash == b.minhash).all()


def test_day_numbers_and_written_dates():
    assert day_number("1970-01-02") == 1
    assert day_number("2019-11") is None and day_number(None) is None
    assert latest_written_day("Filed June 9, 2009; updated 10 June 2009.") == day_number(
        "2009-06-10"
    )
    assert latest_written_day("see /2013/07/02/ for more") == day_number("2013-07-02")
    assert latest_written_day("February 30, 2009") is None
    # the case-blind match takes a long s for an s: read as the month, never a crash
    assert latest_written_day("\u017fep 9, 2009") == day_number("2009-09-09")
    assert latest_written_day("Rome, 3 OCT. 2011") == day_number("2011-10-03")
    assert latest_written_day("no year is written here, not even 1875") is None


_DATE_PIECES = st.sampled_from(
    [
        "June 9, 2009",
        "9 June 2009",
        "Sept. 30th, 2011",
        "3 of oct 2011",
        "2009-06-09",
        "/ 2013 / 07 / 02 /",
        "/2013/07/02/",
        "2010",
        "1999-2000",
        "  ",
        "\n",
        ", ",
        "on",
        "x",
        "7",
        "12",
        "May",
        "31st",
        "February 30, 2009",
        "2009-09-30T12:00:00Z",  # no word boundary after the day: no date
        "2009a",
        "Sep",
        "30,",
        "      ",  # more blanks than a date line holds
        "/2009/09/30/2009/10/01/",  # overlapping: the second is not read
        "/ 2009 / 09",
        "/ 30 /",
    ]
)


def _whole_text_dates(text):
    """The dates every pattern finds scanning the whole text (the reading before windows)."""
    found = set()
    for kind, pattern in enumerate(datelines._PATTERNS):
        found |= {datelines._ymd(kind, m) for m in pattern.finditer(text)}
    return found


@settings(max_examples=600, deadline=None)
@given(
    st.lists(_DATE_PIECES, max_size=14).map("".join)
    | st.lists(_DATE_PIECES, max_size=14).map(" ".join)
)
def test_dates_read_near_years_are_the_dates_of_the_whole_text(text):
    assert set(datelines._candidates(text)) == _whole_text_dates(text)


@given(st.lists(st.text(alphabet=st.sampled_from("ab é\n\t\x1f,’"), max_size=30), max_size=8))
def test_word_counts_are_split_counts(texts):
    assert word_counts(text_bytes(texts)).tolist() == [len(t.split()) for t in texts]


def test_a_no_break_space_joins_words():
    assert word_counts(text_bytes(["9\xa0km away", ""])).tolist() == [2, 0]


def test_written_date_reads_a_whole_value_only():
    from datetime import date

    assert written_date("Tuesday, 12 November 2019") == date(2019, 11, 12)
    assert written_date(" Nov. 12th, 2019 ") == date(2019, 11, 12)
    for value in ("12 November", "on 12 November 2019", "31 Feb 2019", "2019-11-12"):
        assert written_date(value) is None
