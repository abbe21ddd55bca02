from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import cluster_stories
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
