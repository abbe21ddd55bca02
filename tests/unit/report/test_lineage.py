import re

import pytest

from newsweave.model import (
    Article,
    Derivation,
    Lineage,
    Quote,
    ReusePassage,
    Span,
    Story,
    StoryAnalysis,
)
from newsweave.report.labels import article_labels
from newsweave.report.lineage import (
    CHAR_WIDTH,
    LINE_CHARS,
    MAX_BARS,
    drawn_links,
    lineage_statement,
    render_lineage,
    render_lineage_groups,
    render_reuse,
    wrap_label,
)

HOSTILE = '<script>alert("x")</script>'


def _story(ids, derivations=(), groups=None, reuse=(), quotes=(), undirected=()):
    lineage = Lineage(tuple(derivations), tuple(groups or ((i,) for i in ids)), tuple(undirected))
    return StoryAnalysis(
        story=Story("s", tuple(ids), "h"),
        independent_sources=len(lineage.groups),
        lineage=lineage,
        reuse=tuple(reuse),
        quotes=tuple(quotes),
    )


def _articles(ids, outlet=None):
    return {
        i: Article(i, f"{i}.jsonl", f"text of {i} " * 20, outlet=outlet and f"{outlet} {i}")
        for i in ids
    }


@pytest.mark.parametrize("count", [2, 5, 9])
def test_no_derivation_is_one_line_not_unconnected_boxes(count):
    ids = [f"a{n}" for n in range(count)]
    html = render_lineage(_story(ids), _articles(ids))
    assert "<svg" not in html and "<rect" not in html
    assert f"{count} independent reports" in html
    assert (
        lineage_statement(_story(ids))
        == f"No article derives from another: {count} independent reports."
    )


def test_boxes_fit_their_names_and_the_share_sits_beside_the_arrow():
    ids = ["src", "copy", "alone"]
    long_outlet = "The Extraordinarily Long-Named Evening Chronicle of Somewhere"
    articles = _articles(ids, outlet=long_outlet)
    story = _story(
        ids, [Derivation("copy", "src", 0.62, "containment")], (("src", "copy"), ("alone",))
    )
    html = render_lineage(story, articles)
    for rect, texts in re.findall(
        r'<rect x="[\d.-]+" y="[\d.-]+" width="([\d.]+)"[^>]*/>((?:<text[^>]*font-size="13"[^>]*>[^<]*</text>)+)',
        html,
    ):
        for line in re.findall(r">([^<]*)</text>", texts):
            assert len(line) <= LINE_CHARS
            assert len(line) * CHAR_WIDTH <= float(rect)
    assert f"{long_outlet} src (src)</title>" in html  # the whole name in the tooltip
    (line,) = re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"', html)
    (label,) = re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>62%</text>', html)
    x1, y1, x2, y2 = map(float, line)
    lx, ly = map(float, label)
    # distance of the label's anchor from the arrow's line is at least the offset
    distance = (
        abs((x2 - x1) * (y1 - ly) - (x1 - lx) * (y2 - y1))
        / ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    )
    assert distance >= 8
    unlinked = html.split("</svg>")[1]  # the unlinked article is named in a line, not boxed
    assert article_labels(articles.values())["alone"] in unlinked


