import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align import build_lineage, find_reuse, orient_passages
from newsweave.align.candidates import candidate_pairs, ngram_hashes
from newsweave.align.coverage import covered_chars
from newsweave.align.direction import decide_direction, publication_order
from newsweave.align.filters import is_boilerplate, is_common_quote, quoted_spans
from newsweave.align.lineage import explained_away
from newsweave.align.tokens import is_word_boundary, snap_to_words, tokenize
from newsweave.config import AlignSettings
from newsweave.model import Article, Derivation, Lineage, ReusePassage, Span

STORY = (
    "The finance minister resigned on Friday after auditors found that public funds had been moved "
    "to accounts controlled by his brother. Opposition parties called for early elections and "
    "thousands marched through the capital demanding the government step down. The prime minister "
    "said an independent inquiry would report within three months and promised full cooperation."
)
OTHER = (
    "Heavy rain flooded villages along the river delta, forcing farmers to move their cattle to "
    "higher ground while relief agencies distributed food and clean water to families in camps."
)
SPUN = (
    "After auditors discovered that public money had been shifted to accounts run by his brother, "
    "the finance minister quit on Friday. Opposition groups demanded early elections, and thousands "
    "marched in the capital calling on the government to resign."
)


def art(id_, text, published=None):
    return Article(id=id_, source=id_, text=text, published=published, content_hash=id_)


def test_tokens_fold_and_keep_offsets():
    tokens = tokenize("Áñez — “Safe”, she said")
    assert tokens.words == ("anez", "safe", "she", "said")
    assert [int(s) for s in tokens.starts] == [0, 8, 15, 19]


def test_ngram_hashes_are_positional_and_stable():
    ids = np.array([1, 2, 3, 4, 1, 2, 3], dtype=np.uint64)
    hashes = ngram_hashes(ids, 3)
    assert len(hashes) == 5 and hashes[0] == hashes[4] and hashes[0] != hashes[1]
    assert len(ngram_hashes(ids[:2], 3)) == 0


def test_candidates_only_for_texts_sharing_ngrams():
    texts = [tokenize(STORY), tokenize(OTHER), tokenize("Reprint: " + STORY)]
    assert candidate_pairs(texts) == {(0, 2)}


def test_verbatim_copy_inside_other_text():
    copy = OTHER + "\n\n" + STORY[:200] + "\n\nMore local news follows here today."
    (passage,) = find_reuse([art("a", STORY), art("b", copy)], AlignSettings())
    assert passage.kind == "verbatim"
    assert passage.target_span.slice(copy) == passage.source_span.slice(STORY)


def test_spun_rewrite_is_found_as_paraphrase():
    passages = find_reuse([art("a", STORY), art("b", SPUN)], AlignSettings())
    assert passages and {p.kind for p in passages} <= {"paraphrase", "near-verbatim"}
    assert covered_chars([p.target_span for p in passages]) > 0.5 * len(SPUN)


def test_unrelated_texts_share_nothing():
    assert find_reuse([art("a", STORY), art("b", OTHER)], AlignSettings()) == ()


def test_a_shared_quote_is_not_reuse():
    quote = (
        "“We will not accept this result, and we will take our case to every court in the land,”"
    )
    first = f"The opposition leader spoke on Sunday. {quote} she told supporters. Turnout was low."
    second = f"Police closed the square before dawn. {quote} the opposition leader said. Rain fell."
    assert find_reuse([art("a", first), art("b", second)], AlignSettings()) == ()


def test_quote_filters():
    text = "Intro. “A b c d e f g h i j k l,” he said. Outro."
    quotes = quoted_spans(text)
    assert quotes == [Span(7, 33)]
    assert is_common_quote(text, Span(7, 42), quotes)
    assert not is_common_quote(text, Span(0, len(text)), [])
    long_frame = "The minister, speaking at a crowded news conference in the capital on Monday evening, said "
    framed = long_frame + text
    assert not is_common_quote(framed, Span(0, len(framed)), quoted_spans(framed))
    assert quoted_spans("Morales’ departure and the minister’s plane") == []


def test_boilerplate():
    assert is_boilerplate("Photo: AFP")
    assert is_boilerplate("Jane Doe and John Roe contributed reporting.")
    assert not is_boilerplate(STORY)


