from itertools import pairwise

import pytest

from newsweave.model import (
    Article,
    Citation,
    Claim,
    Finding,
    FindingValue,
    Lineage,
    Publication,
    Span,
    Story,
    StoryAnalysis,
)
from newsweave.reconcile.events import present_tense
from newsweave.reconcile.timeline import build_timeline
from newsweave.report.timeline import render_findings, render_timeline


def c(id_, article, subject, value, slot="date"):
    return Claim(id_, article, Span(0, 5), slot, subject, value, None, None)


def test_timeline_merges_one_event_and_flags_other_days():
    claims = [
        c("1", "a", "departure", "2019-11-11"),
        c("2", "c", "departure", "2019-11-11"),
        c("3", "a", "election", "2019-10-20"),
        c("4", "c", "election", "2019-10-21"),
        c("5", "b", "election", "2019-10"),
        c("6", "b", "people", "3", slot="deaths"),
    ]
    timeline = build_timeline([], {}, [], [], claims)
    assert [(t.date, t.event, len(t.citations)) for t in timeline] == [
        ("2019-10-20", "election", 1),
        ("2019-10-21", "election", 1),
        ("2019-11-11", "departure", 2),
    ]
    assert "other articles date it 2019-10-21" in timeline[0].basis


def test_a_month_alone_stays_on_the_timeline():
    timeline = build_timeline([], {}, [], [], [c("1", "a", "election", "2019-10")])
    assert [(t.date, t.event) for t in timeline] == [("2019-10", "election")]


def test_a_coarsely_dated_event_noun_of_a_kind_given_a_day_adds_nothing():
    claims = [
        c("1", "a", "vote", "2024-05"),
        c("2", "b", "presidential election", "2024-05-02"),
        c("3", "a", "vote", "2024-06"),  # no day in June: it stays
        c("4", "a", "quake", "2024-05"),  # another kind of event: it stays
    ]
    timeline = build_timeline([], {}, [], [], claims)
    assert [(t.date, t.event) for t in timeline] == [
        ("2024-05", "quake"),
        ("2024-05-02", "presidential election"),
        ("2024-06", "vote"),
    ]


def _analysis(articles):
    claims = [c("1", "a", "election", "2019-10-20"), c("2", "b", "election", "2019-10-21")]
    return StoryAnalysis(
        story=Story("s", tuple(articles), "h"),
        independent_sources=2,
        lineage=Lineage((), (("a",), ("b",))),
        publications=(
            Publication("a", "2019-11-12", "given"),
            Publication("b", None, "inferred", "2019-11-11", "2019-11-17"),
        ),
        claims=tuple(claims),
        findings=(
            Finding(
                "conflict",
                "date",
                "election",
                (
                    FindingValue("2019-10-20", ("a",), (Citation("a", Span(0, 12)),), 1),
                    FindingValue("2019-10-21", ("b",), (Citation("b", Span(0, 12)),), 1),
                ),
                2,
            ),
        ),
        timeline=build_timeline([], {}, [], [], claims),
    )


def test_render_draws_events_and_given_and_inferred_publication_days_escaped():
    articles = {
        "a": Article("a", "a.txt", "<b>Vote</b> on October 20", outlet="<Daily>"),
        "b": Article("b", "b.txt", "The vote & count, October 21", outlet="Wire"),
    }
    html = render_timeline(_analysis(articles), articles)
    assert "<svg" in html and html.count("<circle") == 2
    assert 'fill="#b3541e"' in html  # the given publication day
    assert "inferred: 2019-11-11 – 2019-11-17" in html  # the hollow mark of the window
    assert "&lt;Daily&gt;" in html and "<Daily>" not in html
    table = render_findings(_analysis(articles), articles)
    assert "conflict" in table and "2019-10-21" in table
    assert "&lt;b&gt;Vote&lt;/b&gt;" in table and "<b>Vote" not in table


# --------------------------------------------------------------------------- events from the parse

PEOPLE = [
    ("Ann Lee", "Lee", "she"),
    ("Omar Haddad", "Haddad", "he"),
    ("Maria Costa", "Costa", "she"),
    ("David Okafor", "Okafor", "he"),
]
PLACES = ["Lima", "Oslo", "Nairobi", "Madrid"]


def _story_timeline(texts):
    from newsweave.extract.claims import find_claims
    from newsweave.extract.entities import find_entities
    from newsweave.extract.timexes import find_timexes
    from newsweave.nlp import parse_many

    articles = [Article(i, f"{i}.jsonl", t, published="2021-03-07") for i, t in texts.items()]
    docs = dict(zip(texts, parse_many(texts.values()), strict=True))
    entities = find_entities(articles, docs)
    timexes = tuple(t for a in articles for t in find_timexes(a.text, a.id, a.published))
    claims = find_claims(articles, docs, entities, timexes)
    return build_timeline(articles, docs, timexes, (), claims, entities), claims


