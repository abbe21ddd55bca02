import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import cluster_stories
from newsweave.cluster.headlines import HEADLINE_CHARS
from newsweave.cluster.stories import headline
from newsweave.cluster.terms import content_words, words
from newsweave.config import ClusterSettings
from newsweave.model import Article

VOTE = [
    "Parliament voted on Tuesday to remove the prime minister after a corruption inquiry into contracts.",
    "The prime minister was removed by parliament in a vote on Tuesday following the corruption inquiry.",
    "Lawmakers removed the prime minister in Tuesday's parliament vote over the corruption inquiry.",
]
QUAKE = [
    "An earthquake of magnitude 6.1 struck the coastal province, collapsing houses and a school.",
    "The magnitude 6.1 earthquake collapsed a school and houses across the coastal province.",
]


def _articles(texts):
    return [
        Article(id=f"a{i}", source=f"a{i}", text=t, content_hash=f"h{i}")
        for i, t in enumerate(texts)
    ]


def _partition(stories):
    return {frozenset(s.article_ids) for s in stories}


def test_words_fold_accents_and_content_words_drop_stop_words():
    assert content_words(words("Áñez said: the Vote")) == ["anez", "vote"]


def test_two_events_two_stories():
    stories = cluster_stories(_articles(VOTE + QUAKE), ClusterSettings())
    assert _partition(stories) == {frozenset({"a0", "a1", "a2"}), frozenset({"a3", "a4"})}
    assert stories[0].article_ids == ("a0", "a1", "a2")  # largest first


def test_tiny_inputs():
    assert cluster_stories([], ClusterSettings()) == ()
    (story,) = cluster_stories(_articles(VOTE[:1]), ClusterSettings())
    assert story.article_ids == ("a0",)
    assert story.headline.startswith("Parliament voted")
    assert len(cluster_stories(_articles([VOTE[0], QUAKE[0]]), ClusterSettings())) == 2


def test_headline_prefers_a_title_and_ids_are_stable():
    articles = _articles(VOTE)
    titled = [
        articles[0],
        Article(id="a1", source="a1", text=VOTE[1], title="PM removed", content_hash="h1"),
    ]
    (story,) = cluster_stories(titled + articles[2:], ClusterSettings())
    assert story.headline in {"PM removed", VOTE[0].split(".")[0] + "."}
    assert (
        story.id == cluster_stories(list(reversed(titled + articles[2:])), ClusterSettings())[0].id
    )


@settings(max_examples=30, deadline=None)
@given(st.permutations(list(range(5))))
def test_partition_does_not_depend_on_input_order(order):
    articles = _articles(VOTE + QUAKE)
    shuffled = [articles[i] for i in order]
    assert _partition(cluster_stories(shuffled, ClusterSettings())) == _partition(
        cluster_stories(articles, ClusterSettings())
    )


# --------------------------------------------------------------------------- headlines

LEADS = [
    "Parliament voted on Tuesday to remove the prime minister, ending a months-long standoff over "
    "a corruption inquiry into public contracts.",
    "The finance minister resigned from office amid protests over an audit that found public money "
    "had been moved to accounts run by his brother.",
    "An earthquake of magnitude 6.1 struck the coastal province a day after a smaller tremor shook "
    "the capital and damaged several schools.",
]


@pytest.mark.parametrize("lead", LEADS)
def test_an_untitled_headline_is_the_first_clause_cut_at_a_break_or_word(lead):
    text = f"CITY (Wire) — {lead}\nMore paragraphs follow with other details."
    line = headline([Article(id="a", source="a", text=text, content_hash="h")])
    assert 0 < len(line) <= HEADLINE_CHARS
    assert lead.startswith(line) and "…" not in line  # no dateline, cut inside no word
    assert lead[len(line)] in " ,;" and not line.endswith((" the", " a", " of", ","))


def test_a_short_lead_is_the_headline_whole_and_a_credit_line_is_skipped():
    for lead in ("Parliament removes the prime minister.", "Quake strikes coastal province."):
        text = f"Wire —\n\n{lead} Other sentences follow here."
        assert headline([Article(id="a", source="a", text=text)]) == lead.rstrip(".")


def test_a_url_title_and_a_byline_are_not_a_headline():
    lead = "Rescuers reached the flooded village on Monday."
    text = f"By Ann Lee, Daily Planet\n\n{lead} Other sentences follow here."
    urls = [
        Article(id="a", source="a", text=text, title="http: / / www. example. com / 887421"),
        Article(id="b", source="b", text=text, title="https://example.org/news/2019/11/flood"),
    ]
    assert headline(urls) == lead.rstrip(".")
    titled = [*urls, Article(id="c", source="c", text=text, title="Floods cut off village")]
    assert headline(titled) == "Floods cut off village"


@pytest.mark.parametrize("title", ["ABSTRACT", "Sen", "NAIROBI, Kenya (AP) _", "LIMA (Reuters) -"])
def test_a_label_or_a_bare_dateline_is_not_a_headline(title):
    lead = "Rescuers reached the flooded village on Monday."
    article = Article(id="a", source="a", text=f"{lead} More follows.", title=title)
    assert headline([article]) == lead.rstrip(".")


def test_a_title_in_a_script_without_spaces_is_a_headline():
    article = Article(id="a", source="a", text="本文です。", title="日本の首相が辞任を表明")
    assert headline([article]) == "日本の首相が辞任を表明"


