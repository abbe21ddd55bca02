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


def test_candidate_pairs_are_exactly_the_pairs_that_may_match_among_many_quotes():
    """Many quotes made of few words (so common words, repeated runs, equal texts and
    reorderings abound): every pair one statement is a candidate, and every candidate passes
    the word-share test (the sparse products and run hashes agree with pair-by-pair)."""
    import random

    from newsweave.reconcile.quotes import _candidate_pairs, _fold, _may_match, _verdict

    rng = random.Random(5)
    words = "the plan is safe and we will win this vote for our town today".split()
    texts = []
    for _ in range(160):
        kind = rng.random()
        if texts and kind < 0.3:
            base = rng.choice(texts).split()
            start = rng.randrange(len(base))
            texts.append(" ".join(base[start : start + rng.randint(1, 7)]))  # a run of another
        elif texts and kind < 0.4:
            base = rng.choice(texts).split()
            rng.shuffle(base)
            texts.append(" ".join(base))  # the same words reordered
        else:
            texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(2, 12))))
    folded = [_fold(q(str(i), "a", t)) for i, t in enumerate(texts)]
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    one_statement = {p for p in pairs if _verdict(folded[p[0]], folded[p[1]], None, None)[0]}
    candidates = _candidate_pairs(folded)
    assert candidates == sorted(set(candidates))
    assert one_statement and one_statement <= set(candidates)
    assert all(_may_match(folded[i], folded[j]) for i, j in candidates)