@pytest.mark.parametrize(("person", "place"), list(zip(PEOPLE, PLACES, strict=True)))
def test_an_entry_reads_who_did_what_and_merges_across_articles(person, place):
    full, surname, pronoun = person
    texts = {
        "a": f"{full} resigned on Friday, 5 March 2021. {surname} left for {place} on Saturday, 6 March 2021.",
        "b": f"{full} spoke to reporters in the capital. On Friday, 5 March 2021, {pronoun} resigned.",
        "c": "Protesters blocked the main road on Friday, 5 March 2021.",
    }
    timeline, claims = _story_timeline(texts)
    by_event = {e.event: e for e in timeline}
    resigned = by_event[f"{full} resigns"]  # "she" in b is the named person
    assert resigned.date == "2021-03-05"
    assert {c.article for c in resigned.citations} == {"a", "b"}
    assert {(c.article, c.span) for c in resigned.citations} <= {
        (c.article, c.span) for c in claims
    }
    left = next(e for e in timeline if e.date == "2021-03-06")
    assert surname in left.event and left.event.endswith(f"leaves for {place}")
    blocked = next(e for e in timeline if e.citations[0].article == "c")
    assert blocked.event.startswith("Protesters block")
    assert "a.jsonl" not in resigned.basis  # articles are named by their labels


def test_different_actors_of_one_event_on_one_day_are_different_entries():
    for (first, _, _), (second, _, _) in pairwise(PEOPLE):
        texts = {
            "a": f"{first} resigned on Friday, 5 March 2021.",
            "b": f"Three officials, including {second}, resigned on Friday, 5 March 2021.",
        }
        timeline, _ = _story_timeline(texts)
        events = {e.event for e in timeline if e.date == "2021-03-05"}
        assert f"{first} resigns" in events
        assert "Three officials resign" in events


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("resign", "resigns"),
        ("fly", "flies"),
        ("leave", "leaves"),
        ("march", "marches"),
        ("go", "goes"),
        ("play", "plays"),
        ("be", "is"),
        ("pass", "passes"),
    ],
)
def test_present_tense(lemma, form):
    assert present_tense(lemma) == form


def test_a_reading_without_an_actor_joins_the_one_entry_that_names_one():
    from newsweave.reconcile.events import EventPhrase
    from newsweave.reconcile.timeline import _fold_unnamed

    named = (
        c("1", "a", "resignation", "2021-03-05"),
        EventPhrase("Ann Lee resigns", "resignation", "e1", True, False),
    )
    bare = (
        c("2", "b", "resignation", "2021-03-05"),
        EventPhrase("Resignation", "resignation", "", False, False),
    )
    other = (
        c("3", "c", "resignation", "2021-03-05"),
        EventPhrase("Bo Li resigns", "resignation", "e2", True, False),
    )
    one = _fold_unnamed(
        {("2021-03-05", "resignation", "e1"): [named], ("2021-03-05", "resignation", ""): [bare]}
    )
    assert (
        list(one) == [("2021-03-05", "resignation", "e1")]
        and len(one[("2021-03-05", "resignation", "e1")]) == 2
    )
    two = _fold_unnamed(
        {
            ("2021-03-05", "resignation", "e1"): [named],
            ("2021-03-05", "resignation", "e2"): [other],
            ("2021-03-05", "resignation", ""): [bare],
        }
    )
    assert len(two) == 3  # two actors: the bare reading cannot tell whose it is


def test_a_saying_without_what_was_said_and_a_capitalised_adjective_read_well():
    full, surname, _ = PEOPLE[0]
    texts = {
        "a": f"{full} announced on Friday, 5 March 2021. {surname} urged Russian hackers "
        "to stop on Saturday, 6 March 2021.",
    }
    timeline, _ = _story_timeline(texts)
    assert not [e for e in timeline if e.event.endswith("announces")]
    urged = next(e for e in timeline if e.date == "2021-03-06")
    assert "Russian" in urged.event


def test_a_day_read_against_a_guessed_publication_date_says_so():
    from newsweave.extract.claims import find_claims
    from newsweave.extract.entities import find_entities
    from newsweave.extract.timexes import find_timexes
    from newsweave.model import Lineage
    from newsweave.nlp import parse_many
    from newsweave.reconcile.dating import anchor_of, infer_publications

    texts = {
        "a": "Omar Haddad resigned on 5 March 2021 after a long audit of the ministry.",
        "b": "Maria Costa resigned yesterday, a day after the audit was published.",
    }
    articles = [Article(i, f"{i}.txt", t) for i, t in texts.items()]
    publications = infer_publications(articles, Lineage((), (("a", "b"),)))
    anchors = {p.article: anchor_of(p) for p in publications}
    docs = dict(zip(texts, parse_many(texts.values()), strict=True))
    entities = find_entities(articles, docs)
    timexes = tuple(t for a in articles for t in find_timexes(a.text, a.id, anchors[a.id]))
    claims = find_claims(articles, docs, entities, timexes)
    timeline = build_timeline(articles, docs, timexes, publications, claims, entities)
    costa = next(e for e in timeline if "Costa" in e.event)
    assert costa.date == "2021-03-04"
    assert "“yesterday” in " in costa.basis
    assert "is counted from 2021-03-05, the start of its guessed publication window" in costa.basis
    haddad = next(e for e in timeline if "Haddad" in e.event)
    assert "guessed" not in haddad.basis  # a date written in full rests on nothing guessed


