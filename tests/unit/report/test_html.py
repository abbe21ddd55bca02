"""The report's templates: same content from hand-made records, self-contained, escaped."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import (
    Article,
    Citation,
    Derivation,
    Dossier,
    Entity,
    Finding,
    FindingValue,
    Lineage,
    Mention,
    Publication,
    Quote,
    QuoteGroup,
    ReusePassage,
    Span,
    Story,
    StoryAnalysis,
    SummarySentence,
    TimelineEntry,
)
from newsweave.report.html import render_fragment, render_html, render_story_fragment
from newsweave.report.views import (
    MAX_BOXES,
    MAX_PLACES,
    SECTIONS,
    StoryView,
    Window,
    article_labels,
    mark_text,
    passage_anchor,
    side_by_side,
)

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
TEXT_A = f"The council voted on Monday to close the bridge. {EVIL} Repairs start in May."
TEXT_B = "The council voted on Monday to shut the bridge. Repairs start in May, the mayor said."


def _dossier(directed: bool = True) -> Dossier:
    a = Article("a", "in/a.txt", TEXT_A, title=f"Bridge {EVIL}", outlet="<b>Daily</b>")
    b = Article("b", "in/b.txt", TEXT_B, outlet="Weekly", published="2024-05-02")
    first = Span(0, 48)
    passage = ReusePassage("a", "b", first, Span(0, 47), "near-verbatim", 0.9)
    if hasattr(passage, "directed"):
        passage = replace(passage, directed=directed)
    quote = Quote("q1", "b", Span(49, 70), TEXT_B[49:70], "e1", "the mayor", "Mayor", "said", "g1")
    analysis = StoryAnalysis(
        story=Story("s1", ("a", "b"), f"Bridge closes {EVIL}"),
        independent_sources=1,
        lineage=Lineage((Derivation("b", "a", 0.8, "dates"),), (("a", "b"),)),
        reuse=(passage,),
        publications=(Publication("a", None, "inferred", "2024-05-01", "2024-05-03"),),
        entities=(Entity("e1", "Mayor", "PERSON", ("mayor",), (Mention("b", Span(79, 84)),)),),
        quotes=(quote,),
        quote_groups=(QuoteGroup("g1", "e1", "Mayor", quote.text, ("q1",), ("b",), ("W",), 1),),
        findings=(
            Finding(
                "conflict",
                "date",
                "repairs",
                (
                    FindingValue(
                        "2024-05", ("a",), (Citation("a", Span(len(TEXT_A) - 21, len(TEXT_A))),), 1
                    ),
                    FindingValue("2024-06", ("b",), (Citation("b", Span(49, 70)),), 1),
                ),
                1,
            ),
        ),
        timeline=(TimelineEntry("2024-05-01", "Bridge closes", (Citation("a", first),)),),
        summary=(SummarySentence(TEXT_A[:48], (Citation("a", first), Citation("b", Span(0, 47)))),),
    )
    return Dossier((a, b), (), (), (analysis,), "test")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def test_report_is_self_contained_and_escaped() -> None:
    html = render_html(_dossier())
    assert html.startswith("<!DOCTYPE html>")
    tags = _tags(html)
    names = {t for t, _ in tags}
    assert not names & {"script", "img", "link", "iframe"}
    assert "<style>" in html and ".nw mark" in html
    assert "default-src 'none'" in html
    assert EVIL not in html and "<b>Daily</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert all(not k.startswith("on") for _, attrs in tags for k in attrs)


def test_every_citation_in_the_report_has_its_passage() -> None:
    html = render_html(_dossier())
    ids = {attrs.get("id") for _, attrs in _tags(html)}
    links = [attrs["href"] for t, attrs in _tags(html) if t == "a" and attrs.get("href", "")]
    inner = [h[1:] for h in links if h.startswith("#")]
    assert any(h.startswith("p-a-") for h in inner)
    assert set(inner) <= ids


def test_report_shows_every_section() -> None:
    html = render_html(_dossier())
    for heading in ("Summary", "Articles", "Who copied whom", "Reused passages", "Who said what",
                    "Agreements and conflicts", "Timeline", "People, organisations and places",
                    "Texts"):  # fmt: skip
        assert f"<h3>{heading}</h3>" in html, heading
    assert "source: " in html and "copy: " in html  # a directed pair
    assert "<svg" in html  # the lineage picture
    assert "conflict" in html and "2024-06" in html
    assert "Mayor" in html and "between 2024-05-01 and 2024-05-03" in html


def test_undirected_reuse_is_shared_wording_never_source_and_copy() -> None:
    dossier = _dossier(directed=False)
    if not hasattr(dossier.stories[0].reuse[0], "directed"):
        return  # the field has not landed: every pair reads as shared wording already
    html = render_html(dossier)
    section = html.split("<h3>Reused passages</h3>")[1].split("<h3>")[0]
    assert "shared wording" in section
    assert "source: " not in section and "copy: " not in section


def test_summary_flags_are_shown() -> None:
    dossier = _dossier()
    story = dossier.stories[0]
    flagged = SimpleNamespace(text="A flagged sentence.", citations=(), flags=("single source",))
    html = render_html(replace(dossier, stories=(replace(story, summary=(flagged,)),)))
    assert '<span class="flag">single source</span>' in html


def test_notebook_representations() -> None:
    dossier = _dossier()
    fragment = dossier._repr_html_()
    assert fragment.startswith('<div class="nw nw-notebook">') and "<html" not in fragment
    assert fragment == render_fragment(dossier)
    story = dossier.stories[0]._repr_html_()
    assert story.startswith('<div class="nw nw-notebook">') and "Bridge closes" in story
    assert story == render_story_fragment(dossier.stories[0])
    assert "&lt;script&gt;" in story and EVIL not in story


def test_labels_are_distinct() -> None:
    articles = [Article("x", "1.txt", "One two three four.", outlet="Wire"),
                Article("y", "2.txt", "Five six seven eight.", outlet="Wire")]  # fmt: skip
    labels = article_labels(articles)
    assert len(set(labels.values())) == 2
    assert all("txt" not in label for label in labels.values())


def test_story_view_without_texts_names_articles_by_id() -> None:
    story = _dossier().stories[0]
    view = StoryView(story, {})
    assert not view.has_texts
    assert [row.id for row in view.rows] == ["a", "b"]
    assert view.cites(story.summary[0].citations)[0].words == ""


def test_passage_anchor_needs_no_escaping() -> None:
    assert passage_anchor("a1b2", Span(3, 9)) == "p-a1b2-3-9"
    odd = passage_anchor('x"/ <y>_', Span(0, 1))
    assert re.fullmatch(r"p-[A-Za-z0-9._-]+-0-1", odd)
    assert passage_anchor("a_20_", Span(0, 1)) != passage_anchor("a ", Span(0, 1))


def test_side_by_side_marks_what_changed() -> None:
    left, right = side_by_side("the council voted to close it", "the council voted to shut it")
    assert ("del", "close") in left and ("ins", "shut") in right
    assert ("same", "the council voted to") in left


class _Pieces(HTMLParser):
    """Text of each passage (joined over its pieces) and of the whole, checking nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.passages: dict[str, list[str]] = {}
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        found = dict(attrs)
        self.stack.append(str(found["data-p"]))
        if "id" in found:
            assert found["id"] == found["data-p"]
            self.ids.append(str(found["id"]))

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark" and self.stack
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for anchor in set(self.stack):
            self.passages.setdefault(anchor, []).append(data)


