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


def test_a_short_phrase_inside_a_long_quote_by_chance_is_not_the_statement():
    long_ = "We talked for an hour, and he said the whole plan is an ideal start for the town."
    assert not same_statement(q("1", "a", "is an idea"), q("2", "b", long_))
    assert same_statement(q("1", "a", "the whole plan is"), q("2", "b", long_))


def test_candidate_pairs_hold_every_pair_that_is_one_statement():
    from newsweave.reconcile.quotes import _candidate_pairs, _fold, _verdict

    texts = [
        "His life and integrity are safe",
        "His life and integrity are secure",
        "integrity are secure his life and",
        "strength and energy",
        "return with more strength and energy",
        "We will win the election",
        "The economy is in ruins today",
        "we will win",
        "We will win the election, he said, and then we will govern",
    ]
    folded = [_fold(q(str(i), "a", t)) for i, t in enumerate(texts)]
    every = {
        (i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if _verdict(folded[i], folded[j], None, None)[0]
    }
    assert every and every <= set(_candidate_pairs(folded))