def test_copies_of_one_text_count_as_one_source_in_the_basis():
    from newsweave.extract.claims import find_claims
    from newsweave.extract.entities import find_entities
    from newsweave.extract.timexes import find_timexes
    from newsweave.model import Derivation, Lineage
    from newsweave.nlp import parse_many

    text = "Omar Haddad resigned on Friday, 5 March 2021, after a long audit of the ministry."
    texts = {"a": text, "b": text + " More follows."}
    articles = [Article(i, f"{i}.jsonl", t, published="2021-03-07") for i, t in texts.items()]
    docs = dict(zip(texts, parse_many(texts.values()), strict=True))
    entities = find_entities(articles, docs)
    timexes = tuple(t for a in articles for t in find_timexes(a.text, a.id, a.published))
    claims = find_claims(articles, docs, entities, timexes)
    copied = Lineage((Derivation("b", "a", 0.9, "containment"),), (("a", "b"),))
    (entry,) = build_timeline(articles, docs, timexes, (), claims, entities, copied)
    assert entry.basis.endswith("(1 independent source)")
    (apart,) = build_timeline(
        articles, docs, timexes, (), claims, entities, Lineage((), (("a",), ("b",)))
    )
    assert "independent" not in apart.basis


def test_the_picture_says_how_many_days_a_step_of_its_axis_skips():
    from newsweave.model import TimelineEntry
    from newsweave.report.timeline import timeline_svg

    entries = tuple(
        TimelineEntry(day, f"Event {n}", ())
        for n, day in enumerate(("2024-05-01", "2024-05-02", "2024-05-20", "2024-06"))
    )
    from dataclasses import replace

    analysis = replace(_analysis([]), timeline=entries, publications=())
    svg = timeline_svg(analysis, {}, {})
    assert svg.count(" days</text>") == 1 and ">18 days</text>" in svg


def test_a_pronoun_object_is_never_the_subject_it_cannot_be():
    texts = {
        "a": "Ann Lee met the minister on Friday, 5 March 2021. "
        "Lee thanked her on Saturday, 6 March 2021. Lee praised herself on Sunday, 7 March 2021."
    }
    timeline, _ = _story_timeline(texts)
    events = {e.date: e.event for e in timeline}
    assert events["2021-03-06"] in ("Ann Lee thanks her", "Ann Lee thanks the minister")
    assert events["2021-03-07"] == "Ann Lee praises herself"


def test_an_event_whose_subject_is_the_speakers_own_i_or_we_is_not_on_the_timeline():
    texts = {
        "a": '"We searched the river on Friday, 5 March 2021," Ann Lee said. '
        "Divers found the car on Saturday, 6 March 2021."
    }
    timeline, claims = _story_timeline(texts)
    assert [e.event for e in timeline] == ["Divers find car"]
    assert any(c.value == "2021-03-05" for c in claims), "the date claim stays"


def test_an_event_whose_subject_only_points_at_its_sentence_is_not_on_the_timeline():
    texts = {
        "a": "Officials filed new reports. That tracks spending before the vote on Friday, "
        "5 March 2021. Divers found the car on Saturday, 6 March 2021."
    }
    timeline, _ = _story_timeline(texts)
    assert [e.event for e in timeline] == ["Divers find car"]


def test_a_month_name_in_the_date_names_no_event_and_a_count_agrees_as_what_it_counts():
    texts = {
        "a": "Thousands of people marched on Friday, 5 March 2021. "
        "A handful of voters met on Saturday, 6 March 2021. "
        "The number of deaths rose on Sunday, 7 March 2021."
    }
    timeline, _ = _story_timeline(texts)
    assert [e.event for e in timeline] == [
        "Thousands of people march",
        "Handful of voters meet",
        "Number of deaths rises",
    ]


def test_a_quotation_is_not_retold_and_the_speakers_own_heart_says_not_who():
    texts = {
        "a": 'Ann Lee lost her dog. "I wish he had taken me with him," Ann Lee wrote on '
        'Friday, 5 March 2021. "My heart was broken on Thursday, 4 March 2021," she said. '
        "Divers found the car on Saturday, 6 March 2021."
    }
    timeline, _ = _story_timeline(texts)
    assert [e.event for e in timeline] == ["Divers find car"]
