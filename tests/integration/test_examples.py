"""End to end on the bundled example corpus (four reports of one event)."""

from functools import cache
from pathlib import Path

import pytest

import newsweave
from newsweave.config import Settings
from newsweave.report.dossier import dossier_to_dict, validate_dossier

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@cache
def _dossier():
    return newsweave.analyze([EXAMPLES], Settings(db=":memory:"))


@pytest.fixture(scope="module")
def dossier():
    return _dossier()


@pytest.fixture(scope="module")
def data(dossier):
    return dossier_to_dict(dossier)


def _by_name(dossier):
    return {Path(a.source).name[:3]: a.id for a in dossier.articles}


def test_validates_against_the_shipped_schema(data):
    validate_dossier(data)
    assert data["rejected"] == []
    assert len(data["articles"]) == 4


def test_one_story_with_every_section(data):
    (story,) = data["stories"]
    for section in (
        "reuse",
        "derivations",
        "entities",
        "quotes",
        "timexes",
        "claims",
        "findings",
        "timeline",
        "summary",
        "groups",
    ):
        assert isinstance(story[section], list), section
    assert sorted(story["article_ids"]) == sorted(a["id"] for a in data["articles"])


def test_the_blog_derives_from_the_cnn_piece_and_three_sources_remain(dossier):
    ids = _by_name(dossier)
    (story,) = dossier.stories
    assert story.independent_sources == 3
    pairs = {(d.article, d.derived_from) for d in story.lineage.derivations}
    assert (ids["003"], ids["002"]) in pairs
    assert any(p.target == ids["003"] and p.source == ids["002"] for p in story.reuse)


def test_credit_lines_give_outlets(dossier):
    outlets = {Path(a.source).name[:3]: a.outlet for a in dossier.articles}
    assert outlets["000"] == "BBC" and outlets["002"] == "CNN"
    for article in dossier.articles:
        if article.outlet:
            assert article.basis.get("outlet")


def test_every_span_indexes_its_article(data):
    texts = {a["id"]: a["text"] for a in data["articles"]}

    def check(article, span):
        assert 0 <= span[0] <= span[1] <= len(texts[article])

    for story in data["stories"]:
        for p in story["reuse"]:
            check(p["source"], p["source_span"])
            check(p["target"], p["target_span"])
        for e in story["entities"]:
            for m in e["mentions"]:
                check(m["article"], m["span"])
        for q in story["quotes"]:
            check(q["article"], q["span"])
            assert texts[q["article"]][q["span"][0] : q["span"][1]] == q["text"]
        for t in story["timexes"]:
            assert texts[t["article"]][t["span"][0] : t["span"][1]] == t["text"]
        for c in story["claims"]:
            check(c["article"], c["span"])
        cited = [c for s in story["summary"] for c in s["citations"]]
        cited += [c for t in story["timeline"] for c in t["citations"]]
        cited += [c for f in story["findings"] for v in f["values"] for c in v["citations"]]
        for c in cited:
            check(c["article"], c["span"])


def test_summary_sentences_are_cited(data):
    (story,) = data["stories"]
    assert story["summary"]
    words = sum(len(s["text"].split()) for s in story["summary"])
    assert words <= 120 + 60  # the budget, give or take the last sentence
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for sentence in story["summary"]:
        first = sentence["citations"][0]
        assert texts[first["article"]][first["span"][0] : first["span"][1]] == sentence["text"]


def test_same_input_gives_the_same_dossier(data):
    again = dossier_to_dict(newsweave.analyze([EXAMPLES], Settings(db=":memory:")))
    assert again == data


def test_rerun_reuses_the_store(tmp_path):
    db = str(tmp_path / "nw.sqlite")
    first = dossier_to_dict(newsweave.analyze([EXAMPLES], Settings(db=db)))
    stages = []
    second = dossier_to_dict(
        newsweave.analyze([EXAMPLES], Settings(db=db), progress=lambda *a: stages.append(a))
    )
    assert first == second
    from newsweave.store import open_store

    with open_store(db) as store:
        assert store.count("runs") == 2
        assert store.count("texts") == 4