@settings(max_examples=20, deadline=None)
@given(st.permutations(list(range(4))))
def test_the_central_title_wins_whatever_the_order(order):
    titles = [
        "Parliament removes prime minister over corruption inquiry",
        "Prime minister removed by parliament in corruption vote",
        "Parliament votes out prime minister",
        "Stocks rally as bond yields fall",
    ]
    articles = [
        Article(id=f"a{i}", source=f"a{i}", text=VOTE[i % 3], title=t) for i, t in enumerate(titles)
    ]
    chosen = headline([articles[i] for i in order])
    assert chosen in titles[:3]
    assert chosen == headline(articles)


def test_an_appended_outlet_name_is_left_out_of_a_title():
    for outlet in ("Daily Planet", "Wire"):
        article = Article(
            id="a", source="a", text=VOTE[0], title=f"Parliament votes | {outlet}", outlet=outlet
        )
        assert headline([article]) == "Parliament votes"


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 9), st.integers(0, 9)),
        max_size=40,
    ),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=20),
)
def test_rank_lookup_reads_pairs_as_a_dictionary_would(listed, asked):
    import numpy as np

    from newsweave.cluster.neighbours import RANK_CAP, Candidates, Neighbourhood
    from newsweave.cluster.stories import rank_lookup

    n = 31
    left = np.array([a for a, *_ in listed], dtype=np.int64)
    right = np.array([b for _, b, *_ in listed], dtype=np.int64)
    ab = np.array([r for *_, r, _ in listed], dtype=np.int64)
    ba = np.array([r for *_, r in listed], dtype=np.int64)
    candidates = Candidates(left, right, *(np.zeros(len(listed)) for _ in range(3)))
    around = Neighbourhood(np.zeros(n), np.zeros(n), ab, ba)
    expected = {a * n + b: (x, y) for a, b, x, y in listed}  # a later listing wins
    codes = np.array([a * n + b for a, b in asked], dtype=np.int64)
    got_ab, got_ba = rank_lookup(candidates, around, n).of(codes)
    want = [expected.get(int(c), (RANK_CAP, RANK_CAP)) for c in codes]
    assert list(zip(got_ab.tolist(), got_ba.tolist(), strict=True)) == want


def test_parts_scored_together_give_the_matrices_of_each_part(monkeypatch):
    import numpy as np

    from newsweave.cluster import stories
    from newsweave.cluster.featurize import features_of
    from newsweave.cluster.neighbours import candidate_pairs, kept_candidates, neighbourhood
    from newsweave.cluster.parts import bounded_parts
    from newsweave.cluster.table import feature_table

    topics = [
        "Flood waters rose in {p} as rescuers from the Red Cross reached villages on Monday.",
        "The central bank of {p} raised interest rates again, said governor Ann Okafor.",
        "Voters in {p} chose a new mayor after a bitter campaign over housing and transit.",
    ]
    places = ["Lima", "Quito", "Oslo", "Accra", "Hanoi"]
    texts = [t.format(p=p) + f" Report {k}." for t in topics for k, p in enumerate(places)]
    articles = [Article(id=f"a{k:02d}", source="", text=x) for k, x in enumerate(texts)]
    table = feature_table(sorted(features_of(articles), key=lambda f: f.article))
    candidates = kept_candidates(table, *candidate_pairs(table))
    around = neighbourhood(len(table), candidates, table.ids)
    p = stories.probabilities(
        stories.pair_features(stories.candidate_evidence(table, candidates, around))
    )
    found = bounded_parts(len(table), candidates.left, candidates.right, p, stories.CUT)
    assert found
    parts = [  # parts of every kind, a few to a batch of 12 pairs, one larger
        (np.array([0, 1, 2]), True),
        (np.array([3, 4, 5, 6]), True),
        (np.array([7, 8]), True),
        (np.array([9, 10, 11]), False),
        (np.array([1, 5, 9, 12, 14]), True),
        (np.arange(15), True),
        *found,
    ]
    ranks = stories.rank_lookup(candidates, around, len(table))
    dense = [k for k, (rows, whole) in enumerate(parts) if whole and len(rows) > 2]
    for chunk in (stories.PAIR_CHUNK, 12):  # one batch; then several, a large part left out
        monkeypatch.setattr(stories, "PAIR_CHUNK", chunk)
        matrices = stories._part_matrices(table, parts, around, ranks)
        for k in dense:
            rows = parts[k][0]
            if len(rows) * (len(rows) - 1) // 2 > chunk:
                assert k not in matrices
                continue
            expected = stories.component_probabilities(table, rows, around, ranks)
            assert np.array_equal(matrices[k], expected)


@pytest.mark.parametrize(
    ("reports", "p", "stories"),
    [(2, 0.7, 2), (2, 0.9, 1), (3, 0.7, 1)],  # a third report corroborates a weaker pair
)
def test_two_texts_alone_need_a_strong_pair_and_three_need_the_cut(
    monkeypatch, reports, p, stories
):
    import numpy as np

    from newsweave.cluster import stories as clustering

    monkeypatch.setattr(clustering, "probabilities", lambda x: np.full(len(x), p))
    texts = [  # three reports in their own words (no two are copies of one text)
        "Flood waters rose in Lima as Red Cross rescuers reached cut-off villages on Monday.",
        "Peru's capital saw rivers burst their banks; aid teams got to stranded hamlets.",
        "Emergency crews waded through rising water to reach families outside the city.",
    ]
    articles = [
        Article(id=f"a{k}", source="", text=t, content_hash=f"h{k}")
        for k, t in enumerate(texts[:reports])
    ]
    assert len(cluster_stories(articles, ClusterSettings())) == stories