def test_every_article_string_is_escaped():
    ids = ["a", "b"]
    articles = {
        i: Article(i, f"{i}.txt", f"{HOSTILE} words {i} " * 5, outlet=HOSTILE + i) for i in ids
    }
    story = _story(ids, [Derivation("b", "a", 0.9, "containment")], (("a", "b"),))
    passage = ReusePassage("a", "b", Span(0, 40), Span(0, 40), "verbatim", 1.0, directed=True)
    for html in (
        render_lineage(story, articles),
        render_reuse(_story(ids, reuse=[passage]), articles),
    ):
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_shared_wording_is_never_called_a_copy():
    ids = ["a", "b"]
    articles = _articles(ids)
    shared = ReusePassage("a", "b", Span(0, 30), Span(0, 30), "paraphrase", 0.5)
    quote = Quote("q1", "a", Span(5, 25), "x", None, "he", "Ann Lee", None, group="g")
    other = Quote("q2", "b", Span(5, 25), "x", None, "he", "Ann Lee", None, group="g")
    html = render_reuse(_story(ids, reuse=[shared], quotes=[quote, other]), articles)
    assert "copy:" not in html and "source:" not in html
    assert "shared wording" in html and "in a quote of Ann Lee" in html
    directed = ReusePassage("a", "b", Span(0, 30), Span(0, 30), "verbatim", 1.0, directed=True)
    assert "copy:" in render_reuse(_story(ids, reuse=[directed]), articles)


def test_wrap_label_keeps_words_and_cuts_what_does_not_fit():
    for name in (
        "A B C",
        "Evening Chronicle of the North",
        "Supercalifragilisticexpialidocious news",
    ):
        lines = wrap_label(name, 12, 2)
        assert 1 <= len(lines) <= 2 and all(len(x) <= 12 for x in lines)
        if len(name) <= 12:
            assert lines == (name,)


def test_lineage_groups_are_bars_named_by_their_source_largest_first():
    ids = [f"a{n}" for n in range(40)]
    # a0 is copied by a1..a19 (one group of 20); a20 by a21..a24 (5); the rest alone.
    derivations = [Derivation(f"a{n}", "a0", 0.9, "dates") for n in range(1, 20)]
    derivations += [Derivation(f"a{n}", "a20", 0.9, "dates") for n in range(21, 25)]
    groups = [tuple(ids[20:25]), tuple(ids[:20])] + [(i,) for i in ids[25:]]
    story = _story(ids, derivations, groups)
    articles = _articles(ids, outlet=HOSTILE)
    labels = article_labels(articles.values())
    html = render_lineage_groups(story, articles, labels)
    assert HOSTILE not in html and "&lt;script&gt;" in html
    bars = re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', html)
    assert len(bars) == MAX_BARS and int(bars[0]) > int(bars[1]) >= int(bars[2])
    assert html.index("20 articles, 19 copies") < html.index("5 articles, 4 copies")
    assert html.count(">1 article<") == MAX_BARS - 2
    assert "and 2 more groups of 2 articles (1 at most)" in html
    assert f"<b>{len(groups)}</b> independent group(s) among 40 articles" in html


def test_copies_that_take_from_each_other_are_drawn_as_a_tree():
    # a wire text w, its copies a-d (each also found in the others), an exact copy e of w
    # (shared text, no direction) and f, which takes most from a and a little from b
    ids = ("w", "a", "b", "c", "d", "e", "f")
    derivations = [Derivation(x, "w", 0.95, "dates") for x in "abcd"]
    derivations += [Derivation(y, x, 0.9, "dates") for x in "abcd" for y in "abcd" if x < y]
    derivations += [Derivation("f", "a", 0.6, "dates"), Derivation("f", "b", 0.3, "dates")]
    undirected = [("w", "e", 1.0, 1.0), ("a", "e", 0.95, 0.95)]
    story = _story(ids, derivations, groups=(ids,), undirected=undirected)
    drawn = drawn_links(story.lineage)
    assert {(d.derived_from, d.article) for d in drawn.derivations} == {
        ("w", "a"),
        ("w", "b"),
        ("w", "c"),
        ("w", "d"),
        ("a", "f"),
    }
    assert drawn.undirected == (("w", "e", 1.0, 1.0),) and drawn.groups == story.lineage.groups
    svg = render_lineage(story, _articles(ids))
    assert svg.count("<line") == 6 and "8 more links" in svg
    # a second source is drawn when it is the only way to reach an article
    lone = _story(("x", "y", "z"), [Derivation("y", "x", 0.9, "d"), Derivation("y", "z", 0.2, "d")])
    assert len(drawn_links(lone.lineage).derivations) == 2
