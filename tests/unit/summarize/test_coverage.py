import random

from newsweave.summarize import coverage
from newsweave.summarize.coverage import choose, concept_weights
from newsweave.summarize.sentences import concepts, vectorise
from tests.unit.summarize.test_cited import _article


def _sentences(articles):
    pairs = [_article(id_, texts) for id_, texts in articles]
    return vectorise([p[0] for p in pairs], {p[1].article: p[1] for p in pairs})


def test_a_concept_counts_once_so_a_repeat_adds_nothing():
    sentences = _sentences(
        [
            ("a", ["Floods closed the coastal highway near Port Elm on Monday morning."]),
            ("b", ["Floods closed the coastal highway near Port Elm for hours on Monday."]),
            ("c", ["Rescuers pulled six people from cars stranded near Port Elm."]),
            ("d", ["Rescuers pulled six people from stranded cars, officials said."]),
        ]
    )
    # budget for two sentences: one of each pair, never both of one pair
    taken = choose(sentences, [0.5, 0.5, 0.4, 0.4], 22)
    assert len(taken) == 2
    assert {sentences[p].article for p in taken} & {"a", "b"}
    assert {sentences[p].article for p in taken} & {"c", "d"}


def test_the_budget_holds_and_a_long_best_sentence_is_taken_alone_when_nothing_fits():
    sentences = _sentences(
        [
            ("a", ["Floods closed the coastal highway near Port Elm on Monday morning."]),
            ("b", ["Officials said floods closed the coastal highway for several hours."]),
        ]
    )
    taken = choose(sentences, [0.5, 0.4], 12)
    assert sum(sentences[p].words for p in taken) <= 12
    assert choose(sentences, [0.5, 0.4], 3) == [0]
    assert choose(sentences, [0.0, 0.0], 100) == []


def test_a_concept_weighs_its_articles_and_again_those_that_lead_with_it():
    filler = [f"Paragraph {k} of the report is about something else entirely." for k in range(6)]
    sentences = _sentences(
        [
            (
                "a",
                [
                    "Floods closed the coastal highway on Monday.",
                    *filler,
                    "All bridges were shut by noon.",
                ],
            ),
            (
                "b",
                [
                    "Officials said floods closed the coastal highway.",
                    *filler,
                    "All bridges were shut by the police.",
                ],
            ),
        ]
    )
    assert coverage.LEAD_SENTENCES < 7
    weight = concept_weights(sentences, [concepts(s.text) for s in sentences])
    assert weight[("coastal", "highway")] == 4  # two articles, both in their lead
    assert weight[("bridg", "were")] == 2  # two articles, neither in its lead


def test_the_program_prints_nothing_and_is_deterministic(capfd):
    rng = random.Random(5)
    words = [f"w{k}" for k in range(300)]
    articles = [
        (
            f"a{k}",
            [
                " ".join(rng.choice(words) for _ in range(rng.randint(8, 20))) + "."
                for _ in range(30)
            ],
        )
        for k in range(6)
    ]
    sentences = _sentences(articles)
    scores = [rng.random() for _ in sentences]
    first = choose(sentences, scores, 100)
    assert first == choose(sentences, scores, 100)
    assert sum(sentences[p].words for p in first) <= 100
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert len(sentences) > coverage.CANDIDATES  # the program saw only the best-scored
