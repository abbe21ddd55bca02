from newsweave.model import Article, Lineage, Quote, Span
from newsweave.reconcile.quotes import group_quotes, same_statement


def q(id_, article, text, speaker=None, speaker_text="x"):
    return Quote(id_, article, Span(0, len(text)), text, speaker, speaker_text, speaker, "said")


def test_translations_truncations_and_embeddings_are_one_statement():
    assert same_statement(
        q("1", "a", "His life and integrity are safe"),
        q("2", "b", "His life and integrity are secure"),
    )
    assert same_statement(
        q("1", "a", "strength and energy"), q("2", "b", "return with more strength and energy")
    )
    long_ = (
        "The plane has taken off. He is under our protection. His life and integrity are secure."
    )
    assert same_statement(q("1", "a", "His life and integrity are secure."), q("2", "b", long_))


def test_different_statements_or_speakers_stay_apart():
    assert not same_statement(
        q("1", "a", "We will win the election"), q("2", "b", "The economy is in ruins today")
    )
    assert not same_statement(
        q("1", "a", "We will win this", "e1"), q("2", "b", "We will win this", "e2")
    )


def test_groups_count_independent_sources_and_fill_weak_speakers():
    quotes = [
        q("1", "a", "His life and integrity are safe", "e1", "the minister"),
        q("2", "b", "His life and integrity are secure", "e1", "the minister"),
        q("3", "c", "His life and integrity are secure", None, "he"),
        q("4", "c", "Something else entirely was said here", "e2"),
    ]
    articles = [
        Article(id=i, source=i, text="", outlet=o) for i, o in (("a", "X"), ("b", "Y"), ("c", "Z"))
    ]
    lineage = Lineage((), (("a",), ("b", "c")))
    labelled, groups = group_quotes(quotes, articles, lineage)
    big = groups[0]
    assert big.articles == ("a", "b", "c") and big.outlets == ("X", "Y", "Z")
    assert big.independent_sources == 2 and big.speaker == "e1"
    assert labelled[2].speaker == "e1" and labelled[2].group == big.id
    assert labelled[3].group != big.id