@given(
    st.text(alphabet=st.sampled_from("ab <&>\"'\n"), max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_marked_text_keeps_text_and_every_passage_whole(text: str, pairs: list) -> None:
    spans = {Span(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in pairs}
    anchors = {s: passage_anchor("id", s) for s in spans}
    parser = _Pieces()
    parser.feed(str(mark_text(text, anchors)))
    parser.close()
    assert parser.stack == []
    assert "".join(parser.text) == text
    shown = {s for s in spans if s.start < s.end}
    assert sorted(parser.ids) == sorted(anchors[s] for s in shown)
    for span in shown:
        assert "".join(parser.passages[anchors[span]]) == span.slice(text)


def test_nested_passages_stay_whole_and_crossing_ones_are_cut() -> None:
    html = str(mark_text("abcdefghij", {Span(0, 6): "p1", Span(2, 4): "p2", Span(4, 9): "p3"}))
    assert html == (
        '<mark class="p" id="p1" data-p="p1">ab<mark class="p" id="p2" data-p="p2">cd</mark>'
        '<mark class="p" id="p3" data-p="p3">ef</mark></mark><mark class="p" data-p="p3">ghi'
        "</mark>j"
    )


def test_windows_cut_sections_and_say_where_the_rest_is() -> None:
    story = _dossier().stories[0]
    articles = {a.id: a for a in _dossier().articles}
    pages: list[tuple[str, int]] = []

    def href(section: str, page: int) -> str:
        pages.append((section, page))
        return f"/s?section={section}&page={page}"

    view = StoryView(
        story,
        articles,
        windows={"articles": Window(0, 1)},
        section_href=href,
        per_page=1,
        max_cites=2,
    )
    assert [row.id for row in view.shown("articles")] == ["a"]
    cut = view.cut("articles")
    assert cut is not None and (cut.total, cut.shown, cut.left_out) == (2, 1, 1)
    assert cut.counted == "2 articles" and cut.href == "/s?section=articles&page=1"
    assert view.cut("quotes") is None, "a section without a window is shown whole"
    # Four citations, two links allowed: one citation, then a link to the page holding the
    # sentence with all of them.
    four = story.summary[0].citations * 2
    first, link = view.cites(four, view.more("summary", story.summary[0]))
    assert first.article == "a" and first.span is not None
    assert link.label == "+3 copies" and link.href == "/s?section=summary&page=1"
    uncut = view.cites(four)  # no page to lead to: all on this one, copies folded in place
    assert sum(len(c.folded) or 1 for c in uncut) == 4 and uncut[-1].label == "+3 copies"
    second = StoryView(story, articles, windows={"articles": Window(1, 2)}, paged="articles")
    assert [row.id for row in second.shown("articles")] == ["b"]
    assert second.cut("articles") is None, "a section's own page says no more of it"


def test_the_report_shows_everything_but_the_longest_reuse() -> None:
    view = StoryView(_dossier().stories[0], {a.id: a for a in _dossier().articles})
    for section in SECTIONS:
        assert list(view.shown(section)) == list(view.items(section))
    assert view.draws_lineage
    html = render_html(_dossier())
    assert 'class="more"' not in html


def test_a_large_lineage_is_drawn_as_groups_first() -> None:
    ids = tuple(f"a{n}" for n in range(MAX_BOXES + 5))
    derivations = tuple(Derivation(i, "a0", 0.9, "dates") for i in ids[1:])
    story = StoryAnalysis(
        story=Story("s", ids, "Big"),
        independent_sources=1,
        lineage=Lineage(derivations, (ids,)),
    )
    articles = {i: Article(i, f"{i}.txt", f"Text {i}.", outlet=f"Outlet {i}") for i in ids}
    report = StoryView(story, articles)
    assert report.large_lineage and report.draws_lineage, "a report draws both pictures"
    web = StoryView(story, articles, windows={}, section_href=lambda s, p: f"/x?{s}={p}")
    assert web.large_lineage and not web.draws_lineage, "a story page leaves the graph out"
    html = render_story_fragment(story, articles)
    assert 'aria-label="lineage groups"' in html and 'aria-label="lineage of copies"' in html
    assert html.index("lineage groups") < html.index("lineage of copies")


def test_a_report_lists_what_a_web_page_counts() -> None:
    ids = tuple(f"a{n}" for n in range(MAX_PLACES + 3))
    mentions = tuple(Mention(i, Span(0, 4)) for i in ids)
    value = FindingValue("7", ids, tuple(Citation(i, Span(0, 4)) for i in ids), 1)
    story = StoryAnalysis(
        story=Story("s", ids, "Big"),
        independent_sources=len(ids),
        lineage=Lineage((), tuple((i,) for i in ids)),
        entities=(Entity("e1", "Name", "PERSON", (), mentions),),
        findings=(Finding("agreement", "count", "people", (value,), len(ids)),),
    )
    articles = {i: Article(i, f"{i}.txt", f"Text {i}.", outlet=f"Outlet {i}") for i in ids}
    report = render_story_fragment(story, articles)
    assert "more" not in report.split("People, organisations")[1]
    assert report.count("<q>Text</q>") == len(ids), "every cited passage's words"
    web = StoryView(story, articles, section_href=lambda s, p: f"/x?{s}={p}").prepare()
    ((_, _, where),) = web.entities
    assert where.endswith(" and 3 more")
    assert set(web._place_maps) == set(SECTIONS), "a prepared view is only read after"


def test_a_cut_citation_list_shows_each_independent_source_first() -> None:
    ids = ("a", "b", "c", "d")
    story = StoryAnalysis(
        story=Story("s", ids, "Story"),
        independent_sources=2,
        lineage=Lineage((), (("a", "b", "c"), ("d",))),
    )
    articles = {i: Article(i, f"{i}.txt", f"Text {i}.", outlet=f"Outlet {i}") for i in ids}
    view = StoryView(story, articles, section_href=lambda s, p: "/all", max_cites=3)
    citations = [Citation(i, Span(0, 4)) for i in ids]
    shown = view.cites(citations, "/all")
    assert [c.article for c in shown] == ["a", "d", ""], "a reprint of a waits for d"
    assert shown[-1].label == "+2 copies", "the rest are copies of a lineage shown"
    tight = StoryView(story, articles, section_href=lambda s, p: "/all", max_cites=2)
    assert [c.label for c in tight.cites(citations, "/all")] == ["Outlet a", "+3 more"]
    assert [c.article for c in view.cites(citations)] == list(ids), "uncut: in order"


def test_a_report_folds_the_copies_of_a_cited_lineage_behind_one_link() -> None:
    ids = ("a", "b", "c", "d", "e", "f")
    derivations = tuple(Derivation(i, "a", 0.9, "dates") for i in ("b", "c", "d", "e"))
    story = StoryAnalysis(
        story=Story("s", ids, "Story"),
        independent_sources=2,
        lineage=Lineage(derivations, (("a", "b", "c", "d", "e"), ("f",))),
        summary=(
            SummarySentence(
                "A wire text and forty reprints.",
                tuple(Citation(i, Span(0, 4)) for i in ("c", "b", "a", "f", "d", "e")),
            ),
        ),
    )
    articles = {i: Article(i, f"{i}.txt", f"Text {i}.", outlet=f"Outlet {i}") for i in ids}
    articles["d"] = Article("d", "d.txt", "Text d.", outlet='<script>alert("d")</script>')
    view = StoryView(story, articles)
    shown = view.cites(story.summary[0].citations)
    assert [c.article for c in shown] == ["a", "f", ""], "the original, not its first reprint"
    assert shown[-1].label == "+4 copies"
    assert [c.article for c in shown[-1].folded] == ["c", "b", "d", "e"]
    html = render_story_fragment(story, articles)
    folded = re.findall(r'<details class="copies">(.*?)</details>', html)
    assert len(folded) == 1 and folded[0].count('class="cite"') == 4
    assert "<script>alert" not in html and "&lt;script&gt;" in folded[0]
    web = StoryView(story, articles, section_href=lambda s, p: "/all", max_cites=3)
    assert [c.article for c in web.cites(story.summary[0].citations, "/all")] == ["a", "f", ""]
    assert web.cites(story.summary[0].citations, "/all")[-1].label == "+4 copies"


def test_a_story_page_has_a_table_of_contents() -> None:
    html = render_story_fragment(_dossier().stories[0], {a.id: a for a in _dossier().articles})
    anchors = re.findall(r'<nav class="contents"[^>]*>(.*?)</nav>', html)[0]
    for target in re.findall(r'href="#([^"]+)"', anchors):
        assert f'id="{target}"' in html
    assert "Who said what" in anchors and "Texts" in anchors


def test_an_agreement_of_several_values_reads_as_compatible() -> None:
    dossier = _dossier()
    analysis = dossier.stories[0]
    conflict = analysis.findings[0]
    roles = replace(conflict, kind="agreement", slot="role", subject="Mayor")
    one = replace(conflict, kind="agreement", values=conflict.values[:1])
    dossier = replace(dossier, stories=(replace(analysis, findings=(roles, one)),))
    cells = re.findall(r'<tr class="agreement"><td>(.*?)</td>', render_html(dossier))
    assert sorted(re.sub(r"<[^>]+>", "", c) for c in cells) == ["agreement", "compatible"]


def test_the_same_words_given_to_two_speakers_are_said_to_be_disputed() -> None:
    from newsweave.model import Quote, QuoteGroup

    words = "This bridge is long overdue and will serve the town"
    mayor = Quote("q1", "a", Span(0, 10), words, "e1", "the mayor", "Ann Lee", "said", "g1")
    councillor = Quote("q2", "b", Span(0, 10), words[:30], "e2", "he", "Tom Baker", "said", "g2")
    dossier = _dossier()
    analysis = replace(
        dossier.stories[0],
        quotes=(mayor, councillor),
        quote_groups=(
            QuoteGroup("g1", "e1", "Ann Lee", words, ("q1",), ("a",), ("Daily",), 1),
            QuoteGroup("g2", "e2", "Tom Baker", words[:30], ("q2",), ("b",), ("Weekly",), 1),
        ),
    )
    html = render_html(replace(dossier, stories=(analysis,)))
    disputed = re.findall(r'class="disputed">([^<]*)', html)
    assert sorted(disputed) == [
        "the same words are given to Ann Lee by &lt;b&gt;Daily&lt;/b&gt;",
        "the same words are given to Tom Baker by Weekly",
    ]


def test_a_coarser_value_of_a_conflict_is_not_shown_as_a_side() -> None:
    dossier = _dossier()
    analysis = dossier.stories[0]
    conflict = analysis.findings[0]
    day_a = replace(conflict.values[0], value="2024-05-01")
    day_b = replace(conflict.values[1], value="2024-05-02")
    month = replace(conflict.values[0], value="2024-05")
    three = replace(conflict, values=(day_a, day_b, month))
    html = render_html(replace(dossier, stories=(replace(analysis, findings=(three,)),)))
    assert html.count("fits every other value") == 1
