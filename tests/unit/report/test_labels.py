from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import Article
from newsweave.report.labels import LABEL_CHARS, article_labels, shorten

WORDS = "minister council vote budget river storm city mayor court ruling police".split()


def art(id_, text="", **fields):
    return Article(id=id_, source=f"stories/{id_}.jsonl#{id_}", text=text, **fields)


def test_outlet_then_title_then_first_words_never_the_file_name():
    for n, (word, other) in enumerate(zip(WORDS, reversed(WORDS), strict=False)):
        text = f"{word.title()} and {other} in a long opening sentence of the report number {n}."
        articles = [
            art("1", text, outlet=f"{word.title()} Daily"),
            art("2", text, title=f"{other.title()} story of the day"),
            art("3", text),
        ]
        labels = article_labels(articles)
        assert labels["1"] == f"{word.title()} Daily"
        assert labels["2"] == f"{other.title()} story of the day"
        assert labels["3"].startswith(f"“{word.title()} and {other}")
        assert not any(".jsonl" in label for label in labels.values())


def test_two_articles_that_would_read_the_same_are_told_apart():
    by_day = article_labels(
        [
            art("1", "a b c", outlet="Wire", published="2021-03-01"),
            art("2", "d e f", outlet="Wire", published="2021-03-02"),
        ]
    )
    assert by_day == {"1": "Wire (2021-03-01)", "2": "Wire (2021-03-02)"}
    by_title = article_labels(
        [
            art("1", "x", outlet="Wire", title="Storm hits coast"),
            art("2", "y", outlet="Wire", title="Mayor resigns"),
        ]
    )
    assert by_title["1"] != by_title["2"] and all(v.startswith("Wire (") for v in by_title.values())
    counted = article_labels([art(i, "same words here", outlet="Wire") for i in "abc"])
    assert sorted(counted.values()) == ["Wire (1)", "Wire (2)", "Wire (3)"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "Wire", "Daily", "wire"]),
            st.sampled_from([None, "Storm hits", "Vote held"]),
            st.sampled_from([None, "2021-01-01", "2021-01-02"]),
            st.lists(st.sampled_from(WORDS), max_size=8),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_labels_are_distinct_short_and_do_not_depend_on_order(rows):
    articles = [
        art(str(n), " ".join(words), outlet=outlet, title=title, published=day)
        for n, (outlet, title, day, words) in enumerate(rows)
    ]
    labels = article_labels(articles)
    assert set(labels) == {a.id for a in articles}
    assert len({v.casefold() for v in labels.values()}) == len(articles)
    assert labels == article_labels(list(reversed(articles)))
    assert all(len(v) <= LABEL_CHARS + 2 * 30 for v in labels.values())


def test_shorten_cuts_at_a_word():
    for text in ("one two three four five six seven", "alpha beta gamma delta epsilon"):
        short = shorten(text, 14)
        assert len(short) <= 14 and short.endswith("…")
        assert text.startswith(short[:-1])
    assert shorten("short", 14) == "short"


def test_a_title_that_is_a_url_does_not_name_an_article():
    text = "By Ann Lee, Daily Planet\nRescuers reached the flooded village on Monday after rain."
    labels = article_labels([art("1", text, title="http: / / www. example. com / 887421")])
    assert labels["1"].startswith("“Rescuers reached the flooded")