def test_direction_from_dates_then_containment():
    a, b = art("a", STORY, "2020-01-01"), art("b", SPUN, "2019-12-31")
    assert decide_direction(a, b, 0.5, 0.9).source == "b"
    undated = decide_direction(art("a", STORY), art("b", SPUN), 0.4, 0.9)
    assert (undated.source, undated.target, undated.known) == ("a", "b", True)
    assert "containment" in undated.basis
    wire = decide_direction(art("a", STORY), art("b", STORY), 0.97, 0.98)
    assert not wire.known


@pytest.mark.parametrize(
    ("x", "y", "order"),
    [
        ("2019-10-26", "2019-10-27T19:00:08-04:00", -1),
        ("2019-10-27", "2019-10-27T19:00:08-04:00", 0),  # a bare day is not before its hours
        ("2019-11", "2019-11-12", 0),
        ("2019-10", "2019-11-12", -1),
        ("2019-10-27T23:30:00+00:00", "2019-10-27T19:00:00-04:00", 1),  # moments, not strings
        ("2019-10-27T23:00:00Z", "2019-10-27T19:00:00-04:00", 0),
        (None, "2019-10-27", 0),
    ],
)
def test_publication_order(x, y, order):
    assert publication_order(x, y) == order
    assert publication_order(y, x) == -order


def test_a_day_and_a_time_on_that_day_leave_the_direction_to_containment():
    a, b = art("a", STORY, "2019-10-27"), art("b", SPUN, "2019-10-27T19:00:08-04:00")
    direction = decide_direction(a, b, 0.4, 0.9)
    assert (direction.source, direction.target) == ("a", "b")
    assert "containment" in direction.basis


def test_lineage_groups_copies_and_counts_independent_sources():
    rewrite = SPUN + " Analysts expect the currency to weaken."
    articles = [art("orig", STORY), art("copy", rewrite), art("indep", OTHER)]
    passages = find_reuse(articles, AlignSettings())
    lineage = build_lineage(articles, passages)
    assert lineage.groups == (("orig", "copy"), ("indep",))
    (derivation,) = lineage.derivations
    assert (derivation.article, derivation.derived_from) == ("copy", "orig")
    assert 0.5 < derivation.share <= 1.0
    assert lineage.count_groups(["orig", "copy"]) == 1


def test_wire_copy_in_two_outlets_is_one_group_without_arrow():
    articles = [art("x", STORY), art("y", STORY + " ")]
    lineage = build_lineage(articles, find_reuse(articles, AlignSettings()))
    assert lineage.groups == (("x", "y"),) and lineage.derivations == ()


WORDS = st.sampled_from(STORY.split() + OTHER.split() + ["“", "”", "\n\n", "Áñez", "’s"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=0, max_size=80).map(" ".join), min_size=2, max_size=4))
def test_spans_index_the_texts_and_order_does_not_matter(texts):
    articles = [art(f"a{i}", t) for i, t in enumerate(texts)]
    passages = find_reuse(articles, AlignSettings())
    by_id = {a.id: a.text for a in articles}
    for p in passages:
        assert 0 <= p.source_span.start < p.source_span.end <= len(by_id[p.source])
        assert 0 <= p.target_span.start < p.target_span.end <= len(by_id[p.target])
        assert 0.0 <= p.similarity <= 1.0
    assert set(find_reuse(list(reversed(articles)), AlignSettings())) == set(passages)


def test_shared_text_gets_a_direction_from_publication_windows():
    from newsweave.align import orient_by_windows
    from newsweave.model import Publication

    articles = [art("x", STORY), art("y", STORY + " ")]
    lineage = build_lineage(articles, find_reuse(articles, AlignSettings()))
    assert lineage.derivations == () and len(lineage.undirected) == 1
    windows = [
        Publication("x", None, "inferred", "2021-03-01", "2021-03-04"),
        Publication("y", None, "inferred", "2021-03-06", "2021-03-09"),
    ]
    (derivation,) = orient_by_windows(lineage, windows).derivations
    assert (derivation.article, derivation.derived_from) == ("y", "x")
    assert derivation.basis.startswith("published earlier")
    overlapping = [windows[0], Publication("y", None, "inferred", "2021-03-03", "2021-03-09")]
    assert orient_by_windows(lineage, overlapping).derivations == ()


# --------------------------------------------------------------------------- word boundaries

