from newsweave.model import Article, Lineage, Segmentation, Span
from newsweave.summarize.cited import _is_dangling, summarize


def _article(id_, sentences):
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence)))
        start += len(sentence) + 1
    return Article(id=id_, source=id_, text=text), Segmentation(
        id_, (Span(0, len(text)),), tuple(spans)
    )


A = [
    "The parliament of Ruritania voted on Tuesday to remove the prime minister from office.",
    "Riots broke out in the capital after the vote was announced late at night.",
    "Cats are popular pets in many countries of the world today.",
]
B = [
    "Ruritania's parliament voted to remove the prime minister from office on Tuesday.",
    "The opposition leader will form a caretaker government until new elections are held.",
]
C = [
    "Lawmakers in Ruritania voted on Tuesday to remove the prime minister from office.",
    "Riots broke out in the capital after the vote was announced.",
]


def _inputs():
    pairs = [_article("a", A), _article("b", B), _article("c", C)]
    return [p[0] for p in pairs], {p[1].article: p[1] for p in pairs}


def test_most_supported_sentence_first_with_all_its_citations():
    articles, segs = _inputs()
    lineage = Lineage((), (("a",), ("b",), ("c",)))
    summary = summarize(articles, segs, lineage, 40)
    assert "remove the prime minister" in summary[0].text
    assert {c.article for c in summary[0].citations} == {"a", "b", "c"}
    for sentence in summary:
        first = sentence.citations[0]
        text = {a.id: a.text for a in articles}[first.article]
        assert first.span.slice(text) == sentence.text


def test_copies_do_not_count_as_support():
    articles, segs = _inputs()
    independent = summarize(articles, segs, Lineage((), (("a",), ("b",), ("c",))), 200)
    copied = summarize(articles, segs, Lineage((), (("a", "b", "c"),)), 200)
    assert len(independent) >= 3 and len(copied) >= 3


def test_budget_and_no_repeats():
    articles, segs = _inputs()
    summary = summarize(articles, segs, Lineage((), (("a",), ("b",), ("c",))), 20)
    assert len(summary) == 1
    texts = [s.text for s in summarize(articles, segs, Lineage((), (("a",), ("b",), ("c",))), 500)]
    assert sum("remove the prime minister" in t for t in texts) == 1


def test_empty_story():
    assert summarize([], {}, Lineage((), ()), 50) == ()


def test_dangling_openings():
    assert _is_dangling("“We will win,” he said.")
    assert _is_dangling("In a tweet, he said he would return.")
    assert not _is_dangling("Minister Ana Ruiz said she would return.")
    assert not _is_dangling("In Paris, Ms Smith said she would return.")


def test_support_candidates_hold_every_pair_above_the_threshold():
    from newsweave.summarize.cited import SUPPORT_SIMILARITY, _candidates, _cosine, _vectorise

    lines = [
        "The mayor opened the new bridge over the river on Monday morning.",
        "On Monday morning the mayor opened a new bridge over the river.",
        "Officials said the bridge cost twelve million dollars to build.",
        "The bridge cost twelve million dollars, officials said on Monday.",
        "Heavy rain is expected across the region later this week.",
    ]
    articles, segmentations = [], {}
    for i, line in enumerate(lines):
        articles.append(Article(id=f"a{i}", source=f"a{i}", text=line))
        segmentations[f"a{i}"] = Segmentation(f"a{i}", (), (Span(0, len(line)),))
    sentences = _vectorise(articles, segmentations)
    found = _candidates(sentences)
    for i, sentence in enumerate(sentences):
        above = [
            j
            for j, other in enumerate(sentences)
            if _cosine(sentence.vector, other.vector) >= SUPPORT_SIMILARITY
        ]
        assert set(above) <= set(found[i])
