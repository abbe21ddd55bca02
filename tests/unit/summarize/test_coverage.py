import random

from newsweave.summarize import coverage
from newsweave.summarize.coverage import choose, concept_weights, repeat_cliques
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


def test_repeats_become_groups_that_hold_every_repeating_pair():
    assert repeat_cliques([{1, 2}, {0, 2}, {0, 1}]) == [[0, 1, 2]]
    assert repeat_cliques([{1}, {0, 2}, {1}, set()]) == [[0, 1], [1, 2]]
    assert repeat_cliques([set(), set()]) == []


def test_a_story_of_many_reprints_still_fills_its_budget():
    story = [
        "Floods closed the coastal highway near Port Elm on Monday morning.",
        "Rescuers pulled six people from cars stranded by the rising water.",
        "The mayor declared a state of emergency and opened two shelters.",
        "Schools across the county will stay closed until Wednesday at least.",
        "Power was cut to about twelve thousand homes after a substation flooded.",
        "Forecasters expect another three inches of rain before the weekend.",
        "The river crested at nineteen feet, a record for the month of March.",
        "Volunteers filled sandbags outside the fire station through the night.",
        "Insurers said claims could run into the tens of millions of dollars.",
        "The governor will visit the area on Tuesday, her office said.",
    ]
    rng = random.Random(3)
    reprints = []
    for k in range(40):  # forty reprints, each with a word of its own in every sentence
        edited = []
        for sentence in story:
            words = sentence.split()
            words.insert(rng.randrange(1, len(words)), "reportedly")
            edited.append(" ".join(words))
        reprints.append((f"r{k}", edited))
    sentences = _sentences(reprints)
    # copies of one sentence score alike, as salience scores them: the 80 best-scored
    # sentences are copies of the first two
    scores = [0.5 - 0.02 * s.index + rng.uniform(0, 1e-3) for s in sentences]
    taken = choose(sentences, scores, 100)
    assert sum(sentences[p].words for p in taken) >= 80  # not two sentences and a gap
    assert len({sentences[p].index for p in taken}) == len(taken)  # no sentence twice


def test_what_the_solver_prints_does_not_reach_the_standard_output(capfd):
    import os

    from newsweave.native_output import discarded

    print("before", flush=True)
    with discarded(1):
        os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution\n")
    print("after", flush=True)
    assert capfd.readouterr().out == "before\nafter\n"


def test_overlapping_discards_bring_the_output_back_once_all_have_left(capfd):
    import os
    import threading

    from newsweave.native_output import discarded

    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with discarded(1):
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with discarded(1):
        thread.start()
        entered.wait(5)
    release.set()  # the first block left before the other: the output stays away until both have
    thread.join(5)
    os.write(1, b"back\n")
    assert capfd.readouterr().out == "back\n"