#: Written words that the tokenizer splits (possessives, hyphenated words, grouped digits).
_SPLIT_WORDS = ["Sen's", "O’Neill", "pro-government", "64,000", "3.5", "Lee’s", "anti-war"]
_PLAIN_WORDS = (
    "party won of the seats council members voted on plan after long debate city mayor "
    "said budget would grow next year"
).split()


def _words_text(words):
    return " ".join(words) + "."


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_PLAIN_WORDS + _SPLIT_WORDS), min_size=14, max_size=40),
    st.lists(st.sampled_from([*_SPLIT_WORDS, "Mr", "The", "A"]), min_size=1, max_size=3),
    st.lists(st.sampled_from([*_SPLIT_WORDS, "Ms", "Then", "So"]), min_size=1, max_size=3),
)
def test_every_reuse_span_starts_and_ends_at_a_word_boundary(shared, head_a, head_b):
    text_a = _words_text(["Earlier", *head_a, *shared, "Later", "on"])
    text_b = _words_text(["Today", *head_b, *shared, "and", "more"])
    for passage in find_reuse([art("a", text_a), art("b", text_b)], AlignSettings()):
        for article, span in (
            (passage.source, passage.source_span),
            (passage.target, passage.target_span),
        ):
            text = text_a if article == "a" else text_b
            assert is_word_boundary(text, span.start) and is_word_boundary(text, span.end)
            assert span.slice(text) == span.slice(text).strip()


@pytest.mark.parametrize("word", _SPLIT_WORDS)
def test_a_split_word_has_no_boundary_inside(word):
    text = f"before {word} after"
    inside = range(len("before ") + 1, len("before ") + len(word))
    assert not any(is_word_boundary(text, p) for p in inside)
    assert is_word_boundary(text, len("before ")) and is_word_boundary(
        text, len("before ") + len(word)
    )


@given(st.text(alphabet="ab'’-,.1 \n", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_snapping_widens_to_boundaries_and_keeps_what_it_had(text, x, y):
    start, end = sorted((min(x, len(text)), min(y, len(text))))
    snapped = snap_to_words(text, start, end)
    assert snapped[0] <= start and end <= snapped[1]
    assert is_word_boundary(text, snapped[0]) and is_word_boundary(text, snapped[1])


def test_a_possessive_region_is_widened_to_the_whole_name():
    for owner, other in (("Sen's", "Morales's"), ("Lee’s", "Ortega’s"), ("Ann's", "Bo's")):
        tail = " party won 64 of the 122 seats in the vote on Sunday and will form a government"
        first, second = f"Results: {owner}{tail}.", f"In short, {other}{tail}."
        (passage,) = find_reuse([art("a", first), art("b", second)], AlignSettings())
        on_a = passage.source_span if passage.source == "a" else passage.target_span
        assert on_a.slice(first).startswith(owner)


# --------------------------------------------------------------------------- directed


def _passage(source, target, start=0):
    return ReusePassage(
        source, target, Span(start, start + 5), Span(start + 1, start + 6), "paraphrase", 0.5
    )


def test_only_a_derivation_directs_a_passage():
    lineage = Lineage(
        (Derivation("copy", "orig", 0.8, "containment"),),
        (("orig", "copy"), ("other",), ("w1", "w2")),
        undirected=(("w1", "w2", 0.9, 0.9),),
    )
    passages = [
        _passage("orig", "copy"),  # as the derivation orients it
        _passage("copy", "orig", 10),  # the corpus tier had it the other way round
        _passage("other", "orig"),  # two lineage groups
        _passage("w2", "w1"),  # one shared text, no direction
    ]
    oriented = orient_passages(passages, lineage)
    assert [p.directed for p in oriented] == [True, True, False, False]
    assert {(p.source, p.target) for p in oriented if p.directed} == {("orig", "copy")}
    flipped = oriented[1]
    assert (flipped.source_span, flipped.target_span) == (
        passages[1].target_span,
        passages[1].source_span,
    )
    assert all(p.source < p.target for p in oriented if not p.directed)


def test_passages_of_independent_reports_are_undirected_in_a_story():
    first = f"{OTHER} {STORY[:160]}"
    second = f"{STORY[:160]} Officials gave no further details about the investigation today."
    passages = find_reuse([art("a", first), art("b", second)], AlignSettings())
    lineage = build_lineage([art("a", first), art("b", second)], passages)
    oriented = orient_passages(passages, lineage)
    linked = bool(lineage.derivations)
    assert all(p.directed == linked for p in oriented)


SECOND = (
    "Officials at the central bank declined to say how much money was involved, but two people "
    "familiar with the audit said the transfers began more than a year ago and continued until "
    "last month, when a junior accountant raised questions about a series of unusual payments."
)


def _edited(text, k):
    """``text`` with its ``k``-th word changed: a wire copy's light edit."""
    words = text.split(" ")
    at = 3 + 7 * k
    words[at] = words[at].upper()
    return " ".join(words)


def test_a_wire_text_reprinted_with_edits_by_many_outlets_is_one_source():
    # More copies than reuse.COMMON_DF: their shared wording is the wire text, not a stock
    # phrase, and every copy is aligned with the earliest (each edit is its own).
    wire = STORY + "\n\n" + SECOND
    copies = [art(f"c{k:02d}", _edited(wire, k), f"2024-03-{2 + k:02d}") for k in range(14)]
    articles = [art("wire", wire, "2024-03-01"), *copies, art("indep", OTHER, "2024-03-02")]
    passages = find_reuse(articles, AlignSettings())
    lineage = build_lineage(articles, passages)
    assert len(lineage.groups) == 2 and ("indep",) in lineage.groups
    assert {d.article: d.derived_from for d in lineage.derivations} == {
        c.id: "wire" for c in copies
    }
    assert set(find_reuse(list(reversed(articles)), AlignSettings())) == set(passages)


def test_a_stock_phrase_in_many_independent_texts_is_not_reuse():
    rng = np.random.default_rng(5)
    vocabulary = sorted(set((STORY + " " + OTHER + " " + SECOND).lower().split()))
    stock = "The ministry did not immediately respond to a request for comment on the matter."
    soup = [" ".join(rng.choice(vocabulary, 40)) for _ in range(28)]  # unrelated wording
    texts = [f"{soup[2 * k]}. {stock} {soup[2 * k + 1]}" for k in range(14)]
    articles = [art(f"t{k:02d}", t) for k, t in enumerate(texts)]
    assert find_reuse(articles, AlignSettings()) == ()


def test_a_third_article_explains_a_link_away():
    d = Derivation
    # copies a and b of w, b also found in a: both took from w
    siblings = [d("a", "w", 0.95, "x"), d("b", "w", 0.95, "x"), d("b", "a", 0.9, "x")]
    assert explained_away(siblings) == tuple(siblings[:2])
    # r reprints the edited copy e of w: it holds more of e than of w, so it took from e
    chain = [d("e", "w", 0.9, "x"), d("r", "e", 1.0, "x"), d("r", "w", 0.9, "x")]
    assert explained_away(chain) == tuple(chain[:2])
    # equal shares: the common source, upstream
    ties = [d("a", "w", 1.0, "x"), d("b", "w", 1.0, "x"), d("b", "a", 1.0, "x")]
    assert explained_away(ties) == tuple(ties[:2])
    # nothing links the two sources of y: both stay
    two = [d("y", "p", 0.5, "x"), d("y", "q", 0.4, "x")]
    assert explained_away(two) == tuple(two)
    # rewrites a and b of an undated original o (shared text, no direction), b dated after
    # a: b holds more of o than of a, so "b took from a" goes; with less of o it stays
    rewrites = [d("b", "a", 0.5, "x")]
    undated = [("o", "a", 0.7, 0.6), ("o", "b", 0.7, 0.6)]
    assert explained_away(rewrites, undated) == ()
    assert explained_away(rewrites, [("o", "a", 0.7, 0.6), ("o", "b", 0.7, 0.4)]) == (rewrites[0],)


def test_copies_of_a_wire_text_all_derive_from_it_not_from_each_other():
    wire = STORY + "\n\n" + SECOND
    articles = [art("wire", wire, "2024-03-01T08:00:00Z")]
    articles += [art(f"c{k}", _edited(wire, k), f"2024-03-01T{9 + k:02d}:00:00Z") for k in range(4)]
    lineage = build_lineage(articles, find_reuse(articles, AlignSettings()))
    assert {(x.article, x.derived_from) for x in lineage.derivations} == {
        (f"c{k}", "wire") for k in range(4)
    }
